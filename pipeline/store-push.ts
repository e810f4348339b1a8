// Store push: replaces the release's graphs in a SPARQL 1.1 Graph Store Protocol endpoint, one named
import { RETRY_STATUS, plural } from './fetch.js';
import { toNTriples } from './emit/serialize.js';
// graph per dataset (its dataset.nt) and one for the catalog (catalog.ttl as N-Triples), each with
// HTTP PUT ?graph=<iri>. Credentials go only in answer to a challenge: Digest (Virtuoso's
// /sparql-graph-crud-auth accepts nothing else) or Basic (Fuseki, GraphDB, …).
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import DigestClient from 'digest-fetch';
import got, { RequestError, TimeoutError, type Response } from 'got';
import { Parser, type Quad } from 'n3';
import { OntsluitError } from './errors.js';
import { USER_AGENT } from './fetch.js';

/** The error codes of this stage (to be added to `ErrorCode`). */
export type StorePushErrorCode =
  | 'store-unauthorized' // 401: no credentials, or the store refused them
  | 'store-forbidden' // 403: the user may not write (Virtuoso: no SPARQL_UPDATE role)
  | 'store-failed' // 5xx / 408 / 429 or a broken connection after every retry, a timeout, any other status
  | 'store-unreachable'; // connection refused, unknown host, no route (after every retry)

export const STORE_USER_ENV = 'ONTSLUIT_STORE_USER';
export const STORE_PASSWORD_ENV = 'ONTSLUIT_STORE_PASSWORD';

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
}

export interface GraphPush {
  /** The named graph: the dataset IRI, or the catalog IRI. */
  graph: string;
  kind: 'dataset' | 'catalog';
  /** The release file the graph was made from, relative to the release directory. */
  file: string;
  /** Triples in the body that was sent. */
  triples: number;
  bytes: number;
  /** Status of the answer that stored the graph: 201 (created) or 200 / 204 (replaced). */
  status: number;
  /** Requests sent for this graph, counting the unauthenticated one answered by a challenge and retries. */
  requests: number;
  /** Time from the first request to the final answer. */
  ms: number;
}

export interface PushReport {
  store: string;
  /** Datasets first, the catalog last (so the catalog never points at a dataset graph that failed). */
  graphs: GraphPush[];
  ms: number;
}

/** Builds a store-push error; each message names the graph and the endpoint. */
export function storeError(code: StorePushErrorCode, message: string, store: string, expected: string, found: string, cause?: unknown): OntsluitError {
  const details: ConstructorParameters<typeof OntsluitError>[2] = { location: { source: store }, expected, found };
  if (cause !== undefined) details.cause = cause;
  return new OntsluitError(code, message, details);
}

export const DEFAULTS = { timeoutMs: 60_000, retries: 2, backoffMs: 1_000 } as const;

const NT = 'application/n-triples';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT_IDENTIFIER = 'http://purl.org/dc/terms/identifier';
const UNREACHABLE = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'];

interface GraphBody {
  graph: string;
  kind: GraphPush['kind'];
  file: string;
  body: Buffer;
  triples: number;
}

/**
 * Replaces the release's graphs in the store: for each `<slug>/dataset.nt` the graph named by the
 * catalog's dcat:Dataset of that slug, then the catalog graph. Stops at the first graph that fails.
 */
export async function pushRelease(releaseDir: string, options: PushOptions): Promise<PushReport> {
  const started = performance.now();
  const store = checkStore(options.store);
  const username = options.username || process.env[STORE_USER_ENV] || undefined;
  const password = options.password ?? (process.env[STORE_PASSWORD_ENV] || undefined);
  if (username !== undefined && password === undefined) {
    throw new OntsluitError('usage', `a store user is given but no password: set ${STORE_PASSWORD_ENV}`, { location: { source: store } });
  }
  const credentials = username !== undefined ? { username, password: password! } : undefined;
  const settings = {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    retries: options.retries ?? DEFAULTS.retries,
    backoffMs: options.backoffMs ?? DEFAULTS.backoffMs,
  };

  const bodies = await releaseGraphs(resolve(releaseDir));
  const graphs: GraphPush[] = [];
  for (const item of bodies) {
    const t0 = performance.now();
    const { status, requests } = await putGraph(store, item.graph, item.body, credentials, settings);
    graphs.push({
      graph: item.graph,
      kind: item.kind,
      file: item.file,
      triples: item.triples,
      bytes: item.body.length,
      status,
      requests,
      ms: Math.round(performance.now() - t0),
    });
  }
  return { store, graphs, ms: Math.round(performance.now() - started) };
}

function checkStore(store: string): string {
  let url: URL | undefined;
  try {
    url = new URL(store);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.hash) {
    throw new OntsluitError('usage', 'the store is not a Graph Store Protocol URL', {
      location: { source: store },
      expected: `an http(s) URL without credentials or fragment (credentials come from ${STORE_USER_ENV} / ${STORE_PASSWORD_ENV})`,
      found: JSON.stringify(store),
    });
  }
  return store;
}

// ── the release ─────────────────────────────────────────────────────────────────────────────────

function releaseError(file: string, message: string, expected: string, found: string, cause?: unknown): OntsluitError {
  const details: ConstructorParameters<typeof OntsluitError>[2] = { location: { source: file }, expected, found };
  if (cause !== undefined) details.cause = cause;
  return new OntsluitError('release-invalid', message, details);
}

function parse(file: string, text: string, format: 'text/turtle' | 'N-Triples'): Quad[] {
  try {
    return new Parser({ format }).parse(text);
  } catch (error) {
    throw releaseError(file, 'cannot read the release file as RDF', format === 'N-Triples' ? 'N-Triples' : 'Turtle', (error as Error).message, error);
  }
}

/** The graphs to push: each dataset (sorted by slug), then the catalog. */
async function releaseGraphs(dir: string): Promise<GraphBody[]> {
  const catalogFile = join(dir, 'catalog.ttl');
  let catalogText: string;
  try {
    catalogText = await readFile(catalogFile, 'utf8');
  } catch (error) {
    throw releaseError(catalogFile, 'the release has no catalog', 'catalog.ttl in the release directory', (error as NodeJS.ErrnoException).code ?? String(error), error);
  }
  const catalog = parse(catalogFile, catalogText, 'text/turtle');
  const typed = (cls: string) => catalog.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === cls).map((q) => q.subject.value);
  const catalogs = [...new Set(typed(`${DCAT}Catalog`))];
  if (catalogs.length !== 1) throw releaseError(catalogFile, 'the catalog graph has no single name', 'one dcat:Catalog', `${catalogs.length}`);
  const catalogIri = catalogs[0]!;

  // Each dataset's slug: its dct:identifier `dataset/<slug>`, and the slug of its `<slug>/dataset.nt` distribution.
  const identifier = (s: string) => catalog.find((q) => q.subject.value === s && q.predicate.value === DCT_IDENTIFIER)?.object.value;
  const bySlug = new Map<string, string>();
  for (const dataset of new Set(typed(`${DCAT}Dataset`))) {
    const slugs = new Set<string>();
    const own = identifier(dataset)?.match(/^dataset\/(.+)$/)?.[1];
    if (own) slugs.add(own);
    for (const q of catalog) {
      if (q.subject.value !== dataset || q.predicate.value !== `${DCAT}distribution`) continue;
      const nt = identifier(q.object.value)?.match(/^(.+)\/dataset\.nt$/)?.[1];
      if (nt) slugs.add(nt);
    }
    for (const slug of slugs) bySlug.set(slug, dataset);
  }

  const slugs = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const out: GraphBody[] = [];
  const pushed = new Set<string>();
  for (const slug of slugs) {
    const file = join(dir, slug, 'dataset.nt');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      continue; // not a dataset directory (def/, …)
    }
    const graph = bySlug.get(slug);
    if (!graph) throw releaseError(catalogFile, `the catalog has no dataset for ${slug}/dataset.nt`, `a dcat:Dataset with dct:identifier "dataset/${slug}"`, 'none');
    const triples = new Set(parse(file, body.toString('utf8'), 'N-Triples').map(tripleKey)).size;
    out.push({ graph, kind: 'dataset', file: `${slug}/dataset.nt`, body, triples });
    pushed.add(graph);
  }
  for (const [slug, dataset] of bySlug) {
    if (!pushed.has(dataset)) throw releaseError(join(dir, slug, 'dataset.nt'), 'a dataset of the catalog has no N-Triples file', `${slug}/dataset.nt`, 'no such file');
  }

  const catalogNt = await nTriples(catalog);
  out.push({ graph: catalogIri, kind: 'catalog', file: 'catalog.ttl', body: Buffer.from(catalogNt.text, 'utf8'), triples: catalogNt.triples });
  return out;
}

const tripleKey = (q: Quad) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`;

/** Sorted, de-duplicated N-Triples, as the release writes them, and how many triples that is. */
async function nTriples(quads: Quad[]): Promise<{ text: string; triples: number }> {
  const text = await toNTriples(quads);
  return { text, triples: text.split('\n').filter((l) => l !== '').length };
}

// ── HTTP ────────────────────────────────────────────────────────────────────────────────────────

interface Credentials {
  username: string;
  password: string;
}

/** The challenge of a 401, from its WWW-Authenticate headers: Digest preferred over Basic. */
function challengeOf(response: Response): { scheme: 'Digest' | 'Basic'; header: string } | undefined {
  const values: string[] = [];
  for (let i = 0; i < response.rawHeaders.length; i += 2) {
    if (response.rawHeaders[i]!.toLowerCase() === 'www-authenticate') values.push(response.rawHeaders[i + 1]!);
  }
  const digest = values.map((v) => v.slice(Math.max(0, v.search(/\bDigest\s/i)))).find((v) => /^Digest\s/i.test(v));
  if (digest) return { scheme: 'Digest', header: digest };
  const basic = values.find((v) => /\bBasic\b/i.test(v));
  return basic ? { scheme: 'Basic', header: basic } : undefined;
}

/** The Authorization header that answers a challenge (RFC 7616 through digest-fetch, or RFC 7617). */
function authorization(challenge: { scheme: 'Digest' | 'Basic'; header: string }, url: string, credentials: Credentials): string {
  if (challenge.scheme === 'Basic') return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
  const algorithm = DigestClient.parse(challenge.header, 'algorithm') || 'MD5';
  const client = new DigestClient(credentials.username, credentials.password, { algorithm });
  client.parseAuth(challenge.header);
  const signed = client.addAuth(url, { method: 'PUT', headers: {} }) as { headers: { Authorization: string } };
  return signed.headers.Authorization;
}

type Settings = { timeoutMs: number; retries: number; backoffMs: number };

/** One PUT of one graph, answering one auth challenge, with retries on 5xx and network errors. */
async function putGraph(store: string, graph: string, body: Buffer, credentials: Credentials | undefined, settings: Settings): Promise<{ status: number; requests: number }> {
  const url = new URL(store);
  url.searchParams.set('graph', graph);
  const target = url.href;
  const where = `graph <${graph}> in the store ${store}`;
  let requests = 0;

  const send = (auth?: string) => {
    requests++;
    const headers: Record<string, string> = { 'content-type': NT, 'user-agent': USER_AGENT, accept: '*/*' };
    if (auth) headers.authorization = auth;
    return got(target, {
      method: 'PUT',
      body,
      headers,
      timeout: { request: settings.timeoutMs },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
    });
  };

  for (let attempt = 1; ; attempt++) {
    const tries = plural(attempt, 'attempt');
    let response: Response<string>;
    try {
      response = await send();
      const challenge = response.statusCode === 401 ? challengeOf(response) : undefined;
      if (challenge && credentials) response = await send(authorization(challenge, target, credentials));
      else if (response.statusCode === 401) {
        throw storeError(
          'store-unauthorized',
          `the store asks for credentials to replace ${where}; set ${STORE_USER_ENV} and ${STORE_PASSWORD_ENV} (or pass them)`,
          store,
          'credentials',
          challenge ? `HTTP 401 with a ${challenge.scheme} challenge and no user given` : `HTTP 401 ${response.headers['www-authenticate'] ? `with an unsupported challenge ${JSON.stringify(response.headers['www-authenticate'])}` : 'without a challenge'}`,
        );
      }
    } catch (error) {
      if (error instanceof OntsluitError) throw error;
      const code = error instanceof RequestError ? error.code : undefined;
      if (attempt <= settings.retries && !(error instanceof RequestError && code === 'ERR_INVALID_URL')) {
        await sleep(settings.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      if (code && UNREACHABLE.includes(code)) {
        throw storeError('store-unreachable', `cannot reach the store to replace ${where}`, store, 'a connection', `${code} (after ${tries})`, error);
      }
      if (error instanceof TimeoutError) {
        throw storeError('store-failed', `the store did not answer in time while replacing ${where}`, store, `an answer within ${settings.timeoutMs} ms`, `a timeout (${error.event}) on each of ${tries}`, error);
      }
      throw storeError('store-failed', `the request to replace ${where} failed`, store, 'an answer', `${code ?? ''}${code ? ': ' : ''}${(error as Error).message} (after ${tries})`, error);
    }

    const status = response.statusCode;
    const found = `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}${snippet(response.body)}`;
    if (status >= 200 && status < 300) return { status, requests };
    if (status === 401) {
      throw storeError(
        'store-unauthorized',
        `the store refused user ${JSON.stringify(credentials?.username)} to replace ${where}; check ${STORE_USER_ENV} and ${STORE_PASSWORD_ENV}`,
        store,
        'accepted credentials',
        found,
      );
    }
    if (status === 403) {
      throw storeError(
        'store-forbidden',
        `the store does not let ${credentials ? `user ${JSON.stringify(credentials.username)}` : 'an anonymous user'} replace ${where} (Virtuoso: grant SPARQL_UPDATE, and use the -auth endpoint)`,
        store,
        'write access',
        found,
      );
    }
    if (RETRY_STATUS.includes(status) || status >= 500) {
      if (attempt <= settings.retries) {
        await sleep(settings.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      throw storeError('store-failed', `the store failed to replace ${where}`, store, 'HTTP 200, 201 or 204', `${found} after ${tries}`);
    }
    throw storeError('store-failed', `the store did not replace ${where}`, store, 'HTTP 200, 201 or 204', found);
  }
}

/** The start of an error body, for the message: ` ("…")`, or nothing. */
function snippet(body: string): string {
  const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return '';
  return ` (${JSON.stringify(text.length > 200 ? `${text.slice(0, 199)}…` : text)})`;
}
