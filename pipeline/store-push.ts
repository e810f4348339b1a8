// Store push: replaces the release's graphs in a SPARQL 1.1 Graph Store, one named graph per dataset
// (its dataset.nt) and one for the catalog (catalog.ttl as N-Triples): with a SPARQL Update endpoint,
// loaded into staging graphs and swapped in with one request; without, each with PUT ?graph=<iri>.
import { randomBytes } from 'node:crypto';
import type { Quad } from 'n3';
import { toNTriples } from './emit/serialize.js';
import { OntsluitError } from './errors.js';
import { CATALOG_FILE, VOCABULARY_FILE, ontologyIri, type Release } from './release.js';
import { ANSWER_CAP, STORE_HTTP_BASIC_ENV, STORE_PASSWORD_ENV, STORE_USER_ENV, redactUrl, storeRequest, type Credentials, type Settings, type StoreCall } from './store-http.js';

export { STORE_HTTP_BASIC_ENV, STORE_PASSWORD_ENV, STORE_USER_ENV } from './store-http.js';

export interface PushOptions {
  /** The Graph Store Protocol endpoint, e.g. `http://127.0.0.1:8890/sparql-graph-crud-auth`. */
  store: string;
  /** Default `$ONTSLUIT_STORE_USER`. */
  username?: string;
  /** Default `$ONTSLUIT_STORE_PASSWORD`. */
  password?: string;
  /** Time allowed for one request, from connecting to the last byte of the answer. Default 60 000. */
  timeoutMs?: number;
  /** Retries after the first attempt, on 5xx / 408 / 429, timeouts and network errors. Default 2. */
  retries?: number;
  /** Wait before the first retry; doubled for each next one. Default 1000. */
  backoffMs?: number;
  /**
   * The store's SPARQL 1.1 Update endpoint (Virtuoso: `/sparql-auth`). When given, the graphs are
   * loaded into staging graphs and swapped in with one request, so the store never holds a mix.
   */
  update?: string;
  /** Answer a Basic challenge over plain http (the password crosses the network readable). Default `$ONTSLUIT_STORE_ALLOW_HTTP_BASIC` = 1. */
  allowBasicOverHttp?: boolean;
  /** Bytes of an error answer read at most. Default 64 KiB. */
  answerCap?: number;
}

export interface GraphPush {
  /** The named graph: the dataset IRI, the ontology IRI (the vocabulary) or the catalog IRI. */
  graph: string;
  kind: 'dataset' | 'vocabulary' | 'catalog';
  /** The release file the graph was made from, relative to the release directory. */
  file: string;
  /** Triples in the body that was sent. */
  triples: number;
  bytes: number;
  /** Status of the answer that stored the graph (or its staging graph): 201 (created) or 200 / 204 (replaced). */
  status: number;
  /** The staging graph it was loaded into before the swap, when pushed with an Update endpoint. */
  staging?: string;
  /** Requests sent for this graph, counting the unauthenticated one answered by a challenge and retries. */
  requests: number;
  /** What each request got, in order: an HTTP status (`401` the challenge, `201` stored) or the code of a network error that was retried (`ECONNRESET`). */
  answers: string[];
  /** Time from the first request to the final answer. */
  ms: number;
}

export interface PushReport {
  store: string;
  /** Datasets first, the catalog last (so the catalog never points at a dataset graph that failed). */
  graphs: GraphPush[];
  /** The one SPARQL Update request that moved the staging graphs in, when pushed with an Update endpoint. */
  swap?: { endpoint: string; status: number; requests: number; answers: string[] };
  ms: number;
}

export const DEFAULTS = { timeoutMs: 60_000, retries: 2, backoffMs: 1_000, answerCap: ANSWER_CAP } as const;

const NT = 'application/n-triples';

interface GraphBody {
  graph: string;
  kind: GraphPush['kind'];
  file: string;
  body: Buffer;
  triples: number;
}

/**
 * Replaces the release's graphs in the store: for each `<slug>/dataset.nt` the graph named by the
 * catalog's dcat:Dataset of that slug, then the catalog graph. A failure names the graphs that were
 * replaced and those that were not (with an Update endpoint: none, the swap is one request).
 */
export async function pushRelease(release: Release, options: PushOptions): Promise<PushReport> {
  const started = performance.now();
  const store = checkStore(options.store, 'store');
  const update = options.update === undefined ? undefined : checkStore(options.update, 'update');
  const username = options.username || process.env[STORE_USER_ENV] || undefined;
  const password = options.password ?? (process.env[STORE_PASSWORD_ENV] || undefined);
  if (username !== undefined && password === undefined) {
    throw new OntsluitError('usage', `a store user is given but no password: set ${STORE_PASSWORD_ENV}`, { location: { source: store } });
  }
  const allowBasicOverHttp = options.allowBasicOverHttp ?? process.env[STORE_HTTP_BASIC_ENV] === '1';
  const credentials = username !== undefined ? { username, password: password!, allowBasicOverHttp } : undefined;
  const settings: Settings = {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    retries: options.retries ?? DEFAULTS.retries,
    backoffMs: options.backoffMs ?? DEFAULTS.backoffMs,
    answerCap: options.answerCap ?? DEFAULTS.answerCap,
  };
  const bodies = await releaseGraphs(release);
  const push = { store, credentials, settings };
  const report = update ? await stagedPush(bodies, update, push) : await directPush(bodies, push);
  return { store, ...report, ms: Math.round(performance.now() - started) };
}

interface Push {
  store: string;
  credentials: Credentials | undefined;
  settings: Settings;
}

/** PUT of `body` into graph `graph` of the Graph Store. */
function putCall(store: string, graph: string, body: Buffer, task: string): StoreCall {
  const url = new URL(store);
  url.searchParams.set('graph', graph);
  return { store, target: url.href, method: 'PUT', body, contentType: NT, task };
}

async function putOne(item: GraphBody, graph: string, task: string, push: Push): Promise<GraphPush> {
  const t0 = performance.now();
  const { status, requests, answers } = await storeRequest(putCall(push.store, graph, item.body, task), push.credentials, push.settings);
  const done: GraphPush = { graph: item.graph, kind: item.kind, file: item.file, triples: item.triples, bytes: item.body.length, status, requests, answers, ms: Math.round(performance.now() - t0) };
  if (graph !== item.graph) done.staging = graph;
  return done;
}

const where = (graph: string, store: string) => `graph <${graph}> in the store ${store}`;
const names = (items: { graph: string }[]) => (items.length ? items.map((i) => `<${i.graph}>`).join(', ') : 'none');

/** The error of a push that stopped: what failed, then exactly which graphs were replaced and which were not. */
function partial(error: unknown, replaced: GraphBody[], notReplaced: GraphBody[], note = ''): unknown {
  if (!(error instanceof OntsluitError)) return error;
  const message = `${error.message}; replaced: ${names(replaced)}; not replaced: ${names(notReplaced)}${note}`;
  return new OntsluitError(error.code, message, { location: error.location ?? { source: '' }, expected: error.expected, found: error.found, cause: error });
}

/** Each graph with its own PUT, datasets first and the catalog last; stops at the first failure. */
async function directPush(bodies: GraphBody[], push: Push): Promise<Omit<PushReport, 'store' | 'ms'>> {
  const graphs: GraphPush[] = [];
  for (const [i, item] of bodies.entries()) {
    try {
      graphs.push(await putOne(item, item.graph, `replace ${where(item.graph, push.store)}`, push));
    } catch (error) {
      throw partial(error, bodies.slice(0, i), bodies.slice(i));
    }
  }
  return { graphs };
}

/** Every graph into a staging graph, then one SPARQL Update that moves them all in; staging graphs are dropped on failure. */
async function stagedPush(bodies: GraphBody[], update: string, push: Push): Promise<Omit<PushReport, 'store' | 'ms'>> {
  const token = randomBytes(8).toString('hex');
  const staged = bodies.map((item, i) => ({ item, staging: `urn:ontsluit:staging:${token}:${i}` }));
  const graphs: GraphPush[] = [];
  const updateCall = (text: string, task: string): StoreCall => ({ store: update, target: update, method: 'POST', body: Buffer.from(text, 'utf8'), contentType: 'application/sparql-update', task });
  const cleanUp = async (count: number): Promise<string> => {
    if (count === 0) return '';
    const drop = staged.slice(0, count).map((s) => `DROP SILENT GRAPH <${s.staging}>`).join(' ;\n');
    try {
      await storeRequest(updateCall(drop, `drop the staging graphs in the store ${update}`), push.credentials, { ...push.settings, retries: 0 });
      return ' (the staging graphs were dropped)';
    } catch {
      return ` (the staging graphs ${staged.slice(0, count).map((s) => `<${s.staging}>`).join(', ')} may remain)`;
    }
  };
  for (const [i, { item, staging }] of staged.entries()) {
    try {
      graphs.push(await putOne(item, staging, `load the staging graph of ${where(item.graph, push.store)}`, push));
    } catch (error) {
      throw partial(error, [], bodies, await cleanUp(i));
    }
  }
  const moves = staged.map((s) => `MOVE <${s.staging}> TO <${s.item.graph}>`).join(' ;\n');
  try {
    const swap = await storeRequest(updateCall(moves, `swap the staging graphs in as ${names(bodies)} in the store ${update}`), push.credentials, push.settings);
    return { graphs, swap: { endpoint: update, ...swap } };
  } catch (error) {
    throw partial(error, [], bodies, await cleanUp(staged.length));
  }
}

function checkStore(store: string, option: 'store' | 'update'): string {
  let url: URL | undefined;
  try {
    url = new URL(store);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.hash) {
    throw new OntsluitError('usage', option === 'store' ? 'the store is not a Graph Store Protocol URL' : 'the update endpoint is not a SPARQL Update URL', {
      location: { source: redactUrl(store) },
      expected: `an http(s) URL without credentials or fragment (credentials come from ${STORE_USER_ENV} / ${STORE_PASSWORD_ENV})`,
      found: JSON.stringify(redactUrl(store)) + (url?.username || url?.password ? ' (credentials in the URL, not shown)' : ''),
    });
  }
  return store;
}

// ── the release ─────────────────────────────────────────────────────────────────────────────────

/** The graphs to push, from the release value: each dataset (sorted by slug), the vocabulary, then the catalog. */
async function releaseGraphs(release: Release): Promise<GraphBody[]> {
  const out: GraphBody[] = [];
  for (const dataset of release.datasets) out.push({ graph: dataset.iri, kind: 'dataset', file: dataset.file, ...(await nTriples(dataset.quads)) });
  // The vocabulary, so that a store has the labels and comments of the aoo: terms.
  out.push({ graph: ontologyIri(release), kind: 'vocabulary', file: VOCABULARY_FILE, ...(await nTriples(release.vocabulary)) });
  out.push({ graph: release.catalogIri, kind: 'catalog', file: CATALOG_FILE, ...(await nTriples(release.catalog)) });
  return out;
}

/** Sorted, de-duplicated N-Triples, as the release writes them, and how many triples that is. */
async function nTriples(quads: Quad[]): Promise<{ body: Buffer; triples: number }> {
  const text = await toNTriples(quads);
  return { body: Buffer.from(text, 'utf8'), triples: text.split('\n').filter((l) => l !== '').length };
}
