// Content negotiation for /sparql, /id/, /doc/ and /def/: Accept with q-values and media-type parameters (the JSON-LD profile), 406 when nothing fits.
import jsonld from 'jsonld';
import { Parser } from '../vendor/rdf.js';
import { prefixContext } from '../emit/serialize.js';
import { OntsluitError } from '../errors.js';
import { formatGraph } from '../sparql.js';

/** One representation chosen: its media type and, for JSON-LD, the profile (form) it is written in. */
export interface Choice {
  type: string;
  profile?: string;
}

const JSONLD = 'http://www.w3.org/ns/json-ld#';
/** The JSON-LD forms a client may ask for with `profile`; the compacted form is the default. */
export const JSONLD_PROFILES = [`${JSONLD}expanded`, `${JSONLD}compacted`, `${JSONLD}flattened`];

interface Range {
  type: string;
  subtype: string;
  q: number;
  profiles: string[];
  order: number;
}

/** The ranges of an Accept header; parameters other than q and profile are ignored (charset is always UTF-8). */
export function parseAccept(accept: string): Range[] {
  const ranges: Range[] = [];
  // Split on commas outside quoted strings: a profile may list several IRIs in quotes.
  const parts = accept.match(/(?:[^,"]|"[^"]*")+/g) ?? [];
  parts.forEach((part, order) => {
    const [name = '', ...params] = part.match(/(?:[^;"]|"[^"]*")+/g) ?? [];
    const [type, subtype] = name.trim().toLowerCase().split('/');
    if (!type || !subtype) return;
    let q = 1;
    let profiles: string[] = [];
    for (const param of params) {
      const eq = param.indexOf('=');
      const key = param.slice(0, eq).trim().toLowerCase();
      const value = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      if (key === 'q') q = Number.isFinite(Number(value)) ? Math.min(1, Math.max(0, Number(value))) : 0;
      if (key === 'profile') profiles = value.split(/\s+/).filter(Boolean);
    }
    ranges.push({ type, subtype, q, profiles, order });
  });
  return ranges;
}

/** How well a range matches an offer: -1 not at all, else its specificity (exact type 2, type/* 1, * / * 0). */
function specificity(range: Range, offer: string): number {
  const [type, subtype] = offer.split('/');
  if (range.type === '*' && range.subtype === '*') return 0;
  if (range.type !== type) return -1;
  if (range.subtype === '*') return 1;
  return range.subtype === subtype ? 2 : -1;
}

/**
 * The best of `offers` (in the server's order of preference) for an Accept header; undefined when the
 * client accepts none of them. No Accept header, or an empty one, accepts anything.
 */
export function choose(accept: string | undefined, offers: readonly string[]): Choice | undefined {
  if (!accept || !accept.trim()) return offers[0] ? { type: offers[0] } : undefined;
  const ranges = parseAccept(accept);
  let best: { choice: Choice; q: number; rank: number } | undefined;
  offers.forEach((offer, rank) => {
    // The most specific range that matches decides the quality of an offer (RFC 9110 §12.5.1).
    let match: Range | undefined;
    let level = -1;
    for (const range of ranges) {
      const s = specificity(range, offer);
      if (s > level) [match, level] = [range, s];
    }
    if (!match || match.q <= 0) return;
    const profile = offer === 'application/ld+json' && level === 2 ? match.profiles.find((p) => JSONLD_PROFILES.includes(p)) : undefined;
    if (!best || match.q > best.q) best = { choice: profile ? { type: offer, profile } : { type: offer }, q: match.q, rank };
  });
  return best?.choice;
}

/** The Content-Type header of a choice. */
export function contentType(choice: Choice): string {
  const charset = choice.type.startsWith('text/') ? '; charset=utf-8' : '';
  return choice.profile ? `${choice.type}; profile="${choice.profile}"` : `${choice.type}${charset}`;
}

/** The 406: what was asked, and the types on offer. */
export function notAcceptable(accept: string | undefined, offers: readonly string[]): OntsluitError {
  return new OntsluitError('not-acceptable', `Not acceptable: ${JSON.stringify(accept ?? '')} allows none of the types on offer. Available: ${offers.join(', ')}`, { expected: offers.join(', '), found: accept });
}

/** An RDF graph (as N-Triples) in the chosen representation, the JSON-LD forms included. */
export async function renderGraph(ntriples: string, choice: Choice, base: string): Promise<string> {
  if (choice.type !== 'application/ld+json' || !choice.profile || choice.profile === `${JSONLD}compacted`) return formatGraph(ntriples, choice.type, base);
  const quads = new Parser({ format: 'N-Triples' }).parse(ntriples);
  const expanded = await jsonld.fromRDF(quads as never, { useNativeTypes: false });
  if (choice.profile === `${JSONLD}expanded`) return `${JSON.stringify(expanded, null, 2)}\n`;
  const compacted = JSON.parse(await formatGraph(ntriples, 'application/ld+json', base)) as { '@context'?: Record<string, unknown> };
  const flattened = await jsonld.flatten(expanded, (compacted['@context'] ?? prefixContext({})['@context']) as never, { documentLoader: refuse } as never);
  return `${JSON.stringify(flattened, null, 2)}\n`;
}

/** JSON-LD never fetches a context: the ones used are written into the document. */
const refuse = (url: string): never => {
  throw new Error(`JSON-LD tried to load ${url}`);
};
