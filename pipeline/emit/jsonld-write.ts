// JSON-LD written directly in a context of prefixes: the document jsonld.js's fromRDF + compact + JSON.stringify(…, null, 2) gives, byte for byte, without the library.
import type { Quad, Term } from 'n3';
import { ByteSink } from './chunks.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const RDF_JSON = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON';
/** A term whose IRI ends in one of these may be used as a prefix (JSON-LD 1.1, IRI expansion). */
const PREFIX_END = /[:/?#[\]@]$/;

/** A compacted value: a string, a node reference, or a literal with its language or datatype. */
type Value = string | { id: string } | { language: string; value: string } | { type: string; value: string };

interface Node {
  types: string[];
  properties: Map<string, Value[]>;
}

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
  private readonly idCache = new Map<string, string>();

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

  /** A node IRI (`@id`): CURIEs, never terms; relative IRIs are not made (the base is empty). */
  id(iri: string): string {
    let out = this.idCache.get(iri);
    if (out === undefined) {
      if (iri.startsWith('//')) throw new Unsupported(`network-path IRI ${iri}`);
      this.idCache.set(iri, (out = this.curie(iri)));
    }
    return out;
  }
}

const nodeId = (term: Term) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value);

/** A literal's text, language and datatype; from an n3 Literal's id in one pass (its getters each scan the whole text). */
function literalParts(object: Term): { value: string; language: string; datatype: string } {
  const id = (object as { id?: unknown }).id;
  if (typeof id !== 'string' || id[0] !== '"') {
    const literal = object as Term & { language: string; datatype: { value: string } };
    return { value: literal.value, language: literal.language, datatype: literal.datatype.value };
  }
  const end = id.lastIndexOf('"');
  const value = id.substring(1, end);
  if (id[end + 1] === '@') {
    const tag = id.slice(end + 2);
    const direction = tag.indexOf('--');
    return { value, language: (direction === -1 ? tag : tag.slice(0, direction)).toLowerCase(), datatype: RDF_LANG_STRING };
  }
  return { value, language: '', datatype: id[end + 1] === '^' ? id.slice(end + 3) : XSD_STRING };
}

function objectValue(object: Term, c: Compactor): Value {
  if (object.termType === 'NamedNode' || object.termType === 'BlankNode') return { id: c.id(nodeId(object)) };
  if (object.termType !== 'Literal') throw new Unsupported(`a ${object.termType} object`);
  const { value, language, datatype } = literalParts(object);
  if (language) return { language: language.toLowerCase(), value };
  const type = datatype || XSD_STRING;
  if (type === XSD_STRING) return value;
  if (type === RDF_JSON || type === RDF_LANG_STRING) throw new Unsupported(`a literal of type ${type}`);
  return { type: c.vocab(type), value };
}

const q = JSON.stringify;

function valueText(value: Value, indent: string): string {
  if (typeof value === 'string') return q(value);
  const inner = `${indent}  `;
  if ('id' in value) return `{\n${inner}"@id": ${q(value.id)}\n${indent}}`;
  const [key, tag] = 'language' in value ? ['@language', value.language] : ['@type', value.type];
  return `{\n${inner}"${key}": ${q(tag)},\n${inner}"@value": ${q(value.value)}\n${indent}}`;
}

function memberText(key: string, values: (Value | string)[], indent: string): string {
  const head = `${indent}${q(key)}: `;
  if (values.length === 1) return head + valueText(values[0]!, indent);
  const inner = `${indent}  `;
  let text = `${head}[\n`;
  for (let i = 0; i < values.length; i++) text += `${inner}${valueText(values[i]!, inner)}${i === values.length - 1 ? '\n' : ',\n'}`;
  return `${text}${indent}]`;
}

/** One node's members at `indent`: `@id`, `@type`, then properties in the order of their IRIs (as jsonld.js sorts them). */
function nodeText(id: string, node: Node, c: Compactor, indent: string): string {
  const keys = [...node.properties.keys()];
  if (node.types.length) keys.push('@type');
  keys.push('@id');
  keys.sort();
  let text = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key === '@id') text += `${indent}"@id": ${q(c.id(id))}`;
    else if (key === '@type') text += memberText('@type', node.types.map((t) => c.vocab(t)), indent);
    else text += memberText(c.vocab(key), node.properties.get(key)!, indent);
    text += i === keys.length - 1 ? '\n' : ',\n';
  }
  return text;
}

/**
 * The quads as a compacted JSON-LD document with `context` (prefix → namespace) embedded, as bytes.
 * Nodes come sorted by IRI, each property's values in the order of the quads (duplicates kept), as
 * jsonld.js writes them; throws `Unsupported` for what it does not mirror (lists, JSON literals, …).
 */
export function writeJsonLd(quads: Quad[], context: Record<string, string>): Buffer {
  if (Object.keys(context).length === 0 || Object.entries(context).some(([t, v]) => typeof v !== 'string' || t.includes(':') || t.startsWith('@') || t === '')) throw new Unsupported('a context that is not a map of prefixes');
  const c = new Compactor(context);
  const nodes = new Map<string, Node>();
  for (const quad of quads) {
    if (quad.graph.termType !== 'DefaultGraph') throw new Unsupported('a named graph');
    if (quad.subject.termType !== 'NamedNode' && quad.subject.termType !== 'BlankNode') throw new Unsupported(`a ${quad.subject.termType} subject`);
    if (quad.predicate.value.startsWith('http://www.w3.org/1999/02/22-rdf-syntax-ns#') && /#(first|rest|nil)$/.test(quad.predicate.value)) throw new Unsupported('an RDF list');
    if (quad.object.termType === 'NamedNode' && quad.object.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#nil') throw new Unsupported('an RDF list');
    const subject = nodeId(quad.subject);
    let node = nodes.get(subject);
    if (!node) nodes.set(subject, (node = { types: [], properties: new Map() }));
    const object = quad.object;
    if (quad.predicate.value === RDF_TYPE && (object.termType === 'NamedNode' || object.termType === 'BlankNode')) {
      node.types.push(nodeId(object));
      continue;
    }
    const values = node.properties.get(quad.predicate.value);
    const value = objectValue(object, c);
    if (values) values.push(value);
    else node.properties.set(quad.predicate.value, [value]);
  }
  const subjects = [...nodes.keys()].sort();
  const out = new ByteSink();
  const contextText = q(context, null, 2).replace(/\n/g, '\n  ');
  if (subjects.length === 0) {
    out.write(`{\n  "@context": ${contextText}\n}\n`);
    return out.bytes();
  }
  if (subjects.length === 1) {
    out.write(`{\n  "@context": ${contextText},\n`);
    out.write(nodeText(subjects[0]!, nodes.get(subjects[0]!)!, c, '  '));
    out.write('}\n');
    return out.bytes();
  }
  out.write(`{\n  "@context": ${contextText},\n  "@graph": [\n`);
  subjects.forEach((subject, i) => {
    out.write(`    {\n${nodeText(subject, nodes.get(subject)!, c, '      ')}${i === subjects.length - 1 ? '    }\n' : '    },\n'}`);
  });
  out.write('  ]\n}\n');
  return out.bytes();
}
