// Serialises quads as Turtle, N-Triples (sorted) and JSON-LD (local context, no network access).
import jsonld from 'jsonld';
import { Writer, type Quad, type Term } from 'n3';
import { OntsluitError } from '../errors.js';
import { NS } from '../iris.js';

export function toTurtle(quads: Quad[], prefixes: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ prefixes });
    writer.addQuads(quads);
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });
}

/** One triple per line, sorted, so that files compare line by line across releases. */
export function toNTriples(quads: Quad[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ format: 'N-Triples' });
    writer.addQuads(quads);
    writer.end((error, result: string) => {
      if (error) return reject(error);
      const lines = [...new Set(result.split('\n').filter((l) => l !== ''))].sort();
      resolve(`${lines.join('\n')}\n`);
    });
  });
}

/** A document loader that refuses every URL: contexts are passed in, never fetched. */
const noNetwork = (url: string): never => {
  throw new OntsluitError('internal-error', `JSON-LD tried to load ${url}; ontsluit works offline`);
};

/** JSON-LD compacted with `context` (embedded in the document), built from n3 quads (not N-Quads text). */
export async function toJsonLd(quads: Quad[], context: Record<string, unknown>): Promise<string> {
  const expanded = await jsonld.fromRDF(quads as never, { useNativeTypes: false });
  const compacted = await jsonld.compact(expanded, context as never, { documentLoader: noNetwork as never, safe: true } as never);
  return `${JSON.stringify(compacted, null, 2)}\n`;
}

/** Prefixes for Turtle and terms for JSON-LD, for the data (not the catalog). */
export function dataPrefixes(vocab: string): Record<string, string> {
  return { aoo: vocab, ...Object.fromEntries(Object.entries(NS).filter(([p]) => p !== 'csvw' && p !== 'adms')) };
}

/** The JSON-LD context: prefixes only, so that every IRI stays visible and nothing is silently dropped. */
export function prefixContext(prefixes: Record<string, string>): Record<string, unknown> {
  return { '@context': { ...prefixes } };
}

/**
 * RDF/XML through rdflib's serializer (the one writer whose output is sorted, so the bytes are stable),
 * fed the quads directly; IRIs stay absolute. rdflib is loaded only when RDF/XML is asked for.
 */
/** The IRIs blank nodes wear inside toRdfXml (never in its output). */
const BNODE = 'urn:x-ontsluit-bnode:';

export async function toRdfXml(quads: Quad[], prefixes: Record<string, string>): Promise<string> {
  const rdflib = await import('rdflib');
  const store = rdflib.graph();
  for (const [prefix, namespace] of Object.entries(prefixes)) store.setPrefixForURI(prefix, namespace);
  // rdflib nests a blank node used once inside rdf:parseType="Resource" *and* a node element, which is not
  // RDF/XML; so blank nodes go in as IRIs of their own and come out as rdf:nodeID.
  const bnodes = new Map<string, string>();
  const term = (t: Term) => {
    if (t.termType === 'NamedNode') return rdflib.sym(t.value);
    if (t.termType === 'BlankNode') return rdflib.sym(`${BNODE}${bnodes.get(t.value) ?? bnodes.set(t.value, `b${bnodes.size}`).get(t.value)!}`);
    if (t.termType === 'Literal') return new rdflib.Literal(t.value, t.language || undefined, t.language ? undefined : rdflib.sym(t.datatype.value));
    throw new OntsluitError('internal-error', `RDF/XML cannot hold a ${t.termType} term`);
  };
  for (const quad of quads) store.add(term(quad.subject) as never, term(quad.predicate) as never, term(quad.object) as never);
  const serialised = rdflib.serialize(null, store, undefined, 'application/rdf+xml');
  if (!serialised) throw new OntsluitError('internal-error', 'rdflib produced no RDF/XML');
  const xml = bnodes.size === 0 ? serialised : serialised.replace(new RegExp(`rdf:(about|resource)="${BNODE}(b\\d+)"`, 'g'), 'rdf:nodeID="$2"');
  return xml.endsWith('\n') ? xml : `${xml}\n`;
}
