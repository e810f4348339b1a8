// The VoID description of the release (void.ttl, served at /.well-known/void): per dataset its size, classes and properties, endpoint, dumps and vocabularies.
import { hash } from 'node:crypto';
import { DataFactory } from '../vendor/rdf.js';
import type { Quad } from 'n3';
import { NS, RDF_TYPE, type Iris } from '../iris.js';
import { byCodePoint } from '../lib/compare.js';
import { datasetFile } from '../release.js';
import { subjectsOf } from './subjects.js';

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

/** Counts of one dataset's triples, as SPARQL would count them. */
export interface Statistics {
  triples: number;
  distinctSubjects: number;
  distinctObjects: number;
  /** Each class with its number of instances. */
  classes: Map<string, number>;
  /** Each property with its number of triples. */
  properties: Map<string, number>;
}

/** A literal's text as a key: a long one (a progress text) by its digest, so that the counter does not hold every text. */
const LONG = 64;

/**
 * `Statistics` gathered a subject at a time: each subject must come once, with all its quads. Terms
 * are told apart by the strings they hold (an IRI, a literal's text) and `equals`: no key is built per triple.
 */
export class StatisticsCounter {
  private triples = 0;
  private subjects = 0;
  // Objects as values of their kind: two literals with one text and another language count once.
  private readonly objects = { NamedNode: new Set<string>(), BlankNode: new Set<string>(), Literal: new Set<string>(), LongLiteral: new Set<string>() };
  private readonly classes = new Map<string, number>();
  private readonly properties = new Map<string, number>();

  addSubject(quads: Quad[]): void {
    if (quads.length === 0) return;
    this.subjects++;
    // Predicate → object value → the objects with that value: the subject's distinct triples (terms of one value, such as a text in two languages, told apart by `equals`).
    const seen = new Map<string, Map<string, Quad['object'][]>>();
    for (const q of quads) {
      let values = seen.get(q.predicate.value);
      if (!values) seen.set(q.predicate.value, (values = new Map()));
      const same = values.get(q.object.value);
      if (same?.some((known) => known.equals(q.object))) continue;
      if (same) same.push(q.object);
      else values.set(q.object.value, [q.object]);
      this.triples++;
      if (q.object.termType === 'Literal') {
        const value = q.object.value;
        if (value.length > LONG) this.objects.LongLiteral.add(hash('sha256', value, 'base64'));
        else this.objects.Literal.add(value);
      } else if (q.object.termType === 'NamedNode' || q.object.termType === 'BlankNode') this.objects[q.object.termType].add(q.object.value);
      this.properties.set(q.predicate.value, (this.properties.get(q.predicate.value) ?? 0) + 1);
      if (q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode') this.classes.set(q.object.value, (this.classes.get(q.object.value) ?? 0) + 1);
    }
  }

  result(): Statistics {
    const { NamedNode, BlankNode, Literal, LongLiteral } = this.objects;
    return { triples: this.triples, distinctSubjects: this.subjects, distinctObjects: NamedNode.size + BlankNode.size + Literal.size + LongLiteral.size, classes: this.classes, properties: this.properties };
  }
}

/** `Statistics` of quads in any order. */
export function statistics(quads: Quad[]): Statistics {
  const counter = new StatisticsCounter();
  for (const subject of subjectsOf(quads)) counter.addSubject(subject.quads());
  return counter.result();
}

/** The VoID quads of the release's datasets. */
export function voidQuads(iris: Iris, datasets: { slug: string; iri: string; stats: Statistics }[]): Quad[] {
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
    const { stats } = d;
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
      add(part, `${VOID}entities`, integer(instances));
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
