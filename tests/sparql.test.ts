// The SPARQL core: the committed release in oxigraph, the example queries, result formats, refusals, timeout, limit.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse as parseCsv } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OntsluitError } from '../pipeline/errors.js';
import { openRelease } from '../pipeline/release.js';
import { loadStore, negotiate, queryForm, runQuery, type ReleaseStore } from '../pipeline/sparql.js';
import { ROOT } from './helpers.js';

const DIST = join(ROOT, 'dist');
const QUERIES = join(ROOT, 'data', 'queries');
const BASE = 'https://data.open-overheid.nl';
const DATASET = `${BASE}/id/dataset/actieplan-open-overheid-2020-2022`;
const ACTIONS_PER_THEME = `PREFIX aoo: <${BASE}/def/actieplan#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?theme (COUNT(?action) AS ?actions) WHERE { ?action a aoo:Actiepunt ; aoo:thema/skos:notation ?theme } GROUP BY ?theme ORDER BY ?theme`;
const CONSTRUCT = `PREFIX aoo: <${BASE}/def/actieplan#>
CONSTRUCT { ?action ?p ?o } WHERE { ?action a aoo:Actiepunt ; aoo:nummer 4 ; ?p ?o }`;
const SLOW = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';

interface Binding { type: string; value: string; datatype?: string; 'xml:lang'?: string }
interface SelectJson { head: { vars: string[] }; results: { bindings: Record<string, Binding>[] }; truncated?: { limit: number; total: number } }

/** SELECT in JSON, as rows of plain values. */
async function select(release: ReleaseStore, query: string): Promise<Record<string, string>[]> {
  const result = await runQuery(release, query);
  expect(result.mediaType).toBe('application/sparql-results+json');
  const json = JSON.parse(result.body) as SelectJson;
  expect(json.results.bindings).toHaveLength(result.rows!);
  return json.results.bindings.map((row) => Object.fromEntries(Object.entries(row).map(([name, term]) => [name, term.value])));
}

async function refusal(promise: Promise<unknown>): Promise<OntsluitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OntsluitError);
  return error as OntsluitError;
}

/** Triples as comparable strings, whatever syntax they came from. */
const keys = (quads: Quad[]) =>
  new Set(quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}${q.object.termType === 'Literal' ? `@${q.object.language}^${q.object.datatype.value}` : ''}`));

function xmlDocument(xml: string) {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`not well-formed XML: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
}

let release: ReleaseStore;
beforeAll(async () => {
  release = await loadStore(await openRelease(DIST));
});
afterAll(async () => {
  await release?.close();
});

describe('loadStore', () => {
  it('loads the dataset, the catalog and the vocabulary into named graphs of their own', async () => {
    expect(release.graphs.map((g) => [g.kind, g.file, g.name])).toEqual([
      ['dataset', 'actieplan-open-overheid-2020-2022/dataset.nt', DATASET],
      ['catalog', 'catalog.ttl', `${BASE}/id/catalogus/open-overheid`],
      ['vocabulary', 'def/actieplan.ttl', `${BASE}/def/actieplan`],
    ]);
    const ntLines = readFileSync(join(DIST, 'actieplan-open-overheid-2020-2022', 'dataset.nt'), 'utf8').trim().split('\n').length;
    expect(release.graphs[0]!.triples).toBe(ntLines);
    expect(release.triples).toBe(release.graphs.reduce((n, g) => n + g.triples, 0));
    expect(release.base).toBe(BASE);
    expect(release.summary()).toMatch(/^3 graphs, \d+ triples in \d+ ms\n/);

    const perGraph = await select(release, 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g');
    expect(perGraph).toEqual(
      [...release.graphs].sort((a, b) => (a.name < b.name ? -1 : 1)).map((g) => ({ g: g.name, n: String(g.triples) })),
    );
    // Everything is also in the default graph (the union of the named graphs).
    const [all] = await select(release, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
    expect(Number(all!.n)).toBe(release.triples);
  });

  it('loads a release with two datasets, each in the graph of its dataset IRI', async () => {
    const dist = await openRelease(DIST);
    const slug = 'actieplan-open-overheid-2023-2027';
    const nt = readFileSync(join(DIST, 'actieplan-open-overheid-2020-2022', 'dataset.nt'), 'utf8');
    const second = { slug, iri: `${BASE}/id/dataset/${slug}`, file: `${slug}/dataset.nt`, quads: new Parser({ format: 'N-Triples' }).parse(nt.replaceAll('actieplan/2020-2022', 'actieplan/2023-2027')) };
    const two = await loadStore({ ...dist, datasets: [...dist.datasets, second] });
    try {
      expect(two.graphs.filter((g) => g.kind === 'dataset').map((g) => g.name)).toEqual([DATASET, second.iri]);
      const actions = await select(
        two,
        `PREFIX aoo: <${BASE}/def/actieplan#> SELECT ?g (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a aoo:Actiepunt } } GROUP BY ?g ORDER BY ?g`,
      );
      expect(actions).toEqual([
        { g: DATASET, n: '13' },
        { g: second.iri, n: '13' },
      ]);
      // The example query is about the 2020-2022 plan only.
      const themes = await select(two, readFileSync(join(QUERIES, 'actions-per-theme.rq'), 'utf8'));
      expect(themes.map((r) => Number(r.actions))).toEqual([3, 2, 1, 2, 1, 3, 1]);
    } finally {
      await two.close();
    }
  });
});

describe('the example queries in data/queries/', () => {
  const expectations: Record<string, (rows: Record<string, string>[]) => void> = {
    'actions-per-theme.rq': (rows) => {
      expect(rows.map((r) => [r.theme, Number(r.actions)])).toEqual([['I', 3], ['II', 2], ['III', 1], ['IV', 2], ['V', 1], ['VI', 3], ['VII', 1]]);
      expect(rows[0]!.name).toBe('Open Democratie');
    },
    'vng-actions.rq': (rows) => {
      expect(rows).toEqual([
        { plan: 'actieplan/2020-2022', number: '3', title: 'Digitale Democratie', role: 'holder' },
        { plan: 'actieplan/2020-2022', number: '4', title: 'Vervolg Open Wob', role: 'partner' },
      ]);
    },
    'status-timeline.rq': (rows) => {
      expect(rows).toEqual([{ update: '2', status: 'new' }]);
    },
    'organisations.rq': (rows) => {
      expect(rows).toHaveLength(38);
      expect(rows[0]).toEqual({
        name: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
        abbreviation: 'BZK',
        tooi: 'https://identifier.overheid.nl/tooi/id/ministerie/mnre1034',
        asHolder: '8',
        asPartner: '2',
        actions: '10',
      });
      expect(rows.find((r) => r.abbreviation === 'VNG')).toMatchObject({ asHolder: '1', asPartner: '1', actions: '2' });
      expect(rows.filter((r) => r.tooi).map((r) => r.tooi!.replace('https://identifier.overheid.nl/tooi/id/', '')).sort()).toEqual([
        'ministerie/mnre1010',
        'ministerie/mnre1034',
        'ministerie/mnre1058',
        'provincie/pv20',
        'provincie/pv27',
        'provincie/pv28',
      ]);
    },
    'ogp-commitments.rq': (rows) => {
      expect(rows.map((r) => r.commitment)).toEqual(Array.from({ length: 13 }, (_, i) => `NL00${39 + i}`));
      expect(rows[0]).toMatchObject({ number: '1', theme: 'I', page: 'https://www.opengovpartnership.org/members/netherlands/commitments/NL0039/', latestStatus: 'new' });
    },
  };
  const files = readdirSync(QUERIES).filter((f) => f.endsWith('.rq')).sort();

  it('has an expected answer for every query file', () => {
    expect(files).toEqual(Object.keys(expectations).sort());
  });

  for (const file of files) {
    it(`${file} answers as expected`, async () => {
      const text = readFileSync(join(QUERIES, file), 'utf8');
      expect(text).toMatch(/^# \S.*\?\n/); // the first line says what it answers
      expect(queryForm(text)).toBe('select');
      expectations[file]!(await select(release, text));
    });
  }
});

describe('result formats', () => {
  it('gives SELECT results as JSON, XML, CSV and TSV that parse back', async () => {
    const expected = [['I', '3'], ['II', '2'], ['III', '1'], ['IV', '2'], ['V', '1'], ['VI', '3'], ['VII', '1']];

    const json = JSON.parse((await runQuery(release, ACTIONS_PER_THEME)).body) as SelectJson;
    expect(json.head.vars).toEqual(['theme', 'actions']);
    expect(json.results.bindings.map((b) => [b.theme!.value, b.actions!.value])).toEqual(expected);
    expect(json.results.bindings[0]!.actions!.datatype).toBe('http://www.w3.org/2001/XMLSchema#integer');

    const xml = await runQuery(release, ACTIONS_PER_THEME, { accept: 'application/sparql-results+xml' });
    expect(xml.mediaType).toBe('application/sparql-results+xml');
    const doc = xmlDocument(xml.body);
    const results = Array.from(doc.getElementsByTagName('result'));
    expect(results.map((r) => Array.from(r.getElementsByTagName('literal')).map((l) => l.textContent))).toEqual(expected);

    const csv = await runQuery(release, ACTIONS_PER_THEME, { accept: 'text/csv' });
    expect(csv.mediaType).toBe('text/csv');
    expect(parseCsv(csv.body, { record_delimiter: '\r\n' })).toEqual([['theme', 'actions'], ...expected]);

    const tsv = await runQuery(release, ACTIONS_PER_THEME, { accept: 'text/tab-separated-values' });
    expect(tsv.mediaType).toBe('text/tab-separated-values');
    const lines = tsv.body.trimEnd().split('\n').map((line) => line.split('\t'));
    expect(lines).toEqual([['?theme', '?actions'], ...expected.map(([theme, n]) => [`"${theme}"`, n])]);
  });

  it('keeps texts with line breaks, quotes and commas intact in CSV and TSV', async () => {
    const query = `PREFIX aoo: <${BASE}/def/actieplan#> SELECT ?e ?text WHERE { ?e aoo:tekst ?text } ORDER BY ?e`;
    const rows = await select(release, query);
    expect(rows.some((r) => r.text!.includes('\n'))).toBe(true);
    const csv = await runQuery(release, query, { accept: 'text/csv' });
    expect(parseCsv(csv.body, { record_delimiter: '\r\n', from_line: 2 }).map((r: string[]) => r[1])).toEqual(rows.map((r) => r.text));
    const tsv = await runQuery(release, query, { accept: 'text/tab-separated-values' });
    expect(tsv.rows).toBe(rows.length);
    expect(tsv.body.trimEnd().split('\n')).toHaveLength(rows.length + 1);
  });

  it('answers ASK in JSON and XML', async () => {
    expect(JSON.parse((await runQuery(release, 'ASK { ?s ?p ?o }')).body)).toEqual({ head: {}, boolean: true });
    const xml = await runQuery(release, 'ASK { <urn:x:nothing> ?p ?o }', { accept: 'application/sparql-results+xml' });
    expect(xmlDocument(xml.body).getElementsByTagName('boolean')[0]!.textContent).toBe('false');
  });

  it('gives CONSTRUCT and DESCRIBE results as Turtle, N-Triples and JSON-LD that hold the same triples', async () => {
    const nt = await runQuery(release, CONSTRUCT, { accept: 'application/n-triples' });
    expect(nt.mediaType).toBe('application/n-triples');
    const reference = keys(new Parser({ format: 'N-Triples' }).parse(nt.body));
    expect(reference.size).toBe(nt.rows);
    expect(nt.rows).toBeGreaterThan(15);

    const ttl = await runQuery(release, CONSTRUCT);
    expect(ttl.mediaType).toBe('text/turtle');
    expect(ttl.body).toContain('@prefix aoo: <https://data.open-overheid.nl/def/actieplan#>');
    expect(keys(new Parser({ format: 'Turtle' }).parse(ttl.body))).toEqual(reference);

    const ld = await runQuery(release, CONSTRUCT, { accept: 'application/ld+json' });
    expect(ld.mediaType).toBe('application/ld+json');
    const nquads = (await jsonld.toRDF(JSON.parse(ld.body), { format: 'application/n-quads' })) as unknown as string;
    expect(keys(new Parser({ format: 'N-Quads' }).parse(nquads))).toEqual(reference);

    const described = await runQuery(release, `DESCRIBE <${BASE}/id/organisatie/vereniging-van-nederlandse-gemeenten>`, { accept: 'text/turtle' });
    expect(described.form).toBe('describe');
    const triples = new Parser({ format: 'Turtle' }).parse(described.body);
    expect(triples.find((q) => q.predicate.value.endsWith('altLabel'))?.object.value).toBe('VNG');
  });

  it('negotiates the media type from the Accept header, with the default when nothing fits', async () => {
    expect(negotiate('select', undefined)).toBe('application/sparql-results+json');
    expect(negotiate('select', '*/*')).toBe('application/sparql-results+json');
    expect(negotiate('select', 'text/csv;q=0.5, application/sparql-results+xml')).toBe('application/sparql-results+xml');
    expect(negotiate('select', 'text/turtle')).toBe('application/sparql-results+json');
    expect(negotiate('select', 'application/json')).toBe('application/sparql-results+json');
    expect(negotiate('select', 'tsv')).toBe('text/tab-separated-values');
    expect(negotiate('graph', 'application/sparql-results+json')).toBe('text/turtle');
    expect(negotiate('graph', 'application/n-triples;q=0.9, application/ld+json')).toBe('application/ld+json');
    expect(negotiate('graph', 'application/json')).toBe('application/ld+json');
    const result = await runQuery(release, ACTIONS_PER_THEME, { accept: 'text/html, application/xhtml+xml, text/csv;q=0.9, */*;q=0.8' });
    expect(result.mediaType).toBe('text/csv');
  });
});

describe('refusals and limits', () => {
  it('refuses updates with query-not-allowed, and leaves the data as it was', async () => {
    for (const update of [
      'INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }',
      `PREFIX aoo: <${BASE}/def/actieplan#>\n# remove all actions\nDELETE WHERE { ?a a aoo:Actiepunt ; ?p ?o }`,
      'drop all',
      'LOAD <https://example.org/data.ttl>',
      'WITH <urn:x:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }',
      'CLEAR DEFAULT ; CREATE GRAPH <urn:x:g>',
    ]) {
      const error = await refusal(runQuery(release, update));
      expect(error.code, update).toBe('query-not-allowed');
    }
    const [all] = await select(release, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
    expect(Number(all!.n)).toBe(release.triples);
  });

  it('refuses federated queries (SERVICE) with query-not-allowed', async () => {
    const error = await refusal(runQuery(release, 'SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }'));
    expect(error.code).toBe('query-not-allowed');
  });

  it('reports a syntax error as query-invalid with oxigraph’s message and line', async () => {
    const error = await refusal(runQuery(release, 'SELECT *\nWHERE { ?s ?p }'));
    expect(error.code).toBe('query-invalid');
    expect(error.message).toMatch(/error at 2:\d+/);
    expect(error.location).toEqual({ source: 'query', line: 2 });
    expect((await refusal(runQuery(release, 'SELEKT * WHERE { ?s ?p ?o }'))).code).toBe('query-invalid');
    expect((await refusal(runQuery(release, '  # nothing but a comment\n'))).code).toBe('query-invalid');
  });

  it('stops a query that runs too long with query-timeout, and the next query works', async () => {
    const started = performance.now();
    const error = await refusal(runQuery(release, SLOW, { timeoutMs: 300 }));
    expect(error.code).toBe('query-timeout');
    expect(performance.now() - started).toBeLessThan(2000);
    const rows = await select(release, ACTIONS_PER_THEME);
    expect(rows).toHaveLength(7);
  });

  it('lets queries wait in line while one runs, and times out only the slow one', async () => {
    const slow = refusal(runQuery(release, SLOW, { timeoutMs: 300 }));
    const fast = select(release, ACTIONS_PER_THEME);
    expect((await slow).code).toBe('query-timeout');
    expect(await fast).toHaveLength(7);
  });

  it('refuses a query with query-busy when the line of waiting queries is full', async () => {
    const small = await loadStore(await openRelease(DIST), { workers: 1, queue: 0 });
    try {
      await small.ready();
      const slow = refusal(runQuery(small, SLOW, { timeoutMs: 1000 }));
      expect((await refusal(runQuery(small, 'ASK {}'))).code).toBe('query-busy');
      expect((await slow).code).toBe('query-timeout');
    } finally {
      await small.close();
    }
  });

  it('counts the time limit from arrival: a query already past it is refused without running', async () => {
    const error = await refusal(runQuery(release, 'ASK {}', { timeoutMs: 100, arrivedAt: performance.now() - 200 }));
    expect(error.code).toBe('query-timeout');
    expect(error.message).toMatch(/was not run/);
  });

  it('cuts a SELECT result at the limit and says so, in every format', async () => {
    const query = 'SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o';
    const total = release.triples;

    const json = await runQuery(release, query, { limit: 100 });
    expect(json.rows).toBe(100);
    expect(json.truncated).toEqual({ limit: 100, total });
    const body = JSON.parse(json.body) as SelectJson;
    expect(body.results.bindings).toHaveLength(100);
    expect(body.truncated).toEqual({ limit: 100, total });

    const xml = await runQuery(release, query, { limit: 100, accept: 'application/sparql-results+xml' });
    expect(xml.truncated).toEqual({ limit: 100, total });
    expect(xmlDocument(xml.body).getElementsByTagName('result')).toHaveLength(100);
    expect(xml.body).toContain(`<!-- truncated: the first 100 of ${total} results -->`);

    const csv = await runQuery(release, query, { limit: 100, accept: 'text/csv' });
    expect(csv.truncated).toEqual({ limit: 100, total });
    expect(parseCsv(csv.body, { record_delimiter: '\r\n' })).toHaveLength(101);

    const tsv = await runQuery(release, query, { limit: 100, accept: 'text/tab-separated-values' });
    expect(tsv.body.trimEnd().split('\n')).toHaveLength(101);

    // At the limit exactly, nothing is cut.
    const exact = await runQuery(release, query, { limit: total });
    expect(exact.rows).toBe(total);
    expect(exact.truncated).toBeUndefined();
  });

  it('refuses a CONSTRUCT result of more triples than the limit with query-too-large', async () => {
    const error = await refusal(runQuery(release, 'CONSTRUCT WHERE { ?s ?p ?o }', { limit: 100 }));
    expect(error.code).toBe('query-too-large');
    expect((await runQuery(release, 'CONSTRUCT WHERE { ?s ?p ?o }', { accept: 'nt' })).rows).toBe(release.triples);
  });
});

describe('queryForm', () => {
  it('finds the form after the prologue and comments', () => {
    expect(queryForm('PREFIX : <urn:x:>\nBASE <urn:y:>\n# SELECT\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }')).toBe('construct');
    expect(queryForm('PREFIX:<urn:x:> ASK {}')).toBe('ask');
    expect(queryForm('describe <urn:x>')).toBe('describe');
    expect(queryForm('{ ?s ?p ?o }')).toBeUndefined();
    expect(() => queryForm('PREFIX x: <urn:x:> INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }')).toThrow(/not allowed/);
  });
});
