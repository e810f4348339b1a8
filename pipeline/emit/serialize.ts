// Serialises quads as Turtle, N-Triples (sorted) and JSON-LD (local context, no network access), as bytes in bounded chunks.
import { DataFactory, Writer } from '../vendor/rdf.js';
import type { Quad, Term } from 'n3';
import { OntsluitError } from '../errors.js';
import { NS } from '../iris.js';
import { ByteSink } from './chunks.js';
import { Unsupported, writeJsonLdInto } from './jsonld-write.js';
import { subjectsOf, type Subject } from './subjects.js';

const { namedNode } = DataFactory;

/** Turtle through n3's Writer, written into bounded chunks rather than one string. */
export async function turtleBytes(quads: Quad[] | Iterable<Quad[]>, prefixes: Record<string, string>): Promise<Buffer> {
  const sink = new ByteSink();
  await turtleInto(sink, quads, prefixes);
  return sink.bytes();
}

/** `turtleBytes`, written into `sink`; the quads may come in pieces (a subject's at a time), which are not kept. */
export function turtleInto(sink: ByteSink, quads: Quad[] | Iterable<Quad[]>, prefixes: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const writer = new Writer(sink.stream(), { prefixes });
    if (Array.isArray(quads) && (quads.length === 0 || !Array.isArray(quads[0]))) writer.addQuads(quads as Quad[]);
    else for (const piece of quads as Iterable<Quad[]>) writer.addQuads(piece);
    writer.end((error) => (error ? reject(error) : resolve()));
  });
}

export async function toTurtle(quads: Quad[], prefixes: Record<string, string>): Promise<string> {
  return (await turtleBytes(quads, prefixes)).toString('utf8');
}

/** A fixed predicate and object, to learn how the Writer writes a subject: the line minus their end. */
const PROBE = namedNode('urn:x');
const PROBE_END = new Writer({ format: 'N-Triples' }).quadToString(PROBE, PROBE, PROBE).slice('<urn:x>'.length);

/**
 * One triple per line, sorted (by UTF-16 code units, as `Array.prototype.sort` compares), without
 * repeats, so that files compare line by line across releases. A line starts with its subject and a
 * space, and a written subject holds no space, so the lines sort as their subjects do: the subjects
 * are sorted, then each subject's lines, and only one subject's lines are held at a time.
 */
export function nTriplesBytes(quads: Quad[] | Subject[]): Buffer {
  const sink = new ByteSink();
  nTriplesInto(sink, quads);
  return sink.bytes();
}

const isSubjects = (source: Quad[] | Subject[]): source is Subject[] => source.length > 0 && typeof (source[0] as Partial<Subject>).quads === 'function';

/** `nTriplesBytes`, written into `sink`. Given subjects, each named once, one subject's quads are made and held at a time. */
export function nTriplesInto(sink: ByteSink, source: Quad[] | Subject[]): void {
  const writer = new Writer({ format: 'N-Triples' });
  const line = (quad: Quad) => writer.quadToString(quad.subject, quad.predicate, quad.object, quad.graph);
  const subjects = isSubjects(source) ? source : subjectsOf(source);
  const whole = () => writeSorted(sink, subjects.flatMap((s) => s.quads().map(line)));
  const written: [text: string, subject: Subject][] = [];
  for (const subject of subjects) {
    if (subject.term.termType !== 'NamedNode' && subject.term.termType !== 'BlankNode') return whole();
    const probe = writer.quadToString(subject.term, PROBE, PROBE);
    const text = probe.slice(0, probe.length - PROBE_END.length);
    if (text.includes(' ')) return whole();
    written.push([text, subject]);
  }
  written.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // A subject named twice sorts beside itself: its lines are merged with the whole graph's.
  if (written.some(([text], i) => i > 0 && text === written[i - 1]![0])) return whole();
  for (const [, subject] of written) writeSorted(sink, subject.quads().map(line));
}

/** Lines sorted, each once. */
function writeSorted(sink: ByteSink, lines: string[]): void {
  lines.sort();
  let previous: string | undefined;
  for (const text of lines) {
    if (text !== previous) sink.write(text);
    previous = text;
  }
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
  // Loaded when first needed (~0.25 s of CPU): the release's own JSON-LD is written directly.
  const { default: jsonld } = await import('jsonld');
  const expanded = await jsonld.fromRDF(quads as never, { useNativeTypes: false });
  const compacted = await jsonld.compact(expanded, context as never, { documentLoader: noNetwork as never, safe: true } as never);
  return `${JSON.stringify(compacted, null, 2)}\n`;
}

/**
 * JSON-LD compacted with `context` (embedded in the document), built from n3 quads. A context of
 * prefixes (`prefixContext`) is written directly, the same bytes jsonld.js gives; anything else, and
 * whatever the direct writer does not mirror, goes through jsonld.js.
 */
export async function jsonLdBytes(quads: Quad[] | Subject[], context: Record<string, unknown>): Promise<Buffer> {
  const sink = new ByteSink();
  await jsonLdInto(sink, quads, context);
  return sink.bytes();
}

/**
 * `jsonLdBytes`, written into `sink` (empty: what the direct writer wrote before it gave up is dropped).
 * Given subjects, the direct writer holds one subject's quads at a time; subjects named twice go through jsonld.js.
 */
export async function jsonLdInto(sink: ByteSink, source: Quad[] | Subject[], context: Record<string, unknown>): Promise<void> {
  const prefixes = context['@context'];
  const subjects = isSubjects(source) ? source : subjectsOf(source);
  if (Object.keys(context).length === 1 && prefixes && typeof prefixes === 'object' && !Array.isArray(prefixes)) {
    try {
      return writeJsonLdInto(sink, subjects, prefixes as Record<string, string>);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      sink.reset();
    }
  }
  sink.write(await jsonLdByLibrary(isSubjects(source) ? source.flatMap((s) => s.quads()) : source, context));
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
  const rdflib = await import('../vendor/rdfxml.js');
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
