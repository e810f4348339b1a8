// Fetching URL sources: a loopback server (127.0.0.1 only) plays each case; every test checks the
// outcome, the requests the server saw, and that a failure leaves the state directory as it was.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OntsluitError } from '../pipeline/errors.js';
import { fetchSource, snapshotDir, type FetchErrorCode, type FetchOptions } from '../pipeline/fetch.js';
import { ROOT, SEED } from './helpers.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const routes = new Map<string, Handler>();
const hits: { path: string; headers: IncomingHttpHeaders }[] = [];
let server: Server;
let base: string;
let stateDir: string;

const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const seed = readFileSync(SEED);
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const clock = () => new Date('2024-05-06T07:08:09.010Z');

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    hits.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

beforeEach(async () => {
  routes.clear();
  hits.length = 0;
  stateDir = await mkdtemp(join(tmpdir(), 'ontsluit-fetch-'));
});

afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

/** Fast defaults for tests: backoff of a few ms. */
const opts = (extra: Partial<FetchOptions> = {}): FetchOptions => ({
  stateDir,
  accept: ['text/html', 'text/plain', 'text/markdown'],
  backoffLimitMs: 5,
  clock,
  ...extra,
});

const count = (path: string) => hits.filter((hit) => hit.path === path).length;

/** Serves `body` as text with the given extra headers. */
const text = (body: Buffer | string, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers }).end(body);
};

/** Every file under the state directory with its content. */
function stateOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** Fetches `path` once successfully (with an ETag), so a later failure has a latest.json to keep; returns the state and clears the hit log. */
async function seeded(path: string): Promise<Record<string, string>> {
  routes.set(path, text('earlier version\n', { etag: '"earlier"' }));
  expect((await fetchSource(base + path, opts())).status).toBe('fetched');
  routes.delete(path);
  hits.length = 0;
  const state = stateOf(stateDir);
  expect(Object.keys(state).filter((name) => basename(name) === 'latest.json')).toHaveLength(1);
  return state;
}

async function failure(promise: Promise<unknown>, code: FetchErrorCode): Promise<OntsluitError> {
  const error = await promise.then(
    () => expect.unreachable('the fetch should fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OntsluitError);
  const failed = error as OntsluitError;
  expect(failed.code, failed.describe()).toBe(code);
  expect(failed.location?.source).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  // What each kind of failure says it expected, and that what it found is named (and is something else).
  const expected: Record<string, RegExp> = {
    'fetch-failed': /^(HTTP 200 or 304|a complete response within \d+ ms|a response|an http or https URL)$/,
    'fetch-status': /^HTTP 200( or 304)?$/,
    'fetch-truncated': /^the whole body$/,
    'fetch-too-large': /^at most \d+ bytes$/,
    'fetch-content-type': /^one of /,
    'fetch-redirects': /^at most \d+ redirects?$|^an https address$/,
  };
  expect(failed.expected, failed.describe()).toMatch(expected[code] ?? /^$/);
  expect(failed.found, failed.describe()).toMatch(/\S{2,}/);
  expect(failed.found).not.toBe(failed.expected);
  return failed;
}

describe('fetchSource', () => {
  it('stores a 200 as a snapshot: raw bytes, sidecar, latest.json, headers kept', async () => {
    routes.set('/update-2', text(seed, { etag: '"abc"', 'last-modified': 'Mon, 06 May 2024 06:00:00 GMT', 'x-Served-By': 'fixture' }));
    const url = `${base}/update-2`;
    const result = await fetchSource(url, opts());

    expect(result.status).toBe('fetched');
    const { snapshot } = result;
    expect(snapshot).toMatchObject({ url, finalUrl: url, fetchedAt: '2024-05-06T07:08:09.010Z', status: 200, sha256: sha(seed), bytes: seed.length });
    expect(snapshot.headers).toMatchObject({ etag: '"abc"', 'last-modified': 'Mon, 06 May 2024 06:00:00 GMT', 'content-type': 'text/plain; charset=utf-8', 'x-served-by': 'fixture' });
    expect(Object.keys(snapshot.headers).every((name) => name === name.toLowerCase())).toBe(true);

    const dir = snapshotDir(stateDir, url);
    expect(dir).toBe(join(stateDir, 'snapshots', sha(url)));
    expect(snapshot.path).toBe(join(dir, `20240506T070809.010Z-${sha(seed)}.bin`));
    expect(readFileSync(snapshot.path).equals(seed)).toBe(true);
    expect(JSON.parse(readFileSync(snapshot.path.replace(/\.bin$/, '.json'), 'utf8'))).toEqual(snapshot);
    expect(JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8'))).toEqual(snapshot);
    expect(readdirSync(dir).sort()).toEqual([basename(snapshot.path).replace(/\.bin$/, '.json'), basename(snapshot.path), 'latest.json'].sort());

    expect(count('/update-2')).toBe(1);
    expect(hits[0]!.headers['if-none-match']).toBeUndefined();
    expect(hits[0]!.headers['if-modified-since']).toBeUndefined();
  });

  it('sends If-None-Match from the last ETag and returns the previous snapshot on 304', async () => {
    routes.set('/etag', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else text(seed, { etag: '"v1"' })(req, res);
    });
    const first = await fetchSource(`${base}/etag`, opts());
    const before = stateOf(stateDir);
    const second = await fetchSource(`${base}/etag`, opts({ clock: () => new Date('2024-05-07T00:00:00Z') }));

    expect(first.status).toBe('fetched');
    expect(second).toEqual({ status: 'unchanged', snapshot: first.snapshot });
    expect(count('/etag')).toBe(2);
    expect(hits[0]!.headers['if-none-match']).toBeUndefined();
    expect(hits[1]!.headers['if-none-match']).toBe('"v1"');
    expect(stateOf(stateDir)).toEqual(before);
  });

  it('sends If-Modified-Since from the last Last-Modified and returns the previous snapshot on 304', async () => {
    const modified = 'Mon, 06 May 2024 06:00:00 GMT';
    routes.set('/modified', (req, res) => {
      if (req.headers['if-modified-since'] === modified) res.writeHead(304).end();
      else text(seed, { 'last-modified': modified })(req, res);
    });
    const first = await fetchSource(`${base}/modified`, opts());
    const before = stateOf(stateDir);
    const second = await fetchSource(`${base}/modified`, opts());

    expect(second).toEqual({ status: 'unchanged', snapshot: first.snapshot });
    expect(count('/modified')).toBe(2);
    expect(hits[1]!.headers['if-modified-since']).toBe(modified);
    expect(hits[1]!.headers['if-none-match']).toBeUndefined();
    expect(stateOf(stateDir)).toEqual(before);
  });

  it('without validators, the same bytes are unchanged and new bytes make a new snapshot', async () => {
    let body = 'versie 1\n';
    routes.set('/plain', (req, res) => text(body)(req, res));
    const first = await fetchSource(`${base}/plain`, opts());
    const before = stateOf(stateDir);
    const same = await fetchSource(`${base}/plain`, opts({ clock: () => new Date('2024-05-07T00:00:00Z') }));
    expect(same).toEqual({ status: 'unchanged', snapshot: first.snapshot });
    expect(stateOf(stateDir)).toEqual(before);

    body = 'versie 2\n';
    const changed = await fetchSource(`${base}/plain`, opts({ clock: () => new Date('2024-05-08T00:00:00Z') }));
    expect(changed.status).toBe('fetched');
    expect(changed.snapshot.sha256).toBe(sha(body));
    expect(changed.snapshot.path).not.toBe(first.snapshot.path);
    expect(readFileSync(first.snapshot.path, 'utf8')).toBe('versie 1\n');
    expect(JSON.parse(readFileSync(join(snapshotDir(stateDir, `${base}/plain`), 'latest.json'), 'utf8'))).toEqual(changed.snapshot);
    expect(count('/plain')).toBe(3);
    expect(hits.every((hit) => hit.headers['if-none-match'] === undefined && hit.headers['if-modified-since'] === undefined)).toBe(true);
  });

  it('retries a 500 and succeeds on the second attempt', async () => {
    let calls = 0;
    routes.set('/flaky', (req, res) => {
      if (++calls === 1) res.writeHead(500, { 'content-type': 'text/plain' }).end('oops');
      else text(seed)(req, res);
    });
    const result = await fetchSource(`${base}/flaky`, opts());
    expect(result.status).toBe('fetched');
    expect(result.snapshot.sha256).toBe(sha(seed));
    expect(count('/flaky')).toBe(2);
  });

  it('fails with fetch-failed when the server answers 500 to every attempt', async () => {
    const before = await seeded('/down');
    routes.set('/down', (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('down'));
    const error = await failure(fetchSource(`${base}/down`, opts({ retries: 2 })), 'fetch-failed');
    expect(error.found).toBe('HTTP 500 Internal Server Error after 3 attempts');
    expect(count('/down')).toBe(3);
    expect(stateOf(stateDir)).toEqual(before);
  });

  it('fails with fetch-status on a 404, without retrying', async () => {
    const before = await seeded('/gone');
    const error = await failure(fetchSource(`${base}/gone`, opts()), 'fetch-status');
    expect(error.found).toBe('HTTP 404 Not Found');
    expect(count('/gone')).toBe(1);
    expect(stateOf(stateDir)).toEqual(before);
  });

  it('gives up on a slow response after the timeout of each attempt', async () => {
    const before = await seeded('/slow');
    routes.set('/slow', (req, res) => {
      const timer = setTimeout(() => text(seed)(req, res), 2000);
      res.on('close', () => clearTimeout(timer));
    });
    const started = Date.now();
    const error = await failure(fetchSource(`${base}/slow`, opts({ timeoutMs: 200, retries: 1 })), 'fetch-failed');
    const elapsed = Date.now() - started;
    expect(error.found).toMatch(/^a timeout \(request\) on each of 2 attempts$/);
    expect(elapsed).toBeGreaterThanOrEqual(380);
    expect(elapsed).toBeLessThan(1500);
    expect(count('/slow')).toBe(2);
    expect(stateOf(stateDir)).toEqual(before);
  });

  // A body cut short is fetch-truncated, not fetch-failed: got (with strictContentLength) reports
  // ERR_HTTP_CONTENT_LENGTH_MISMATCH (expected 1000, received 10). Like a network error it is retried.
  it('fails with fetch-truncated when the connection closes before Content-Length bytes arrive', async () => {
    const before = await seeded('/truncated');
    routes.set('/truncated', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      res.write('0123456789', () => setTimeout(() => res.socket?.destroy(), 20));
    });
    const error = await failure(fetchSource(`${base}/truncated`, opts({ retries: 1 })), 'fetch-truncated');
    expect(error.found).toBe('Content-Length mismatch: expected 1000 bytes, received 10 bytes (after 2 attempts)');
    expect(count('/truncated')).toBe(2);
    expect(stateOf(stateDir)).toEqual(before);
  });

  it('stops reading a body that grows past maxBytes (no Content-Length), without retrying', async () => {
    const before = await seeded('/big');
    routes.set('/big', (_req, res) => {
      // Chunked, and never ended: only a reader that stops on its own returns before the timeout.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(Buffer.alloc(5000, 'x'));
    });
    const started = Date.now();
    const error = await failure(fetchSource(`${base}/big`, opts({ maxBytes: 1000, timeoutMs: 10_000 })), 'fetch-too-large');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.expected).toBe('at most 1000 bytes');
    expect(error.found).toMatch(/^more than 1000 bytes \(stopped after \d+\)$/);
    expect(count('/big')).toBe(1);
    expect(stateOf(stateDir)).toEqual(before);
  });

  it('rejects an honest Content-Length above maxBytes before reading the body', async () => {
    const before = await seeded('/big-declared');
    routes.set('/big-declared', (_req, res) => {
      // Headers only: a client that waited for the body would hit the 10 s timeout.
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5000' });
      res.flushHeaders();
    });
    const started = Date.now();
    const error = await failure(fetchSource(`${base}/big-declared`, opts({ maxBytes: 1000, timeoutMs: 10_000 })), 'fetch-too-large');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.found).toBe('Content-Length 5000');
    expect(count('/big-declared')).toBe(1);
    expect(stateOf(stateDir)).toEqual(before);
  });

  it('fails with fetch-content-type on a media type that is not accepted', async () => {
    const before = await seeded('/report.pdf');
    routes.set('/report.pdf', (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7\n'));
    const error = await failure(fetchSource(`${base}/report.pdf`, opts()), 'fetch-content-type');
    expect(error.expected).toBe('one of text/html, text/plain, text/markdown');
    expect(error.found).toBe('"application/pdf"');
    expect(count('/report.pdf')).toBe(1);
    expect(stateOf(stateDir)).toEqual(before);
  });

  it('fails with fetch-redirects on a redirect loop', async () => {
    const before = await seeded('/loop-a');
    routes.set('/loop-a', (_req, res) => res.writeHead(302, { location: '/loop-b' }).end());
    routes.set('/loop-b', (_req, res) => res.writeHead(302, { location: '/loop-a' }).end());
    const error = await failure(fetchSource(`${base}/loop-a`, opts({ maxRedirects: 3 })), 'fetch-redirects');
    expect(error.expected).toBe('at most 3 redirects');
    expect(error.found).toContain(`${base}/loop-a → ${base}/loop-b → ${base}/loop-a → ${base}/loop-b → …`);
    // The first request and three redirects; the fourth redirect is refused.
    expect(count('/loop-a')).toBe(2);
    expect(count('/loop-b')).toBe(2);
    expect(stateOf(stateDir)).toEqual(before);
  });

  it('names the project in the User-Agent header', async () => {
    routes.set('/ua', text(seed));
    await fetchSource(`${base}/ua`, opts());
    expect(count('/ua')).toBe(1);
    expect(hits[0]!.headers['user-agent']).toBe(`ontsluit/${version}`);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
