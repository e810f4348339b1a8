// One update document → a validated record: parse (text, HTML or Markdown), then the update schema, every issue at its source line.
import type { ParserSettings, SourceFormat, SourceSpec } from './config.js';
import type { Ingested } from './ingest.js';
import type { Registry } from './organisations.js';
import { formatOf, loadReader, parseSource } from './parse/index.js';
import type { UpdateRecord } from './record.js';
import type { Issue } from './report.js';
import type { Validator } from './validate.js';

export interface DocumentEnvironment {
  registry: Registry;
  settings: ParserSettings;
  validator: Validator;
}

export interface DocumentOptions {
  /** The registry entry of the source: what the document does not state, checked against what it does. */
  spec?: SourceSpec;
  /** The title of the plan the registry files the source under. */
  planTitle?: string;
  /** Default: the registry's format, else from the file name. */
  format?: SourceFormat;
}

/** Parses and validates one document; schema issues point at the source line of the action or theme they are about. */
export async function readDocument(ingested: Ingested, env: DocumentEnvironment, options: DocumentOptions = {}): Promise<{ record: UpdateRecord; issues: Issue[] }> {
  await loadReader(options.format ?? options.spec?.format ?? formatOf(ingested.place));
  const { record, issues } = parseSource(ingested, { registry: env.registry, settings: env.settings }, options.spec, options.planTitle, options.format ?? options.spec?.format);
  const lineOf = (pointer: string) => {
    const action = /^\/actions\/(\d+)/.exec(pointer);
    if (action) return record.actions[Number(action[1])]?.sourceLines[0];
    const theme = /^\/themes\/(\d+)/.exec(pointer);
    return theme ? record.themes[Number(theme[1])]?.sourceLine : 1;
  };
  return { record, issues: withoutEchoes([...issues, ...env.validator.validate('update', record, ingested.place, lineOf)]) };
}

/**
 * Drops schema errors that only repeat a parse error already reported for the same line and field
 * (an action without holders also fails `minItems` on actionHolders).
 */
export function withoutEchoes(issues: Issue[]): Issue[] {
  const parseErrors = issues.filter((i) => i.type !== 'schema-invalid' && i.severity === 'error');
  return issues.filter((i) => i.type !== 'schema-invalid' || !parseErrors.some((p) => p.line === i.line && p.field !== undefined && i.field?.startsWith(p.field)));
}
