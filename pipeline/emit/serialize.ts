// Serialises quads as Turtle, N-Triples (sorted) and JSON-LD (local context, no network access), as bytes in bounded chunks.
import jsonld from 'jsonld';
import { Writer, type Quad, type Term } from 'n3';
import { OntsluitError } from '../errors.js';
import { NS } from '../iris.js';
import { ByteSink } from './chunks.js';
import { Unsupported, writeJsonLd } from './jsonld-write.js';

/** Turtle through n3's Writer, written into bounded chunks rather than one string. */
export function turtleBytes(quads: Quad[], prefixes: Record<string, string>): Promise<Buffer> {
  const sink = new ByteSink();
  return new Promise((resolve, reject) => {
    const writer = new Writer(sink.stream(), { prefixes });
    writer.addQuads(quads);
    writer.end((error) => (error ? reject(error) : resolve(sink.bytes())));
  });
}

export async function toTurtle(quads: Quad[], prefixes: Record<string, string>): Promise<string> {
  return (await turtleBytes(quads, prefixes)).toString('utf8');
}

/**
 * One triple per line, sorted (by UTF-16 code units, as `Array.prototype.sort` compares), without
 * repeats, so that files compare line by line across releases. Each quad is written as its own line
 * by n3's Writer; the lines are sorted and repeats dropped as they are copied into bounded chunks.
 */
export function nTriplesBytes(quads: Quad[]): Buffer {
  const writer = new Writer({ format: 'N-Triples' });
  const lines = new Array<string>(quads.length);
  for (let i = 0; i < quads.length; i++) {
    const { subject, predicate, object, graph } = quads[i]!;
    lines[i] = writer.quadToString(subject, predicate, object, graph);
  }
  // Every line ends in " .\n", and no line is a prefix of another up to that end, so the order is that of the bare lines.
  lines.sort();
  const sink = new ByteSink();
  let previous: string | undefined;
  for (const line of lines) {
    if (line !== previous) sink.write(line);
    previous = line;
  }
  return sink.bytes();
}

export async function toNTriples(quads: Quad[]): Promise<string> {
  return nTriplesBytes(quads).toString('utf8');
}

/** A document loader that refuses every URL: contexts are passed in, never fetched. */
const noNetwork = (url: string): never => {
  throw new OntsluitError('internal-error', `JSON-LD tried to load ${url}; ontsluit works offline`);
};

/** JSON-LD through jsonld.js: fromRDF, then compact with `context` (embedded in the document). */
export async function jsonLdByLibrary(quads: Quad[], context: Record<string, unknown>): Promise<string> {
  const expanded = await jsonld.fromRDF(quads as never, { useNativeTypes: false });
  const compacted = await jsonld.compact(expanded, context as never, { documentLoader: noNetwork as never, safe: true } as never);
  return `${JSON.stringify(compacted, null, 2)}\n`;
}

/**
 * JSON-LD compacted with `context` (embedded in the document), built from n3 quads. A context of
 * prefixes (`prefixContext`) is written directly, the same bytes jsonld.js gives; anything else, and
 * whatever the direct writer does not mirror, goes through jsonld.js.
 */
export async function jsonLdBytes(quads: Quad[], context: Record<string, unknown>): Promise<Buffer> {
  const prefixes = context['@context'];
  if (Object.keys(context).length === 1 && prefixes && typeof prefixes === 'object' && !Array.isArray(prefixes)) {
    try {
      return writeJsonLd(quads, prefixes as Record<string, string>);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
    }
  }
  return Buffer.from(await jsonLdByLibrary(quads, context), 'utf8');
}

export async function toJsonLd(quads: Quad[], context: Record<string, unknown>): Promise<string> {
  return (await jsonLdBytes(quads, context)).toString('utf8');
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
