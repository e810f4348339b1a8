// Small helpers to build RDF quads with n3's DataFactory: IRIs, typed and language-tagged literals.
import { DataFactory, type Quad, type Quad_Object } from 'n3';
import { NS, type Prefix } from '../iris.js';

const { namedNode, literal, quad } = DataFactory;

/** `q('dct', 'title')` → the IRI `http://purl.org/dc/terms/title`. */
export const q = (prefix: Prefix, local: string) => namedNode(`${NS[prefix]}${local}`);
export const iri = (value: string) => namedNode(value);
export const text = (value: string, language?: 'nl' | 'en') => literal(value, language);
export const typed = (value: string | number, type: string) => literal(String(value), namedNode(`${NS.xsd}${type}`));

/** Collects quads for one subject at a time; null and undefined objects and repeats are skipped. */
export class QuadSink {
  readonly quads: Quad[] = [];
  private readonly seen = new Set<string>();

  add(subject: string, predicate: ReturnType<typeof namedNode>, object: Quad_Object | null | undefined): this {
    if (!object) return this;
    const key = `${subject} ${predicate.value} ${object.termType}:${object.value}:${object.termType === 'Literal' ? `${object.language}^${object.datatype.value}` : ''}`;
    if (this.seen.has(key)) return this;
    this.seen.add(key);
    this.quads.push(quad(namedNode(subject), predicate, object));
    return this;
  }

  /** The Dutch and the English value of a text, as two language-tagged literals. */
  texts(subject: string, predicate: ReturnType<typeof namedNode>, value: { nl: string; en: string }): this {
    return this.add(subject, predicate, text(value.nl, 'nl')).add(subject, predicate, text(value.en, 'en'));
  }

  type(subject: string, ...classes: ReturnType<typeof namedNode>[]): this {
    for (const c of classes) this.add(subject, q('rdf', 'type'), c);
    return this;
  }
}
