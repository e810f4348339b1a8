// The endpoint under abuse: expensive queries in flight never hold up /doc/, /id/ or files; a bounded
// queue answers 503 with Retry-After; the time limit counts from arrival; client mistakes are 4xx.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRelease, type OpenedRelease } from '../pipeline/release.js';
import { createServer } from '../pipeline/serve/server.js';
import { styleHashes } from '../pipeline/serve/security.js';
import { ROOT } from './helpers.js';

const DIST = join(ROOT, 'dist');
const SLUG = 'actieplan-open-overheid-2020-2022';
const CARTESIAN = `/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }')}`;
const ASK = `/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`;

let release: OpenedRelease;
beforeAll(async () => {
  release = await openRelease(DIST);
});

/** A server whose two workers have loaded the store (two cheap queries answered at once). */
async function warmServer(options: { queryTimeoutMs: number; queryQueue: number }) {
  const server = await createServer({ release, ...options });
  const warm = await Promise.all([server.app.inject({ method: 'GET', url: ASK }), server.app.inject({ method: 'GET', url: ASK })]);
  expect(warm.map((r) => r.statusCode)).toEqual([200, 200]);
  return server;
}

describe('expensive queries in flight', () => {
  let server: Awaited<ReturnType<typeof createServer>>;
  beforeAll(async () => {
    server = await warmServer({ queryTimeoutMs: 5000, queryQueue: 8 });
  });
  afterAll(() => server.app.close());

  it('/doc/, /id/ and files answer while six cartesian-product queries run and wait', async () => {
    let slowDone = 0;
    const slow = Array.from({ length: 6 }, () => server.app.inject({ method: 'GET', url: CARTESIAN }).then((r) => (slowDone++, r)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [doc, id, file, landing] = await Promise.all([
      server.app.inject({ method: 'GET', url: '/doc/actieplan/2020-2022/actiepunt/1', headers: { accept: 'text/turtle' } }),
      server.app.inject({ method: 'GET', url: '/id/actieplan/2020-2022/actiepunt/1' }),
      server.app.inject({ method: 'GET', url: `/${SLUG}/actions.csv` }),
      server.app.inject({ method: 'GET', url: `/${SLUG}/` }),
    ]);
    // Answered before any of the expensive queries (each runs into its 5 s limit, or waits for it).
    expect(slowDone).toBe(0);
    expect([doc.statusCode, id.statusCode, file.statusCode, landing.statusCode]).toEqual([200, 303, 200, 200]);
    expect(doc.body).toContain('Transparantie in de Wet op de politieke partijen');
    const statuses = (await Promise.all(slow)).map((r) => r.statusCode);
    expect(statuses).toEqual([503, 503, 503, 503, 503, 503]);
  });
});

describe('the queue', () => {
  it('is bounded: when full, a query is answered 503 with Retry-After at once', async () => {
    const server = await warmServer({ queryTimeoutMs: 3000, queryQueue: 1 });
    try {
      // Two run (one per worker), one waits, the fourth finds the line full.
      const first = [0, 1, 2].map(() => server.app.inject({ method: 'GET', url: CARTESIAN }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const refused = await server.app.inject({ method: 'GET', url: ASK });
      expect(refused.statusCode).toBe(503);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.body).toMatch(/busy/);
      for (const res of await Promise.all(first)) {
        expect(res.statusCode).toBe(503);
        expect(res.headers['retry-after']).toBe('3');
      }
      expect((await server.app.inject({ method: 'GET', url: ASK })).statusCode).toBe(200);
    } finally {
      await server.app.close();
    }
  });

  it('counts the time limit from arrival: a query that waited past it is answered 503 without running', async () => {
    const server = await warmServer({ queryTimeoutMs: 1500, queryQueue: 8 });
    try {
      const slow = [0, 1].map(() => server.app.inject({ method: 'GET', url: CARTESIAN }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const cheap = await server.app.inject({ method: 'GET', url: ASK });
      expect(cheap.statusCode).toBe(503);
      expect(cheap.body).toMatch(/waited 1500 ms for a free query worker and was not run/);
      expect(cheap.headers['retry-after']).toBe('2');
      expect((await Promise.all(slow)).map((r) => r.statusCode)).toEqual([503, 503]);
    } finally {
      await server.app.close();
    }
  });
});

describe('client mistakes are 4xx, never 500', () => {
  let server: Awaited<ReturnType<typeof createServer>>;
  beforeAll(async () => {
    server = await createServer({ release, queryTimeoutMs: 2000 });
  });
  afterAll(() => server.app.close());
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it.each([
    ['two query parameters', 'GET', `/sparql?query=${encodeURIComponent('ASK {}')}&query=${encodeURIComponent('ASK {}')}`, undefined, undefined, 400],
    ['a query and an update', 'GET', `/sparql?query=${encodeURIComponent('ASK {}')}&update=${encodeURIComponent('CLEAR ALL')}`, undefined, undefined, 400],
    ['two queries in a form', 'POST', '/sparql', form, 'query=ASK%20%7B%7D&query=ASK%20%7B%7D', 400],
    ['a query and an update in a form', 'POST', '/sparql', form, 'query=ASK%20%7B%7D&update=CLEAR%20ALL', 400],
    ['a JSON body', 'POST', '/sparql', { 'content-type': 'application/json' }, '{"query":5}', 415],
    ['a form that is not text', 'POST', '/sparql', { 'content-type': 'text/plain' }, 'ASK {}', 415],
  ])('%s', async (_name, method, url, headers, payload, status) => {
    const res = await server.app.inject({ method: method as 'GET' | 'POST', url, headers, payload });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body.trim().length).toBeGreaterThan(10);
  });
});

describe('security headers', () => {
  let server: Awaited<ReturnType<typeof createServer>>;
  beforeAll(async () => {
    server = await createServer({ release, queryTimeoutMs: 2000 });
  });
  afterAll(() => server.app.close());

  it.each([
    ['a file', `/${SLUG}/actions.csv`, 200],
    ['a landing page', `/${SLUG}/`, 200],
    ['an IRI', '/id/actieplan/2020-2022/actiepunt/1', 303],
    ['a document', '/doc/actieplan/2020-2022/actiepunt/1', 200],
    ['a query', ASK, 200],
    ['a bad query', `/sparql?query=${encodeURIComponent('SELECT WHERE {')}`, 400],
    ['nothing', '/nope', 404],
  ])('on %s (%s → %i)', async (_name, url, status) => {
    const res = await server.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('the policy allows exactly the inline styles of the landing and action pages, the vocabulary page and the /doc/ page', async () => {
    const landing = readFileSync(join(DIST, SLUG, 'index.html'), 'utf8');
    const vocabulary = readFileSync(join(DIST, 'def', 'actieplan.html'), 'utf8');
    const doc = (await server.app.inject({ method: 'GET', url: '/doc/actieplan/2020-2022/actiepunt/1', headers: { accept: 'text/html' } })).body;
    const csp = String((await server.app.inject({ method: 'GET', url: `/${SLUG}/` })).headers['content-security-policy']);
    const styleSrc = /style-src ([^;]*)/.exec(csp)![1]!.split(' ').sort();
    expect(styleSrc).toEqual([...new Set([...styleHashes(landing), ...styleHashes(vocabulary), ...styleHashes(doc)])].sort());
    expect(styleSrc).toHaveLength(3);
    // The page of an action, served as its directory, has the landing page's style: allowed by the same hash.
    const action = await server.app.inject({ method: 'GET', url: `/${SLUG}/actiepunt/13/` });
    expect(action.statusCode).toBe(200);
    expect(styleHashes(action.body)).toHaveLength(1);
    expect(styleSrc).toContain(styleHashes(action.body)[0]);
  });

  it('the query page alone may run its own script and query its own origin', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/sparql', headers: { accept: 'text/html' } });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain(`style-src ${styleHashes(page.body).join(' ')}`);
    expect(csp).not.toContain('unsafe-inline');
    const other = String((await server.app.inject({ method: 'GET', url: `/${SLUG}/` })).headers['content-security-policy']);
    expect(other).not.toContain('script-src');
  });
});
