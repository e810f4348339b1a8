// Every IRI resolves in every RDF format (/def/, /id/, /doc/), RDF/XML and JSON-LD profiles, 406, Vary, CORS, the dataset of a query, VoID, the query page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { openRelease } from '../pipeline/release.js';
import { hasDatasetClause } from '../pipeline/sparql-dataset.js';
import { negotiate } from '../pipeline/sparql.js';
import { choose } from '../pipeline/serve/negotiate.js';
import { createServer } from '../pipeline/serve/server.js';
import { ROOT } from './helpers.js';

const DIST = join(ROOT, 'dist');
const BASE = 'https://data.open-overheid.nl';
const AOO = `${BASE}/def/actieplan#`;
const DATASET = `${BASE}/id/dataset/actieplan-open-overheid-2020-2022`;
const { app } = await createServer({ release: await openRelease(DIST) });
afterAll(() => app.close());

const get = (url: string, accept?: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { ...(accept ? { accept } : {}), ...headers } });

function parseRdfXml(xml: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (q: Quad) => quads.push(q)).on('error', reject).on('end', () => resolve(quads));
    parser.end(xml);
  });
}

/** Parses a response in whichever RDF format it says it is. */
async function quadsOf(type: string, body: string): Promise<Quad[]> {
  if (type.startsWith('application/rdf+xml')) return parseRdfXml(body);
  if (type.startsWith('application/ld+json')) return new Parser({ format: 'N-Quads' }).parse((await jsonld.toRDF(JSON.parse(body) as object, { format: 'application/n-quads' })) as unknown as string);
  return new Parser({ format: type.startsWith('text/turtle') ? 'Turtle' : 'N-Triples' }).parse(body);
}

describe('/def/actieplan: the vocabulary and every aoo: term resolve', () => {
  const vocabularyQuads = new Parser({ format: 'Turtle' }).parse(readFileSync(join(DIST, 'def', 'actieplan.ttl'), 'utf8'));

  it.each(['text/turtle', 'application/rdf+xml', 'application/ld+json', 'application/n-triples'])('200 %s with every triple of def/actieplan.ttl', async (accept) => {
    const res = await get('/def/actieplan', accept);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(accept);
    expect(res.headers.vary).toContain('Accept');
    const quads = await quadsOf(accept, res.body);
    expect(quads.length).toBe(vocabularyQuads.length);
    expect(quads.some((q) => q.subject.value === `${AOO}Actiepunt` && q.predicate.value.endsWith('#label') && q.object.value === 'Action point')).toBe(true);
  });

  it('a browser gets the page that documents each class and property', async () => {
    const res = await get('/def/actieplan', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toBe(readFileSync(join(DIST, 'def', 'actieplan.html'), 'utf8'));
    expect(res.body).toContain('id="Actiepunt"');
  });

  it('406 with the types on offer when none fits', async () => {
    const res = await get('/def/actieplan', 'image/png');
    expect(res.statusCode).toBe(406);
    expect(res.body).toContain('text/turtle');
    expect(res.body).toContain('application/rdf+xml');
  });
});

describe('/id/ and /doc/ negotiate', () => {
  const doc = '/doc/actieplan/2020-2022/actiepunt/7';

  it("rdflib's Accept gets RDF/XML that parses, with the action's triples", async () => {
    const res = await get(doc, 'application/rdf+xml,text/rdf+n3;q=0.9,application/xhtml+xml;q=0.5, */*;q=0.1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/rdf+xml');
    expect(res.headers.vary).toContain('Accept');
    const quads = await parseRdfXml(res.body);
    expect(quads.some((q) => q.predicate.value === `${AOO}nummer` && q.object.value === '7')).toBe(true);
  });

  it.each([
    ['expanded', (json: unknown) => Array.isArray(json) && !('@context' in (json[0] as object))],
    ['flattened', (json: unknown) => typeof json === 'object' && json !== null && '@graph' in json && '@context' in json],
    ['compacted', (json: unknown) => typeof json === 'object' && json !== null && '@context' in json],
  ])('honours the JSON-LD profile %s', async (form, ok) => {
    const profile = `http://www.w3.org/ns/json-ld#${form}`;
    const res = await get(doc, `application/ld+json;profile="${profile}"`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(`profile="${profile}"`);
    const json = JSON.parse(res.body) as unknown;
    expect(ok(json)).toBe(true);
    expect((await quadsOf('application/ld+json', res.body)).length).toBeGreaterThan(5);
  });

  it('a profile it does not know still gets JSON-LD, not HTML', async () => {
    const res = await get(doc, 'application/ld+json;profile="https://schema.org/"');
    expect(res.headers['content-type']).toContain('application/ld+json');
  });

  it('406 when nothing fits, on /id/ and /doc/, with Vary', async () => {
    for (const url of [doc, '/id/actieplan/2020-2022/actiepunt/7']) {
      const res = await get(url, 'image/png, application/pdf');
      expect(res.statusCode, url).toBe(406);
      expect(res.headers.vary).toContain('Accept');
      expect(res.body).toContain('application/rdf+xml');
    }
  });
});

describe('/sparql: the dataset of a query, RDF/XML, 406, the Service Description', () => {
  const count = async (query: string, params = '') => {
    const res = await get(`/sparql?query=${encodeURIComponent(query)}${params}`, 'application/sparql-results+json');
    expect(res.statusCode, res.body).toBe(200);
    return Number(JSON.parse(res.body).results.bindings[0].n.value);
  };
  const ALL = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
  const triples = readFileSync(join(DIST, 'actieplan-open-overheid-2020-2022', 'dataset.nt'), 'utf8').trim().split('\n').length;

  it('FROM <dataset> counts that graph only; FROM <urn:nope> nothing; no FROM every graph', async () => {
    expect(await count(`SELECT (COUNT(*) AS ?n) FROM <${DATASET}> WHERE { ?s ?p ?o }`)).toBe(triples);
    expect(await count('SELECT (COUNT(*) AS ?n) FROM <urn:nope> WHERE { ?s ?p ?o }')).toBe(0);
    expect(await count(ALL)).toBeGreaterThan(triples);
  });

  it('default-graph-uri and named-graph-uri choose the dataset, by GET and by form POST', async () => {
    expect(await count(ALL, `&default-graph-uri=${encodeURIComponent(DATASET)}`)).toBe(triples);
    expect(await count(ALL, `&named-graph-uri=${encodeURIComponent(DATASET)}`)).toBe(0);
    const form = new URLSearchParams([['query', 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'], ['named-graph-uri', DATASET], ['named-graph-uri', `${BASE}/def/actieplan`]]);
    const res = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' }, payload: form.toString() });
    const vocabulary = await count(ALL, `&default-graph-uri=${encodeURIComponent(`${BASE}/def/actieplan`)}`);
    expect(Number(JSON.parse(res.body).results.bindings[0].n.value)).toBe(triples + vocabulary);
  });

  it('a CONSTRUCT asked as RDF/XML is RDF/XML', async () => {
    const query = `CONSTRUCT { ?a <${AOO}nummer> ?n } WHERE { ?a <${AOO}nummer> ?n }`;
    const res = await get(`/sparql?query=${encodeURIComponent(query)}`, 'application/rdf+xml');
    expect(res.headers['content-type']).toContain('application/rdf+xml');
    expect((await parseRdfXml(res.body)).length).toBe(13);
  });

  it('406 with the types on offer for a type no form has; a SELECT is not given as Turtle', async () => {
    const res = await get(`/sparql?query=${encodeURIComponent(ALL)}`, 'text/turtle');
    expect(res.statusCode).toBe(406);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('application/sparql-results+json');
  });

  it('the Service Description states the default dataset and its graphs', async () => {
    const res = await get('/sparql', 'text/turtle');
    const quads = new Parser({ format: 'Turtle' }).parse(res.body);
    const SD = 'http://www.w3.org/ns/sparql-service-description#';
    expect(quads.some((q) => q.predicate.value === `${SD}defaultDataset`)).toBe(true);
    const names = quads.filter((q) => q.predicate.value === `${SD}name`).map((q) => q.object.value);
    expect(names.sort()).toEqual([DATASET, `${BASE}/def/actieplan`, `${BASE}/id/catalogus/open-overheid`].sort());
  });
});

describe('CORS', () => {
  it.each(['/sparql?query=ASK%7B%7D', '/id/actieplan/2020-2022/actiepunt/1', '/doc/actieplan/2020-2022/actiepunt/1', '/def/actieplan', '/catalog.ttl', '/.well-known/void'])('GET %s allows any origin', async (url) => {
    const res = await get(url, undefined, { origin: 'https://query.example' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('a preflight for POST /sparql is answered', async () => {
    const res = await app.inject({ method: 'OPTIONS', url: '/sparql', headers: { origin: 'https://query.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type');
    expect(res.headers['access-control-expose-headers']).toContain('X-SPARQL-MaxRows');
  });
});

describe('VoID', () => {
  it('/.well-known/void describes the dataset: triples, subjects, classes, properties, endpoint, dump, vocabularies', async () => {
    const res = await get('/.well-known/void', 'text/turtle');
    expect(res.statusCode).toBe(200);
    const quads = new Parser({ format: 'Turtle' }).parse(res.body);
    const VOID = 'http://rdfs.org/ns/void#';
    const value = (p: string) => quads.filter((q) => q.subject.value === DATASET && q.predicate.value === `${VOID}${p}`).map((q) => q.object.value);
    const nt = readFileSync(join(DIST, 'actieplan-open-overheid-2020-2022', 'dataset.nt'), 'utf8').trim().split('\n');
    expect(value('triples')).toEqual([String(nt.length)]);
    expect(value('distinctSubjects')).toEqual([String(new Set(nt.map((l) => l.split(' ')[0])).size)]);
    expect(Number(value('classes')[0])).toBeGreaterThan(3);
    expect(Number(value('properties')[0])).toBeGreaterThan(10);
    expect(value('sparqlEndpoint')).toEqual([`${BASE}/sparql`]);
    expect(value('dataDump')).toContain(`${BASE}/actieplan-open-overheid-2020-2022/dataset.nt`);
    expect(value('vocabulary')).toContain(`${BASE}/def/actieplan`);
  });

  it('the catalog links to it', () => {
    const catalog = new Parser({ format: 'Turtle' }).parse(readFileSync(join(DIST, 'catalog.ttl'), 'utf8'));
    expect(catalog.some((q) => q.subject.value === DATASET && q.object.value === `${BASE}/.well-known/void`)).toBe(true);
  });
});

describe('the query page', () => {
  it('GET /sparql in a browser is the page, with the examples and a script of its own origin', async () => {
    const res = await get('/sparql', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('actions-per-theme');
    expect(res.body).toContain('How many actions does each theme');
    expect(res.body).toContain('<script src="/sparql/query-page.js" defer>');
    expect(res.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    const script = await get('/sparql/query-page.js');
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.body).toContain("fetch('/sparql'");
  });
});

describe('pieces', () => {
  it.each([
    ['SELECT * FROM <g> WHERE { ?s ?p ?o }', true],
    ['select * from named <g> { graph ?g { ?s ?p ?o } }', true],
    ['SELECT ?from WHERE { ?from ?p "FROM <x>" }', false],
    ['PREFIX from: <x:> SELECT * { from:a from:b ?c } # FROM <g>', false],
    ['SELECT * { ?s <http://x/FROM> ?o . FILTER(?a < ?b) }', false],
    ["SELECT * { ?s ?p '''FROM <g>''' }", false],
  ])('hasDatasetClause(%s) is %s', (query, expected) => {
    expect(hasDatasetClause(query)).toBe(expected);
  });

  it('negotiation: q-values, specificity, profiles, nothing acceptable', () => {
    const offers = ['text/html', 'text/turtle', 'application/ld+json'];
    expect(choose(undefined, offers)).toEqual({ type: 'text/html' });
    expect(choose('text/turtle;q=0.5, application/ld+json', offers)).toEqual({ type: 'application/ld+json' });
    expect(choose('text/*;q=0.9, text/html;q=0.1', offers)).toEqual({ type: 'text/turtle' });
    expect(choose('application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"', offers)).toEqual({ type: 'application/ld+json', profile: 'http://www.w3.org/ns/json-ld#expanded' });
    expect(choose('image/png, */*;q=0', offers)).toBeUndefined();
  });

  it('`ontsluit query --format rdfxml` (or xml) writes a graph as RDF/XML', () => {
    expect(negotiate('graph', 'rdfxml')).toBe('application/rdf+xml');
    expect(negotiate('graph', 'xml')).toBe('application/rdf+xml');
    expect(negotiate('select', 'xml')).toBe('application/sparql-results+xml');
  });
});
