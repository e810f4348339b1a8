// Parse stage: turns an ingested source into an UpdateRecord plus the issues found on the way.
import type { ParserSettings, SourceFormat, SourceSpec } from '../config.js';
import { OntsluitError } from '../errors.js';
import type { Registry } from '../organisations.js';
import { issue, type Issue } from '../report.js';
import { textToBlocks, type SourceDocument } from './blocks.js';
import { checkLimits, checkSize, Deadline } from './limits.js';
import { parseLimits } from '../options.js';
import { parseUpdate, type ParseResult } from './update.js';

export type { SourceFormat } from '../config.js';

/** What the parser needs of an ingested source (see ingest.ts): its place, text and digest. */
export interface ParseInput {
  place: string;
  text: string;
  sha256: string;
  endsWithNewline: boolean;
  /** The UTF-8 length of `text` when known without reading it (an ingested source): the size limit is then checked before the text is decoded. */
  textBytes?: number;
}

type Reader = (text: string, deadline?: Deadline) => SourceDocument;

/** The reader of each format; HTML (cheerio) and Markdown (remark) are loaded by `loadReader` when first needed. */
const readers: Partial<Record<SourceFormat, Reader>> = { text: (text) => ({ blocks: textToBlocks(text), published: null }) };

/** Loads the reader of a format (and its library) before a document of that format is parsed. */
export async function loadReader(format: SourceFormat): Promise<void> {
  if (format === 'html') readers.html ??= (await import('./html.js')).htmlToDocument;
  if (format === 'markdown') readers.markdown ??= (await import('./markdown.js')).markdownToDocument;
}

/** Reads a document of any format into the one block model the update parser works on. */
export function toDocument(text: string, format: SourceFormat, deadline?: Deadline): SourceDocument {
  const reader = readers[format];
  if (!reader) throw new OntsluitError('internal-error', `the ${format} reader is not loaded (call loadReader first)`);
  return reader(text, deadline);
}

/** The format of a file or URL from its extension (text for anything else). */
export function formatOf(place: string): SourceFormat {
  const path = place.replace(/[?#].*$/, '').toLowerCase();
  if (/\.(html?|xhtml)$/.test(path)) return 'html';
  if (/\.(md|markdown)$/.test(path)) return 'markdown';
  return 'text';
}

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
 * such as its publication date, and is checked against what it does state. A source beyond the
 * limits of the settings (size, lines, nesting depth, parse time) throws an OntsluitError at its file
 * and line: it is refused before any parser sees it, or when its parse time budget is spent.
 */
export function parseSource(ingested: ParseInput, env: ParseEnvironment, spec?: SourceSpec, planTitle?: string, format: SourceFormat = spec?.format ?? formatOf(ingested.place)): ParseResult {
  const limits = parseLimits(env.settings);
  checkSize(ingested.place, ingested.textBytes ?? Buffer.byteLength(ingested.text), limits);
  checkLimits({ place: ingested.place, text: ingested.text }, format, limits);
  const deadline = new Deadline(ingested.place, limits.parseTimeMs);
  const document = toDocument(ingested.text, format, deadline);
  const chrome = env.settings.dropParagraphs.map((source) => new RegExp(source, 'u'));
  const result = parseUpdate(document.blocks.filter((b) => !chrome.some((re) => re.test(b.text))), {
    place: ingested.place,
    format,
    sha256: ingested.sha256,
    lines: ingested.text.split('\n').length,
    // Markup ends in a closing tag or a list, not in a sentence: only plain text is checked for a cut-off last line.
    endsWithNewline: format === 'text' ? ingested.endsWithNewline : true,
    registry: env.registry,
    footerStart: footerPatterns(env.settings),
    leadingWords: env.settings.leadingWords,
  });
  deadline.check(undefined, true);
  const { record, issues } = result;
  if (format === 'html' && /<html[\s>]/i.test(ingested.text) && !/<\/html>\s*$/i.test(ingested.text))
    issues.push(issue('source-truncated', 'the HTML page ends before its closing </html> tag', { source: ingested.place, line: ingested.text.split('\n').length }, { expected: 'a complete page ending in </html>', found: JSON.stringify(ingested.text.trimEnd().slice(-40)) }));
  if (record.published === null && document.published) record.published = document.published;
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
