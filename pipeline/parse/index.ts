// Parse stage: turns an ingested source into an UpdateRecord plus the issues found on the way.
import type { ParserSettings, SourceSpec } from '../config.js';
import type { Ingested } from '../ingest.js';
import type { Registry } from '../organisations.js';
import { issue, type Issue } from '../report.js';
import { textToBlocks } from './blocks.js';
import { parseUpdate, type ParseResult } from './update.js';

export interface ParseEnvironment {
  registry: Registry;
  settings: ParserSettings;
}

/** Compiles the parser settings' patterns once. */
export function footerPatterns(settings: ParserSettings): RegExp[] {
  return settings.footerStart.map((source) => new RegExp(source, 'u'));
}

/**
 * Parses one source. `spec` (from the source registry) supplies what the document does not state,
 * such as its publication date, and is checked against what it does state.
 */
export function parseSource(ingested: Ingested, env: ParseEnvironment, spec?: SourceSpec, planTitle?: string): ParseResult {
  const blocks = textToBlocks(ingested.text);
  const result = parseUpdate(blocks, {
    place: ingested.place,
    format: 'text',
    sha256: ingested.sha256,
    lines: ingested.text.split('\n').length,
    endsWithNewline: ingested.endsWithNewline,
    registry: env.registry,
    footerStart: footerPatterns(env.settings),
    leadingWords: env.settings.leadingWords,
  });
  const { record, issues } = result;
  if (spec) reconcile(record, issues, spec, ingested.place, planTitle);
  return result;
}

function reconcile(record: ParseResult['record'], issues: Issue[], spec: SourceSpec, place: string, planTitle?: string): void {
  const titleLine = { source: place, line: 1 };
  if (planTitle) {
    if (record.plan === '') record.plan = planTitle;
    else if (record.plan !== planTitle)
      issues.push(issue('plan-mismatch', 'the document belongs to another plan than the source registry says', { ...titleLine, field: 'plan' }, { expected: JSON.stringify(planTitle), found: JSON.stringify(record.plan) }));
  }
  if (record.updateNumber === null) record.updateNumber = spec.updateNumber;
  else if (spec.updateNumber !== null && spec.updateNumber !== record.updateNumber)
    issues.push(issue('update-number-mismatch', 'the document has another update number than the source registry says', { ...titleLine, field: 'updateNumber' }, { expected: String(spec.updateNumber), found: String(record.updateNumber) }));
  if (record.published === null) record.published = spec.published;
  if (record.published === null && spec.publishedRange) record.publishedRange = { ...spec.publishedRange };
}
