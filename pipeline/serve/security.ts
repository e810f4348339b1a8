// Security headers on every response (@fastify/helmet), with a Content-Security-Policy that allows exactly the inline styles of the served pages.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { VOCABULARY_PAGE, type OpenedRelease } from '../release.js';
import { DOC_PAGE_CSS } from './doc-page.js';
import { QUERY_PAGE_CSS } from './query-page.js';

const STYLE = /<style>([\s\S]*?)<\/style>/g;

/** `'sha256-…'` sources for each inline `<style>` of an HTML text. */
export function styleHashes(html: string): string[] {
  return [...html.matchAll(STYLE)].map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
}

/**
 * The style hashes of the /doc/ page, the vocabulary page and every dataset's pages in the release (read once, at
 * start). The landing pages, action lists and action pages share one style sheet: the landing pages and one action's
 * page stand for the thousands of pages a large plan has.
 */
async function releaseStyleHashes(release: OpenedRelease): Promise<string[]> {
  const hashes = new Set(styleHashes(`<style>${DOC_PAGE_CSS}</style>`));
  const pages = [VOCABULARY_PAGE];
  for (const { slug } of release.datasets) {
    pages.push(join(slug, 'index.html'), join(slug, 'index.en.html'));
    const actions = await readdir(join(release.dir, slug, 'actiepunt')).catch(() => [] as string[]);
    const first = actions.filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(a) - Number(b))[0];
    if (first) pages.push(join(slug, 'actiepunt', first, 'index.html'), join(slug, 'actiepunt', first, 'index.en.html'));
  }
  for (const page of pages) {
    const html = await readFile(join(release.dir, page), 'utf8').catch(() => '');
    for (const hash of styleHashes(html)) hashes.add(hash);
  }
  return [...hashes].sort();
}

/**
 * Registers helmet for every route, 404s and errors included. The pages run no script (their
 * schema.org JSON-LD is a data block, which CSP does not govern) and load nothing but their own
 * inline style, so everything else is 'none'; framing is refused both ways (frame-ancestors and
 * X-Frame-Options). The files are open data: other origins may embed or fetch them.
 */
export async function registerSecurityHeaders(app: FastifyInstance, release: OpenedRelease): Promise<void> {
  const directives = policyDirectives(await releaseStyleHashes(release));
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
    // HTTPS ends in front of this server (it listens on plain HTTP): HSTS is that proxy's to send, for its domain.
    strictTransportSecurity: false,
  });
}

type Directives = Record<string, string[]>;

/** The policy of every page: nothing but its own inline style and images of the release. */
function policyDirectives(styleSrc: string[]): Directives {
  return { defaultSrc: ["'none'"], styleSrc, imgSrc: ["'self'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] };
}

/** A Content-Security-Policy header value from helmet-style directives (`defaultSrc` → `default-src`). */
const policyHeader = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, sources]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${sources.join(' ')}`)
    .join('; ');

/**
 * The policy of the query page (GET /sparql for a browser), the one page that runs a script: the
 * policy of every page with its own style, plus its own script file, queries sent to its own origin
 * and the form posted there.
 */
export const QUERY_PAGE_POLICY = policyHeader({
  ...policyDirectives(styleHashes(`<style>${QUERY_PAGE_CSS}</style>`)),
  scriptSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
});
