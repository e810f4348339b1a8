// What makes the served release usable by every linked-data client: CORS, the SPARQL 1.1 Protocol around /sparql, negotiation on /id/ and /doc/, /def/, VoID and the query page.
import fastifyCors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { join } from 'node:path';
import { DEFAULTS } from '../options.js';
import type { OpenedRelease } from '../release.js';
import type { ReleaseStore } from '../sparql.js';
import { defRoutes } from './def-routes.js';
import { choose } from './negotiate.js';
import { QUERY_PAGE_SCRIPT, SCRIPT_PATH, loadExamples, queryPage } from './query-page.js';
import { representations } from './representations.js';
import { QUERY_PAGE_POLICY } from './security.js';
import { serviceDescription } from './service-description.js';
import { sparqlProtocol } from './sparql-protocol.js';

/** Headers a script on another origin may read: the row limit, the Link to the thing described, where a 303 points. */
const EXPOSED = ['Content-Type', 'Content-Location', 'Link', 'Location', 'Vary', 'X-SPARQL-MaxRows', 'X-SPARQL-Total-Rows', 'Retry-After'];

/** Installs the whole of it; call before compression is registered (the onSend conversion must see the plain body). */
export async function linkedData(app: FastifyInstance, release: OpenedRelease, store: ReleaseStore, queriesDir = join(DEFAULTS.dataDir, 'queries')): Promise<void> {
  // Open data, no credentials: any origin may read, and a query page elsewhere may POST to /sparql.
  await app.register(fastifyCors, { origin: '*', methods: ['GET', 'HEAD', 'POST', 'OPTIONS'], allowedHeaders: ['Accept', 'Content-Type'], exposedHeaders: EXPOSED, maxAge: 86_400, strictPreflight: false });
  const examples = await loadExamples(queriesDir);
  const page = (request: FastifyRequest, reply: FastifyReply) => {
    const wants = choose(request.headers.accept, ['text/turtle', 'text/html']);
    reply.header('vary', 'Accept');
    if (wants?.type === 'text/html') return reply.type('text/html; charset=utf-8').header('content-security-policy', QUERY_PAGE_POLICY).send(queryPage(`${store.base}/sparql`, examples));
    return reply.type('text/turtle; charset=utf-8').send(serviceDescription(store));
  };
  sparqlProtocol(app, page);
  representations(app, store.base);
  await defRoutes(app, release);
  app.get(SCRIPT_PATH, (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(QUERY_PAGE_SCRIPT));
}
