// Small helpers to build RDF quads with n3's DataFactory: IRIs, typed and language-tagged literals.
import { DataFactory } from '../vendor/rdf.js';
import type { Literal, Quad, Quad_Object } from 'n3';
import { NS, type Prefix } from '../iris.js';
import type { Bilingual } from './lang.js';

const { namedNode, quad } = DataFactory;

type Named = ReturnType<typeof namedNode>;
/** One NamedNode per vocabulary term, class and datatype (they recur in every quad), found by the parts they are made of. */
const byPrefix = new Map<Prefix, Map<string, Named>>();
const terms = new Map<string, Named>();

/** `q('dct', 'title')` → the IRI `http://purl.org/dc/terms/title`. */
export function q(prefix: Prefix, local: string): Named {
  let locals = byPrefix.get(prefix);
  if (!locals) byPrefix.set(prefix, (locals = new Map()));
  let node = locals.get(local);
  if (!node) locals.set(local, (node = namedNode(`${NS[prefix]}${local}`)));
  return node;
}
export const iri = (value: string) => namedNode(value);
/** An IRI of a term or class (the same few recur): made once. */
export function termIri(value: string): Named {
  let node = terms.get(value);
  if (!node) terms.set(value, (node = namedNode(value)));
  return node;
}

const LANG_STRING = namedNode(`${NS.rdf}langString`);
const XSD_STRING = q('xsd', 'string');

/**
 * An RDF/JS literal that holds its text, language and datatype as they are. n3's `literal()` joins them
 * into one id (`"text"@nl`), which each reader takes apart again: its `value` copies a progress text out
 * of the id once per file written, `language` and `datatype` scan it on every read, and `datatype` makes
 * a new NamedNode each time. n3's Writer, Store and `termToId` read any RDF/JS literal by these fields.
 */
export class FieldLiteral {
  readonly termType = 'Literal';
  readonly direction = '';

  constructor(
    readonly value: string,
    readonly language: string,
    readonly datatype: Named,
  ) {}

  /** n3's id of the same literal (`"text"`, `"text"@lang` or `"text"^^datatype`): what readers of n3 terms' `id` expect. */
  get id(): string {
    if (this.language) return `"${this.value}"@${this.language}`;
    return this.datatype.value === XSD_STRING.value ? `"${this.value}"` : `"${this.value}"^^${this.datatype.value}`;
  }

  equals(other: { termType: string; value: string; language?: string; datatype?: { value: string } } | null | undefined): boolean {
    return !!other && other.termType === 'Literal' && other.value === this.value && other.language === this.language && other.datatype?.value === this.datatype.value;
  }
}

/** A literal of text: a plain string, or tagged with its language. */
export const text = (value: string, language?: 'nl' | 'en'): Literal => (language ? new FieldLiteral(value, language, LANG_STRING) : new FieldLiteral(value, '', XSD_STRING)) as unknown as Literal;
export const typed = (value: string | number, type: string): Literal => new FieldLiteral(String(value), '', q('xsd', type)) as unknown as Literal;

type Objects = Map<string, Quad_Object[]>;

/**
 * Collects quads for one subject at a time; null and undefined objects and repeats are skipped.
 * Repeats are found per subject and predicate: while the subjects come one after the other (a
 * dataset), only the current subject's objects are kept; once a subject comes back (the catalog
 * names some resources from many places), every subject's objects are kept from then on.
 */
export class QuadSink {
  readonly quads: Quad[] = [];
  private subject: string | null = null;
  private subjectNode: ReturnType<typeof namedNode> | null = null;
  private objects: Objects = new Map();
  /** Subjects done with, while they come one after the other. */
  private done: Set<string> | null = new Set();
  /** Every subject's objects, once a subject came back. */
  private all: Map<string, Objects> | null = null;

  private enter(subject: string): void {
    if (this.all) {
      this.objects = this.all.get(subject) ?? this.all.set(subject, new Map()).get(subject)!;
    } else if (this.done!.has(subject)) {
      this.all = new Map();
      for (const quad of this.quads) {
        const byPredicate = this.all.get(quad.subject.value) ?? this.all.set(quad.subject.value, new Map()).get(quad.subject.value)!;
        const list = byPredicate.get(quad.predicate.value);
        if (list) list.push(quad.object);
        else byPredicate.set(quad.predicate.value, [quad.object]);
      }
      this.done = null;
      this.objects = this.all.get(subject)!;
    } else {
      if (this.subject !== null) this.done!.add(this.subject);
      this.objects = new Map();
    }
    this.subject = subject;
    this.subjectNode = namedNode(subject);
  }

  add(subject: string, predicate: ReturnType<typeof namedNode>, object: Quad_Object | null | undefined): this {
    if (!object) return this;
    if (subject !== this.subject) this.enter(subject);
    const list = this.objects.get(predicate.value);
    if (!list) this.objects.set(predicate.value, [object]);
    else if (list.some((known) => known.equals(object))) return this;
    else list.push(object);
    this.quads.push(quad(this.subjectNode!, predicate, object));
    return this;
  }

  /** The Dutch and the English value of a text, as two language-tagged literals. */
  texts(subject: string, predicate: ReturnType<typeof namedNode>, value: Bilingual): this {
    return this.add(subject, predicate, text(value.nl, 'nl')).add(subject, predicate, text(value.en, 'en'));
  }

  type(subject: string, ...classes: ReturnType<typeof namedNode>[]): this {
    for (const c of classes) this.add(subject, q('rdf', 'type'), c);
    return this;
  }
}
