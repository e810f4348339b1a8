// Benchmark: parse, build and publish timings and memory, on the seed and on larger synthetic pages.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCli } from './cli.js';
import { benchScale } from './scale.js';
import { loadConfig } from '../pipeline/config.js';
import { decode } from '../pipeline/ingest.js';
import { buildDataset } from '../pipeline/model.js';
import { createRegistry } from '../pipeline/organisations.js';
import { parseSource } from '../pipeline/parse/index.js';
import { resolvePipelineOptions } from '../pipeline/options.js';
import { openRelease } from '../pipeline/release.js';
import { runPipeline } from '../pipeline/run.js';
import { createServer } from '../pipeline/serve/server.js';
import { loadStore, runQuery } from '../pipeline/sparql.js';
import { createValidator } from '../pipeline/validate.js';
import { benchHostileParse } from './parse-hostile.js';
import { benchEndpointLoad } from './endpoint-load.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = join(root, 'data');
const validator = createValidator(join(root, 'schemas'));
const config = loadConfig(data, validator);
const registry = createRegistry(config.organisations);
const seed = readFileSync(join(data, 'updates', 'update-02-actieplan-open-overheid-2020-2022.txt'), 'utf8');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function time<T>(work: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = work();
  return { result, ms: performance.now() - start };
}

/** The seed's actions repeated `copies` times and renumbered: a page with 13 × copies actions (kept in memory only). */
function synthetic(copies: number): string {
  const lines = seed.split('\n');
  const head = lines.slice(0, 3);
  const body = lines.slice(3, 88);
  const out = [...head];
  let number = 0;
  for (let c = 0; c < copies; c++)
    for (const line of body) out.push(/^\d+\. /.test(line) ? line.replace(/^\d+/, String(++number)) : /^[IVX]+ /.test(line) && c > 0 ? `${line} ${c}` : line);
  out.push(...lines.slice(88));
  return out.join('\n');
}

console.log('ontsluit benchmark (Node', process.version + ')');
// `--scale` (10² to 10⁴ entries) or `--scale=1e5` (up to 10⁵): only the scale figures, which take minutes.
const scale = process.argv.find((a) => a.startsWith('--scale'));
if (scale) {
  await benchScale(Number(scale.split('=')[1] ?? 1e4));
  process.exit(0);
}
await benchCli();
const settings = { registry, settings: config.parser };
const seedBytes = Buffer.from(seed);
const warm = time(() => { for (let i = 0; i < 200; i++) parseSource(decode(seedBytes, 'seed'), settings); });
console.log(`parse seed (15.9 kB, 13 actions): ${(warm.ms / 200).toFixed(2)} ms per parse over 200 parses`);

for (const copies of [10, 70]) {
  const text = Buffer.from(synthetic(copies));
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const parsed = time(() => parseSource(decode(text, 'synthetic'), settings));
  const actions = parsed.result.record.actions.length;
  const validated = time(() => validator.validate('update', parsed.result.record, 'synthetic'));
  const model = time(() => buildDataset({ plan: { ...config.plans[0]!, actions: [] }, records: [{ ...parsed.result.record, updateNumber: 2 }], registry }));
  const heap = process.memoryUsage().heapUsed - before;
  console.log(
    `synthetic page, ${actions} actions (${mb(text.length)}): parse ${parsed.ms.toFixed(0)} ms (${Math.round(text.length / 1024 / (parsed.ms / 1000))} kB/s), validate ${validated.ms.toFixed(0)} ms, model ${model.ms.toFixed(0)} ms, heap +${mb(heap)}`,
  );
}

const out = mkdtempSync(join(tmpdir(), 'ontsluit-bench-'));
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  const result = await runPipeline({ ...resolvePipelineOptions({ data, out: join(out, 'dist'), stateDir: join(out, 'state') }, () => new Date('2026-11-29T12:00:00Z')), write: true });
  const total = performance.now() - start;
  const bytes = result.files.reduce((n, f) => n + f.bytes.length, 0);
  console.log(`run ${i + 1} on the bundled data: ${total.toFixed(0)} ms total, ${result.files.length} files, ${mb(bytes)}; stages ${JSON.stringify(result.timings)}`);
}

// SPARQL over the published release: load once, then the example queries.
const release = join(out, 'dist');
const loadStart = performance.now();
const store = await loadStore(await openRelease(release));
console.log(`SPARQL store: ${store.triples} triples in ${store.graphs.length} graphs, loaded in ${(performance.now() - loadStart).toFixed(0)} ms`);
for (const file of readdirSync(join(data, 'queries')).sort()) {
  const query = readFileSync(join(data, 'queries', file), 'utf8');
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    const result = await runQuery(store, query, { accept: 'application/sparql-results+json' });
    times.push(performance.now() - start);
    rows = result.rows ?? 0;
  }
  times.sort((a, b) => a - b);
  console.log(`query ${file}: ${rows} rows, median ${times[10]!.toFixed(1)} ms, first ${times.at(-1)!.toFixed(1)} ms (20 runs)`);
}
await store.close();

// HTTP: the release served by fastify, requests in-process (no socket).
const { app, store: served } = await createServer({ release: await openRelease(release) });
for (const [label, url, headers] of [
  ['GET progress.csv', '/actieplan-open-overheid-2020-2022/progress.csv', {}],
  ['GET /doc/ as Turtle', '/doc/actieplan/2020-2022/actiepunt/1', { accept: 'text/turtle' }],
  ['GET /sparql actions-per-theme', `/sparql?query=${encodeURIComponent(readFileSync(join(data, 'queries', 'actions-per-theme.rq'), 'utf8'))}`, {}],
] as const) {
  const start = performance.now();
  const n = 200;
  for (let i = 0; i < n; i++) await app.inject({ method: 'GET', url, headers });
  console.log(`serve ${label}: ${((performance.now() - start) / n).toFixed(2)} ms per request over ${n}`);
}
await app.close();
await served.close();
await benchEndpointLoad();
console.log(`peak RSS ${mb(process.memoryUsage().rss)}`);
rmSync(out, { recursive: true, force: true });
await benchHostileParse();
