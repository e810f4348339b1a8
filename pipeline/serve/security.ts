// Security headers on every response (@fastify/helmet), with a Content-Security-Policy that allows exactly the inline styles of the served pages.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { OpenedRelease } from '../release.js';
import { DOC_PAGE_CSS } from './doc-page.js';

const STYLE = /<style>([\s\S]*?)<\/style>/g;

/** `'sha256-…'` sources for each inline `<style>` of an HTML text. */
export function styleHashes(html: string): string[] {
  return [...html.matchAll(STYLE)].map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
}

/** The style hashes of the /doc/ page and of every landing page in the release (read once, at start). */
async function releaseStyleHashes(release: OpenedRelease): Promise<string[]> {
  const hashes = new Set(styleHashes(`<style>${DOC_PAGE_CSS}</style>`));
  for (const dataset of release.datasets) {
    const html = await readFile(join(release.dir, dataset.slug, 'index.html'), 'utf8').catch(() => '');
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
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: await releaseStyleHashes(release),
        imgSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
    // HTTPS ends in front of this server (it listens on plain HTTP): HSTS is that proxy's to send, for its domain.
    strictTransportSecurity: false,
  });
}
