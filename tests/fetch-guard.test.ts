// Where a fetch may go: a loopback source redirects to loopback listeners that count every connection;
// no forbidden target (another port, localhost, numeric and IPv6 forms, metadata) ever gets one.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OntsluitError } from '../pipeline/errors.js';
import { forbiddenAddress, isLocalUrl } from '../pipeline/fetch-guard.js';
import { fetchSource, type FetchErrorCode, type FetchOptions } from '../pipeline/fetch.js';
import { runPipeline } from '../pipeline/run.js';
import { DATA, FIXTURES, runOptions } from './helpers.js';

const CERT = readFileSync(join(FIXTURES, 'tls', 'loopback-cert.pem'), 'utf8');
const KEY = readFileSync(join(FIXTURES, 'tls', 'loopback-key.pem'), 'utf8');

/** Where the source redirects next, and what the forbidden targets saw (connections, request paths). */
let redirectTo = '';
const seen = { connections: 0, requests: [] as string[] };
let source: Server;
let target: Server;
let target6: Server | undefined;
let secure: Server;
let sourceBase = '';
let secureBase = '';
let port = 0;
let port6 = 0;
let stateDir = '';

function sourceHandler(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/plain' }).end('the page\n');
  else res.writeHead(302, { location: redirectTo }).end();
}

function counting(): Server {
  const server = createServer((req, res) => {
    seen.requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('AKIA… secret\n');
  });
  server.on('connection', () => seen.connections++);
  return server;
}

const listen = (server: Server, host: string) =>
  new Promise<number>((done, fail) => {
    server.once('error', fail);
    server.listen(0, host, () => done((server.address() as AddressInfo).port));
  });
const close = (server: Server | undefined) =>
  server ? new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }) : Promise.resolve();

beforeAll(async () => {
  source = createServer(sourceHandler);
  sourceBase = `http://127.0.0.1:${await listen(source, '127.0.0.1')}`;
  secure = createHttpsServer({ cert: CERT, key: KEY }, sourceHandler);
  secureBase = `https://127.0.0.1:${await listen(secure, '127.0.0.1')}`;
  target = counting();
  port = await listen(target, '127.0.0.1');
  try {
    target6 = counting();
    port6 = await listen(target6, '::1');
  } catch {
    target6 = undefined; // no IPv6 loopback here: the [::1] case still checks the refusal
  }
});

afterAll(async () => {
  await Promise.all([close(source), close(secure), close(target), close(target6)]);
});

beforeEach(async () => {
  seen.connections = 0;
  seen.requests = [];
  stateDir = await mkdtemp(join(tmpdir(), 'ontsluit-guard-'));
});

afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

const opts = (extra: Partial<FetchOptions> = {}): FetchOptions => ({ stateDir, accept: ['text/plain'], retries: 0, timeoutMs: 5_000, certificateAuthority: CERT, ...extra });

async function refused(url: string, code: FetchErrorCode, extra: Partial<FetchOptions> = {}): Promise<OntsluitError> {
  const error = await fetchSource(url, opts(extra)).then(
    () => expect.unreachable(`the fetch of ${url} should be refused`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OntsluitError);
  const failed = error as OntsluitError;
  expect(failed.code, failed.describe()).toBe(code);
  expect(failed.location?.source).toBe(url);
  // Nothing reached any forbidden listener: not a request, not even a connection.
  expect(seen).toEqual({ connections: 0, requests: [] });
  return failed;
}

const META = '/latest/meta-data/iam/security-credentials/';

describe('redirects of a local source (loopback) to other local targets', () => {
  it.each([
    ['another port of 127.0.0.1', () => `http://127.0.0.1:${port}${META}`],
    ['a decimal number (2130706433)', () => `http://2130706433:${port}${META}`],
    ['hex 0x7f.1', () => `http://0x7f.1:${port}${META}`],
    ['127.1', () => `http://127.1:${port}${META}`],
    ['octal 0177.0.0.1', () => `http://0177.0.0.1:${port}${META}`],
  ])('%s: refused before a byte is sent', async (_name, to) => {
    redirectTo = to();
    const error = await refused(`${sourceBase}/start`, 'fetch-forbidden');
    expect(error.found).toContain('127.0.0.1: loopback');
    expect(error.expected).toMatch(/^a public address/);
  });

  it.each([
    ['localhost', () => `http://localhost:${port}${META}`],
    ['a hostname the registry does not name', () => `http://metadata.google.internal${META}`],
    ['an IPv4-mapped IPv6 address', () => `http://[::ffff:127.0.0.1]:${port}${META}`],
    ['the IPv6 loopback', () => `http://[::1]:${port6 || port}${META}`],
    ['the cloud metadata address', () => `http://169.254.169.254${META}`],
  ])('%s, not in allowHosts: refused as a host the registry does not allow', async (_name, to) => {
    redirectTo = to();
    const error = await refused(`${sourceBase}/start`, 'fetch-forbidden');
    expect(error.message).toBe('the source redirects to a host the registry does not allow for it');
    expect(error.found).toBe(new URL(redirectTo).href);
  });

  it.each([
    ['localhost (after DNS resolution)', 'localhost', () => `http://localhost:${port}${META}`, /^localhost resolves to (127\.0\.0\.1|::1) \(loopback/],
    ['::ffff:127.0.0.1', '::ffff:127.0.0.1', () => `http://[::ffff:127.0.0.1]:${port}${META}`, /\(::ffff:7f00:1: loopback, as IPv6\)$/],
    ['::1', '::1', () => `http://[::1]:${port6 || port}${META}`, /\(::1: loopback\)$/],
    ['169.254.169.254', '169.254.169.254', () => `http://169.254.169.254${META}`, /\(169\.254\.169\.254: link-local \(cloud metadata\)\)$/],
  ])('%s, even when the registry allows the host: refused for its address', async (_name, allowed, to, found) => {
    redirectTo = to();
    const error = await refused(`${sourceBase}/start`, 'fetch-forbidden', { allowedHosts: [allowed] });
    expect(error.found).toMatch(found);
  });

  it('follows a redirect on the local source\'s own origin', async () => {
    redirectTo = '/page';
    const result = await fetchSource(`${sourceBase}/start`, opts());
    expect(result.snapshot.finalUrl).toBe(`${sourceBase}/page`);
    expect(seen).toEqual({ connections: 0, requests: [] });
  });
});

describe('https sources', () => {
  it('are fetched over https (a mirror with its own certificate)', async () => {
    const result = await fetchSource(`${secureBase}/page`, opts());
    expect(result.status).toBe('fetched');
  });

  it('a redirect from https to http is refused and sends nothing', async () => {
    redirectTo = `http://127.0.0.1:${port}/page`;
    // A kept-alive connection to the http address, as an earlier fetch leaves one in the agent's pool.
    await fetchSource(redirectTo, opts());
    seen.connections = 0;
    seen.requests = [];
    const error = await refused(`${secureBase}/start`, 'fetch-redirects', { allowedHosts: ['127.0.0.1'] });
    expect(error.message).toBe('the source redirects from https to an insecure address');
    expect(error.found).toBe(redirectTo);
  });
});

describe('the registry', () => {
  /** A copy of the bundled data whose one source is a URL on the loopback source server, with these extra fields. */
  function dataWith(extra: Record<string, unknown>): { dataDir: string; sourcesFile: string } {
    const dataDir = join(stateDir, 'data');
    cpSync(DATA, dataDir, { recursive: true });
    const sourcesFile = join(dataDir, 'guarded-sources.json');
    const spec = { id: '2020-2022-update-02', plan: '2020-2022', place: `${sourceBase}/start`, format: 'text', updateNumber: 2, published: null, ...extra };
    writeFileSync(sourcesFile, JSON.stringify({ sources: [spec] }));
    return { dataDir, sourcesFile };
  }

  it('passes a source\'s allowHosts to the fetch; an allowed host with a loopback address still gets nothing', async () => {
    redirectTo = `http://localhost:${port}${META}`;
    const { dataDir, sourcesFile } = dataWith({ allowHosts: ['localhost'] });
    const result = await runPipeline(runOptions({ data: dataDir, sources: sourcesFile, out: join(stateDir, 'out'), stateDir, clock: () => new Date('2026-11-29T12:00:00Z') }, { check: false, fetch: { retries: 0 } }));
    expect(result.report.valid).toBe(false);
    expect(result.report.errors.map((e) => [e.type, e.message])).toEqual([['fetch-forbidden', 'the source leads to a loopback address']]);
    expect(seen).toEqual({ connections: 0, requests: [] });
  });

  it('refuses an allowHosts entry that is not a host name', async () => {
    const { dataDir, sourcesFile } = dataWith({ allowHosts: ['https://www.open-overheid.nl/'] });
    const run = runPipeline(runOptions({ data: dataDir, sources: sourcesFile, out: join(stateDir, 'out'), stateDir }, { check: false }));
    await expect(run).rejects.toMatchObject({ code: 'config-invalid' });
  });
});

describe('forbiddenAddress and isLocalUrl', () => {
  it('names every non-public address, in each notation; public addresses pass', () => {
    const cases: [string, string | undefined][] = [
      ['127.0.0.1', 'loopback'],
      ['127.255.255.254', 'loopback'],
      ['::1', 'loopback'],
      ['::ffff:127.0.0.1', 'loopback, as IPv6'],
      ['::ffff:7f00:1', 'loopback, as IPv6'],
      ['0:0:0:0:0:ffff:7f00:1', 'loopback, as IPv6'],
      ['64:ff9b::a9fe:a9fe', 'link-local (cloud metadata), as IPv6'],
      ['2002:7f00:1::', 'loopback, as IPv6'],
      ['::127.0.0.1', 'loopback, as IPv6'],
      ['169.254.169.254', 'link-local (cloud metadata)'],
      ['100.100.100.200', 'shared (carrier-grade NAT, cloud metadata)'],
      ['fd00:ec2::254', 'unique local (private, cloud metadata)'],
      ['fe80::1', 'link-local'],
      ['10.1.2.3', 'private'],
      ['172.31.0.1', 'private'],
      ['192.168.0.1', 'private'],
      ['0.0.0.0', 'this-network'],
      ['::', 'unspecified'],
      ['255.255.255.255', 'reserved or broadcast'],
      ['224.0.0.1', 'multicast'],
      ['[::1]', 'loopback'],
      ['93.184.215.14', undefined],
      ['2a00:1450:4001:80b::200e', undefined],
      ['::ffff:93.184.215.14', undefined],
    ];
    for (const [address, kind] of cases) expect(forbiddenAddress(address), address).toBe(kind);
  });

  it('calls a URL local only when it names localhost or a non-public IP itself', () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://localhost/', 'http://mirror.localhost/', 'http://2130706433/', 'http://[::1]/', 'http://10.0.0.5/'])
      expect(isLocalUrl(new URL(url)), url).toBe(true);
    for (const url of ['https://www.open-overheid.nl/', 'http://93.184.215.14/', 'http://localhost.example/'])
      expect(isLocalUrl(new URL(url)), url).toBe(false);
  });
});
