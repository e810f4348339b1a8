// Each emitter against its bare-library floor on the same output (CSV, dataset.json, Turtle, N-Triples, JSON-LD, catalog, workbook), and the whole emit.
import { Writable } from 'node:stream';
import { getHeapStatistics } from 'node:v8';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { Writer, type Quad } from 'n3';
import { loadConfig, type Config } from '../pipeline/config.js';
import { datasetCharts } from '../pipeline/emit/charts.js';
import { CATALOG_PREFIXES } from '../pipeline/emit/dcat.js';
import { datasetJson, datasetRdf, tableCsv } from '../pipeline/emit/files.js';
import { emitRelease } from '../pipeline/emit/release.js';
import { dataPrefixes, prefixContext, toJsonLd, toRdfXml, toTurtle } from '../pipeline/emit/serialize.js';
import { TABLES } from '../pipeline/emit/tables.js';
import { toWorkbook } from '../pipeline/emit/workbook.js';
import { Iris } from '../pipeline/iris.js';
import { readDocument } from '../pipeline/document.js';
import { buildDataset, type Dataset } from '../pipeline/model.js';
import type { UpdateRecord } from '../pipeline/record.js';
import { ingestSources } from '../pipeline/sources.js';
import { resolvePipelineOptions } from '../pipeline/options.js';
import { createRegistry } from '../pipeline/organisations.js';
import { runPipeline } from '../pipeline/run.js';
import { createValidator, type Validator } from '../pipeline/validate.js';

declare const gc: (() => void) | undefined;

/** One emitter: its CPU time, its floor's CPU time (ms, the least of at least `reps` runs: see `best`), and the bytes it wrote. */
export interface EmitterFigure {
  name: string;
  ms: number;
  floorMs: number | null;
  bytes: number;
  floor: string;
}

export interface EmitFigures {
  emitters: EmitterFigure[];
  /** emitRelease as a whole (CPU ms) and the peak RSS this process reached (MB). */
  emitMs: number;
  rssMb: number;
  /** Sizes of the largest other files of the release (landing pages, charts), in bytes. */
  sizes: Record<string, number>;
  /** Making the dataset's quads once, a subject at a time (CPU ms): Turtle, N-Triples and JSON-LD each include it. */
  quadsMs: number;
  /** The heap (MB) the model of the first plan takes as a run builds it, its records and sources let go. */
  modelMb: number;
}

/**
 * Runs of a short emitter go on until they took this much CPU together: a figure of 0.05 s, or one
 * of two runs of 0.3 s, is otherwise a collection or a cold cache. With 1 s, JSON-LD (~0.4 s, three
 * runs) read 0.93-2.18 times its floor from bench to bench on this machine.
 */
const MIN_SPAN_MS = 3000;
const MAX_RUNS = 20;
/**
 * A work shorter than this runs in batches of at least this much, each counted as its mean: a single
 * run of the catalog (~0.03 s) took 20-50 ms from one run to the next, as a collection fell in it or
 * not, and the least of 20 such runs put the catalog at 1.05-2.19 times its floor from one bench to
 * the next.
 */
const MIN_BATCH_MS = 100;

async function cpuOf(work: () => unknown, times: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < times; i++) await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * The least CPU time per run of `work` and how many runs (or batches) it took: `reps` at least, more
 * while they took less than MIN_SPAN_MS together (at most MAX_RUNS); or `exactly` that many, which
 * gives a floor the runs its emitter had (a floor half as long got twice the runs under the span
 * alone, and the least of more runs is lower: the ratio leaned towards the emitter's cost). A first run decides the batch: one run when it took
 * MIN_BATCH_MS or more (and it counts), else as many as take about that long (and it was only the
 * warm-up). The heap is collected once before them, not between (a collection just before a run makes
 * its allocations dearer). An emitter and its floor are measured one after the other, each in full:
 * taking turns made each pay for the other's garbage (JSON-LD read 2.05-2.12 times its floor, against
 * 1.38-1.51 measured in full).
 */
async function best(reps: number, work: () => unknown, exactly?: number): Promise<{ ms: number; runs: number }> {
  gc?.();
  const first = await cpuOf(work, 1);
  const batch = first >= MIN_BATCH_MS ? 1 : Math.ceil(MIN_BATCH_MS / Math.max(first, 1));
  let [least, spent, counted] = batch === 1 ? [first, first, 1] : [Infinity, 0, 0];
  const more = () => (exactly !== undefined ? counted < exactly : counted < reps || (spent < MIN_SPAN_MS && counted < MAX_RUNS));
  while (more()) {
    const ms = await cpuOf(work, batch);
    spent += ms;
    least = Math.min(least, ms / batch);
    counted++;
  }
  return { ms: least, runs: counted };
}

const bytesOf = (value: string) => Buffer.byteLength(value);

function nTriplesFloor(quads: Quad[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ format: 'N-Triples' });
    writer.addQuads(quads);
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * The same rows through exceljs's streaming writer alone (the writer the workbook uses): one sheet per
 * table, texts as shared strings as in the workbook, no widths, styles, filters or fixed dates.
 */
export async function workbookFloor(cells: unknown[][][]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true });
  cells.forEach((rows, i) => {
    const sheet = book.addWorksheet(`t${i}`);
    for (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
  });
  await book.commit();
  return Buffer.concat(chunks);
}

/**
 * The heap the model takes as a run holds it: every source of the first plan ingested and parsed,
 * the model built, the records and sources let go, between two full collections (this child runs
 * with --expose-gc). Strings the sources share (repeated updates) are shared in the model too, so
 * the model is smaller than dataset.json read back.
 */
async function modelHeap(config: Config, validator: Validator, stateDir: string): Promise<number> {
  if (typeof gc !== 'function') throw new Error('the emitters child measures the heap with gc(): run it with --expose-gc');
  const collect = gc;
  const registry = createRegistry(config.organisations);
  const plan = config.plans.find((p) => p.id === config.catalog.datasets[0]!.plan)!;
  collect();
  const before = getHeapStatistics().used_heap_size;
  const { documents } = await ingestSources(config, { stateDir, originMap: {} });
  const records: UpdateRecord[] = [];
  for (let next = documents.shift(); next; next = documents.shift())
    if (next.spec.plan === plan.id) records.push((await readDocument(next.ingested, { registry, settings: config.parser, validator }, { spec: next.spec, planTitle: plan.title })).record);
  const held = { dataset: buildDataset({ plan, records: records.splice(0), registry }).dataset };
  collect();
  const mb = (getHeapStatistics().used_heap_size - before) / 1024 / 1024;
  if (held.dataset.progress.length === 0) throw new Error('the model holds no progress entries');
  return mb;
}

/** Builds the release of `dataDir` once in memory, then times every emitter and its floor on the first dataset. */
export async function measureEmitters(dataDir: string, out: string, state: string, entries: number): Promise<EmitFigures> {
  const reps = entries <= 1_000 ? 5 : entries <= 10_000 ? 2 : 1;
  const options = resolvePipelineOptions({ out, stateDir: state, data: dataDir }, () => new Date('2026-11-29T12:00:00Z'));
  // The release once, for the dataset, the catalog and the sizes; only the files the floors need are kept.
  const { slug, catalog, sources, sized, kept } = await (async () => {
    const result = await runPipeline({ ...options, write: false, check: false });
    const release = result.release;
    if (!release) throw new Error(`no release: ${JSON.stringify(result.report.errors.slice(0, 3))}`);
    const slug = release.datasets[0]!.slug;
    const keep = [`${slug}/dataset.json`, `${slug}/dataset.jsonld`, 'catalog.jsonld', 'validation-report.json'];
    const sized = new Map(release.files.map((f) => [f.path, f.bytes.length]));
    const kept = new Map(release.files.filter((f) => keep.includes(f.path)).map((f) => [f.path, f.bytes]));
    return { slug, catalog: release.catalog, sources: release.manifest.sources ?? [], sized, kept };
  })();
  const size = (path: string) => sized.get(path)!;
  /** A kept file's text, let go once read. */
  const take = (path: string) => {
    const bytes = kept.get(path)!;
    kept.delete(path);
    return bytes.toString('utf8');
  };
  const validator = createValidator(options.schemaDir);
  const config = loadConfig(dataDir, validator);
  const iris = new Iris(config.catalog.baseUrl);
  const modelMb = await modelHeap(config, validator, state);
  const { $schema: _, ...dataset } = JSON.parse(take(`${slug}/dataset.json`)) as Dataset & { $schema: string };
  const spec = config.catalog.datasets.find((d) => d.slug === slug)!;
  const figures: EmitterFigure[] = [];
  /**
   * An emitter, then its floor: `floorOf` makes the floor's ready-made input (rows of strings, all the
   * quads, the parsed document) only once the emitter is measured, and it is let go after. Held while
   * the emitter ran, it made each of the emitter's collections mark it too: JSON-LD read 2.59 times its
   * floor with the parsed document alive, where a run has no such document.
   */
  const add = async (name: string, floor: string, bytes: number, ours: () => unknown, floorOf: (() => () => unknown) | null) => {
    const own = await best(reps, ours);
    figures.push({ name, floor, bytes, ms: own.ms, floorMs: floorOf ? (await best(reps, floorOf(), own.runs)).ms : null });
  };

  // CSV: the cells as strings, then csv-stringify with the same options.
  const csvBytes = TABLES.reduce((n, t) => n + size(`${slug}/${t.name}.csv`), 0);
  await add('CSV', 'csv-stringify of the same rows', csvBytes, () => TABLES.map((t) => tableCsv(t, dataset)), () => {
    const csvRows = TABLES.map((table) => [table.columns.map((c) => c.name), ...table.rows(dataset).map((row) => table.columns.map((c) => String(c.value(row) ?? '')))]);
    return () => csvRows.map((rows) => Buffer.from(stringify(rows, { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ })));
  });

  const jsonValue = { $schema: 'dataset.schema.json', ...dataset };
  await add('dataset.json', 'JSON.stringify of the same object', size(`${slug}/dataset.json`), () => datasetJson(dataset), () => () => Buffer.from(`${JSON.stringify(jsonValue, null, 2)}\n`));

  const rdf = datasetRdf(dataset, iris);
  const prefixes = dataPrefixes(iris.vocab);
  const turtleFloor = (quads: Quad[]) => new Promise<string>((resolve, reject) => {
    const writer = new Writer({ prefixes });
    writer.addQuads(quads);
    writer.end((error, r: string) => (error ? reject(error) : resolve(r)));
  });
  await add('Turtle (+ quads)', 'n3 Writer of the same quads', size(`${slug}/dataset.ttl`), async () => datasetRdf(dataset, iris).turtle(), () => {
    const quads = rdf.quads();
    return async () => Buffer.from(await turtleFloor(quads));
  });
  await add('N-Triples (+ quads)', 'n3 Writer (N-Triples) of the same quads', size(`${slug}/dataset.nt`), () => rdf.nTriples(), () => {
    const quads = rdf.quads();
    return async () => Buffer.from(await nTriplesFloor(quads));
  });
  await add('JSON-LD (+ quads)', 'JSON.stringify of the same document', size(`${slug}/dataset.jsonld`), () => rdf.jsonLd(), () => {
    const doc = JSON.parse(take(`${slug}/dataset.jsonld`)) as object;
    return () => Buffer.from(`${JSON.stringify(doc, null, 2)}\n`);
  });
  const { ms: quadsMs } = await best(reps, () => {
    let made = 0;
    for (const subject of rdf.subjects) made += subject.quads().length;
    return made;
  });

  const catalogBytes = ['catalog.ttl', 'catalog.rdf', 'catalog.jsonld'].reduce((n, p) => n + size(p), 0);
  await add(
    'catalog (ttl, rdf, jsonld)',
    'n3 Writer + rdflib + JSON.stringify',
    catalogBytes,
    async () => [await toTurtle(catalog, CATALOG_PREFIXES), await toRdfXml(catalog, CATALOG_PREFIXES), await toJsonLd(catalog, prefixContext(CATALOG_PREFIXES))].map(bytesOf),
    () => {
      const catalogDoc = JSON.parse(take('catalog.jsonld')) as object;
      return async () => {
        const writer = new Writer({ prefixes: CATALOG_PREFIXES });
        writer.addQuads(catalog);
        await new Promise((resolve) => writer.end(resolve));
        await toRdfXml(catalog, CATALOG_PREFIXES);
        return JSON.stringify(catalogDoc, null, 2);
      };
    },
  );

  const meta = { title: spec.title, description: spec.description, licence: spec.license, planPage: spec.planPage, dates: { issued: '2026-11-29', modified: '2026-11-29' } };
  await add('workbook (.xlsx)', 'exceljs streaming writer, same rows', size(`${slug}/${slug}.xlsx`), () => toWorkbook(TABLES, dataset, meta), () => {
    const cells = TABLES.map((table) => [table.columns.map((c) => c.titles.nl), ...table.rows(dataset).map((row) => table.columns.map((c) => { const v = c.value(row); return Array.isArray(v) ? v.join('; ') : v; }))]);
    return () => workbookFloor(cells);
  });
  await add('charts (4 SVG)', '(vega itself)', ['status.svg', 'status.en.svg', 'themes.svg', 'themes.en.svg'].reduce((n, p) => n + size(`${slug}/${p}`), 0), async () => [...(await datasetCharts(dataset, 'nl')), ...(await datasetCharts(dataset, 'en'))], null);

  const report = JSON.parse(take('validation-report.json')) as never;
  // The least of at least as many runs as each floor had, and of three up to 10⁴ entries: a figure of one run against floors of the
  // best of two reads noise as cost, and two runs of ~8 s at 10⁴ read 1.71-2.21 times the sum of floors from bench to bench.
  const { ms: emitMs } = await best(entries <= 10_000 ? Math.max(reps, 3) : reps, () =>
    emitRelease({ config, registry: createRegistry(config.organisations), datasetSchema: validator.schemas.get('release')!, datasets: [{ slug, dataset }], report, previous: { files: {} }, today: '2026-11-29', sources }),
  );
  const sizes = Object.fromEntries(['index.html', 'index.en.html', 'status.svg'].map((p) => [p, size(`${slug}/${p}`)]));
  return { emitters: figures, emitMs, rssMb: process.resourceUsage().maxRSS / 1024, sizes, quadsMs, modelMb };
}

/** The figures as lines: each emitter with its ratio to its floor, then the whole emit against the sum of floors. */
export function formatEmitters(entries: number, f: EmitFigures): string[] {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const lines = f.emitters.map((e) => `emit ${entries}: ${e.name.padEnd(26)} ${(e.ms / 1000).toFixed(2).padStart(7)} s | floor ${e.floorMs === null ? '    –  ' : `${(e.floorMs / 1000).toFixed(2).padStart(7)} s`} | ${e.floorMs ? `${(e.ms / e.floorMs).toFixed(2)} ×` : '  –   '} | ${mb(e.bytes)} | floor: ${e.floor}`);
  const floors = f.emitters.reduce((n, e) => n + (e.floorMs ?? e.ms), 0);
  const own = f.emitters.reduce((n, e) => n + e.ms, 0);
  lines.push(`emit ${entries}: whole emit ${(f.emitMs / 1000).toFixed(2)} s against the sum of floors ${(floors / 1000).toFixed(2)} s (charts at their own time): ${(f.emitMs / floors).toFixed(2)} × | the emitters above ${(own / 1000).toFixed(2)} s (${(own / floors).toFixed(2)} ×), the rest (landing pages, data package, vocabulary page, manifest) ${((f.emitMs - own) / 1000).toFixed(2)} s | peak RSS of this process ${f.rssMb.toFixed(0)} MB`);
  lines.push(`emit ${entries}: making the dataset's quads once, a subject at a time, ${(f.quadsMs / 1000).toFixed(2)} s: part of each "(+ quads)" figure, whose floor takes the quads or the document ready-made`);
  lines.push(`emit ${entries}: the dataset in memory (what the model stage holds) ${f.modelMb.toFixed(0)} MB of heap`);
  lines.push(`emit ${entries}: sizes ${Object.entries(f.sizes).map(([p, n]) => `${p} ${mb(n)}`).join(', ')}`);
  return lines;
}
