// `ontsluit serve`: the release over HTTP: files, IRIs that resolve (/id/ → 303 → /doc/), and /sparql.
import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { OntsluitError } from '../errors.js';
import { DEFAULTS } from '../options.js';
import type { OpenedRelease } from '../release.js';
import { formatGraph, loadStore, runQuery, type ReleaseStore } from '../sparql.js';
import { describePage } from './doc-page.js';
import { releaseFiles } from './files.js';
import { linkedData } from './linked-data.js';
import { indexResources, type ResourceIndex } from './resources.js';
import { registerSecurityHeaders } from './security.js';
import { protocolDataset, protocolRequest } from './sparql-protocol.js';

export interface ServeOptions {
  /** The release to serve (see `openRelease`): its files from its directory, its graphs at /sparql and /doc/. */
  release: OpenedRelease;
  queryTimeoutMs?: number;
  resultLimit?: number;
  /** SPARQL queries that may wait for a worker; more are answered 503 with Retry-After. */
  queryQueue?: number;
  /** Log requests (pino, through fastify). */
  logger?: boolean;
  /** Files up to this size are answered from memory once read; larger ones are streamed (default 1 MiB). */
  memoryFileBytes?: number;
}

/** Representations of a /doc/ resource, in order of preference when the client does not say. */
const DOC_TYPES = ['text/html', 'text/turtle', 'application/ld+json', 'application/n-triples'];
const SPARQL_RESULT_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'text/turtle', 'application/n-triples', 'application/ld+json'];

/** Paths of the IRIs ontsluit mints (see iris.ts): letters, digits and - . _ ~ / only. */
const SAFE_PATH = /^[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/;

interface Limits {
  timeoutMs: number;
  limit: number;
}

/** Builds the server (not yet listening); `app.inject` serves tests without a socket. */
export async function createServer(options: ServeOptions): Promise<{ app: FastifyInstance; store: ReleaseStore }> {
  const { release } = options;
  const store = await loadStore(release, { workers: DEFAULTS.sparqlWorkers, queue: options.queryQueue ?? DEFAULTS.sparqlQueue });
  // Listen only once the query workers hold the store: the first queries then find a worker, not a full line.
  await store.ready();
  const limits: Limits = { timeoutMs: options.queryTimeoutMs ?? DEFAULTS.queryTimeoutMs, limit: options.resultLimit ?? DEFAULTS.resultLimit };
  const app = Fastify({ logger: options.logger ?? false, exposeHeadRoutes: true });
  app.addHook('onClose', async () => store.close());
  await registerSecurityHeaders(app, release);
  app.setErrorHandler(async (error, request, reply) => {
    // Errors ontsluit raises carry their own status; the rest go to fastify's own handler (4xx for bad requests).
    if (!(error instanceof OntsluitError)) throw error;
    if (error.httpStatus >= 500) request.log.error(error);
    return plain(reply, error.httpStatus, error.message);
  });
  // CORS, the SPARQL 1.1 Protocol's checks and dataset, negotiation on /id/ /doc/, /def/, VoID, the query page.
  await linkedData(app, release, store);
  // RDF and CSVW types are text too, though the mime table does not mark them compressible.
  await app.register(fastifyCompress, { global: true, threshold: 1024, customTypes: /^text\/|\+json$|\+xml$|^application\/(json|n-triples|n-quads)$/ });
  sparqlRoutes(app, store, limits);
  linkedDataRoutes(app, indexResources(release));
  await app.register(releaseFiles, { root: release.dir, memoryFileBytes: options.memoryFileBytes });
  return { app, store };
}

function plain(reply: FastifyReply, status: number, message: string): string {
  reply.code(status).type('text/plain; charset=utf-8');
  return `${message}\n`;
}

/** /sparql: the SPARQL 1.1 Protocol, read-only (GET, POST as a query or a form; updates refused). */
function sparqlRoutes(app: FastifyInstance, store: ReleaseStore, limits: Limits): void {
  const sparql = async (request: FastifyRequest, reply: FastifyReply, query: string | undefined) => {
    // GET without a query is the page or the Service Description (sparql-protocol.ts); a POST needs one.
    if (!query) return plain(reply, 400, 'The request has no query: send one query parameter, or the query as application/sparql-query.');
    const accept = new Negotiator(request).mediaType(SPARQL_RESULT_TYPES) ?? undefined;
    // The time limit counts from the request's arrival, so time spent waiting for a worker counts too.
    const arrivedAt = performance.now() - reply.elapsedTime;
    try {
      const result = await runQuery(store, query, { accept: request.headers.accept && accept ? accept : undefined, arrivedAt, dataset: protocolDataset(request), ...limits });
      reply.type(result.mediaType).header('vary', 'Accept');
      if (result.truncated) reply.header('x-sparql-maxrows', String(result.truncated.limit)).header('x-sparql-total-rows', String(result.truncated.total));
      return result.body;
    } catch (error) {
      if (!(error instanceof OntsluitError)) throw error;
      // Busy or out of time: every query now running or waiting is done within one time limit.
      if (error.httpStatus === 503) reply.header('retry-after', String(Math.max(1, Math.ceil(limits.timeoutMs / 1000))));
      return plain(reply, error.httpStatus, error.message);
    }
  };
  // The request checks (one query or one update, never both; the POST's Content-Type) and the
  // reading of the query from the URL, the form or the body are in sparql-protocol.ts.
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const { query, update } = protocolRequest(request);
    return update ? refuseUpdate(reply) : sparql(request, reply, query);
  };
  app.get('/sparql', handle);
  app.addContentTypeParser('application/sparql-query', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('application/sparql-update', { parseAs: 'string' }, (_req, _body, done) => done(null, undefined));
  // The form's fields were read, repeated ones kept, before the body was parsed (sparql-protocol.ts).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, _body, done) => done(null, undefined));
  app.post('/sparql', async (request, reply) => {
    if ((request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'application/sparql-update') return refuseUpdate(reply);
    return handle(request, reply);
  });
  for (const method of ['PUT', 'DELETE', 'PATCH'] as const) app.route({ method, url: '/sparql', handler: async (_request, reply) => refuseUpdate(reply) });
}

/** Linked-data IRIs: /id/… is the thing, /doc/… the document about it (Dutch URI strategy). */
function linkedDataRoutes(app: FastifyInstance, index: ResourceIndex): void {
  // The raw path is kept as sent, so that the Location header is exactly /doc/ + the same path.
  app.get('/id/*', async (request, reply) => reply.code(303).header('vary', 'Accept').redirect(`/doc/${request.url.slice('/id/'.length)}`, 303));
  // Answered from the in-memory index of the release: never behind the SPARQL workers and their queue.
  app.get('/doc/*', async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    // Only the characters ontsluit mints IRIs from.
    if (!SAFE_PATH.test(path)) return plain(reply, 404, `No resource /id/${encodeURI(path)} in this release.`);
    const iri = `${index.base}/id/${path}`;
    const type = new Negotiator(request).mediaType(DOC_TYPES) ?? 'text/html';
    const ntriples = index.describe(iri);
    if (ntriples === undefined) return plain(reply, 404, `No resource ${iri} in this release.`);
    reply.header('vary', 'Accept').header('link', `<${iri}>; rel="describes"`);
    if (type === 'text/html') {
      reply.type('text/html; charset=utf-8');
      return describePage(iri, ntriples, index.base);
    }
    reply.type(type);
    return formatGraph(ntriples, type, index.base);
  });
}

function refuseUpdate(reply: FastifyReply): string {
  reply.header('allow', 'GET, POST');
  return plain(reply, 405, 'This endpoint is read-only: SPARQL updates are not accepted.');
}
