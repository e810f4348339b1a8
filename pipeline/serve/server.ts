// `ontsluit serve`: the release over HTTP: files, IRIs that resolve (/id/ → 303 → /doc/), and /sparql.
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { OntsluitError } from '../errors.js';
import { DEFAULTS } from '../options.js';
import type { OpenedRelease } from '../release.js';
import { formatGraph, loadStore, runQuery, type ReleaseStore } from '../sparql.js';
import { describePage } from './doc-page.js';

export interface ServeOptions {
  /** The release to serve (see `openRelease`): its files from its directory, its graphs at /sparql and /doc/. */
  release: OpenedRelease;
  queryTimeoutMs?: number;
  resultLimit?: number;
  /** Log requests (pino, through fastify). */
  logger?: boolean;
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
  const store = await loadStore(release, { workers: DEFAULTS.sparqlWorkers });
  const limits: Limits = { timeoutMs: options.queryTimeoutMs ?? DEFAULTS.queryTimeoutMs, limit: options.resultLimit ?? DEFAULTS.resultLimit };
  const app = Fastify({ logger: options.logger ?? false, exposeHeadRoutes: true });
  app.addHook('onClose', async () => store.close());
  // RDF and CSVW types are text too, though the mime table does not mark them compressible.
  await app.register(fastifyCompress, { global: true, threshold: 1024, customTypes: /^text\/|\+json$|\+xml$|^application\/(json|n-triples|n-quads)$/ });
  sparqlRoutes(app, store, limits);
  linkedDataRoutes(app, store, limits);
  await app.register(fastifyStatic, {
    root: release.dir,
    index: ['index.html'],
    etag: true,
    lastModified: true,
    cacheControl: true,
    maxAge: 300_000,
    // A few types need a charset or a more precise name than the mime table gives.
    setHeaders: (reply, path) => {
      if (path.endsWith('.csv')) reply.header('content-type', 'text/csv; charset=utf-8');
      if (path.endsWith('csv-metadata.json')) reply.header('content-type', 'application/csvm+json');
      if (path.endsWith('.nt')) reply.header('content-type', 'application/n-triples');
    },
  });
  return { app, store };
}

/** /sparql: the SPARQL 1.1 Protocol, read-only (GET, POST as a query or a form; updates refused). */
function sparqlRoutes(app: FastifyInstance, store: ReleaseStore, limits: Limits): void {
  const sparql = async (request: FastifyRequest, reply: FastifyReply, query: string | undefined) => {
    if (!query) {
      // Without a query, the endpoint describes itself (SPARQL 1.1 Service Description): its dcat:endpointDescription.
      reply.type('text/turtle; charset=utf-8');
      return serviceDescription(store.base);
    }
    const accept = new Negotiator(request).mediaType(SPARQL_RESULT_TYPES) ?? undefined;
    try {
      const result = await runQuery(store, query, { accept: request.headers.accept && accept ? accept : undefined, ...limits });
      reply.type(result.mediaType).header('vary', 'Accept');
      if (result.truncated) reply.header('x-sparql-maxrows', String(result.truncated.limit)).header('x-sparql-total-rows', String(result.truncated.total));
      return result.body;
    } catch (error) {
      if (!(error instanceof OntsluitError)) throw error;
      reply.code(error.httpStatus).type('text/plain; charset=utf-8');
      return `${error.message}\n`;
    }
  };
  app.get('/sparql', async (request, reply) => {
    const params = request.query as Record<string, string | undefined>;
    if (params.update) return refuseUpdate(reply);
    return sparql(request, reply, params.query);
  });
  app.addContentTypeParser('application/sparql-query', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('application/sparql-update', { parseAs: 'string' }, (_req, _body, done) => done(null, { update: true }));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
  app.post('/sparql', async (request, reply) => {
    const body = request.body as string | Record<string, string> | undefined;
    if (body && typeof body === 'object' && 'update' in body) return refuseUpdate(reply);
    return sparql(request, reply, typeof body === 'string' ? body : body?.query);
  });
  for (const method of ['PUT', 'DELETE', 'PATCH'] as const) app.route({ method, url: '/sparql', handler: async (_request, reply) => refuseUpdate(reply) });
}

/** Linked-data IRIs: /id/… is the thing, /doc/… the document about it (Dutch URI strategy). */
function linkedDataRoutes(app: FastifyInstance, store: ReleaseStore, limits: Limits): void {
  // The raw path is kept as sent, so that the Location header is exactly /doc/ + the same path.
  app.get('/id/*', async (request, reply) => reply.code(303).header('vary', 'Accept').redirect(`/doc/${request.url.slice('/id/'.length)}`, 303));
  app.get('/doc/*', async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    // Only the characters ontsluit mints IRIs from: nothing that could end an IRI in the query below.
    if (!SAFE_PATH.test(path)) {
      reply.code(404).type('text/plain; charset=utf-8');
      return `No resource /id/${encodeURI(path)} in this release.\n`;
    }
    const iri = `${store.base}/id/${path}`;
    const type = new Negotiator(request).mediaType(DOC_TYPES) ?? 'text/html';
    const result = await runQuery(store, `CONSTRUCT { <${iri}> ?p ?o } WHERE { <${iri}> ?p ?o }`, { timeoutMs: limits.timeoutMs, accept: 'application/n-triples' });
    if (result.body.trim() === '') {
      reply.code(404).type('text/plain; charset=utf-8');
      return `No resource ${iri} in this release.\n`;
    }
    reply.header('vary', 'Accept').header('link', `<${iri}>; rel="describes"`);
    if (type === 'text/html') {
      reply.type('text/html; charset=utf-8');
      return describePage(iri, result.body, store.base);
    }
    reply.type(type);
    return formatGraph(result.body, type, store.base);
  });
}

/** A SPARQL 1.1 Service Description of the endpoint, in Turtle. */
export function serviceDescription(base: string): string {
  return `@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dct: <http://purl.org/dc/terms/> .

<${base}/sparql> a sd:Service ;
  sd:endpoint <${base}/sparql> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
    <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
    <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/JSON-LD> ;
  sd:feature sd:UnionDefaultGraph ;
  dct:description "Read-only SPARQL 1.1 endpoint over the release: queries only, with a time limit and a row limit."@en .
`;
}

function refuseUpdate(reply: FastifyReply): string {
  reply.code(405).header('allow', 'GET, POST').type('text/plain; charset=utf-8');
  return 'This endpoint is read-only: SPARQL updates are not accepted.\n';
}
