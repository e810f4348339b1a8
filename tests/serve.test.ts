// `ontsluit serve`: files with their types, HEAD, ETag, compression, IRIs that resolve, and /sparql.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib, { brotliDecompressSync, gunzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COPIES_FROM, ENCODINGS, encode } from '../pipeline/encodings.js';
import { openRelease } from '../pipeline/release.js';
import { createServer } from '../pipeline/serve/server.js';
import { runQuery } from '../pipeline/sparql.js';
import { ROOT, startServe } from './helpers.js';

const DIST = join(ROOT, 'dist');
const BASE = 'https://data.open-overheid.nl';
const SLUG = 'actieplan-open-overheid-2020-2022';
const { app, store } = await createServer({ release: await openRelease(DIST), queryTimeoutMs: 2000, resultLimit: 10 });
afterAll(() => app.close());

/** Copies of dist/ made by the tests, removed at the end. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
/** dist/ with `.br` and `.gz` copies beside `file`, made by `encode` as publish makes them. */
async function withCopies(file: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ontsluit-copies-'));
  made.push(dir);
  cpSync(DIST, dir, { recursive: true });
  const bytes = readFileSync(join(dir, file));
  for (const { name, suffix } of ENCODINGS) writeFileSync(join(dir, `${file}${suffix}`), await encode(bytes, name));
  return dir;
}

describe('files', () => {
  it.each([
    [`/${SLUG}/actions.csv`, 'text/csv; charset=utf-8'],
    [`/${SLUG}/csv-metadata.json`, 'application/csvm+json'],
    [`/${SLUG}/dataset.ttl`, 'text/turtle'],
    [`/${SLUG}/dataset.nt`, 'application/n-triples'],
    [`/${SLUG}/dataset.jsonld`, 'application/ld+json'],
    ['/catalog.rdf', 'application/rdf+xml'],
    [`/${SLUG}/`, 'text/html'],
  ])('GET %s → 200 %s', async (url, type) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(type);
  });

  it('HEAD answers 200 with the size and no body, as the MQA URL check needs', async () => {
    const size = readFileSync(join(DIST, SLUG, 'progress.csv')).length;
    const res = await app.inject({ method: 'HEAD', url: `/${SLUG}/progress.csv`, headers: { 'accept-encoding': 'identity' } });
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(size);
    expect(res.body).toBe('');
  });

  it('ETag / If-None-Match gives 304', async () => {
    const first = await app.inject({ method: 'GET', url: '/catalog.ttl' });
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const second = await app.inject({ method: 'GET', url: '/catalog.ttl', headers: { 'if-none-match': etag } });
    expect(second.statusCode).toBe(304);
  });

  it('revalidates as HTTP caching says: a list of ETags, If-None-Match before If-Modified-Since, and a reload with no-cache', async () => {
    const first = await app.inject({ method: 'GET', url: '/catalog.ttl', headers: { 'accept-encoding': 'identity' } });
    const etag = first.headers.etag as string;
    const modified = first.headers['last-modified'] as string;
    const ask = async (headers: Record<string, string>) => (await app.inject({ method: 'GET', url: '/catalog.ttl', headers: { 'accept-encoding': 'identity', ...headers } })).statusCode;
    expect(await ask({ 'if-none-match': `W/"0-0", ${etag}` })).toBe(304);
    expect(await ask({ 'if-none-match': 'W/"0-0"' })).toBe(200);
    // An ETag that no longer matches wins over a date that would.
    expect(await ask({ 'if-none-match': 'W/"0-0"', 'if-modified-since': modified })).toBe(200);
    // A forced reload (Cache-Control: no-cache) gets the file, not 304.
    expect(await ask({ 'if-none-match': etag, 'cache-control': 'no-cache' })).toBe(200);
  });

  it('compresses when asked, and the bytes survive', async () => {
    for (const file of ['dataset.ttl', 'progress.csv', 'dataset.jsonld', 'dataset.nt']) {
      const res = await app.inject({ method: 'GET', url: `/${SLUG}/${file}`, headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers['content-encoding'], file).toBe('gzip');
      expect(gunzipSync(res.rawPayload).equals(readFileSync(join(DIST, SLUG, file))), file).toBe(true);
    }
  });

  it('makes the brotli copy of a small file once, keeps it, and sends it with its own ETag', async () => {
    const file = readFileSync(join(DIST, 'catalog.ttl'));
    expect(file.length).toBeLessThan(COPIES_FROM);
    expect(existsSync(join(DIST, 'catalog.ttl.br'))).toBe(false);
    const { app: fresh } = await createServer({ release: await openRelease(DIST) });
    const compress = vi.spyOn(zlib, 'brotliCompressSync');
    try {
      const get = () => fresh.inject({ method: 'GET', url: '/catalog.ttl', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      const [first, second] = [await get(), await get()];
      for (const res of [first, second]) {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-encoding']).toBe('br');
        expect(res.headers['content-type']).toContain('text/turtle');
        expect(res.headers.vary).toMatch(/accept-encoding/i);
        expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
        // The bytes publish would have written beside the file.
        expect(res.rawPayload.equals(await encode(file, 'br'))).toBe(true);
        expect(brotliDecompressSync(res.rawPayload).equals(file)).toBe(true);
      }
      // Compressed for the first request only (the check above compressed once more).
      expect(compress).toHaveBeenCalledTimes(3);
      expect(second.headers.etag).toBe(first.headers.etag);
      // Another representation, another ETag; a client holding the brotli one gets 304.
      const plain = await fresh.inject({ method: 'GET', url: '/catalog.ttl', headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.equals(file)).toBe(true);
      expect(plain.headers.etag).not.toBe(first.headers.etag);
      const cached = await fresh.inject({ method: 'GET', url: '/catalog.ttl', headers: { 'accept-encoding': 'br', 'if-none-match': first.headers.etag as string } });
      expect(cached.statusCode).toBe(304);
      const head = await fresh.inject({ method: 'HEAD', url: '/catalog.ttl', headers: { 'accept-encoding': 'br' } });
      expect([head.statusCode, head.headers['content-encoding'], Number(head.headers['content-length']), head.body]).toEqual([200, 'br', first.rawPayload.length, '']);
    } finally {
      compress.mockRestore();
      await fresh.close();
    }
  });

  it('makes a copy once when many ask for it at the same moment', async () => {
    const { app: fresh } = await createServer({ release: await openRelease(DIST) });
    const compress = vi.spyOn(zlib, 'gzipSync');
    try {
      const url = `/${SLUG}/dataset.ttl`;
      const answers = await Promise.all(Array.from({ length: 8 }, () => fresh.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } })));
      expect(compress).toHaveBeenCalledTimes(1);
      const expected = await encode(readFileSync(join(DIST, SLUG, 'dataset.ttl')), 'gzip');
      for (const res of answers) expect([res.statusCode, res.headers['content-encoding'], res.rawPayload.equals(expected)]).toEqual([200, 'gzip', true]);
    } finally {
      compress.mockRestore();
      await fresh.close();
    }
  });

  it('sends the gzip copy to a client without brotli, with the type of the file it encodes', async () => {
    for (const [path, type] of [[`${SLUG}/progress.csv`, 'text/csv; charset=utf-8'], [`${SLUG}/csv-metadata.json`, 'application/csvm+json'], [`${SLUG}/dataset.nt`, 'application/n-triples']] as const) {
      const res = await app.inject({ method: 'GET', url: `/${path}`, headers: { 'accept-encoding': 'gzip' } });
      expect([res.headers['content-encoding'], res.headers['content-type']], path).toEqual(['gzip', type]);
      expect(res.rawPayload.equals(await encode(readFileSync(join(DIST, path)), 'gzip')), path).toBe(true);
    }
  });

  it('sends a copy written at publish time as it is, and makes none of its own for that file', async () => {
    // A release whose catalog.ttl has its copies beside it, as publish writes them for files of COPIES_FROM bytes or more.
    const release = await withCopies('catalog.ttl');
    const { app: copies } = await createServer({ release: await openRelease(release) });
    const compress = vi.spyOn(zlib, 'brotliCompressSync');
    try {
      const copy = readFileSync(join(release, 'catalog.ttl.br'));
      for (let i = 0; i < 2; i++) {
        const res = await copies.inject({ method: 'GET', url: '/catalog.ttl', headers: { 'accept-encoding': 'br' } });
        expect([res.statusCode, res.headers['content-encoding'], Number(res.headers['content-length'])]).toEqual([200, 'br', copy.length]);
        expect(res.rawPayload.equals(copy)).toBe(true);
      }
      expect(compress).not.toHaveBeenCalled();
    } finally {
      compress.mockRestore();
      await copies.close();
    }
  });

  it('answers a directory with its index.html, with or without the final slash, and If-Modified-Since with 304', async () => {
    const page = readFileSync(join(DIST, SLUG, 'index.html'));
    for (const url of [`/${SLUG}/`, `/${SLUG}`]) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
      expect([res.statusCode, res.headers['content-type']], url).toEqual([200, 'text/html; charset=utf-8']);
      expect(res.rawPayload.equals(page), url).toBe(true);
    }
    const first = await app.inject({ method: 'GET', url: '/catalog.ttl' });
    const again = await app.inject({ method: 'GET', url: '/catalog.ttl', headers: { 'if-modified-since': first.headers['last-modified'] as string } });
    expect([again.statusCode, again.body]).toEqual([304, '']);
  });

  it('404 for what is not in the release', async () => {
    expect((await app.inject({ method: 'GET', url: '/nope.csv' })).statusCode).toBe(404);
  });
});

describe('IRIs resolve', () => {
  const action = `/id/actieplan/2020-2022/actiepunt/1`;

  it('/id/… answers 303 See Other to /doc/…', async () => {
    const res = await app.inject({ method: 'GET', url: action });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/doc/actieplan/2020-2022/actiepunt/1');
  });

  it.each([
    ['text/turtle', 'text/turtle'],
    ['application/n-triples', 'application/n-triples'],
    ['application/ld+json', 'application/ld+json'],
  ])('/doc/ negotiates %s', async (accept, type) => {
    const res = await app.inject({ method: 'GET', url: '/doc/actieplan/2020-2022/actiepunt/1', headers: { accept } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    expect(res.headers.vary).toContain('Accept');
    const quads =
      type === 'application/ld+json'
        ? new Parser({ format: 'N-Quads' }).parse((await jsonld.toRDF(JSON.parse(res.body) as object, { format: 'application/n-quads' })) as unknown as string)
        : new Parser({ format: type === 'text/turtle' ? 'Turtle' : 'N-Triples' }).parse(res.body);
    expect(quads.some((q) => q.predicate.value === 'http://purl.org/dc/terms/title' && q.object.value === 'Transparantie in de Wet op de politieke partijen')).toBe(true);
    expect(quads.every((q) => q.subject.value === `${BASE}${action}`)).toBe(true);
  });

  it('/doc/ in a browser is an HTML page with escaped text and local links', async () => {
    const res = await app.inject({ method: 'GET', url: '/doc/actieplan/2020-2022/actiepunt/7', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('De toekomst van ‘Beleidsintimiteit’');
    expect(res.body).toContain('href="/id/actieplan/2020-2022/thema/IV"');
  });

  it('a path that is not an IRI ontsluit mints is 404, and never reaches the query', async () => {
    const injection = encodeURIComponent('x> <http://purl.org/dc/terms/title> <javascript:alert(1)> } WHERE {} #');
    for (const url of [`/doc/${injection}`, '/doc/a%20b', `/doc/x%3E%20%3Fp%20%3Fo%20%7D%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%23`]) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('<a href="javascript:');
    }
    const redirect = await app.inject({ method: 'GET', url: '/id/a%3Fb' });
    expect(redirect.headers.location).toBe('/doc/a%3Fb');
  });

  it('/doc/ holds the same triples a CONSTRUCT over the store gives, for every kind of resource', async () => {
    const iris = ['actieplan/2020-2022/actiepunt/1', 'actieplan/2020-2022/thema/IV', `dataset/${SLUG}`, 'catalogus/open-overheid', 'def/actieplan'];
    const key = (text: string) => new Set(new Parser({ format: 'N-Triples' }).parse(text).map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}@${q.object.termType === 'Literal' ? q.object.language + q.object.datatype.value : ''}`));
    let found = 0;
    for (const path of iris) {
      const iri = `${BASE}/id/${path}`;
      const doc = await app.inject({ method: 'GET', url: `/doc/${path}`, headers: { accept: 'application/n-triples' } });
      const constructed = await runQuery(store, `CONSTRUCT { <${iri}> ?p ?o } WHERE { <${iri}> ?p ?o }`, { accept: 'application/n-triples' });
      if (constructed.body.trim() === '') {
        expect(doc.statusCode, path).toBe(404);
        continue;
      }
      found++;
      expect(doc.statusCode, path).toBe(200);
      expect(key(doc.body), path).toEqual(key(constructed.body));
    }
    expect(found).toBeGreaterThanOrEqual(3);
  });

  it('an IRI the release does not have is 404', async () => {
    expect((await app.inject({ method: 'GET', url: '/doc/actieplan/2020-2022/actiepunt/99', headers: { accept: 'text/turtle' } })).statusCode).toBe(404);
  });
});

describe('/sparql', () => {
  const query = readFileSync(join(ROOT, 'data', 'queries', 'actions-per-theme.rq'), 'utf8');

  it.each([
    ['application/sparql-results+json', (body: string) => JSON.parse(body).results.bindings.length === 7],
    ['application/sparql-results+xml', (body: string) => (body.match(/<result>/g) ?? []).length === 7],
    ['text/csv', (body: string) => body.trim().split(/\r?\n/).length === 8],
    ['text/tab-separated-values', (body: string) => body.trim().split(/\r?\n/).length === 8],
  ])('GET with Accept %s', async (accept, ok) => {
    const res = await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(query)}`, headers: { accept } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(accept);
    expect(ok(res.body)).toBe(true);
  });

  it('POST as application/sparql-query and as a form', async () => {
    const direct = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, payload: query });
    const form = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ query }).toString() });
    expect(JSON.parse(direct.body)).toEqual(JSON.parse(form.body));
    const counts = JSON.parse(direct.body).results.bindings.map((b: Record<string, { value: string }>) => Number(Object.values(b).at(-1)!.value));
    expect(counts).toEqual([3, 2, 1, 2, 1, 3, 1]);
  });

  it('is read-only: updates are refused', async () => {
    const update = 'INSERT DATA { <urn:a> <urn:b> <urn:c> }';
    expect((await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-update' }, payload: update })).statusCode).toBe(405);
    expect((await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `update=${encodeURIComponent(update)}` })).statusCode).toBe(405);
    expect((await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(update)}` })).statusCode).toBe(400);
  });

  it('a syntax error is 400 with the message; a result over the limit is cut and says so', async () => {
    const bad = await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('SELECT WHERE {')}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body.length).toBeGreaterThan(10);
    const many = await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('SELECT ?s WHERE { ?s ?p ?o }')}`, headers: { accept: 'application/sparql-results+json' } });
    expect(many.headers['x-sparql-maxrows']).toBe('10');
    expect(Number(many.headers['x-sparql-total-rows'])).toBeGreaterThan(1000);
    expect(JSON.parse(many.body).results.bindings).toHaveLength(10);
  });

  it('a query past the time limit is 503 and the next one works', async () => {
    const slow = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
    const res = await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(slow)}` });
    expect(res.statusCode).toBe(503);
    const next = await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(query)}` });
    expect(next.statusCode).toBe(200);
  });

  it('without a query it describes itself (SPARQL Service Description)', async () => {
    const res = await app.inject({ method: 'GET', url: '/sparql' });
    expect(res.headers['content-type']).toContain('text/turtle');
    const quads = new Parser().parse(res.body);
    expect(quads.some((q) => q.object.value === 'http://www.w3.org/ns/sparql-service-description#SPARQL11Query')).toBe(true);
  });
});

describe('served for real: ontsluit serve + ontsluit check --url-check live', () => {
  let child: ChildProcess;
  let origin = '';
  beforeAll(async () => {
    ({ child, origin } = await startServe(DIST));
  });
  afterAll(() => child.kill('SIGTERM'));

  it('every access and download URL answers HEAD with 2xx: MQA 405', async () => {
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const c = spawn(process.execPath, [join(ROOT, 'bin', 'ontsluit.js'), 'check', '--url-check', 'live', '--origin', `${BASE}=${origin}`], { cwd: ROOT });
      let out = '';
      c.stdout.on('data', (d) => (out += d));
      c.on('close', (code) => resolve({ code, out }));
    });
    expect(run.code).toBe(0);
    // Pages (actiepunt/ too) and their charts are not distributions, nor are the compressed copies of files.
    const files = readdirSync(join(DIST, SLUG), { withFileTypes: true }).filter((f) => f.isFile() && !/\.(html|svg|br|gz)$/.test(f.name)).length;
    expect(run.out).toContain(`URLs: ${files} checked with HEAD against ${BASE} via ${origin}, 0 failing`);
    expect(run.out).toContain('405/405 (Excellent)');
  });
});

describe('files streamed from disk (over the size kept in memory)', () => {
  it('sends the pre-compressed copy, ranges of the file, and the same headers', async () => {
    const release = await withCopies('catalog.ttl');
    const { app: streaming } = await createServer({ release: await openRelease(release), memoryFileBytes: 0 });
    const { app: inMemory } = await createServer({ release: await openRelease(release) });
    try {
      const copy = readFileSync(join(release, 'catalog.ttl.br'));
      const br = await streaming.inject({ method: 'GET', url: '/catalog.ttl', headers: { 'accept-encoding': 'br' } });
      expect([br.statusCode, br.headers['content-encoding'], br.headers['content-type'], Number(br.headers['content-length'])]).toEqual([200, 'br', 'text/turtle; charset=utf-8', copy.length]);
      expect(br.rawPayload.equals(copy)).toBe(true);
      const held = await inMemory.inject({ method: 'GET', url: '/catalog.ttl', headers: { 'accept-encoding': 'br' } });
      expect(held.rawPayload.equals(copy)).toBe(true);
      expect(br.headers.etag).toBe(held.headers.etag);
      const nt = await streaming.inject({ method: 'GET', url: `/${SLUG}/dataset.nt`, headers: { 'accept-encoding': 'identity', range: 'bytes=0-9' } });
      expect([nt.statusCode, nt.headers['content-type'], nt.body]).toEqual([206, 'application/n-triples', readFileSync(join(DIST, SLUG, 'dataset.nt')).subarray(0, 10).toString()]);
    } finally {
      await streaming.close();
      await inMemory.close();
    }
  });
});

describe('two queries at once', () => {
  it('a slow query does not hold up a quick one', async () => {
    const finished: string[] = [];
    const slow = app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }')}` }).then((res) => {
      finished.push('slow');
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const quick = await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}` });
    finished.push('quick');
    expect(quick.statusCode).toBe(200);
    expect((await slow).statusCode).toBe(503);
    // The slow query runs into its time limit; the quick one was answered first, by the other worker.
    expect(finished).toEqual(['quick', 'slow']);
  });
});
