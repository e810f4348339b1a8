// The SPARQL core of `ontsluit query` and `ontsluit serve`: the release in an oxigraph store, one named
// graph per file, queried read-only in a worker thread with a timeout, a result limit and content negotiation.
import { DataFactory, Parser, Writer } from './vendor/rdf.js';
import type { Quad } from 'n3';
import Negotiator from 'negotiator';
import { prefixContext, toJsonLd, toRdfXml, toTurtle } from './emit/serialize.js';
import { OntsluitError } from './errors.js';
import { NS } from './iris.js';
import { DEFAULTS } from './options.js';
import { CATALOG_FILE, VOCABULARY_FILE, ontologyIri, type Release } from './release.js';
import { datasetFor, type ProtocolDataset } from './sparql-dataset.js';
import { QueryPool, workerScript } from './sparql-pool.js';

/** Result media types, the default first. */
export const SELECT_MEDIA_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'] as const;
export const GRAPH_MEDIA_TYPES = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml'] as const;

/** Other names accepted for the same types: generic media types, and short names for the command line. */
const ALIASES: Record<'select' | 'graph', Record<string, string>> = {
  select: { 'application/json': SELECT_MEDIA_TYPES[0], 'application/xml': SELECT_MEDIA_TYPES[1], 'text/xml': SELECT_MEDIA_TYPES[1], json: SELECT_MEDIA_TYPES[0], xml: SELECT_MEDIA_TYPES[1], csv: 'text/csv', tsv: 'text/tab-separated-values' },
  graph: { 'application/json': 'application/ld+json', turtle: 'text/turtle', ttl: 'text/turtle', nt: 'application/n-triples', ntriples: 'application/n-triples', 'n-triples': 'application/n-triples', jsonld: 'application/ld+json', 'json-ld': 'application/ld+json', rdfxml: 'application/rdf+xml', xml: 'application/rdf+xml' },
};

export type QueryForm = 'select' | 'ask' | 'construct' | 'describe';

export interface LoadedGraph {
  /** The graph name: the dataset IRI, the catalog IRI, or the ontology IRI. */
  name: string;
  /** The file, relative to the release directory. */
  file: string;
  kind: 'dataset' | 'catalog' | 'vocabulary';
  triples: number;
}

export interface ReleaseStore {
  readonly graphs: readonly LoadedGraph[];
  readonly triples: number;
  /** The base URL of the IRIs. */
  readonly base: string;
  /** Time to write the graphs as N-Quads for the workers, in milliseconds. */
  readonly loadMs: number;
  /** `3 graphs, 1308 triples in 41 ms` followed by one line per graph. */
  summary(): string;
  /** Stops the query workers (they start again on the next query); lets the process exit. */
  close(): Promise<void>;
  /** Resolves once every query worker holds the store (a server waits for it before it listens). */
  ready(): Promise<void>;
}

export interface QueryOptions {
  /** An Accept header, a media type, or a short name (json, xml, csv, tsv, turtle, nt, jsonld). */
  accept?: string;
  /** Default 10 000 ms (options.ts), counted from `arrivedAt`: time spent waiting for a worker counts too. */
  timeoutMs?: number;
  /** When the query arrived (`performance.now()`), e.g. when its HTTP request came in; default now. */
  arrivedAt?: number;
  /** Most rows of a SELECT result (more are cut off) or triples of a graph result (more are refused); default 10 000. */
  limit?: number;
  /** The protocol's default-graph-uri / named-graph-uri; else the query's FROM / FROM NAMED, else every graph. */
  dataset?: ProtocolDataset;
}

export interface QueryResult {
  mediaType: string;
  body: string;
  /** Rows of a SELECT result as returned (after a cut), triples of a CONSTRUCT/DESCRIBE result; absent for ASK. */
  rows?: number;
  /** Set when a SELECT result had more than `limit` rows and only the first `limit` are in `body`. */
  truncated?: { limit: number; total: number };
  form: QueryForm;
  /** Time the query took in the worker (evaluation and serialisation), in milliseconds. */
  ms: number;
}

const pools = new WeakMap<ReleaseStore, QueryPool>();

/**
 * Puts a release in the query workers: each dataset in the named graph of its dataset IRI, the catalog
 * in the graph of the catalog IRI, the vocabulary in the graph of the ontology IRI.
 */
export async function loadStore(release: Release, options: { workers?: number; queue?: number } = {}): Promise<ReleaseStore> {
  const started = performance.now();
  const sources: { name: string; file: string; kind: LoadedGraph['kind']; quads: Quad[] }[] = [
    ...release.datasets.map((d) => ({ name: d.iri, file: d.file, kind: 'dataset' as const, quads: d.quads })),
    { name: release.catalogIri, file: CATALOG_FILE, kind: 'catalog', quads: release.catalog },
    { name: ontologyIri(release), file: VOCABULARY_FILE, kind: 'vocabulary', quads: release.vocabulary },
  ];
  if (release.datasets.length === 0) throw new OntsluitError('release-invalid', 'the release holds no dataset to query', { expected: 'at least one dataset in the catalog', found: 'none' });
  const writer = new Writer({ format: 'N-Quads' });
  const graphs: LoadedGraph[] = [];
  const lines: string[] = [];
  for (const source of sources) {
    const graph = DataFactory.namedNode(source.name);
    const distinct = new Set(source.quads.map((q) => writer.quadToString(q.subject, q.predicate, q.object, graph)));
    // One push per line: spread arguments overflow the stack at 10⁵ entries (millions of triples).
    for (const line of distinct) lines.push(line);
    graphs.push({ name: source.name, file: source.file, kind: source.kind, triples: distinct.size });
  }
  const triples = graphs.reduce((sum, g) => sum + g.triples, 0);
  const loadMs = Math.round(performance.now() - started);
  const release_: ReleaseStore = {
    graphs,
    triples,
    base: release.base,
    loadMs,
    summary: () => [`${graphs.length} graphs, ${triples} triples in ${loadMs} ms`, ...graphs.map((g) => `  ${g.file}: ${g.triples} triples in <${g.name}>`)].join('\n'),
    close: () => pool.close(),
    ready: () => pool.ready(),
  };
  const pool = new QueryPool(workerScript(), lines.join(''), Math.max(1, options.workers ?? 1), Math.max(0, options.queue ?? DEFAULTS.sparqlQueue));
  pools.set(release_, pool);
  pool.warm();
  return release_;
}

/** Stops the query workers of a release (same as `release.close()`). */
export function closeRelease(release: ReleaseStore): Promise<void> {
  return release.close();
}

/** Runs a SPARQL 1.1 query (never an update) on a loaded release. */
export async function runQuery(release: ReleaseStore, query: string, options: QueryOptions = {}): Promise<QueryResult> {
  const pool = pools.get(release);
  if (!pool) throw new OntsluitError('internal-error', 'runQuery needs a store from loadStore()');
  const limit = options.limit ?? DEFAULTS.resultLimit;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.queryTimeoutMs;
  if (!(limit >= 1) || !(timeoutMs > 0)) throw new OntsluitError('internal-error', 'limit and timeoutMs must be positive');
  if (query.trim() === '') throw new OntsluitError('query-invalid', 'the query is empty', { location: { source: 'query' }, expected: 'a SPARQL 1.1 query' });

  // A text that starts with no query form is sent on as SELECT: oxigraph then reports the syntax error.
  const form = queryForm(query) ?? 'select';
  const graph = form === 'construct' || form === 'describe';
  const mediaType = negotiate(graph ? 'graph' : 'select', options.accept);
  const deadline = (options.arrivedAt ?? performance.now()) + timeoutMs;
  const request = { query, form: graph ? ('graph' as const) : form === 'ask' ? ('ask' as const) : ('select' as const), format: graph ? 'application/n-triples' : mediaType, limit };
  const reply = await pool.run({ ...request, dataset: datasetFor(query, options.dataset), baseIri: `${release.base}/sparql` }, { timeoutMs, deadline });

  if (!graph) {
    const result: QueryResult = { mediaType, body: reply.body, form, ms: reply.ms };
    if (form === 'select') result.rows = reply.rows;
    if (reply.total !== undefined) result.truncated = { limit, total: reply.total };
    return result;
  }
  const triples = reply.rows ?? 0;
  if (triples > limit) {
    throw new OntsluitError('query-too-large', `the ${form.toUpperCase()} result has ${triples} triples, more than the limit of ${limit}; narrow the query, or download the dataset files instead`, { location: { source: 'query' }, expected: `at most ${limit} triples`, found: String(triples) });
  }
  return { mediaType, body: await formatGraph(reply.body, mediaType, release.base), rows: triples, form, ms: reply.ms };
}

/**
 * The form of a query: the first keyword after the prologue (BASE, PREFIX), skipping comments.
 * Throws query-not-allowed for an update; undefined when the text starts with neither.
 */
export function queryForm(query: string): QueryForm | undefined {
  let i = 0;
  const skipSpace = () => {
    for (;;) {
      while (i < query.length && /\s/.test(query[i]!)) i++;
      if (query[i] !== '#') return;
      while (i < query.length && query[i] !== '\n' && query[i] !== '\r') i++;
    }
  };
  for (;;) {
    skipSpace();
    const word = /^[A-Za-z]+/.exec(query.slice(i, i + 20))?.[0]?.toUpperCase();
    if (!word) return undefined;
    i += word.length;
    if (word === 'PREFIX' || word === 'BASE') {
      skipSpace();
      if (word === 'PREFIX') {
        const name = /^[^\s<#]*:/.exec(query.slice(i, i + 200))?.[0];
        if (name === undefined) return undefined;
        i += name.length;
        skipSpace();
      }
      if (query[i] !== '<') return undefined;
      const end = query.indexOf('>', i);
      if (end === -1) return undefined;
      i = end + 1;
      continue;
    }
    if (word === 'SELECT' || word === 'ASK' || word === 'CONSTRUCT' || word === 'DESCRIBE') return word.toLowerCase() as QueryForm;
    if (UPDATE_KEYWORDS.has(word)) {
      throw new OntsluitError('query-not-allowed', `SPARQL updates (${word}) are not allowed: the release is read-only`, { location: { source: 'query' }, expected: 'SELECT, ASK, CONSTRUCT or DESCRIBE', found: word });
    }
    return undefined;
  }
}

const UPDATE_KEYWORDS = new Set(['INSERT', 'DELETE', 'LOAD', 'CLEAR', 'CREATE', 'DROP', 'COPY', 'MOVE', 'ADD', 'WITH']);

/** The media type to answer with; the default of the form when `accept` allows none of them. */
export function negotiate(kind: 'select' | 'graph', accept: string | undefined): string {
  const types: readonly string[] = kind === 'select' ? SELECT_MEDIA_TYPES : GRAPH_MEDIA_TYPES;
  const aliases = ALIASES[kind];
  if (!accept || !accept.trim()) return types[0]!;
  const short = aliases[accept.trim().toLowerCase()];
  if (short) return short;
  const chosen = new Negotiator({ headers: { accept } }).mediaType([...types, ...Object.keys(aliases).filter((a) => a.includes('/'))]);
  return chosen === undefined ? types[0]! : (aliases[chosen] ?? chosen);
}

/** A graph result (N-Triples from the worker) in the media type asked for, with the prefixes it uses. */
export async function formatGraph(ntriples: string, mediaType: string, base: string): Promise<string> {
  if (mediaType === 'application/n-triples') return ntriples;
  const quads = new Parser({ format: 'N-Triples' }).parse(ntriples);
  const prefixes = usedPrefixes(ntriples, base);
  if (mediaType === 'application/rdf+xml') return toRdfXml(quads, prefixes);
  return mediaType === 'text/turtle' ? toTurtle(quads, prefixes) : toJsonLd(quads, prefixContext(prefixes));
}

/** Prefixes whose namespace occurs in the N-Triples, for Turtle and the JSON-LD context. */
function usedPrefixes(ntriples: string, base: string): Record<string, string> {
  const all: Record<string, string> = { aoo: `${base}/def/actieplan#`, ...NS };
  return Object.fromEntries(Object.entries(all).filter(([, ns]) => ntriples.includes(`<${ns}`)));
}
