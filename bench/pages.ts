// Bench of a dataset's pages and charts (`npm run build && node build/bench/pages.js`): sizes and build times for the seed,
// 10⁴ entries (the scale bench's corpus, 20 updates × 500 actions, through the pipeline) and 10⁵ (that dataset repeated to 50 × 2000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../pipeline/config.js';
import { datasetCharts } from '../pipeline/emit/charts.js';
import type { ReleaseFile } from '../pipeline/emit/files.js';
import { LANGS } from '../pipeline/emit/lang.js';
import { datasetPages, landingPath, type LandingInput } from '../pipeline/emit/landing.js';
import { Iris } from '../pipeline/iris.js';
import type { Dataset } from '../pipeline/model.js';
import { resolvePipelineOptions } from '../pipeline/options.js';
import { runPipeline } from '../pipeline/run.js';
import { createValidator } from '../pipeline/validate.js';
import { largeDataset } from '../tests/support/large-dataset.js';
import { corpus } from './scale.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SLUG = 'actieplan-open-overheid-2020-2022';
const config = loadConfig(join(root, 'data'), createValidator(join(root, 'schemas')));
const spec = config.catalog.datasets.find((d) => d.slug === SLUG)!;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The dataset and its data files from a run of the pipeline on a data directory (in memory, no check). */
async function built(data: string): Promise<{ dataset: Dataset; files: ReleaseFile[]; emitMs: number }> {
  const out = mkdtempSync(join(tmpdir(), 'ontsluit-pages-'));
  try {
    const result = await runPipeline({ ...resolvePipelineOptions({ out: join(out, 'dist'), stateDir: join(out, 'state'), data }, () => new Date('2026-11-29T12:00:00Z')), write: false, check: false });
    if (!result.report.valid) throw new Error(`not built: ${JSON.stringify(result.report.errors.slice(0, 3))}`);
    const files = result.files.filter((f) => f.path.startsWith(`${SLUG}/`) && !/\.(html|svg)$/.test(f.path));
    const dataset = JSON.parse(files.find((f) => f.path === `${SLUG}/dataset.json`)!.bytes.toString('utf8')) as Dataset;
    return { dataset, files, emitMs: result.timings.emit ?? 0 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Builds both charts and every page in both languages, and prints their sizes and times. */
async function measure(label: string, dataset: Dataset, files: ReleaseFile[]): Promise<void> {
  let chartMs = 0;
  const charts: string[] = [];
  const pages: { path: string; bytes: number }[] = [];
  const inputs: LandingInput[] = [];
  for (const lang of LANGS) {
    const start = performance.now();
    const made = await datasetCharts(dataset, lang);
    chartMs += performance.now() - start;
    charts.push(...made.map((c) => `${c.name} ${kb(c.svg.length)}`));
    inputs.push({
      dataset,
      spec,
      catalog: config.catalog,
      iris: new Iris(config.catalog.baseUrl),
      files: files.map((f) => ({ path: f.path, title: f.title, mediaType: f.mediaType, bytes: f.bytes.length, fileType: f.fileType })),
      dates: { issued: '2026-11-29', modified: '2026-11-29' },
      publisherName: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
      pagePath: landingPath(SLUG, lang),
      lang,
      charts: made.map((c) => ({ kind: c.kind, path: `${SLUG}/${c.name}`, alt: c.alt, title: c.title[lang] })),
    });
  }
  // Both languages together, as a run makes them (an action's progress texts serialised once for both).
  const start = performance.now();
  for (const page of datasetPages(inputs)) pages.push({ path: page.path, bytes: page.bytes?.length ?? Buffer.byteLength(page.html) });
  const pageMs = performance.now() - start;
  const size = (path: string) => pages.find((p) => p.path === path)!.bytes;
  const max = (kind: RegExp) => pages.filter((p) => kind.test(p.path)).sort((a, b) => b.bytes - a.bytes)[0];
  const shown = (p: { path: string; bytes: number } | undefined) => (p ? `${kb(p.bytes)} (${p.path.slice(SLUG.length + 1)})` : '–');
  const total = pages.reduce((n, p) => n + p.bytes, 0);
  console.log(
    `pages: ${label} | ${dataset.updates.length} × ${dataset.actions.length} | landing ${kb(size(landingPath(SLUG, 'nl')))} nl, ${kb(size(landingPath(SLUG, 'en')))} en | ` +
      `largest list ${shown(max(/\/actiepunten\//))}, action ${shown(max(/\/actiepunt\/\d+\/index/))}, history ${shown(max(/\/updates-/))} | ` +
      `${pages.length} pages, ${(total / 1e6).toFixed(1)} MB in ${(pageMs / 1000).toFixed(2)} s | charts ${(chartMs / 1000).toFixed(2)} s: ${charts.join(', ')}`,
  );
}

const largest = Number(process.argv.find((a) => a.startsWith('--largest='))?.split('=')[1] ?? 1e5);
console.log('pages: size | updates × actions | landing page | largest other pages | all pages of both languages, time to build them | charts (both languages)');
const seed = await built(join(root, 'data'));
await measure('seed', seed.dataset, seed.files);
if (largest >= 1e4) {
  const data = corpus(20, 500);
  try {
    const ten = await built(data);
    console.log(`pages: 10⁴ entries through the pipeline: emit stage ${(ten.emitMs / 1000).toFixed(1)} s`);
    await measure('10⁴', ten.dataset, ten.files);
    if (largest >= 1e5) await measure('10⁵', largeDataset(ten.dataset, 50, 2000), ten.files);
    await measure('2 × 3000 updates', largeDataset(ten.dataset, 3000, 2), ten.files);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}
