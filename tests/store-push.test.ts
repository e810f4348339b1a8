// Pushing the committed release into a SPARQL Graph Store: a real Virtuoso (started per file, when
// Debian's package is installed) for the graphs, counts, replacement and auth; a loopback stub for
// retries on 5xx and Basic auth; a closed port for an unreachable store.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OntsluitError } from '../pipeline/errors.js';
import { openRelease } from '../pipeline/release.js';
import type { ErrorCode } from '../pipeline/errors.js';
import { pushRelease, type PushOptions } from '../pipeline/store-push.js';
import { ROOT } from './helpers.js';
import { startVirtuoso, virtuosoAvailable, type Virtuoso } from './support/virtuoso.js';

const DIST = join(ROOT, 'dist');
const SLUG = 'actieplan-open-overheid-2020-2022';
const DCAT = 'http://www.w3.org/ns/dcat#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

// What the release holds, read here independently of pipeline/store-push.ts.
const catalogQuads = new Parser({ format: 'text/turtle' }).parse(readFileSync(join(DIST, 'catalog.ttl'), 'utf8'));
const ofType = (cls: string) => catalogQuads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}${cls}`).map((q) => q.subject.value);
const CATALOG = ofType('Catalog')[0]!;
const DATASET = ofType('Dataset')[0]!;
const CATALOG_TRIPLES = new Set(catalogQuads.map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`)).size;
const DATASET_LINES = readFileSync(join(DIST, SLUG, 'dataset.nt'), 'utf8').split('\n').filter((l) => l !== '').length;
const VOCABULARY = 'https://data.open-overheid.nl/def/actieplan';
const VOCABULARY_TRIPLES = new Set(new Parser().parse(readFileSync(join(DIST, 'def', 'actieplan.ttl'), 'utf8')).map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`)).size;

/** The rejection of `promise` as an OntsluitError (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<OntsluitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OntsluitError);
  return error as OntsluitError;
}

function expectStoreError(error: OntsluitError, code: Extract<ErrorCode, `store-${string}`>, store: string, graph: string): void {
  expect(error.code as string, error.describe()).toBe(code);
  expect(error.message).toContain(store);
  expect(error.message).toContain(`<${graph}>`);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe.skipIf(!virtuosoAvailable())('pushRelease into a real Virtuoso (skipped: /usr/bin/virtuoso-t missing, run .ci/virtuoso-setup.sh)', () => {
  let v: Virtuoso;

  beforeAll(async () => {
    v = await startVirtuoso();
  }, 90_000);

  afterAll(async () => {
    await v?.stop();
  });

  /** SPARQL protocol GET against the store's own endpoint; the bindings as plain strings. */
  async function select(query: string): Promise<Record<string, string>[]> {
    const url = `${v.sparql}?query=${encodeURIComponent(query)}&format=${encodeURIComponent('application/sparql-results+json')}`;
    const response = await fetch(url, { headers: { accept: 'application/sparql-results+json' } });
    expect(response.status, await response.clone().text()).toBe(200);
    const json = (await response.json()) as { results: { bindings: Record<string, { value: string }>[] } };
    return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, t]) => [k, t.value])));
  }
  const count = async (query: string) => Number((await select(query))[0]?.n ?? NaN);

  async function counts() {
    const rows = await select(`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?g { <${DATASET}> <${CATALOG}> } } GROUP BY ?g`);
    const perGraph = Object.fromEntries(rows.map((r) => [r.g!, Number(r.n)]));
    return {
      dataset: perGraph[DATASET],
      catalog: perGraph[CATALOG],
      actions: await count(`PREFIX aoo: <https://data.open-overheid.nl/def/actieplan#> SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH <${DATASET}> { ?a a aoo:Actiepunt } }`),
      catalogs: await count(`SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH <${CATALOG}> { ?c a <${DCAT}Catalog> } }`),
    };
  }
  const expected = { dataset: DATASET_LINES, catalog: CATALOG_TRIPLES, actions: 13, catalogs: 1 };

  it('replaces one graph per dataset and one for the catalog, with credentials from the environment', async () => {
    vi.stubEnv('ONTSLUIT_STORE_USER', v.user);
    vi.stubEnv('ONTSLUIT_STORE_PASSWORD', v.password);
    const report = await pushRelease(await openRelease(DIST), { store: v.gspAuth });

    expect(report.store).toBe(v.gspAuth);
    expect(report.graphs.map(({ graph, kind, file, triples }) => ({ graph, kind, file, triples }))).toEqual([
      { graph: DATASET, kind: 'dataset', file: `${SLUG}/dataset.nt`, triples: DATASET_LINES },
      { graph: VOCABULARY, kind: 'vocabulary', file: 'def/actieplan.ttl', triples: VOCABULARY_TRIPLES },
      { graph: CATALOG, kind: 'catalog', file: 'catalog.ttl', triples: CATALOG_TRIPLES },
    ]);
    for (const g of report.graphs) {
      expect(g.status).toBe(201); // created (a fresh store)
      // The Digest challenge, then the authenticated PUT; before them only earlier attempts that the push
      // retries (a 5xx, a dropped connection, each named in the report) and their challenges.
      expect(g.answers.slice(-2), `answers ${g.answers.join(', ')}`).toEqual(['401', '201']);
      expect(g.answers.slice(0, -2).filter((a) => !/^(?:401|5\d\d|E[A-Z_]+)$/.test(a))).toEqual([]);
      expect(g.requests).toBe(g.answers.length);
      expect(g.ms).toBeGreaterThanOrEqual(0);
    }

    expect(await counts()).toEqual(expected);
    // The catalog graph names the dataset graph, and UTF-8 text arrives intact.
    expect(await count(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${CATALOG}> { <${CATALOG}> <${DCAT}dataset> <${DATASET}> } }`)).toBe(1);
    const [title] = await select(
      `SELECT ?t WHERE { GRAPH <${DATASET}> { <https://data.open-overheid.nl/id/actieplan/2020-2022/actiepunt/7> <http://purl.org/dc/terms/title> ?t } }`,
    );
    expect(title?.t).toBe('De toekomst van ‘Beleidsintimiteit’');
  });

  it('replaces, not appends: a second push removes a stray triple and leaves the counts as they were', async () => {
    await v.isql(`SPARQL INSERT DATA { GRAPH <${DATASET}> { <urn:ontsluit:stray> <urn:ontsluit:p> "stale" } };`);
    expect((await counts()).dataset).toBe(DATASET_LINES + 1);

    const report = await pushRelease(await openRelease(DIST), { store: v.gspAuth, username: v.user, password: v.password });
    expect(report.graphs.map((g) => g.status).every((s) => s === 200 || s === 201 || s === 204)).toBe(true);
    expect(await counts()).toEqual(expected);
    expect(await count(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${DATASET}> { <urn:ontsluit:stray> ?p ?o } }`)).toBe(0);
  });

  it('a wrong password is store-unauthorized and names the environment variables', async () => {
    const error = await failure(pushRelease(await openRelease(DIST), { store: v.gspAuth, username: v.user, password: 'wrong' }));
    expectStoreError(error, 'store-unauthorized', v.gspAuth, DATASET);
    expect(error.message).toContain('ONTSLUIT_STORE_USER');
    expect(error.message).toContain('ONTSLUIT_STORE_PASSWORD');
  });

  it('no credentials at all is store-unauthorized and says which variables to set', async () => {
    vi.stubEnv('ONTSLUIT_STORE_USER', '');
    vi.stubEnv('ONTSLUIT_STORE_PASSWORD', '');
    const error = await failure(pushRelease(await openRelease(DIST), { store: v.gspAuth }));
    expectStoreError(error, 'store-unauthorized', v.gspAuth, DATASET);
    expect(error.message).toMatch(/set ONTSLUIT_STORE_USER and ONTSLUIT_STORE_PASSWORD/);
  });

  it('the anonymous endpoint (no SPARQL_UPDATE) is store-forbidden, and the store keeps its graphs', async () => {
    vi.stubEnv('ONTSLUIT_STORE_USER', '');
    const error = await failure(pushRelease(await openRelease(DIST), { store: v.gsp }));
    expectStoreError(error, 'store-forbidden', v.gsp, DATASET);
    expect(await counts()).toEqual(expected);
  });
});

describe('pushRelease errors without a store', () => {
  let stub: Server;
  let base: string;
  const seen: { auth: string | undefined; type: string | undefined }[] = [];
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(500).end();

  beforeAll(async () => {
    stub = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        seen.push({ auth: req.headers.authorization, type: req.headers['content-type'] });
        handler(req, res);
      });
    });
    await new Promise<void>((done) => stub.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    stub.closeAllConnections();
    await new Promise<void>((done) => stub.close(() => done()));
  });

  const fast: Partial<PushOptions> = { username: 'u', password: 'p', backoffMs: 5 };

  it('a closed port is store-unreachable after the retries', async () => {
    const port = await new Promise<number>((done) => {
      const s = createNetServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => done(port));
      });
    });
    const store = `http://127.0.0.1:${port}/sparql-graph-crud-auth`;
    const error = await failure(pushRelease(await openRelease(DIST), { ...fast, store, retries: 1 }));
    expectStoreError(error, 'store-unreachable', store, DATASET);
    expect(error.found).toBe('ECONNREFUSED (after 2 attempts)');
  });

  it('5xx on every attempt is store-failed after the retries', async () => {
    seen.length = 0;
    handler = (_req, res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
    const store = `${base}/gsp`;
    const error = await failure(pushRelease(await openRelease(DIST), { ...fast, store, retries: 2 }));
    expectStoreError(error, 'store-failed', store, DATASET);
    expect(error.found).toBe('HTTP 503 Service Unavailable ("busy") after 3 attempts');
    expect(seen).toHaveLength(3);
  });

  it('a connection dropped before the answer is retried, and the report names it', async () => {
    seen.length = 0;
    let dropped = 0;
    handler = (req, res) => {
      if (dropped++ === 0) req.socket.destroy();
      else res.writeHead(204).end();
    };
    const report = await pushRelease(await openRelease(DIST), { ...fast, store: `${base}/gsp`, retries: 1 });
    expect(report.graphs.map((g) => [g.kind, g.status, g.requests, g.answers])).toEqual([
      ['dataset', 204, 2, ['ECONNRESET', '204']],
      ['vocabulary', 204, 1, ['204']],
      ['catalog', 204, 1, ['204']],
    ]);
    const lines: string[] = [];
    const { default: publish } = await import('../pipeline/commands/publish.js');
    dropped = 0;
    await publish({ store: `${base}/gsp`, release: DIST }, { io: { stdout: (t) => lines.push(t), stderr: () => undefined }, setExit: () => undefined, logLevel: 'silent' });
    expect(lines[0]).toMatch(/: \d+ triples, HTTP 204, retried after ECONNRESET, \d+ ms\n$/);
    expect(lines.slice(1).every((l) => !l.includes('retried'))).toBe(true);
  });

  it('answers a Basic challenge (other Graph Stores) with Basic credentials when allowed over http, PUT as N-Triples', async () => {
    seen.length = 0;
    handler = (req, res) => {
      if (req.headers.authorization === `Basic ${Buffer.from('u:p').toString('base64')}`) res.writeHead(204).end();
      else res.writeHead(401, { 'www-authenticate': 'Basic realm="gsp"' }).end();
    };
    const report = await pushRelease(await openRelease(DIST), { ...fast, store: `${base}/gsp`, allowBasicOverHttp: true });
    expect(report.graphs.map((g) => [g.kind, g.status, g.requests])).toEqual([
      ['dataset', 204, 2],
      ['vocabulary', 204, 2],
      ['catalog', 204, 2],
    ]);
    expect(seen.every((s) => s.type === 'application/n-triples')).toBe(true);
  });

  it('never sends Basic credentials over plain http unless allowed: one unauthenticated request, then a clear error', async () => {
    seen.length = 0;
    handler = (_req, res) => res.writeHead(401, { 'www-authenticate': 'Basic realm="gsp"' }).end();
    vi.stubEnv('ONTSLUIT_STORE_ALLOW_HTTP_BASIC', '');
    const store = `${base}/gsp`;
    const error = await failure(pushRelease(await openRelease(DIST), { ...fast, store }));
    expectStoreError(error, 'store-unauthorized', store, DATASET);
    expect(error.message).toContain('Basic credentials over plain http');
    expect(error.message).toContain('--allow-basic-over-http');
    expect(seen).toEqual([{ auth: undefined, type: 'application/n-triples' }]);
    // The environment variable is the explicit permission too.
    vi.stubEnv('ONTSLUIT_STORE_ALLOW_HTTP_BASIC', '1');
    handler = (req, res) => (req.headers.authorization ? res.writeHead(204).end() : res.writeHead(401, { 'www-authenticate': 'Basic realm="gsp"' }).end());
    expect((await pushRelease(await openRelease(DIST), { ...fast, store })).graphs).toHaveLength(3);
  });

  it('never echoes credentials: not from a store URL with user:pass@, not from an answer that repeats them', async () => {
    const error = await failure(pushRelease(await openRelease(DIST), { ...fast, store: 'http://alice:s3cret@127.0.0.1:9/gsp' }));
    expect(error.code).toBe('usage');
    for (const text of [error.describe(), JSON.stringify(error.location), String(error.found)]) {
      expect(text).not.toContain('s3cret');
      expect(text).not.toContain('alice');
    }
    expect(error.found).toContain('http://***:***@127.0.0.1:9/gsp');

    handler = (req, res) => {
      if (!req.headers.authorization) res.writeHead(401, { 'www-authenticate': 'Basic realm="gsp"' }).end();
      else res.writeHead(400, { 'content-type': 'text/plain' }).end(`bad request; you sent ${req.headers.authorization} (password p4ss)`);
    };
    const echoed = await failure(pushRelease(await openRelease(DIST), { ...fast, store: `${base}/gsp`, username: 'u', password: 'p4ss', allowBasicOverHttp: true }));
    expect(echoed.found).toContain('HTTP 400');
    expect(echoed.describe()).not.toContain('p4ss');
    expect(echoed.describe()).not.toContain(Buffer.from('u:p4ss').toString('base64'));
  });

  it('reads at most 64 KiB of a huge 4xx answer, closes the connection and does not retry', async () => {
    seen.length = 0;
    let sent = 0;
    handler = (_req, res) => {
      // Up to 256 MiB of answer, written as fast as the client reads it; stops when the client closes.
      res.writeHead(400, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (sent < 256 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    };
    const store = `${base}/gsp`;
    const error = await failure(pushRelease(await openRelease(DIST), { ...fast, store, retries: 2, timeoutMs: 10_000 }));
    expectStoreError(error, 'store-failed', store, DATASET);
    expect(error.found).toMatch(/^HTTP 400 Bad Request \("x{199}…"\); the answer was longer than 65536 bytes and was not read further$/);
    expect(seen).toHaveLength(1);
    expect(sent).toBeLessThan(32 * 1024 * 1024);
  });

  it.each([400, 404, 408, 409, 429])('HTTP %i is not retried', async (status) => {
    seen.length = 0;
    handler = (_req, res) => res.writeHead(status, { 'content-type': 'text/plain' }).end('no');
    const error = await failure(pushRelease(await openRelease(DIST), { ...fast, store: `${base}/gsp`, retries: 2 }));
    expect(error.code).toBe('store-failed');
    expect(seen).toHaveLength(1);
  });

  it('a push that fails half-way names the graphs that were replaced and those that were not', async () => {
    handler = (req, res) => res.writeHead(req.url?.includes(encodeURIComponent(CATALOG)) ? 500 : 204).end();
    const store = `${base}/gsp`;
    const error = await failure(pushRelease(await openRelease(DIST), { ...fast, store, retries: 0 }));
    expectStoreError(error, 'store-failed', store, CATALOG);
    expect(error.message).toMatch(new RegExp(`; replaced: <${DATASET}>, <${VOCABULARY}>; not replaced: <${CATALOG}>$`));
  });
});
