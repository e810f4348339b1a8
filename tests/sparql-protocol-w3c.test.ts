// The W3C SPARQL 1.1 Protocol tests (w3c/rdf-tests sparql/sparql11/protocol/manifest.ttl) replayed over HTTP against `ontsluit serve` on the release's own graphs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, serveDist, type Listening, type RawResponse } from './support/http.js';

const BASE = 'https://data.open-overheid.nl';
// The manifest's graphs data1, data2, data3 are the release's dataset, catalog and vocabulary graphs, and
// `<dataN.rdf> a ?type` becomes a typed resource of that graph. data0 names no graph of the release (an empty graph).
const G = { 0: 'http://kasei.us/2009/09/sparql/data/data0.rdf', 1: `${BASE}/id/dataset/actieplan-open-overheid-2020-2022`, 2: `${BASE}/id/catalogus/open-overheid`, 3: `${BASE}/def/actieplan` };
const S = { 1: `<${BASE}/id/actieplan/2020-2022/actiepunt/1>`, 2: `<${G[2]}>`, 3: `<${G[3]}>` };

type Expect = { status: '2xx'; boolean?: boolean; format?: 'boolean' | 'tabular' | 'RDF'; rows?: number } | { status: '4xx' };
interface Step {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  expect: Expect;
}
interface ProtocolTest {
  name: string;
  kind: 'query' | 'update';
  steps: Step[];
}

const enc = encodeURIComponent;
const dg = (...n: (0 | 1 | 2 | 3)[]) => n.map((i) => `default-graph-uri=${enc(G[i])}`).join('&');
const ng = (...n: (1 | 2 | 3)[]) => n.map((i) => `named-graph-uri=${enc(G[i])}`).join('&');
const QUERY = { 'content-type': 'application/sparql-query' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const UPDATE = { 'content-type': 'application/sparql-update' };
const TRUE: Expect = { status: '2xx', boolean: true, format: 'boolean' };
const FALSE: Expect = { status: '2xx', boolean: false, format: 'boolean' };
const REFUSED: Expect = { status: '4xx' };

const ASK_DEFAULT_12 = `ASK { ${S[1]} a ?type1 . ${S[2]} a ?type2 . }`;
const ASK_NAMED_12 = `ASK { GRAPH ?g1 { ${S[1]} a ?type1 } GRAPH ?g2 { ${S[2]} a ?type2 } }`;
const ASK_FULL = `ASK {\n  ${S[3]} a ?type3\n  GRAPH ?g1 { ${S[1]} a ?type1 }\n  GRAPH ?g2 { ${S[2]} a ?type2 }\n}`;

/** The 20 query tests of the manifest, in its order. */
export const QUERY_TESTS: ProtocolTest[] = [
  { name: 'query_post_form', kind: 'query', steps: [{ method: 'POST', path: `/sparql?${dg(0)}`, headers: FORM, body: 'query=ASK%20%7B%7D', expect: TRUE }] },
  { name: 'query_dataset_default_graphs_get', kind: 'query', steps: [{ method: 'GET', path: `/sparql?query=${enc(ASK_DEFAULT_12)}&${dg(1, 2)}`, expect: TRUE }] },
  { name: 'query_dataset_default_graphs_post', kind: 'query', steps: [{ method: 'POST', path: `/sparql?${dg(1, 2)}`, headers: QUERY, body: ASK_DEFAULT_12, expect: TRUE }] },
  { name: 'query_dataset_named_graphs_post', kind: 'query', steps: [{ method: 'POST', path: `/sparql?${ng(1, 2)}`, headers: QUERY, body: ASK_NAMED_12, expect: TRUE }] },
  { name: 'query_dataset_named_graphs_get', kind: 'query', steps: [{ method: 'GET', path: `/sparql?query=${enc(ASK_NAMED_12)}&${ng(1, 2)}`, expect: TRUE }] },
  { name: 'query_dataset_full', kind: 'query', steps: [{ method: 'POST', path: `/sparql?${dg(3)}&${ng(1, 2)}`, headers: QUERY, body: ASK_FULL, expect: TRUE }] },
  // The manifest's path encodes the second `&named-graph-uri=` as %26…%3D (one parameter); replayed as the two it describes.
  { name: 'query_multiple_dataset', kind: 'query', steps: [{ method: 'POST', path: `/sparql?${ng(1, 2)}`, headers: QUERY, body: `ASK FROM <${G[3]}> { GRAPH ?g1 { ${S[1]} a ?type1 } GRAPH ?g2 { ${S[2]} a ?type2 } }`, expect: TRUE }] },
  { name: 'query_get', kind: 'query', steps: [{ method: 'GET', path: `/sparql?query=ASK%20%7B%7D&${dg(0)}`, expect: TRUE }] },
  { name: 'query_content_type_select', kind: 'query', steps: [{ method: 'POST', path: `/sparql?${dg(0)}`, headers: QUERY, body: 'SELECT (1 AS ?value) {}', expect: { status: '2xx', format: 'tabular', rows: 1 } }] },
  { name: 'query_content_type_ask', kind: 'query', steps: [{ method: 'POST', path: `/sparql?${dg(0)}`, headers: QUERY, body: 'ASK {}', expect: { status: '2xx', format: 'boolean' } }] },
  { name: 'query_content_type_describe', kind: 'query', steps: [{ method: 'POST', path: `/sparql?${dg(0)}`, headers: QUERY, body: 'DESCRIBE <http://example.org/>', expect: { status: '2xx', format: 'RDF' } }] },
  { name: 'query_content_type_construct', kind: 'query', steps: [{ method: 'POST', path: `/sparql?${dg(0)}`, headers: QUERY, body: 'CONSTRUCT { <s> <p> 1 } WHERE {}', expect: { status: '2xx', format: 'RDF' } }] },
  { name: 'query_post_direct', kind: 'query', steps: [{ method: 'POST', path: '/sparql', headers: QUERY, body: 'ASK {}', expect: TRUE }] },
  { name: 'bad_query_method', kind: 'query', steps: [{ method: 'PUT', path: `/sparql?query=ASK%20%7B%7D&${dg(0)}`, headers: FORM, expect: REFUSED }] },
  { name: 'bad_multiple_queries', kind: 'query', steps: [{ method: 'GET', path: '/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D', expect: REFUSED }] },
  { name: 'bad_query_wrong_media_type', kind: 'query', steps: [{ method: 'POST', path: '/sparql', headers: { 'content-type': 'text/plain' }, body: 'ASK {}', expect: REFUSED }] },
  { name: 'bad_query_missing_form_type', kind: 'query', steps: [{ method: 'POST', path: '/sparql', body: 'query=ASK%20%7B%7D', expect: REFUSED }] },
  { name: 'bad_query_missing_direct_type', kind: 'query', steps: [{ method: 'POST', path: '/sparql', body: 'ASK {}', expect: REFUSED }] },
  { name: 'bad_query_non_utf8', kind: 'query', steps: [{ method: 'POST', path: '/sparql', headers: { 'content-type': 'application/sparql-query; charset=UTF-16' }, body: Buffer.from('\ufeffASK {}', 'utf16le'), expect: REFUSED }] },
  { name: 'bad_query_syntax', kind: 'query', steps: [{ method: 'GET', path: '/sparql?query=ASK%20%7B', expect: REFUSED }] },
];

const CLEAR_INSERT = (graph: string) => `PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\nCLEAR ALL ;\nINSERT DATA { GRAPH <${G[1]}> { ${S[1]} a foaf:Document } } ;\nINSERT { GRAPH <${graph}> { ?s a dc:BibliographicResource } } WHERE { ?s a foaf:Document }`;
/** After a refused update, the graph it would have written is not there. */
const UNCHANGED = (graph: string): Step => ({ method: 'POST', path: '/sparql', headers: QUERY, body: `ASK { GRAPH <${graph}> { ?s ?p ?o } }`, expect: FALSE });
const update = (name: string, path: string, graph: string): ProtocolTest => ({ name, kind: 'update', steps: [{ method: 'POST', path, headers: UPDATE, body: CLEAR_INSERT(graph), expect: REFUSED }, UNCHANGED(graph)] });

/** The 14 update tests: a read-only service refuses each update (4xx), and nothing changes. */
export const UPDATE_TESTS: ProtocolTest[] = [
  update('update_dataset_default_graph', `/sparql?using-graph-uri=${enc(G[1])}`, 'http://example.org/protocol-update-dataset-test/'),
  update('update_dataset_default_graphs', `/sparql?using-graph-uri=${enc(G[1])}&using-graph-uri=${enc(G[2])}`, 'http://example.org/protocol-update-dataset-graphs-test/'),
  update('update_dataset_named_graphs', `/sparql?using-named-graph-uri=${enc(G[1])}&using-named-graph-uri=${enc(G[2])}`, 'http://example.org/protocol-update-dataset-named-graphs-test/'),
  update('update_dataset_full', `/sparql?using-graph-uri=${enc(G[1])}&using-named-graph-uri=${enc(G[2])}`, 'http://example.org/protocol-update-dataset-full-test/'),
  { name: 'update_post_form', kind: 'update', steps: [{ method: 'POST', path: '/sparql', headers: FORM, body: 'update=CLEAR+ALL', expect: REFUSED }, { method: 'POST', path: '/sparql', headers: QUERY, body: `ASK { GRAPH <${G[1]}> { ?s ?p ?o } }`, expect: TRUE }] },
  { name: 'update_post_direct', kind: 'update', steps: [{ method: 'POST', path: '/sparql', headers: UPDATE, body: 'CLEAR ALL', expect: REFUSED }, { method: 'POST', path: '/sparql', headers: QUERY, body: `ASK { GRAPH <${G[2]}> { ?s ?p ?o } }`, expect: TRUE }] },
  {
    name: 'update_base_uri',
    kind: 'update',
    steps: [
      { method: 'POST', path: '/sparql', headers: UPDATE, body: 'CLEAR GRAPH <http://example.org/protocol-base-test/> ;\nINSERT DATA { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> <test> } }', expect: REFUSED },
      { method: 'POST', path: '/sparql', headers: QUERY, body: 'SELECT ?o WHERE { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> ?o } }', expect: { status: '2xx', format: 'tabular', rows: 0 } },
    ],
  },
  { name: 'bad_update_get', kind: 'update', steps: [{ method: 'GET', path: '/sparql?update=CLEAR%20ALL', expect: REFUSED }] },
  { name: 'bad_multiple_updates', kind: 'update', steps: [{ method: 'POST', path: '/sparql', headers: FORM, body: 'update=CLEAR%20NAMED&update=CLEAR%20DEFAULT', expect: REFUSED }] },
  { name: 'bad_update_wrong_media_type', kind: 'update', steps: [{ method: 'POST', path: '/sparql', headers: { 'content-type': 'text/plain' }, body: 'CLEAR NAMED', expect: REFUSED }] },
  { name: 'bad_update_missing_form_type', kind: 'update', steps: [{ method: 'POST', path: '/sparql', body: 'update=CLEAR%20NAMED', expect: REFUSED }] },
  { name: 'bad_update_non_utf8', kind: 'update', steps: [{ method: 'POST', path: '/sparql', headers: { 'content-type': 'application/sparql-update; charset=UTF-16' }, body: Buffer.from('\ufeffCLEAR NAMED', 'utf16le'), expect: REFUSED }] },
  { name: 'bad_update_syntax', kind: 'update', steps: [{ method: 'POST', path: '/sparql', headers: FORM, body: 'update=CLEAR%20XYZ', expect: REFUSED }] },
  {
    name: 'bad_update_dataset_conflict',
    kind: 'update',
    steps: [{ method: 'POST', path: '/sparql?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople', headers: UPDATE, body: "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\nDELETE { ?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\nWHERE { ?person foaf:givenName 'Bill' }", expect: REFUSED }],
  },
];

const BOOLEAN_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml'];
const TABULAR_TYPES = [...BOOLEAN_TYPES, 'text/csv', 'text/tab-separated-values'];
const RDF_TYPES = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml'];

/** The answer of a boolean result, in JSON or XML. */
function booleanOf(res: RawResponse): boolean {
  const type = String(res.headers['content-type']);
  if (type.startsWith('application/sparql-results+json')) return (JSON.parse(res.body) as { boolean: boolean }).boolean;
  const value = /<boolean>\s*(true|false)\s*<\/boolean>/.exec(res.body)?.[1];
  if (!value) throw new Error(`no boolean in ${res.body.slice(0, 200)}`);
  return value === 'true';
}

/** Checks one response against what the manifest expects; a message when it does not match. */
function mismatch(res: RawResponse, expected: Expect): string | undefined {
  const type = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (expected.status === '4xx') {
    if (res.status < 400 || res.status > 499) return `status ${res.status}, expected 4xx`;
    return type === 'text/plain' && res.body.trim() !== '' ? undefined : `4xx without a plain-text reason (${type})`;
  }
  if (res.status < 200 || res.status > 399) return `status ${res.status}, expected 2xx or 3xx: ${res.body.slice(0, 200)}`;
  const types = expected.format === 'boolean' ? BOOLEAN_TYPES : expected.format === 'tabular' ? TABULAR_TYPES : expected.format === 'RDF' ? RDF_TYPES : undefined;
  if (types && !types.includes(type)) return `content type ${type}, expected one of ${types.join(', ')}`;
  if (expected.boolean !== undefined && booleanOf(res) !== expected.boolean) return `answer ${!expected.boolean}, expected ${expected.boolean}`;
  if (expected.rows !== undefined && type === 'application/sparql-results+json') {
    const rows = (JSON.parse(res.body) as { results: { bindings: unknown[] } }).results.bindings.length;
    if (rows !== expected.rows) return `${rows} rows, expected ${expected.rows}`;
  }
  return undefined;
}

describe('W3C SPARQL 1.1 Protocol tests, replayed against ontsluit serve', () => {
  let server: Listening;
  const failures = new Map<string, string>();
  beforeAll(async () => {
    server = await serveDist();
  });
  afterAll(async () => {
    await server?.close();
    const all = [...QUERY_TESTS, ...UPDATE_TESTS];
    console.log(`W3C protocol manifest: ${QUERY_TESTS.filter((t) => !failures.has(t.name)).length}/${QUERY_TESTS.length} query tests pass, ${UPDATE_TESTS.filter((t) => !failures.has(t.name)).length}/${UPDATE_TESTS.length} update tests refused as a read-only service must (${all.length} in all)`);
  });

  it('holds the 34 entries of the manifest: 20 query tests and 14 update tests', () => {
    expect(QUERY_TESTS).toHaveLength(20);
    expect(UPDATE_TESTS).toHaveLength(14);
  });

  it.each([...QUERY_TESTS, ...UPDATE_TESTS].map((t) => [t.name, t] as const))('%s', async (name, test) => {
    for (const [i, step] of test.steps.entries()) {
      const res = await raw(server.origin, step.method, step.path, step.headers, step.body);
      const problem = mismatch(res, step.expect);
      if (problem) failures.set(name, problem);
      expect(problem, `${name}, request ${i + 1}: ${step.method} ${step.path}`).toBeUndefined();
    }
  });

  // Beyond the manifest: the same requests with another dataset give another answer, so the dataset is really used.
  it.each([
    ['default graphs: the dataset graph alone lacks the catalog', `/sparql?query=${enc(ASK_DEFAULT_12)}&${dg(1)}`],
    ['named graphs: only the dataset graph named', `/sparql?query=${enc(ASK_NAMED_12)}&${ng(1)}`],
    ['FROM in the query, no protocol dataset', `/sparql?query=${enc(`ASK FROM <${G[1]}> { ${S[2]} a ?type }`)}`],
    ['FROM NAMED in the query: the vocabulary graph is not named', `/sparql?query=${enc(`ASK FROM NAMED <${G[1]}> { GRAPH <${G[3]}> { ?s ?p ?o } }`)}`],
    ['the protocol dataset overrides FROM', `/sparql?query=${enc(`ASK FROM <${G[2]}> { ${S[2]} a ?type }`)}&${dg(1)}`],
    ['FROM a graph the release does not have', `/sparql?query=${enc('ASK FROM <urn:nope> { ?s ?p ?o }')}`],
  ])('%s → false', async (_name, path) => {
    const res = await raw(server.origin, 'GET', path);
    expect(mismatch(res, FALSE)).toBeUndefined();
  });
});
