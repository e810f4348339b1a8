// Pushing with a SPARQL Update endpoint into a real Virtuoso: staging graphs swapped in with one
// request, so a push that fails half-way (a loopback proxy refuses one PUT) leaves the old graphs whole.
import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OntsluitError } from '../pipeline/errors.js';
import { openRelease } from '../pipeline/release.js';
import { pushRelease } from '../pipeline/store-push.js';
import { ROOT } from './helpers.js';
import { startVirtuoso, virtuosoAvailable, type Virtuoso } from './support/virtuoso.js';

const DIST = join(ROOT, 'dist');
const DCAT = 'http://www.w3.org/ns/dcat#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const catalogQuads = new Parser({ format: 'text/turtle' }).parse(readFileSync(join(DIST, 'catalog.ttl'), 'utf8'));
const ofType = (cls: string) => catalogQuads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}${cls}`).map((q) => q.subject.value);
const CATALOG = ofType('Catalog')[0]!;
const DATASET = ofType('Dataset')[0]!;
const VOCABULARY = 'https://data.open-overheid.nl/def/actieplan';
const STRAY = '<urn:ontsluit:stray> <urn:ontsluit:p> "old"';

// Twice the store client's request timeout (60 s): a request that stalls on a loaded machine ends as the
// client's own `store-failed`, which the assertions report, before the test itself times out.
describe.skipIf(!virtuosoAvailable())('pushRelease with an Update endpoint, into a real Virtuoso (skipped: /usr/bin/virtuoso-t missing, run .ci/virtuoso-setup.sh)', { timeout: 120_000 }, () => {
  let v: Virtuoso;
  let proxy: Server;
  let proxyBase = '';
  /** Which PUTs the proxy answers 503 itself instead of passing them on; and what it saw. */
  let refuse: (graph: string) => boolean = () => false;
  const puts: string[] = [];

  beforeAll(async () => {
    v = await startVirtuoso();
    const upstream = new URL(v.gspAuth);
    proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
      const graph = new URL(req.url ?? '/', 'http://proxy').searchParams.get('graph') ?? '';
      if (req.method === 'PUT') puts.push(graph);
      if (req.method === 'PUT' && req.headers.authorization && refuse(graph)) {
        req.resume();
        res.writeHead(503, { 'content-type': 'text/plain' }).end('refused by the test proxy');
        return;
      }
      // The whole request is read, then passed on; the store's answer is passed back.
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        forward.on('error', () => res.destroy());
        forward.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    proxyBase = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${upstream.pathname}`;
  }, 90_000);

  afterAll(async () => {
    proxy?.closeAllConnections();
    await new Promise<void>((done) => (proxy ? proxy.close(() => done()) : done()));
    await v?.stop();
  });

  async function select(query: string): Promise<Record<string, string>[]> {
    const response = await fetch(`${v.sparql}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
    expect(response.status, await response.clone().text()).toBe(200);
    const json = (await response.json()) as { results: { bindings: Record<string, { value: string }>[] } };
    return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, t]) => [k, t.value])));
  }
  /** Triples per graph of interest, stray triples, and any staging graph left behind. */
  async function state() {
    const rows = await select(`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`);
    const count = (g: string) => Number(rows.find((r) => r.g === g)?.n ?? 0);
    return {
      dataset: count(DATASET),
      catalog: count(CATALOG),
      strays: Number((await select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <urn:ontsluit:stray> ?p ?o } }`))[0]!.n),
      staging: rows.map((r) => r.g!).filter((g) => g.startsWith('urn:ontsluit:staging:')),
    };
  }
  const push = async (store: string) => pushRelease(await openRelease(DIST), { store, update: v.sparqlAuth, username: v.user, password: v.password, backoffMs: 5, retries: 0 });

  it('loads staging graphs and swaps them in with one SPARQL Update: graphs replaced, no staging graph left', async () => {
    await v.isql(`SPARQL INSERT DATA { GRAPH <${DATASET}> { ${STRAY} } GRAPH <${CATALOG}> { ${STRAY} } };`);
    const report = await push(v.gspAuth);
    expect(report.swap).toMatchObject({ endpoint: v.sparqlAuth });
    expect(report.swap!.status).toBeGreaterThanOrEqual(200);
    expect(report.swap!.status).toBeLessThan(300);
    expect(report.graphs.map((g) => [g.graph, g.staging?.startsWith('urn:ontsluit:staging:')])).toEqual([
      [DATASET, true],
      [VOCABULARY, true],
      [CATALOG, true],
    ]);
    const after = await state();
    expect(after).toEqual({ dataset: report.graphs[0]!.triples, catalog: report.graphs[2]!.triples, strays: 0, staging: [] });
  });

  it('a push that fails half-way replaces nothing: the old graphs stay whole, the staging graphs are dropped', async () => {
    await v.isql(`SPARQL INSERT DATA { GRAPH <${DATASET}> { ${STRAY} } GRAPH <${CATALOG}> { ${STRAY} } };`);
    const before = await state();
    expect(before.strays).toBe(2);
    puts.length = 0;
    refuse = (graph) => graph.endsWith(':2'); // the catalog's staging graph, the third one loaded
    const error = await push(proxyBase).then(
      () => expect.unreachable('the push should fail'),
      (e: unknown) => e as OntsluitError,
    );
    refuse = () => false;
    expect(error.code, error.describe()).toBe('store-failed');
    expect(error.message).toContain(`; replaced: none; not replaced: <${DATASET}>, <${VOCABULARY}>, <${CATALOG}> (the staging graphs were dropped)`);
    expect(puts.filter((g) => g.startsWith('urn:ontsluit:staging:')).length).toBeGreaterThanOrEqual(3);
    expect(await state()).toEqual(before);
  });

  it('without an Update endpoint the same failure leaves a mix, and the error says exactly which graph was replaced', async () => {
    const before = await state();
    refuse = (graph) => graph === CATALOG;
    const error = await pushRelease(await openRelease(DIST), { store: proxyBase, username: v.user, password: v.password, backoffMs: 5, retries: 0 }).then(
      () => expect.unreachable('the push should fail'),
      (e: unknown) => e as OntsluitError,
    );
    refuse = () => false;
    expect(error.message).toContain(`; replaced: <${DATASET}>, <${VOCABULARY}>; not replaced: <${CATALOG}>`);
    const after = await state();
    expect(after.catalog).toBe(before.catalog);
    expect(after.strays).toBe(1); // the catalog's stray triple: the catalog graph is the old one
  });
});
