// /id/ and /doc/: the representation is settled before the handler (406 when nothing fits), and RDF/XML or a JSON-LD form is made from its N-Triples on the way out.
import type { FastifyInstance } from 'fastify';
import { choose, contentType, notAcceptable, renderGraph } from './negotiate.js';
import { refuse, settledFor } from './sparql-protocol.js';

/** What /doc/ offers, the page first (a browser that accepts anything gets it). */
export const DOC_OFFERS = ['text/html', 'text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml'] as const;
/** The types the /doc/ handler writes itself. */
const HANDLER_TYPES = new Set(['text/html', 'text/turtle', 'application/ld+json', 'application/n-triples']);

export function representations(app: FastifyInstance, base: string): void {
  app.addHook('preHandler', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route !== '/id/*' && route !== '/doc/*') return;
    const offers = [...DOC_OFFERS, 'application/json'];
    const found = choose(request.headers.accept, offers);
    if (!found) return refuse(reply, notAcceptable(request.headers.accept, DOC_OFFERS));
    if (route === '/id/*') return;
    const choice = found.type === 'application/json' ? { ...found, type: 'application/ld+json' } : found;
    const convert = !HANDLER_TYPES.has(choice.type) || choice.profile !== undefined;
    settledFor(request).representation = { choice, convert };
    request.headers.accept = convert ? 'application/n-triples' : choice.type;
    return undefined;
  });

  // Runs before compression (registered first): the handler's N-Triples become the representation asked for.
  app.addHook('onSend', async (request, reply, payload) => {
    const representation = settledFor(request).representation;
    if (!representation?.convert || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    reply.header('content-type', contentType(representation.choice));
    return renderGraph(payload, representation.choice, base);
  });
}
