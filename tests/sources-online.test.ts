// The real source list over HTTP: a local server serves fixture copies under the real page paths.
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline/run.js';
import { DATA, cli, fixture, runOptions } from './helpers.js';

const ONLINE = JSON.parse(readFileSync(join(DATA, 'sources-online.json'), 'utf8')) as { sources: { id: string; place: string }[] };
const UPDATE_7 = ONLINE.sources.find((s) => s.id === '2020-2022-update-07')!.place;
const pathOf = (url: string) => new URL(url).pathname;
/**
 * The fixture pages are excerpts (the first actions of each page): the registry the tests run with
 * marks the URL sources partial, as an operator would for a page that covers only part of its plan.
 */
const EXCERPTS = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'ontsluit-online-data-'));
  cpSync(DATA, dir, { recursive: true });
  const sources = ONLINE.sources.map((s) => (/^https?:/.test(s.place) ? { ...s, partial: { reason: 'The test serves an excerpt of the page: only its first actions.' } } : s));
  writeFileSync(join(dir, 'sources-online.json'), JSON.stringify({ ...ONLINE, sources }, null, 2));
  return dir;
})();
const page7 = readFileSync(fixture('update-07-as-html-bulleted-holder-lines-and-captions.html'));
const page2023 = readFileSync(fixture('update-01-2023-2027-as-html-without-themes.html'), 'utf8');

/** What each path answers; tests switch the behaviour of Update #7's path. */
type Behaviour = 'ok' | 'always-500' | '500-then-200' | 'slow' | 'truncated' | 'oversized' | 'pdf' | 'redirect-loop';
let behaviour: Behaviour = 'ok';
const hits = new Map<string, number>();
const conditional: string[] = [];
let server: Server;
let origin = '';

function pages(): Map<string, Buffer> {
  const map = new Map<string, Buffer>([[pathOf(UPDATE_7), page7]]);
  for (const n of [1, 2, 3]) {
    const source = ONLINE.sources.find((s) => s.id === `2023-2027-update-0${n}`)!;
    map.set(pathOf(source.place), Buffer.from(page2023.replaceAll('Update #1', `Update #${n}`)));
  }
  return map;
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const count = (hits.get(path) ?? 0) + 1;
  hits.set(path, count);
  const body = pages().get(path);
  if (!body) return void res.writeHead(404).end();
  const etag = `"${body.length}-${path.length}"`;
  if (req.headers['if-none-match']) conditional.push(path);
  const send = () => {
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, etag }).end(body);
  };
  if (path !== pathOf(UPDATE_7) || behaviour === 'ok') return send();
  switch (behaviour) {
    case 'always-500':
      return void res.writeHead(500).end('kapot');
    case '500-then-200':
      return count === 1 ? void res.writeHead(500).end() : send();
    case 'slow':
      return void setTimeout(() => send(), 1500);
    case 'truncated':
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': body.length });
      res.write(body.subarray(0, 100));
      return void setTimeout(() => res.destroy(), 20);
    case 'oversized':
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.alloc(300_000, 'a'));
    case 'pdf':
      return void res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7');
    case 'redirect-loop':
      return void res.writeHead(302, { location: count % 2 ? `${path}?a` : path }).end();
  }
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const origins = () => ['--origin', `https://open-overheid.nl=${origin}`, '--origin', `https://www.open-overheid.nl=${origin}`];
const temp = (name: string) => mkdtempSync(join(tmpdir(), `ontsluit-online-${name}-`));

/** Every file below `dir`, as relative path → base64 bytes. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) out.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)).toString('base64'));
  return out;
}

describe('ontsluit run --online', () => {
  const state = temp('state');
  const out = join(temp('out'), 'dist');

  it('fetches the real page paths, keeps snapshots and builds both plans', async () => {
    behaviour = 'ok';
    const run = await cli(['run', '--online', '--data', EXCERPTS, ...origins(), '--out', out, '--state-dir', state]);
    expect(run.status, run.stderr).toBe(0);
    const updates = (slug: string) => parse(readFileSync(join(out, slug, 'updates.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(updates('actieplan-open-overheid-2020-2022').map((u) => [u.update_number, u.source])).toEqual([
      ['2', 'updates/update-02-actieplan-open-overheid-2020-2022.txt'],
      ['7', UPDATE_7],
    ]);
    expect(updates('actieplan-open-overheid-2023-2027').map((u) => [u.update_number, u.published])).toEqual([
      ['1', '2023-12-18'],
      ['2', '2023-12-18'],
      ['3', '2023-12-18'],
    ]);
    expect(readdirSync(join(state, 'snapshots'))).toHaveLength(4);
    const report = JSON.parse(readFileSync(join(state, 'runs', readdirSync(join(state, 'runs'))[0]!), 'utf8'));
    expect(report.sources.map((s: { status: string }) => s.status)).toEqual(['file', 'fetched', 'fetched', 'fetched', 'fetched']);
  });

  it('a second run asks with If-None-Match, gets 304 and writes the same bytes', async () => {
    conditional.length = 0;
    const before = tree(out);
    const run = await cli(['run', '--online', '--data', EXCERPTS, ...origins(), '--out', out, '--state-dir', state]);
    expect(run.status, run.stderr).toBe(0);
    expect(conditional.sort()).toEqual([...pages().keys()].sort());
    expect(tree(out)).toEqual(before);
  });
});

describe('a source that cannot be fetched fails the run and leaves the last release', () => {
  const published = join(temp('published'), 'dist');
  const fetchOptions = { timeoutMs: 400, retries: 2, backoffLimitMs: 20, maxBytes: 200_000 };
  const run = (outDir: string, state: string) =>
    runPipeline(
      runOptions(
        { data: EXCERPTS, out: outDir, online: true, stateDir: state, origin: [`https://open-overheid.nl=${origin}`, `https://www.open-overheid.nl=${origin}`], urlCheck: 'none', clock: () => new Date('2026-11-29T12:00:00Z') },
        { write: true, fetch: fetchOptions },
      ),
    );

  beforeAll(async () => {
    behaviour = 'ok';
    const result = await run(published, temp('state'));
    expect(result.published).toBe(true);
  });

  it.each([
    ['always-500', 'fetch-failed', 3],
    ['slow', 'fetch-failed', 3],
    ['truncated', 'fetch-truncated', 3],
    ['oversized', 'fetch-too-large', 1],
    ['pdf', 'fetch-content-type', 1],
    ['redirect-loop', 'fetch-redirects', 6],
  ] as const)('%s → %s after %i request(s); nothing published', async (mode, code, requests) => {
    behaviour = mode;
    hits.clear();
    const out = join(temp(mode), 'dist');
    cpSync(published, out, { recursive: true });
    const before = tree(out);
    const result = await run(out, temp('state'));
    expect(result.published).toBe(false);
    expect(result.report.errors).toEqual([expect.objectContaining({ type: code, source: UPDATE_7 })]);
    expect(result.sources.find((s) => s.place === UPDATE_7)!.status).toBe('failed');
    expect(hits.get(pathOf(UPDATE_7))).toBe(requests);
    expect(tree(out)).toEqual(before);
  });

  it('500 then 200: one retry, and the release is built', async () => {
    behaviour = '500-then-200';
    hits.clear();
    const result = await run(join(temp('retry'), 'dist'), temp('state'));
    expect(result.report.errors).toEqual([]);
    expect(result.published).toBe(true);
    expect(hits.get(pathOf(UPDATE_7))).toBe(2);
  });
});
