// The one error class of ontsluit and the catalogue of its codes: exit code, HTTP status, title and meaning of each.

/** What every code means to a person, a shell and an HTTP client. `exit` is the process exit code. */
interface ErrorSpec {
  exit: 1 | 2 | 3;
  http: number;
  title: string;
  doc: string;
}

/** Exit codes: 0 done, 1 invalid data (nothing published), 2 usage or configuration, 3 failure while reading or writing. */
export const EXIT = { ok: 0, invalid: 1, usage: 2, failure: 3 } as const;

/**
 * Every failure ontsluit can report, fatal or per record, declared once. The README's table of codes
 * is tested against this list (`npm run errors` prints it).
 */
export const ERRORS = {
  'config-invalid': { exit: 2, http: 500, title: 'configuration is not valid', doc: 'A file in data/ does not match its JSON Schema, or two files disagree (a source names an unknown plan, a duplicate id).' },
  'config-unreadable': { exit: 2, http: 500, title: 'configuration cannot be read', doc: 'A file in data/ is missing or is not JSON.' },
  usage: { exit: 2, http: 400, title: 'wrong use of the command', doc: 'An option or argument is missing or out of range, or a directory is not what the command needs.' },
  'source-missing': { exit: 1, http: 422, title: 'source file not found', doc: 'A source in the registry names a file that does not exist.' },
  'source-empty': { exit: 1, http: 422, title: 'source is empty', doc: 'The source holds no text, or only white space.' },
  'source-binary': { exit: 1, http: 422, title: 'source is not text', doc: 'The source holds NUL bytes: it is a binary file, not an update page.' },
  'source-encoding': { exit: 1, http: 422, title: 'source is not UTF-8', doc: 'The source has bytes that are not UTF-8 (e.g. Windows-1252), so no character is guessed.' },
  'source-truncated': { exit: 1, http: 422, title: 'source is cut off', doc: 'The source ends in the middle of a character, a sentence or an action.' },
  'source-too-large': { exit: 1, http: 422, title: 'source too large', doc: 'The source has more bytes than limits.maxSourceBytes of data/parser.json (default 5,000,000).' },
  'source-too-long': { exit: 1, http: 422, title: 'source has too many lines', doc: 'The source has more lines than limits.maxLines of data/parser.json (default 50,000).' },
  'source-too-deep': { exit: 1, http: 422, title: 'source nests too deep', doc: 'Elements, block quotes, lists or brackets of the source nest deeper than limits.maxNestingDepth of data/parser.json (default 100).' },
  'source-too-many-cells': { exit: 1, http: 422, title: 'source has too many table cells', doc: 'The Markdown tables of the source have more cells than limits.maxTableCells of data/parser.json (default 20,000): each cell costs the Markdown reader as much as a paragraph.' },
  'parse-too-slow': { exit: 1, http: 422, title: 'source takes too long to parse', doc: 'Parsing the source took longer than limits.parseTimeMs of data/parser.json (default 10,000 ms).' },
  'no-title': { exit: 1, http: 422, title: 'no update title', doc: 'No "Update #N" title was found.' },
  'no-actions': { exit: 1, http: 422, title: 'no action points', doc: 'The document has no numbered action points.' },
  'missing-action-holder': { exit: 1, http: 422, title: 'action without holder', doc: 'An action point has no "Actiehouder:" line.' },
  'empty-action': { exit: 1, http: 422, title: 'action without text', doc: 'An action point has a title but no status text.' },
  'duplicate-action': { exit: 1, http: 422, title: 'action number used twice', doc: 'Two action points in one update carry the same number.' },
  'duplicate-update': { exit: 1, http: 422, title: 'update listed twice', doc: 'Two sources give the same plan and update number.' },
  'theme-order': { exit: 1, http: 422, title: 'themes out of order', doc: 'The Roman numerals of the themes do not rise.' },
  'invalid-date': { exit: 1, http: 422, title: 'not a real date', doc: 'A date in the source or the registry does not exist (31 June) or is out of range.' },
  'unknown-action': { exit: 1, http: 422, title: 'action not in the plan', doc: 'An update names an action number that data/plans.json does not list for its plan.' },
  'missing-actions': { exit: 1, http: 422, title: 'actions missing', doc: 'An update has no entry for some actions of its plan (an error unless the source registry marks the update partial, with a reason), or drops an action the previous update had.' },
  'wrong-theme': { exit: 1, http: 422, title: 'action under another theme', doc: 'An update files an action under another theme than data/plans.json gives it.' },
  'missing-theme': { exit: 1, http: 422, title: 'theme missing', doc: 'An update lacks a theme that data/plans.json gives its actions (unless the source registry marks the update partial).' },
  'empty-theme': { exit: 1, http: 422, title: 'theme without actions', doc: 'A theme heading is followed by no action point.' },
  'duplicate-theme': { exit: 1, http: 422, title: 'theme listed twice', doc: 'Two theme headings carry the same numeral.' },
  'plan-mismatch': { exit: 1, http: 422, title: 'document of another plan', doc: 'The document names another plan than its registry entry.' },
  'update-number-mismatch': { exit: 1, http: 422, title: 'other update number', doc: 'The title says another update number than the registry.' },
  'footer-by-structure': { exit: 1, http: 422, title: 'text moved to the footer', doc: 'A warning: the parser moved text after the last action to the page footer by a structural rule (a heading, a list of links, a share line, a thematic break); check that it is site chrome.' },
  'unknown-organisation': { exit: 1, http: 422, title: 'organisation not in the registry', doc: 'A holder or partner is not in data/organisations.json (a warning: it is published with an id made from its name).' },
  'schema-invalid': { exit: 1, http: 422, title: 'record does not match its schema', doc: 'A parsed record or a config value fails its JSON Schema.' },
  'release-invalid': { exit: 1, http: 500, title: 'release is not valid', doc: 'The built release fails its own schema, or a release directory cannot be read back.' },
  'release-size-change': { exit: 1, http: 500, title: 'release changed too much', doc: 'The release has a size or record count more than 3 times larger or smaller than the previous release; `run --accept-size-change` publishes it anyway.' },
  'check-failed': { exit: 1, http: 500, title: 'release would be refused', doc: 'The preflight check (SHACL, value lists, identity, MQA, push API) refuses the release; nothing is published.' },
  'fetch-failed': { exit: 1, http: 502, title: 'source cannot be fetched', doc: 'A URL source gave a network error, a time-out or 5xx after every retry.' },
  'fetch-too-large': { exit: 1, http: 502, title: 'source too large', doc: 'A URL source is larger than the size cap.' },
  'fetch-content-type': { exit: 1, http: 502, title: 'source of another type', doc: 'A URL source answered with a media type its format does not accept.' },
  'fetch-redirects': { exit: 1, http: 502, title: 'redirect refused', doc: 'A URL source redirected too often, or to a place it may not go.' },
  'fetch-forbidden': { exit: 1, http: 502, title: 'request to a forbidden place', doc: 'A URL source, or a redirect, points at a host the registry does not allow or at a loopback, private, link-local or metadata address; nothing was sent there.' },
  'fetch-truncated': { exit: 1, http: 502, title: 'source cut off in transfer', doc: 'A URL source sent fewer bytes than it announced.' },
  'fetch-status': { exit: 1, http: 502, title: 'source answered with an error', doc: 'A URL source answered 4xx.' },
  'query-invalid': { exit: 1, http: 400, title: 'query is not valid SPARQL', doc: 'The SPARQL query does not parse, or the request does not follow the SPARQL 1.1 Protocol.' },
  'query-not-allowed': { exit: 1, http: 400, title: 'query not allowed', doc: 'An update or a federated (SERVICE) query sent to the read-only endpoint.' },
  'query-timeout': { exit: 3, http: 503, title: 'query took too long', doc: 'The query was not answered within the time limit, counted from its arrival (waiting for a worker included); it was stopped, or not run.' },
  'query-busy': { exit: 3, http: 503, title: 'endpoint busy', doc: 'Every SPARQL worker is busy and the line of waiting queries is full; the answer says when to try again (Retry-After).' },
  'query-too-large': { exit: 1, http: 413, title: 'query result too large', doc: 'A CONSTRUCT or DESCRIBE result has more triples than the limit.' },
  'request-media-type': { exit: 2, http: 415, title: 'request body of another type', doc: 'A POST to /sparql without a Content-Type, with a type the SPARQL 1.1 Protocol does not define for it, or in another charset than UTF-8.' },
  'not-acceptable': { exit: 2, http: 406, title: 'no representation acceptable', doc: 'The Accept header allows none of the media types on offer for the resource or the query form; the answer lists them.' },
  'store-unauthorized': { exit: 3, http: 502, title: 'store refused the credentials', doc: 'The triple store answered 401: no credentials, or wrong ones.' },
  'store-forbidden': { exit: 3, http: 502, title: 'store forbids writing', doc: 'The triple store answered 403: the user may not write.' },
  'store-failed': { exit: 3, http: 502, title: 'store push failed', doc: 'The triple store answered an error, or timed out, after every retry.' },
  'store-unreachable': { exit: 3, http: 502, title: 'store cannot be reached', doc: 'The triple store refused the connection or its host is unknown.' },
  'publish-failed': { exit: 3, http: 500, title: 'release cannot be written', doc: 'Writing or swapping in the new release failed; the previous release is unchanged.' },
  'lock-held': { exit: 3, http: 503, title: 'another run is busy', doc: 'Another run holds the run lock; nothing was done.' },
  'internal-error': { exit: 3, http: 500, title: 'internal error', doc: 'A fault in ontsluit itself; please report it with the command that caused it.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** The exit code a command ends with when this error stops it. */
export const exitCodeOf = (code: ErrorCode): number => ERRORS[code].exit;

/** The HTTP status a server answers with for this error. */
export const httpStatusOf = (code: ErrorCode): number => ERRORS[code].http;

/** Where a problem is: the file (or URL), and if known the line, JSON pointer and field. */
export interface Location {
  source: string;
  line?: number;
  pointer?: string;
  field?: string;
}

/** One problem found in the data: never thrown, always collected into the report. */
export interface Issue {
  type: ErrorCode;
  severity: 'error' | 'warning';
  message: string;
  source: string;
  line?: number;
  pointer?: string;
  field?: string;
  expected?: string;
  found?: string;
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

/** `expected …, found …`, or nothing when neither is known. */
export function expectedFound(expected: string | undefined, found: string | undefined): string {
  return [expected && `expected ${expected}`, found !== undefined && `found ${found}`].filter(Boolean).join(', ');
}

export class OntsluitError extends Error {
  readonly code: ErrorCode;
  readonly location: Location | undefined;
  readonly expected: string | undefined;
  readonly found: string | undefined;
  readonly issues: Issue[];

  /** `message` defaults to the code's title in the catalogue. */
  constructor(code: ErrorCode, message: string = ERRORS[code].title, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'OntsluitError';
    this.code = code;
    this.location = details.location;
    this.expected = details.expected;
    this.found = details.found;
    this.issues = details.issues ?? [];
  }

  get exitCode(): number {
    return exitCodeOf(this.code);
  }

  get httpStatus(): number {
    return httpStatusOf(this.code);
  }

  /** The same error, located at `source` (keeping its line) and with `note` added to its message. */
  relocated(source: string, note = ''): OntsluitError {
    return new OntsluitError(this.code, `${this.message}${note}`, { location: { ...this.location, source }, expected: this.expected, found: this.found, cause: this, issues: this.issues });
  }

  /** `file:line: message (expected …, found …) [code]`, the form printed to users. */
  describe(): string {
    const where = this.location ? `${formatLocation(this.location)}: ` : '';
    const what = expectedFound(this.expected, this.found);
    return `${where}${this.message}${what ? ` (${what})` : ''} [${this.code}]`;
  }
}

/** An error at `source` (a URL, a store, a file without a line): what was expected there and what was found. */
export function errorAt(code: ErrorCode, message: string, source: string, expected: string, found: string, cause?: unknown): OntsluitError {
  return new OntsluitError(code, message, { location: { source }, expected, found, cause });
}

/** Shortens a value for use in a message: at most `max` characters, on one line, quoted. */
export function quote(value: unknown, max = 60): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const oneLine = text.replace(/\s+/g, ' ');
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine);
}

/** The README's table of error codes, generated from the catalogue. */
export function errorTable(): string {
  const rows = Object.entries(ERRORS).map(([code, spec]) => `| \`${code}\` | ${spec.exit} | ${spec.http} | ${spec.doc} |`);
  return ['| code | exit | HTTP | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
