// JSON-LD written directly in a context of prefixes: the document jsonld.js's fromRDF + compact + JSON.stringify(…, null, 2) gives, byte for byte, without the library.
import type { Quad, Term } from 'n3';
import { RDF_TYPE } from '../iris.js';
import { ByteSink, elementText } from './chunks.js';
import { FieldLiteral } from './quads.js';
import { subjectsOf, type Subject } from './subjects.js';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const RDF_JSON = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON';
/** A term whose IRI ends in one of these may be used as a prefix (JSON-LD 1.1, IRI expansion). */
const PREFIX_END = /[:/?#[\]@]$/;

/** The document cannot be written here exactly as jsonld.js writes it: the caller goes through the library. */
export class Unsupported extends Error {}

/**
 * IRI compaction as jsonld.js does it for a context of simple prefix terms: in vocabulary position an
 * IRI equal to a term's becomes that term; otherwise the shortest (then least) CURIE over a prefix
 * strictly shorter than the IRI; otherwise the IRI itself, unless it looks like a CURIE of a prefix.
 */
class Compactor {
  private readonly prefixes: [term: string, iri: string][];
  private readonly exact = new Map<string, string>();
  private readonly vocabCache = new Map<string, string>();

  constructor(context: Record<string, string>) {
    const terms = Object.keys(context).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    for (const term of terms) if (!this.exact.has(context[term]!)) this.exact.set(context[term]!, term);
    this.prefixes = terms.filter((t) => PREFIX_END.test(context[t]!)).map((t) => [t, context[t]!]);
  }

  private curie(iri: string): string {
    let choice: string | null = null;
    for (const [term, prefix] of this.prefixes) {
      if (prefix.length >= iri.length || !iri.startsWith(prefix)) continue;
      const curie = `${term}:${iri.slice(prefix.length)}`;
      if (choice === null || curie.length < choice.length || (curie.length === choice.length && curie < choice)) choice = curie;
    }
    if (choice !== null) return choice;
    for (const [term] of this.prefixes) if (iri.startsWith(`${term}:`)) throw new Unsupported(`IRI ${iri} looks like a CURIE`);
    return iri;
  }

  /** A property, class or datatype IRI. */
  vocab(iri: string): string {
    let out = this.vocabCache.get(iri);
    if (out === undefined) {
      out = this.exact.get(iri) ?? this.curie(iri);
      if (/^\d+$/.test(out)) throw new Unsupported(`the key ${out} would be reordered`);
      this.vocabCache.set(iri, out);
    }
    return out;
  }

  private readonly ids = new Map<string, string>();

  /** `id(iri)`, remembered: the same IRIs are referred to from many nodes. */
  refId(iri: string): string {
    let out = this.ids.get(iri);
    if (out === undefined) this.ids.set(iri, (out = this.id(iri)));
    return out;
  }

  /** A node IRI (`@id`): CURIEs, never terms; relative IRIs are not made (the base is empty). */
  id(iri: string): string {
    if (iri.startsWith('//')) throw new Unsupported(`network-path IRI ${iri}`);
    return this.curie(iri);
  }
}

const nodeId = (term: Term) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value);

const q = JSON.stringify;

/** A compacted value: a string, or an object of `@id`, of `@language` and `@value`, or of `@type` and `@value`. */
type Value = string | { '@id': string } | { '@language': string; '@value': string } | { '@type': string; '@value': string };

/** A literal as jsonld.js compacts it: its text alone, or an object with its language or (compacted) datatype. */
function literalValue(object: Term, c: Compactor): Value {
  let value: string;
  let language = '';
  let datatype: string;
  if (object instanceof FieldLiteral) {
    // The dataset's own literals hold their parts as they are.
    ({ value, language } = object);
    datatype = object.datatype.value;
  } else if (typeof (object as { id?: unknown }).id === 'string' && (object as { id: string }).id[0] === '"') {
    // An n3 Literal holds `"text"`, `"text"@lang(--dir)` or `"text"^^datatype`; read in one pass (its getters each scan the text).
    const id = (object as { id: string }).id;
    const end = id.lastIndexOf('"');
    value = id.substring(1, end);
    if (id[end + 1] === '@') {
      const tag = id.slice(end + 2);
      const direction = tag.indexOf('--');
      language = direction === -1 ? tag : tag.slice(0, direction);
      datatype = RDF_LANG_STRING;
    } else datatype = id[end + 1] === '^' ? id.slice(end + 3) : XSD_STRING;
  } else {
    const literal = object as Term & { language: string; datatype: { value: string } };
    value = literal.value;
    language = literal.language;
    datatype = literal.datatype.value || XSD_STRING;
  }
  if (language) return { '@language': language.toLowerCase(), '@value': value };
  if (datatype === XSD_STRING) return value;
  if (datatype === RDF_JSON || datatype === RDF_LANG_STRING) throw new Unsupported(`a literal of type ${datatype}`);
  return { '@type': c.vocab(datatype), '@value': value };
}

/** An object as jsonld.js compacts it with a context of prefixes: a node reference or a literal. */
function valueOf(object: Term, c: Compactor): Value {
  if (object.termType === 'NamedNode' || object.termType === 'BlankNode') return { '@id': c.refId(nodeId(object)) };
  if (object.termType !== 'Literal') throw new Unsupported(`a ${object.termType} object`);
  return literalValue(object, c);
}

const isTypeQuad = (quad: Quad) => quad.predicate.value === RDF_TYPE && (quad.object.termType === 'NamedNode' || quad.object.termType === 'BlankNode');
const byPredicate = (a: Quad, b: Quad) => (a.predicate.value < b.predicate.value ? -1 : a.predicate.value > b.predicate.value ? 1 : 0);

/**
 * One node as jsonld.js compacts it: `@id`, `@type`, then properties, all in the order of their
 * expanded keys (as jsonld.js sorts them); each property's values in the order of the quads. Its
 * members are made in that order, so JSON.stringify writes them in it (no key is an array index:
 * `vocab` refuses those), and no two predicates share a key (`vocab` gives each IRI its own).
 */
function nodeObject(id: string, quads: Quad[], c: Compactor): Record<string, Value | Value[]> {
  const types: string[] = [];
  const properties: Quad[] = [];
  for (const quad of quads) {
    if (isTypeQuad(quad)) types.push(c.vocab(nodeId(quad.object)));
    else properties.push(quad);
  }
  // A stable sort: the values of one property keep the order of the quads.
  if (properties.length > 1) properties.sort(byPredicate);
  const node: Record<string, Value | Value[]> = {};
  let idDone = false;
  let typeDone = types.length === 0;
  /** Adds `@id` and `@type` when they sort before `key` (every key, for null). */
  const keywordsBefore = (key: string | null) => {
    if (!idDone && (key === null || '@id' < key)) {
      node['@id'] = c.id(id);
      idDone = true;
    }
    if (!typeDone && (key === null || '@type' < key)) {
      node['@type'] = types.length === 1 ? types[0]! : types;
      typeDone = true;
    }
  };
  for (let start = 0; start < properties.length; ) {
    const predicate = properties[start]!.predicate.value;
    let end = start + 1;
    while (end < properties.length && properties[end]!.predicate.value === predicate) end++;
    keywordsBefore(predicate);
    const key = c.vocab(predicate);
    if (end - start === 1) node[key] = valueOf(properties[start]!.object, c);
    else {
      const values: Value[] = [];
      for (let i = start; i < end; i++) values.push(valueOf(properties[i]!.object, c));
      node[key] = values;
    }
    start = end;
  }
  keywordsBefore(null);
  return node;
}

/**
 * The quads as a compacted JSON-LD document with `context` (prefix → namespace) embedded, as bytes.
 * Nodes come sorted by IRI, each property's values in the order of the quads (duplicates kept), as
 * jsonld.js writes them; throws `Unsupported` for what it does not mirror (lists, JSON literals, …).
 */
export function writeJsonLd(quads: Quad[], context: Record<string, string>): Buffer {
  const out = new ByteSink();
  writeJsonLdInto(out, subjectsOf(quads), context);
  return out.bytes();
}

/** What the direct writer does not mirror in one quad. */
function unsupported(quad: Quad): string | null {
  if (quad.graph.termType !== 'DefaultGraph') return 'a named graph';
  if (quad.predicate.value.startsWith('http://www.w3.org/1999/02/22-rdf-syntax-ns#') && /#(first|rest|nil)$/.test(quad.predicate.value)) return 'an RDF list';
  if (quad.object.termType === 'NamedNode' && quad.object.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#nil') return 'an RDF list';
  return null;
}

/**
 * `writeJsonLd` of subjects, written into `out` a node at a time: one subject's quads are made and
 * held at a time. A subject named twice is `Unsupported`; what was written before an `Unsupported` stays there.
 */
export function writeJsonLdInto(out: ByteSink, subjects: Subject[], context: Record<string, string>): void {
  if (Object.keys(context).length === 0 || Object.entries(context).some(([t, v]) => typeof v !== 'string' || t.includes(':') || t.startsWith('@') || t === '')) throw new Unsupported('a context that is not a map of prefixes');
  const c = new Compactor(context);
  for (const { term } of subjects) if (term.termType !== 'NamedNode' && term.termType !== 'BlankNode') throw new Unsupported(`a ${term.termType} subject`);
  const nodes = subjects.map((subject) => [nodeId(subject.term), subject] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // A subject named twice sorts beside itself: jsonld.js merges what both say.
  if (nodes.some(([id], i) => i > 0 && id === nodes[i - 1]![0])) throw new Unsupported('a subject named twice');
  const contextText = q(context, null, 2).replace(/\n/g, '\n  ');
  const node = (id: string, subject: Subject) => {
    const quads = subject.quads();
    // jsonld.js writes no node for a subject without triples (and does not count it towards `@graph`).
    if (quads.length === 0) throw new Unsupported('a subject without quads');
    for (const quad of quads) {
      const problem = unsupported(quad);
      if (problem) throw new Unsupported(problem);
    }
    return nodeObject(id, quads, c);
  };
  if (nodes.length === 0) {
    out.write(`{\n  "@context": ${contextText}\n}\n`);
    return;
  }
  if (nodes.length === 1) {
    const [id, subject] = nodes[0]!;
    // The node's members at the top object's indentation, each on its line, the last one's ended.
    const text = q(node(id, subject), null, 2);
    out.write(`{\n  "@context": ${contextText},\n`);
    out.write(text.slice(2, text.length - 1));
    out.write('}\n');
    return;
  }
  out.write(`{\n  "@context": ${contextText},\n  "@graph": [\n`);
  nodes.forEach(([id, subject], i) => {
    // JSON.stringify writes the node (its escapes, its indentation) as it writes the floor's whole document.
    out.write(elementText(node(id, subject)));
    out.write(i === nodes.length - 1 ? '\n' : ',\n');
  });
  out.write('  ]\n}\n');
}
