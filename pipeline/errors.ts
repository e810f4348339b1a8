// The one error class of ontsluit: a kebab-case code, a location and what was expected and found.
import type { Issue } from './report.js';

/** Every failure ontsluit can report, fatal or per record. */
export type ErrorCode =
  | 'config-invalid'
  | 'config-unreadable'
  | 'source-missing'
  | 'source-empty'
  | 'source-binary'
  | 'source-encoding'
  | 'source-truncated'
  | 'no-title'
  | 'no-actions'
  | 'missing-action-holder'
  | 'empty-action'
  | 'duplicate-action'
  | 'duplicate-update'
  | 'theme-order'
  | 'invalid-date'
  | 'unknown-action'
  | 'missing-actions'
  | 'empty-theme'
  | 'duplicate-theme'
  | 'plan-mismatch'
  | 'update-number-mismatch'
  | 'unknown-organisation'
  | 'schema-invalid'
  | 'release-invalid'
  | 'check-failed'
  | 'fetch-failed'
  | 'fetch-too-large'
  | 'fetch-content-type'
  | 'fetch-redirects'
  | 'fetch-forbidden'
  | 'fetch-truncated'
  | 'fetch-status'
  | 'query-invalid'
  | 'query-not-allowed'
  | 'query-timeout'
  | 'query-too-large'
  | 'store-unauthorized'
  | 'store-forbidden'
  | 'store-failed'
  | 'store-unreachable'
  | 'publish-failed'
  | 'usage';

/** Where a problem is: the file (or URL), and if known the line, JSON pointer and field. */
export interface Location {
  source: string;
  line?: number;
  pointer?: string;
  field?: string;
}

export interface ErrorDetails {
  location?: Location;
  expected?: string;
  found?: string;
  cause?: unknown;
  /** For an error that stands for several problems (a config file with three mistakes): each of them. */
  issues?: Issue[];
}

/** Formats a location as `file:line (field at /pointer)`. */
export function formatLocation(location: Location): string {
  let text = location.source;
  if (location.line !== undefined) text += `:${location.line}`;
  const where: string[] = [];
  if (location.field) where.push(`field ${location.field}`);
  if (location.pointer !== undefined) where.push(`at ${location.pointer === '' ? '/' : location.pointer}`);
  return where.length ? `${text} (${where.join(' ')})` : text;
}

export class OntsluitError extends Error {
  readonly code: ErrorCode;
  readonly location: Location | undefined;
  readonly expected: string | undefined;
  readonly found: string | undefined;
  readonly issues: Issue[];

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'OntsluitError';
    this.code = code;
    this.location = details.location;
    this.expected = details.expected;
    this.found = details.found;
    this.issues = details.issues ?? [];
  }

  /** `file:line: message (expected …, found …) [code]`, the form printed to users. */
  describe(): string {
    const where = this.location ? `${formatLocation(this.location)}: ` : '';
    const what = [this.expected && `expected ${this.expected}`, this.found !== undefined && `found ${this.found}`]
      .filter(Boolean)
      .join(', ');
    return `${where}${this.message}${what ? ` (${what})` : ''} [${this.code}]`;
  }
}

/** Shortens a value for use in a message: at most `max` characters, on one line, quoted. */
export function quote(value: unknown, max = 60): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const oneLine = text.replace(/\s+/g, ' ');
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine);
}
