// The SPARQL 1.1 Protocol at /sparql, around the query handler: request checks (4xx with a plain-text reason), the RDF dataset from default-graph-uri / named-graph-uri, and negotiation (406).
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OntsluitError } from '../errors.js';
import type { ProtocolDataset } from '../sparql-dataset.js';
import { GRAPH_MEDIA_TYPES, SELECT_MEDIA_TYPES, queryForm } from '../sparql.js';
import { choose, notAcceptable, type Choice } from './negotiate.js';

/** What the protocol layer settled for a request, read by the handler and by the onSend conversion. */
export interface Settled {
  /** The one query of the request (parameter or body), once the checks passed. */
  query?: string;
  /** Whether the request carries an update parameter (refused by the handler). */
  update?: boolean;
  dataset?: ProtocolDataset;
  /** The representation chosen; `convert`: the handler answers N-Triples, turned into `choice` on the way out. */
  representation?: { choice: Choice; convert: boolean };
  /** The raw form body of a POST (to read repeated parameters). */
  form?: URLSearchParams;
}

const settled = new WeakMap<FastifyRequest, Settled>();
export const settledFor = (request: FastifyRequest): Settled => settled.get(request) ?? settled.set(request, {}).get(request)!;

/** The query and update of a request as the checks below settled them: read by the /sparql handler. */
export const protocolRequest = (request: FastifyRequest): { query?: string; update: boolean } => ({ query: settled.get(request)?.query, update: settled.get(request)?.update === true });

/** The dataset the protocol's parameters name, for `runQuery(…, { dataset })`. */
export const protocolDataset = (request: FastifyRequest): ProtocolDataset | undefined => settled.get(request)?.dataset;

const FORM = 'application/x-www-form-urlencoded';
const DIRECT = 'application/sparql-query';
const UPDATE = 'application/sparql-update';
/** Result types per query form; `application/json` and the like are accepted as their names. */
const RESULT_OFFERS = [...SELECT_MEDIA_TYPES, 'application/json', 'application/xml', 'text/xml'];
const GRAPH_OFFERS = [...GRAPH_MEDIA_TYPES, 'application/json'];
const ALIAS: Record<string, string> = { 'application/json': SELECT_MEDIA_TYPES[0], 'application/xml': SELECT_MEDIA_TYPES[1], 'text/xml': SELECT_MEDIA_TYPES[1] };
/** The types the query handler writes itself; the others are made from its N-Triples. */
const HANDLER_GRAPH_TYPES = new Set(['text/turtle', 'application/n-triples', 'application/ld+json']);

/** A refusal: the status of the error's code in the catalogue, and its message as one line of plain text. */
export function refuse(reply: FastifyReply, error: OntsluitError): FastifyReply {
  return reply.code(error.httpStatus).header('vary', 'Accept').type('text/plain; charset=utf-8').send(`${error.message}\n`);
}

const invalid = (message: string, found?: string) => new OntsluitError('query-invalid', message, { location: { source: '/sparql' }, found });
const mediaType = (message: string, found?: string) => new OntsluitError('request-media-type', message, { location: { source: '/sparql' }, expected: `${FORM} or ${DIRECT} in UTF-8`, found });

/** POST: only a form or a query (or an update, refused by the handler), in UTF-8. */
function checkPost(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const header = request.headers['content-type'];
  if (!header) return refuse(reply, mediaType(`A POST to /sparql needs a Content-Type: ${FORM} or ${DIRECT}.`));
  const [type = '', ...params] = header.toLowerCase().split(';').map((p) => p.trim());
  if (type !== FORM && type !== DIRECT && type !== UPDATE) return refuse(reply, mediaType(`A POST to /sparql is ${FORM} or ${DIRECT}, not ${type}.`, type));
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return refuse(reply, mediaType(`The request body must be UTF-8, not ${charset}.`, charset));
  return undefined;
}

/** All values of a parameter, from the URL and (for a form POST) the body. */
function values(request: FastifyRequest, name: string): string[] {
  const fromUrl = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '').getAll(name);
  return [...fromUrl, ...(settled.get(request)?.form?.getAll(name) ?? [])];
}

function queryText(request: FastifyRequest, queries: string[]): string | undefined {
  if (typeof request.body === 'string') return request.body;
  return queries[0];
}

/** Checks the parameters, settles the dataset and the representation; answers 4xx or 406 itself. */
function prepare(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const queries = values(request, 'query');
  const updates = values(request, 'update');
  if (queries.length > 1 || updates.length > 1) return refuse(reply, invalid('Give one query (or one update) per request, not several.'));
  if (queries.length > 0 && (updates.length > 0 || typeof request.body === 'string')) return refuse(reply, invalid('Give either a query parameter or a query in the body, not both.'));
  const query = queryText(request, queries);
  const state = settledFor(request);
  const defaultGraphs = values(request, 'default-graph-uri');
  const namedGraphs = values(request, 'named-graph-uri');
  if ([...defaultGraphs, ...namedGraphs].some((g) => !/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(g))) return refuse(reply, invalid('default-graph-uri and named-graph-uri take absolute IRIs.'));
  if (defaultGraphs.length || namedGraphs.length) state.dataset = { defaultGraphs, namedGraphs };
  state.query = query;
  state.update = updates.length > 0;
  if (updates.length > 0 || !query) return undefined;
  let form;
  try {
    form = queryForm(query) ?? 'select';
  } catch (error) {
    // An update sent as a query: the handler refuses it with its own message.
    if (error instanceof OntsluitError) return undefined;
    throw error;
  }
  const graph = form === 'construct' || form === 'describe';
  const offers = graph ? GRAPH_OFFERS : RESULT_OFFERS;
  const choice = choose(request.headers.accept, offers);
  if (!choice) return refuse(reply, notAcceptable(request.headers.accept, graph ? GRAPH_MEDIA_TYPES : SELECT_MEDIA_TYPES));
  const type = graph ? (choice.type === 'application/json' ? 'application/ld+json' : choice.type) : (ALIAS[choice.type] ?? choice.type);
  const convert = graph && (!HANDLER_GRAPH_TYPES.has(type) || choice.profile !== undefined);
  state.representation = { choice: { ...choice, type }, convert };
  // The handler negotiates on Accept: it is told the one type settled here (N-Triples when converted after).
  request.headers.accept = convert ? 'application/n-triples' : type;
  return undefined;
}

/** Installs the protocol's hooks on /sparql; the handler itself stays in server.ts. */
export function sparqlProtocol(app: FastifyInstance, page: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== '/sparql' || request.method !== 'POST') return;
    return checkPost(request, reply);
  });
  // A form body is read here as well, so that repeated parameters (default-graph-uri) are all kept.
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (request.routeOptions.url !== '/sparql' || !request.headers['content-type']?.toLowerCase().startsWith(FORM)) return payload;
    const chunks: Buffer[] = [];
    for await (const chunk of payload) chunks.push(Buffer.from(chunk as Buffer));
    const body = Buffer.concat(chunks);
    settledFor(request).form = new URLSearchParams(body.toString('utf8'));
    return Readable.from([body]);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== '/sparql' || (request.method !== 'GET' && request.method !== 'POST' && request.method !== 'HEAD')) return;
    const refused = prepare(request, reply);
    if (refused) return refused;
    if (request.method !== 'POST' && values(request, 'query').length === 0 && values(request, 'update').length === 0) return page(request, reply);
    return undefined;
  });
}
