// The workbook emitter alone at scale (`node build/bench/workbook.js [--cache=DIR] [--floor] [NxM …]`): CPU, wall, peak RSS and bytes of toWorkbook in a fresh process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../pipeline/config.js';
import { TABLES } from '../pipeline/emit/tables.js';
import { toWorkbook, type WorkbookMeta } from '../pipeline/emit/workbook.js';
import type { Dataset } from '../pipeline/model.js';
import { resolvePipelineOptions } from '../pipeline/options.js';
import { createValidator } from '../pipeline/validate.js';
import { workbookFloor } from './emitters.js';
import { corpus } from './scale.js';
import { withThreadpool } from '../pipeline/lib/threadpool.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

interface Figures {
  cpuMs: number;
  wallMs: number;
  rssMb: number;
  /** Heap and external memory with the dataset loaded, before toWorkbook, and the most seen while it ran (sampled every 10 ms; RSS keeps the pages the dataset's loading freed). */
  baseMb: number;
  duringMb: number;
  bytes: number;
  entries: number;
}

declare const gc: (() => void) | undefined;

/** Heap and external memory in use (MB). */
function used(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 1024 / 1024;
}

/** Child: toWorkbook of the dataset in `file` (dataset.json of a release), or the floor on its cells, timed alone; the figures go to fd 3. */
async function child(file: string, metaFile: string, floor: boolean): Promise<void> {
  const { $schema: _, ...dataset } = JSON.parse(readFileSync(file, 'utf8')) as Dataset & { $schema: string };
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as WorkbookMeta;
  const entries = dataset.progress.length;
  // The floor writes the same cells, computed before it is timed (as in the emitters benchmark).
  const cells = floor ? TABLES.map((table) => [table.columns.map((c) => c.titles.nl), ...table.rows(dataset).map((row) => table.columns.map((c) => { const v = c.value(row); return Array.isArray(v) ? v.join('; ') : v; }))]) : [];
  gc?.();
  const baseMb = used();
  let duringMb = baseMb;
  const sampler = setInterval(() => (duringMb = Math.max(duringMb, used())), 10);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const bytes = floor ? await workbookFloor(cells) : await toWorkbook(TABLES, dataset, meta);
  const wallMs = performance.now() - start;
  const cpuUsed = process.cpuUsage(cpu);
  clearInterval(sampler);
  duringMb = Math.max(duringMb, used());
  writeSync(3, JSON.stringify({ cpuMs: (cpuUsed.user + cpuUsed.system) / 1000, wallMs, rssMb: process.resourceUsage().maxRSS / 1024, baseMb, duringMb, bytes: bytes.length, entries } satisfies Figures));
}

/** dataset.json and the workbook meta of an n × m corpus, built once by a run (kept in `cache` when given). */
function prepare(n: number, m: number, cache: string): { dataset: string; meta: string } {
  const dataset = join(cache, `dataset-${n}x${m}.json`);
  const meta = join(cache, `meta-${n}x${m}.json`);
  if (existsSync(dataset) && existsSync(meta)) return { dataset, meta };
  const data = corpus(n, m);
  const out = mkdtempSync(join(tmpdir(), 'ontsluit-bench-workbook-'));
  try {
    const run = spawnSync(process.execPath, [join(here, 'child.js'), 'run', join(out, 'dist'), join(out, 'state'), data], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], encoding: 'utf8', cwd: root, env: withThreadpool(), maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`run of ${data} exited ${run.status}: ${run.stderr.slice(-2000)}`);
    const options = resolvePipelineOptions({ out, data });
    const spec = loadConfig(data, createValidator(options.schemaDir)).catalog.datasets[0]!;
    writeFileSync(dataset, readFileSync(join(out, 'dist', spec.slug, 'dataset.json')));
    writeFileSync(meta, JSON.stringify({ title: spec.title, description: spec.description, licence: spec.license, planPage: spec.planPage, dates: { issued: '2026-11-29', modified: '2026-11-29' } } satisfies WorkbookMeta));
    return { dataset, meta };
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === 'child' || args[0] === 'floor') return child(args[1]!, args[2]!, args[0] === 'floor');
  const floor = args.includes('--floor');
  const given = args.find((a) => a.startsWith('--cache='))?.split('=')[1];
  const cache = given ?? mkdtempSync(join(tmpdir(), 'ontsluit-bench-workbook-cache-'));
  mkdirSync(cache, { recursive: true });
  const shapes = args.filter((a) => /^\d+x\d+$/.test(a)).map((a) => a.split('x').map(Number) as [number, number]);
  try {
    console.log('workbook: updates × actions | entries | CPU | wall | peak RSS of the process | heap + external before → most during (sampled) | bytes');
    for (const [n, m] of shapes.length ? shapes : [[20, 500] as [number, number], [125, 800] as [number, number]]) {
      const { dataset, meta } = prepare(n, m, cache);
      for (const mode of floor ? ['child', 'floor'] : ['child']) {
        const timed = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), mode, dataset, meta], { stdio: ['ignore', 'inherit', 'inherit', 'pipe'], encoding: 'utf8', cwd: root, env: withThreadpool(), maxBuffer: 1024 * 1024 });
        if (timed.status !== 0) throw new Error(`${mode} of ${n} × ${m} exited ${timed.status}`);
        const f = JSON.parse(timed.output[3] as string) as Figures;
        console.log(`workbook${mode === 'floor' ? ' floor (exceljs streaming writer, same cells)' : ''}: ${n} × ${m} | ${f.entries} | ${(f.cpuMs / 1000).toFixed(2)} s | ${(f.wallMs / 1000).toFixed(2)} s | ${f.rssMb.toFixed(0)} MB | ${f.baseMb.toFixed(0)} → ${f.duringMb.toFixed(0)} MB | ${(f.bytes / 1024 / 1024).toFixed(2)} MB (${f.bytes})`);
      }
    }
  } finally {
    if (!given) rmSync(cache, { recursive: true, force: true });
  }
}

await main();
