// Fetch: downloads a URL source with got (timeout, retries, size and type checks) and keeps each
// distinct body as a snapshot in the state directory, with conditional requests against the last one.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import got, { CancelError, HTTPError, MaxRedirectsError, ReadError, RequestError, TimeoutError, type Response } from 'got';
import { OntsluitError, errorAt, type ErrorCode } from './errors.js';
import { createGuard, type Refusal } from './fetch-guard.js';
import { sha256 } from './lib/hash.js';
import { RETRY_STATUS, USER_AGENT, plural } from './lib/http.js';

/** The fetch-* codes of the error catalogue (errors.ts) this stage reports. */
export type FetchErrorCode = Extract<ErrorCode, `fetch-${string}`>;

export interface FetchOptions {
  /** Where snapshots and the per-URL `latest.json` are kept. */
  stateDir: string;
  /** Time allowed for one attempt, from connecting to the last body byte. Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt, on network errors, timeouts, 408, 429 and 5xx. Default 3. */
  retries?: number;
  /** Longest wait between two attempts (got's `backoffLimit`; the backoff is 1 s, 2 s, 4 s … up to it). Default 2000. */
  backoffLimitMs?: number;
  /** Largest body accepted. Default 10 MiB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Allowed media types, without parameters: `['text/html', 'text/plain']`. */
  accept: string[];
  /** Default `ontsluit/<version>`. */
  userAgent?: string;
  /** Hosts besides the URL's own that a redirect may go to (the registry's `allowHosts`). */
  allowedHosts?: string[];
  /** Certificates to trust besides the system's (PEM): a mirror served over https with its own certificate. */
  certificateAuthority?: string;
  clock?: () => Date;
}

export interface Snapshot {
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  /** ISO 8601, when the response arrived. */
  fetchedAt: string;
  /** HTTP status of the response that produced the body (200). */
  status: number;
  /** Response headers, lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  sha256: string;
  bytes: number;
  /** The file holding the raw (decompressed) body. */
  path: string;
}

export interface FetchResult {
  /** `unchanged`: a 304, or a 200 whose body equals the previous snapshot's; `snapshot` is then the previous one. */
  status: 'fetched' | 'unchanged';
  snapshot: Snapshot;
}

export const DEFAULTS = {
  timeoutMs: 30_000,
  retries: 3,
  backoffLimitMs: 2_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
} as const;

/** got's default network error codes, plus a body shorter than its Content-Length (see `strictContentLength`). */
const RETRY_ERRORS = ['ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'ENETUNREACH', 'EAI_AGAIN', 'ERR_HTTP_CONTENT_LENGTH_MISMATCH'];



/** An error of fetching `url` (one of the fetch codes). */
export const fetchError = (code: FetchErrorCode, message: string, url: string, expected: string, found: string, cause?: unknown): OntsluitError => errorAt(code, message, url, expected, found, cause);

/** The directory of one URL's snapshots. */
export function snapshotDir(stateDir: string, url: string): string {
  return join(resolve(stateDir), 'snapshots', sha256(url));
}

/** The last snapshot of `url`, or undefined when there is none (or its body file is gone). */
export async function latestSnapshot(stateDir: string, url: string): Promise<Snapshot | undefined> {
  try {
    const snapshot = JSON.parse(await readFile(join(snapshotDir(stateDir, url), 'latest.json'), 'utf8')) as Snapshot;
    return typeof snapshot.sha256 === 'string' && existsSync(snapshot.path) ? snapshot : undefined;
  } catch {
    return undefined;
  }
}

async function writeAtomically(path: string, bytes: Buffer | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers).sort()) {
    const value = headers[name];
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

const mediaType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

/**
 * Fetches `url`. Sends If-None-Match / If-Modified-Since from the last snapshot; on a 304, or a 200
 * with the same bytes, returns that snapshot as `unchanged`. A new body is stored as
 * `<stateDir>/snapshots/<sha256 of url>/<fetchedAt>-<sha256>.bin` with a `.json` sidecar, and
 * becomes `latest.json`. Failures throw an OntsluitError with a `fetch-*` code and write nothing.
 */
export async function fetchSource(url: string, options: FetchOptions): Promise<FetchResult> {
  const settings = fetchSettings(options);
  checkProtocol(url);
  const state: FetchState = { stopped: undefined, attempts: 1 };
  // Where the fetch may go (pipeline/fetch-guard.ts); a refusal stops it before the request is sent.
  const refuse = (refusal: Refusal) => fetchError(refusal.code, refusal.message, url, refusal.expected, refusal.found);
  const guard = createGuard(new URL(url), options.allowedHosts ?? [], (refusal) => {
    state.stopped ??= refuse(refusal);
  });
  const first = guard.check(new URL(url), false);
  if (first) throw refuse(first);
  const checked = (next: URL | string | undefined, redirect: boolean) => {
    const refusal = guard.check(new URL(next ?? url), redirect);
    if (!refusal) return;
    const error = refuse(refusal);
    state.stopped ??= error;
    throw error;
  };

  const previous = await latestSnapshot(options.stateDir, url);
  const request = startRequest(url, { ...settings, headers: requestHeaders(options, previous), lookup: guard.lookup, checked, certificateAuthority: options.certificateAuthority }, state);
  watchResponse(request, url, settings, state);
  let response;
  try {
    response = await request;
  } catch (error) {
    if (state.stopped) throw state.stopped;
    throw translate(error, url, { attempts: state.attempts, timeoutMs: settings.timeoutMs, maxRedirects: settings.maxRedirects });
  }
  if (state.stopped) throw state.stopped;
  return keepSnapshot(url, response, previous, settings, options.stateDir);
}

/** Every fetch setting, defaults filled in. */
function fetchSettings(options: FetchOptions) {
  return {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    retries: options.retries ?? DEFAULTS.retries,
    backoffLimitMs: options.backoffLimitMs ?? DEFAULTS.backoffLimitMs,
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
    accept: options.accept.map(mediaType),
    clock: options.clock ?? (() => new Date()),
  };
}

type Settings = ReturnType<typeof fetchSettings>;

/** A fetch under way: the check that stopped it (a refused request, or a response streaming in), and its attempts. */
interface FetchState {
  stopped: OntsluitError | undefined;
  attempts: number;
}

function checkProtocol(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw fetchError('fetch-failed', 'cannot fetch the source', url, 'an http or https URL', JSON.stringify(url));
}

/** The user agent, the accepted types, and the validators of the last snapshot for a conditional request. */
function requestHeaders(options: FetchOptions, previous: Snapshot | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': options.userAgent ?? USER_AGENT, accept: options.accept.join(', ') };
  if (previous?.headers.etag) headers['if-none-match'] = previous.headers.etag;
  if (previous?.headers['last-modified']) headers['if-modified-since'] = previous.headers['last-modified'];
  return headers;
}

interface RequestSettings extends Settings {
  headers: Record<string, string>;
  lookup: ReturnType<typeof createGuard>['lookup'];
  /** Throws when the next request (first, retry or redirect) may not be sent. */
  checked: (next: URL | string | undefined, redirect: boolean) => void;
  certificateAuthority: FetchOptions['certificateAuthority'];
}

function startRequest(url: string, settings: RequestSettings, state: FetchState) {
  const { backoffLimitMs, checked } = settings;
  return got(url, {
    headers: settings.headers,
    responseType: 'buffer',
    timeout: { request: settings.timeoutMs },
    retry: { limit: settings.retries, backoffLimit: backoffLimitMs, noise: Math.min(100, backoffLimitMs / 4), statusCodes: RETRY_STATUS, errorCodes: RETRY_ERRORS, methods: ['GET'] },
    followRedirect: true,
    maxRedirects: settings.maxRedirects,
    dnsLookup: settings.lookup,
    ...(settings.certificateAuthority ? { https: { certificateAuthority: settings.certificateAuthority } } : {}),
    // Without it, got calls a body cut short by a closed connection just ECONNRESET.
    strictContentLength: true,
    hooks: {
      beforeRetry: [
        () => {
          state.attempts++;
        },
      ],
      // Each request is checked before it is sent: a thrown error ends the fetch, nothing goes out.
      beforeRequest: [(next) => checked(next.url, false)],
      // A redirect stays on the source's host or its allowed hosts, and never goes from https to http.
      beforeRedirect: [(next) => checked(next.url, true)],
    },
  });
}

/** Checks type and size as the headers and the body arrive, and stops the request at the first problem. */
function watchResponse(request: ReturnType<typeof startRequest>, url: string, { accept, maxBytes }: Settings, state: FetchState): void {
  const stop = (error: OntsluitError) => {
    if (state.stopped) return;
    state.stopped = error;
    request.cancel();
  };
  // Headers are checked as they arrive, before any body is read (got's own `response` event comes after the body).
  request.on('request', (clientRequest) => {
    clientRequest.once('response', (response: IncomingMessage) => {
      if (response.statusCode !== 200) return;
      const type = response.headers['content-type'];
      if (!type || !accept.includes(mediaType(type))) {
        stop(fetchError('fetch-content-type', 'the source has a media type that is not accepted', url, `one of ${accept.join(', ')}`, type ? JSON.stringify(type) : 'no Content-Type header'));
        return;
      }
      const length = Number(response.headers['content-length']);
      if (response.headers['content-length'] !== undefined && length > maxBytes) {
        stop(fetchError('fetch-too-large', 'the source is too large', url, `at most ${maxBytes} bytes`, `Content-Length ${length}`));
      }
    });
  });
  request.on('downloadProgress', (progress) => {
    if (progress.transferred > maxBytes) {
      stop(fetchError('fetch-too-large', 'the source is too large', url, `at most ${maxBytes} bytes`, `more than ${maxBytes} bytes (stopped after ${progress.transferred})`));
    }
  });
}

/** A 304 or the same bytes: the previous snapshot; new bytes: a new snapshot that becomes `latest.json`. */
async function keepSnapshot(url: string, response: Response<Buffer>, previous: Snapshot | undefined, { maxBytes, clock }: Settings, stateDir: string): Promise<FetchResult> {
  const fetchedAt = clock().toISOString();
  if (response.statusCode === 304) {
    if (previous) return { status: 'unchanged', snapshot: previous };
    throw fetchError('fetch-status', 'the server answered "not modified" to a request that was not conditional', url, 'HTTP 200', 'HTTP 304 and no previous snapshot');
  }
  if (response.statusCode !== 200) {
    throw fetchError('fetch-status', 'the server did not send the source', url, 'HTTP 200 or 304', `HTTP ${response.statusCode} ${response.statusMessage ?? ''}`.trim());
  }
  const body = response.rawBody;
  if (body.length > maxBytes) {
    // A body that grew in decompression past what downloadProgress had seen.
    throw fetchError('fetch-too-large', 'the source is too large', url, `at most ${maxBytes} bytes`, `${body.length} bytes`);
  }
  const digest = sha256(body);
  if (previous && previous.sha256 === digest) return { status: 'unchanged', snapshot: previous };

  const dir = snapshotDir(stateDir, url);
  const base = join(dir, `${fetchedAt.replace(/[-:]/g, '')}-${digest}`);
  const snapshot: Snapshot = { url, finalUrl: response.url, fetchedAt, status: response.statusCode, headers: flatHeaders(response.headers), sha256: digest, bytes: body.length, path: `${base}.bin` };
  const json = `${JSON.stringify(snapshot, null, 2)}\n`;
  await writeAtomically(snapshot.path, body);
  await writeAtomically(`${base}.json`, json);
  await writeAtomically(join(dir, 'latest.json'), json);
  return { status: 'fetched', snapshot };
}

/** Turns a got error into a `fetch-*` OntsluitError. */
function translate(error: unknown, url: string, context: { attempts: number; timeoutMs: number; maxRedirects: number }): OntsluitError {
  const tries = plural(context.attempts, 'attempt');
  if (error instanceof MaxRedirectsError) {
    const chain = error.request?.redirectUrls.map(String) ?? [];
    return fetchError('fetch-redirects', 'the source redirects too often', url, `at most ${plural(context.maxRedirects, 'redirect')}`, `${plural(chain.length, 'redirect')} and another (${[url, ...chain].join(' → ')} → …)`, error);
  }
  if (error instanceof HTTPError) {
    const { statusCode, statusMessage } = error.response;
    const status = `HTTP ${statusCode}${statusMessage ? ` ${statusMessage}` : ''}`;
    if (statusCode >= 500 || RETRY_STATUS.includes(statusCode)) {
      return fetchError('fetch-failed', 'the server failed to send the source', url, 'HTTP 200 or 304', `${status} after ${tries}`, error);
    }
    return fetchError('fetch-status', 'the server did not send the source', url, 'HTTP 200 or 304', status, error);
  }
  if (error instanceof TimeoutError) {
    return fetchError('fetch-failed', 'the source did not arrive in time', url, `a complete response within ${context.timeoutMs} ms`, `a timeout (${error.event}) on each of ${tries}`, error);
  }
  if (error instanceof ReadError || (error instanceof RequestError && error.code === 'ERR_HTTP_CONTENT_LENGTH_MISMATCH')) {
    return fetchError('fetch-truncated', 'the source arrived incomplete', url, 'the whole body', `${error.message} (after ${tries})`, error);
  }
  if (error instanceof CancelError) {
    return fetchError('fetch-failed', 'the request was cancelled', url, 'a response', error.message, error);
  }
  if (error instanceof RequestError) {
    return fetchError('fetch-failed', 'cannot reach the source', url, 'a response', `${error.code}: ${error.message} (after ${tries})`, error);
  }
  return fetchError('fetch-failed', 'cannot fetch the source', url, 'a response', String(error), error);
}
