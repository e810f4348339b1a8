// /def/actieplan (the IRI of the vocabulary and, by its fragment, of every aoo: term) and /.well-known/void: 200 in every RDF format and as a page.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Parser } from '../vendor/rdf.js';
import type { Quad } from 'n3';
import { toNTriples } from '../emit/serialize.js';
import { VOID_FILE } from '../emit/void.js';
import { VOCABULARY_FILE, VOCABULARY_PAGE, type OpenedRelease } from '../release.js';
import { choose, contentType, notAcceptable, renderGraph, type Choice } from './negotiate.js';
import { refuse } from './sparql-protocol.js';

const RDF_OFFERS = ['text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml'];

interface Document {
  /** Where it is a file of the release, for Content-Location. */
  turtleFile: string;
  turtle: string;
  ntriples: string;
  html?: string;
}

/** Answers one document in the representation the client accepts best; 406 with the list when none. */
async function answer(request: FastifyRequest, reply: FastifyReply, doc: Document, base: string): Promise<FastifyReply | string> {
  const offers = doc.html ? ['text/html', ...RDF_OFFERS, 'application/json'] : [...RDF_OFFERS, 'application/json'];
  reply.header('vary', 'Accept');
  const found = choose(request.headers.accept, offers);
  if (!found) return refuse(reply, notAcceptable(request.headers.accept, offers.filter((o) => o !== 'application/json')));
  const choice: Choice = found.type === 'application/json' ? { ...found, type: 'application/ld+json' } : found;
  reply.type(contentType(choice));
  if (choice.type === 'text/html') return reply.header('content-location', `/${VOCABULARY_PAGE}`).send(doc.html);
  if (choice.type === 'text/turtle') return reply.header('content-location', `/${doc.turtleFile}`).send(doc.turtle);
  return reply.send(await renderGraph(doc.ntriples, choice, base));
}

async function document(release: OpenedRelease, file: string, html?: string): Promise<Document> {
  const turtle = await readFile(join(release.dir, file), 'utf8');
  const quads: Quad[] = new Parser({ format: 'Turtle' }).parse(turtle);
  return { turtleFile: file, turtle, ntriples: await toNTriples(quads), html };
}

/** Registers /def/actieplan and /.well-known/void (the latter only when the release has a void.ttl). */
export async function defRoutes(app: FastifyInstance, release: OpenedRelease): Promise<void> {
  const vocabulary = await document(release, VOCABULARY_FILE, await readFile(join(release.dir, VOCABULARY_PAGE), 'utf8'));
  // Hash IRIs (…/def/actieplan#Actiepunt): the client asks for the document, which describes every term.
  app.get('/def/actieplan', (request, reply) => answer(request, reply, vocabulary, release.base));
  let voidDoc: Document | undefined;
  try {
    voidDoc = await document(release, VOID_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (voidDoc) {
    const doc = voidDoc;
    app.get('/.well-known/void', (request, reply) => answer(request, reply, doc, release.base));
  }
}
