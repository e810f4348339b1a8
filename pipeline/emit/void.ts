// The VoID description of the release (void.ttl, served at /.well-known/void): per dataset its size, classes and properties, endpoint, dumps and vocabularies.
import { DataFactory, type Quad } from 'n3';
import { NS, type Iris } from '../iris.js';
import { byCodePoint } from '../lib/compare.js';
import { datasetFile } from '../release.js';

export const VOID_FILE = 'void.ttl';
export const VOID = 'http://rdfs.org/ns/void#';
/** The address of the VoID description (RFC 5785, VoID §7.2). */
export const voidIri = (iris: Iris) => `${iris.base}/.well-known/void`;
export const VOID_PREFIXES = (iris: Iris) => ({ void: VOID, aoo: iris.vocab, ...NS });

const { namedNode, blankNode, literal, quad } = DataFactory;
const v = (local: string) => namedNode(`${VOID}${local}`);
const integer = (n: number) => literal(String(n), namedNode(`${NS.xsd}integer`));

/** The namespace of an IRI: up to its last `#` or `/`. */
const namespaceOf = (iri: string) => iri.slice(0, Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);

/**
 * Counts of one dataset's triples: subjects, classes (with their instances) and properties (with their
 * triples). Terms are told apart by their ids, strings the quads already hold: no key is built per
 * triple, so the texts of the release are never copied.
 */
export function statistics(quads: Quad[]) {
  // Subject → predicate → objects: the distinct triples. An n3 term id names one term (a literal's with its language or datatype).
  const triples = new Map<string, Map<string, Set<string>>>();
  // Objects as values of their kind: two literals with one text and another language count once.
  const objects = { NamedNode: new Set<string>(), BlankNode: new Set<string>(), Literal: new Set<string>() };
  const classes = new Map<string, Set<string>>();
  const properties = new Map<string, number>();
  for (const q of quads) {
    let bySubject = triples.get(q.subject.id);
    if (!bySubject) triples.set(q.subject.id, (bySubject = new Map()));
    let byPredicate = bySubject.get(q.predicate.id);
    if (!byPredicate) bySubject.set(q.predicate.id, (byPredicate = new Set()));
    byPredicate.add(q.object.id);
    const kind = objects[q.object.termType as keyof typeof objects];
    if (kind) kind.add(q.object.termType === 'Literal' ? q.object.value : q.object.id);
    properties.set(q.predicate.value, (properties.get(q.predicate.value) ?? 0) + 1);
    if (q.predicate.value === `${NS.rdf}type` && q.object.termType === 'NamedNode') classes.set(q.object.value, (classes.get(q.object.value) ?? new Set()).add(q.subject.value));
  }
  let count = 0;
  for (const bySubject of triples.values()) for (const byPredicate of bySubject.values()) count += byPredicate.size;
  const distinctObjects = objects.NamedNode.size + objects.BlankNode.size + objects.Literal.size;
  return { triples: count, distinctSubjects: triples.size, distinctObjects, classes, properties };
}

/** The VoID quads of the release's datasets. */
export function voidQuads(iris: Iris, datasets: { slug: string; iri: string; quads: Quad[] }[]): Quad[] {
  const out: Quad[] = [];
  // The partitions after their dataset, so that the Turtle reads one subject at a time.
  const parts: Quad[] = [];
  const add = (s: Quad['subject'], p: string, o: Quad['object']) => (s.termType === 'BlankNode' ? parts : out).push(quad(s, namedNode(p), o));
  const doc = namedNode(voidIri(iris));
  add(doc, `${NS.rdf}type`, v('DatasetDescription'));
  add(doc, `${NS.dct}title`, literal('VoID-beschrijving van de datasets', 'nl'));
  add(doc, `${NS.dct}title`, literal('VoID description of the datasets', 'en'));
  for (const d of datasets) {
    const s = namedNode(d.iri);
    const stats = statistics(d.quads);
    add(doc, `${NS.foaf}topic`, s);
    add(s, `${NS.rdf}type`, v('Dataset'));
    add(s, `${VOID}triples`, integer(stats.triples));
    add(s, `${VOID}distinctSubjects`, integer(stats.distinctSubjects));
    add(s, `${VOID}distinctObjects`, integer(stats.distinctObjects));
    add(s, `${VOID}classes`, integer(stats.classes.size));
    add(s, `${VOID}properties`, integer(stats.properties.size));
    add(s, `${VOID}sparqlEndpoint`, namedNode(`${iris.base}/sparql`));
    for (const file of [datasetFile(d.slug), `${d.slug}/dataset.ttl`]) add(s, `${VOID}dataDump`, namedNode(`${iris.base}/${file}`));
    add(s, `${VOID}uriSpace`, literal(`${iris.base}/id/`));
    add(s, `${VOID}rootResource`, namedNode(d.iri));
    const vocabularies = new Set([...stats.properties.keys(), ...stats.classes.keys()].map((t) => (t.startsWith(iris.vocab) ? iris.ontology : namespaceOf(t))));
    for (const vocabulary of [...vocabularies].sort(byCodePoint)) add(s, `${VOID}vocabulary`, namedNode(vocabulary));
    [...stats.classes].sort(([a], [b]) => byCodePoint(a, b)).forEach(([cls, instances], i) => {
      const part = blankNode(`${d.slug}-class-${i + 1}`);
      add(s, `${VOID}classPartition`, part);
      add(part, `${VOID}class`, namedNode(cls));
      add(part, `${VOID}entities`, integer(instances.size));
    });
    [...stats.properties].sort(([a], [b]) => byCodePoint(a, b)).forEach(([property, count], i) => {
      const part = blankNode(`${d.slug}-property-${i + 1}`);
      add(s, `${VOID}propertyPartition`, part);
      add(part, `${VOID}property`, namedNode(property));
      add(part, `${VOID}triples`, integer(count));
    });
    out.push(...parts.splice(0));
  }
  return out;
}

/** What the catalog says of the VoID description: each dataset `rdfs:seeAlso` it. */
export function voidCatalogLinks(iris: Iris, datasets: { iri: string }[]): Quad[] {
  return datasets.map((d) => quad(namedNode(d.iri), namedNode(`${NS.rdfs}seeAlso`), namedNode(voidIri(iris))));
}
