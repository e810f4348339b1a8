// JSON-LD written directly in a context of prefixes: the document jsonld.js's fromRDF + compact + JSON.stringify(…, null, 2) gives, byte for byte, without the library.
import type { Quad, Term } from 'n3';
import { ByteSink } from './chunks.js';
import { FieldLiteral } from './quads.js';
import { subjectsOf, type Subject } from './subjects.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
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

  private readonly quoted = new Map<string, string>();
  private readonly quotedVocabs = new Map<string, string>();

  /** `id(iri)` as a JSON string, remembered: the same IRIs are referred to from many nodes. */
  quotedId(iri: string): string {
    let out = this.quoted.get(iri);
    if (out === undefined) this.quoted.set(iri, (out = JSON.stringify(this.id(iri))));
    return out;
  }

  quotedVocab(iri: string): string {
    let out = this.quotedVocabs.get(iri);
    if (out === undefined) this.quotedVocabs.set(iri, (out = JSON.stringify(this.vocab(iri))));
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

/** A literal as jsonld.js compacts it: its text alone, or an object with its language or (compacted) datatype. */
function literalText(object: Term, c: Compactor, indent: string): string {
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
  const inner = `${indent}  `;
  if (language) return `{\n${inner}"@language": ${q(language.toLowerCase())},\n${inner}"@value": ${q(value)}\n${indent}}`;
  if (datatype === XSD_STRING) return q(value);
  if (datatype === RDF_JSON || datatype === RDF_LANG_STRING) throw new Unsupported(`a literal of type ${datatype}`);
  return `{\n${inner}"@type": ${c.quotedVocab(datatype)},\n${inner}"@value": ${q(value)}\n${indent}}`;
}

/** An object as jsonld.js compacts it with a context of prefixes: a node reference or a literal. */
function valueText(object: Term, c: Compactor, indent: string): string {
  if (object.termType === 'NamedNode' || object.termType === 'BlankNode') return `{\n${indent}  "@id": ${c.quotedId(nodeId(object))}\n${indent}}`;
  if (object.termType !== 'Literal') throw new Unsupported(`a ${object.termType} object`);
  return literalText(object, c, indent);
}

/** `"key": [`, the items at `indent` + 2, `]`: or `"key": item` for one item. */
function arrayText(head: string, items: string[], indent: string): string {
  if (items.length === 1) return head + items[0]!;
  return `${head}[\n${indent}  ${items.join(`,\n${indent}  `)}\n${indent}]`;
}

const isTypeQuad = (quad: Quad) => quad.predicate.value === RDF_TYPE && (quad.object.termType === 'NamedNode' || quad.object.termType === 'BlankNode');
const byPredicate = (a: Quad, b: Quad) => (a.predicate.value < b.predicate.value ? -1 : a.predicate.value > b.predicate.value ? 1 : 0);

/**
 * One node's members at `indent`: `@id`, `@type`, then properties, all in the order of their
 * expanded keys (as jsonld.js sorts them); each property's values in the order of the quads.
 */
function nodeText(id: string, quads: Quad[], c: Compactor, indent: string): string {
  const types: string[] = [];
  const properties: Quad[] = [];
  for (const quad of quads) {
    if (isTypeQuad(quad)) types.push(c.quotedVocab(nodeId(quad.object)));
    else properties.push(quad);
  }
  // A stable sort: the values of one property keep the order of the quads.
  if (properties.length > 1) properties.sort(byPredicate);
  // Every member but the first follows a comma (the text is not cut afterwards: a cut copies the whole of it).
  let text = '';
  let separator = '';
  let idDone = false;
  let typeDone = types.length === 0;
  /** Writes `@id` and `@type` when they sort before `key` (every key, for null). */
  const keywordsBefore = (key: string | null) => {
    if (!idDone && (key === null || '@id' < key)) {
      text += `${separator}${indent}"@id": ${q(c.id(id))}`;
      separator = ',\n';
      idDone = true;
    }
    if (!typeDone && (key === null || '@type' < key)) {
      text += `${separator}${arrayText(`${indent}"@type": `, types, indent)}`;
      separator = ',\n';
      typeDone = true;
    }
  };
  const inner = `${indent}  `;
  for (let start = 0; start < properties.length; ) {
    const predicate = properties[start]!.predicate.value;
    let end = start + 1;
    while (end < properties.length && properties[end]!.predicate.value === predicate) end++;
    keywordsBefore(predicate);
    const head = `${separator}${indent}${c.quotedVocab(predicate)}: `;
    separator = ',\n';
    if (end - start === 1) text += `${head}${valueText(properties[start]!.object, c, indent)}`;
    else {
      text += `${head}[\n`;
      for (let i = start; i < end; i++) text += `${inner}${valueText(properties[i]!.object, c, inner)}${i === end - 1 ? '\n' : ',\n'}`;
      text += `${indent}]`;
    }
    start = end;
  }
  keywordsBefore(null);
  return `${text}\n`;
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
  const text = (id: string, subject: Subject, indent: string) => {
    const quads = subject.quads();
    // jsonld.js writes no node for a subject without triples (and does not count it towards `@graph`).
    if (quads.length === 0) throw new Unsupported('a subject without quads');
    for (const quad of quads) {
      const problem = unsupported(quad);
      if (problem) throw new Unsupported(problem);
    }
    return nodeText(id, quads, c, indent);
  };
  if (nodes.length === 0) {
    out.write(`{\n  "@context": ${contextText}\n}\n`);
    return;
  }
  if (nodes.length === 1) {
    const [id, subject] = nodes[0]!;
    const node = text(id, subject, '  ');
    out.write(`{\n  "@context": ${contextText},\n`);
    out.write(node);
    out.write('}\n');
    return;
  }
  out.write(`{\n  "@context": ${contextText},\n  "@graph": [\n`);
  nodes.forEach(([id, subject], i) => {
    out.write(`    {\n${text(id, subject, '      ')}${i === nodes.length - 1 ? '    }\n' : '    },\n'}`);
  });
  out.write('  ]\n}\n');
}
