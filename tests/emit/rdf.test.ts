// The dataset as RDF: Turtle, N-Triples and JSON-LD carry the same triples, use defined terms and stable IRIs.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BASE, Graph, SLUG, buildRelease, iri, jsonLdQuads, parseNTriples, parseTurtle, textOf, tripleSet } from './release.js';

const release = await buildRelease();
const ttl = parseTurtle(textOf(release, `${SLUG}/dataset.ttl`));
const ntText = textOf(release, `${SLUG}/dataset.nt`);
const nt = parseNTriples(ntText);
const fromJsonLd = await jsonLdQuads(textOf(release, `${SLUG}/dataset.jsonld`));
const vocab = new Graph(parseTurtle(textOf(release, 'def/actieplan.ttl')));
const g = new Graph(ttl);

const AOO = `${BASE}/def/actieplan#`;
const PLAN = `${BASE}/id/actieplan/2020-2022`;
const RDF_TYPE = iri('rdf', 'type');

describe('RDF serialisations of the dataset', () => {
  it('parses dataset.ttl and dataset.nt, with no blank nodes', () => {
    expect(ttl.length).toBeGreaterThan(100);
    expect(nt.length).toBeGreaterThan(100);
    for (const quad of [...ttl, ...nt]) {
      expect(quad.subject.termType).not.toBe('BlankNode');
      expect(quad.object.termType).not.toBe('BlankNode');
      expect(quad.graph.termType).toBe('DefaultGraph');
    }
  });

  it('gives the same set of triples in Turtle and N-Triples', () => {
    expect(tripleSet(nt)).toEqual(tripleSet(ttl));
  });

  it('gives the same set of triples in JSON-LD (offline, embedded context) and N-Triples', () => {
    expect(fromJsonLd.every((q) => q.graph.termType === 'DefaultGraph')).toBe(true);
    expect(tripleSet(fromJsonLd)).toEqual(tripleSet(nt));
  });

  it('writes N-Triples sorted, one triple per line, without duplicates', () => {
    expect(ntText.endsWith('\n')).toBe(true);
    const lines = ntText.slice(0, -1).split('\n');
    expect(lines).toEqual([...lines].sort());
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines).toHaveLength(nt.length);
  });
});

describe('vocabulary', () => {
  const used = (select: (q: (typeof ttl)[number]) => string | undefined) => [...new Set(ttl.map(select).filter((v): v is string => v !== undefined && v.startsWith(AOO)))].sort();
  const predicates = used((q) => q.predicate.value);
  const classes = used((q) => (q.predicate.value === RDF_TYPE ? q.object.value : undefined));

  it('uses aoo: terms as predicates and classes', () => {
    expect(predicates).toContain(`${AOO}ogpCommitment`);
    expect(classes).toEqual([`${AOO}Actieplan`, `${AOO}Actiepunt`, `${AOO}Update`, `${AOO}Voortgang`].sort());
  });

  it('defines every aoo: predicate and class used in dataset.ttl, labelled in Dutch and English', () => {
    for (const term of [...predicates, ...classes]) {
      const labels = vocab.objects(term, iri('rdfs', 'label'));
      expect(labels.some((l) => l.termType === 'Literal' && l.language === 'nl' && l.value !== ''), `${term} @nl`).toBe(true);
      expect(labels.some((l) => l.termType === 'Literal' && l.language === 'en' && l.value !== ''), `${term} @en`).toBe(true);
    }
    for (const term of predicates) expect(vocab.objects(term, RDF_TYPE).map((t) => t.value), term).toContain(iri('rdf', 'Property'));
    for (const term of classes) expect(vocab.objects(term, RDF_TYPE).map((t) => t.value), term).toContain(iri('owl', 'Class'));
  });
});

describe('resources and IRIs', () => {
  const actions = g.ofType(`${AOO}Actiepunt`);
  const themeScheme = `${PLAN}/thema`;

  it('has 13 action points, at <base>/id/actieplan/2020-2022/actiepunt/<n> with aoo:nummer n', () => {
    expect(actions).toHaveLength(13);
    const numbers = actions.map((a) => {
      const match = new RegExp(`^${PLAN.replace(/[.]/g, '\\.')}/actiepunt/(\\d+)$`).exec(a);
      expect(match, a).not.toBeNull();
      expect(g.object(a, `${AOO}nummer`).value).toBe(match![1]);
      return Number(match![1]);
    });
    expect(numbers.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('has 7 theme concepts in the theme scheme, and every action has one of them', () => {
    expect(g.ofType(iri('skos', 'ConceptScheme'))).toContain(themeScheme);
    const themes = g.subjects(iri('skos', 'inScheme'), themeScheme).filter((t) => g.objects(t, RDF_TYPE).some((c) => c.value === iri('skos', 'Concept')));
    expect(themes).toHaveLength(7);
    expect(themes.map((t) => g.object(t, iri('skos', 'notation')).value).sort()).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']);
    for (const a of actions) expect(themes, a).toContain(g.object(a, `${AOO}thema`).value);
  });

  it('links action 1 to its OGP commitment page NL0039', () => {
    const commitment = g.object(`${PLAN}/actiepunt/1`, `${AOO}ogpCommitment`);
    expect(commitment.termType).toBe('NamedNode');
    expect(commitment.value).toBe('https://www.opengovpartnership.org/members/netherlands/commitments/NL0039/');
    expect(g.object(`${PLAN}/actiepunt/13`, `${AOO}ogpCommitment`).value).toBe('https://www.opengovpartnership.org/members/netherlands/commitments/NL0051/');
  });

  it('writes dct:identifier as a plain literal: the path of the IRI after /id/', () => {
    const identifiers = ttl.filter((q) => q.predicate.value === iri('dct', 'identifier'));
    expect(identifiers.length).toBeGreaterThan(13);
    for (const q of identifiers) {
      expect(q.object.termType, q.subject.value).toBe('Literal');
      expect(q.subject.value.startsWith(`${BASE}/id/`), q.subject.value).toBe(true);
      expect(q.object.value).toBe(q.subject.value.slice(`${BASE}/id/`.length));
    }
  });

  it('says owl:sameAs the TOOI URI for each organisation that has one in organisations.csv', () => {
    const rows = parse(textOf(release, `${SLUG}/organisations.csv`), { bom: true, columns: true }) as Record<string, string>[];
    const withTooi = rows.filter((r) => r.tooi_uri !== '');
    expect(withTooi.length).toBeGreaterThan(0);
    for (const row of rows) {
      const s = `${BASE}/id/organisatie/${row.organisation_id}`;
      expect(g.objects(s, RDF_TYPE).map((t) => t.value), s).toContain(iri('org', 'Organization'));
      const sameAs = g.objects(s, iri('owl', 'sameAs')).map((o) => o.value);
      if (row.tooi_uri) expect(sameAs, s).toContain(row.tooi_uri);
      expect(sameAs.filter((v) => v.includes('/tooi/')), s).toEqual(row.tooi_uri ? [row.tooi_uri] : []);
    }
  });
});
