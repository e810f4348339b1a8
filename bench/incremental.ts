// Benchmark: reruns of `ontsluit run` at 10³ entries, each a fresh CLI process: nothing changed, one plan's source changed, and a full build for comparison.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corpus } from './scale.js';
import { withThreadpool } from '../pipeline/lib/threadpool.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bin = join(root, 'bin', 'ontsluit.js');
const preload = pathToFileURL(join(here, 'report-exit.js')).href;
/** The second plan: the 2023-2027 test excerpt (two actions), as update 1 and, once "changed", also as update 2. */
const excerpt = readFileSync(join(root, 'tests', 'fixtures', 'updates', 'update-01-2023-2027-as-html-without-themes.html'), 'utf8');
const excerptSource = (n: number) => ({ id: `2023-2027-update-0${n}`, plan: '2023-2027', place: `updates/2023-2027-update-0${n}.html`, format: 'html', updateNumber: n, published: null, partial: { reason: 'A test excerpt of the page: its first two actions.' } });

interface Figures {
  cpuMs: number;
  wallMs: number;
  /** From the run report: the stages, and each dataset with whether it was taken from the previous release. */
  timings: Record<string, number>;
  datasets: { slug: string; reused: boolean }[];
  skipped: string | null;
}

/** One `ontsluit run` in a fresh process (the whole CLI counts), with its CPU (all threads) and the run report it left. */
function run(args: string[], state: string, day: number): Figures {
  const before = new Set(readdirSync(join(state, 'runs')));
  // The preload starts libuv's pool before bin/ontsluit.js could size it: the size is given here.
  const env = withThreadpool({ ...process.env, SOURCE_DATE_EPOCH: String(Date.UTC(2026, 2, day, 12) / 1000) });
  const child = spawnSync(process.execPath, ['--import', preload, bin, 'run', '--url-check', 'none', '--state-dir', state, '--log-level', 'error', ...args], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  if (child.status !== 0) throw new Error(`run ${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  const own = JSON.parse(child.output[3] as string) as { cpuMs: number; wallMs: number };
  const name = readdirSync(join(state, 'runs')).find((n) => !before.has(n))!;
  const report = JSON.parse(readFileSync(join(state, 'runs', name), 'utf8')) as { timingsMs: Record<string, number> | undefined; datasets: Figures['datasets']; skipped: string | null };
  return { cpuMs: own.cpuMs, wallMs: own.wallMs, timings: report.timingsMs ?? {}, datasets: report.datasets, skipped: report.skipped };
}

const median = (samples: Figures[]) => [...samples].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(samples.length / 2)]!;
const fmt = (f: Figures) => `${(f.cpuMs / 1000).toFixed(2)} s CPU, ${(f.wallMs / 1000).toFixed(2)} s wall`;
const stages = (f: Figures) => Object.entries(f.timings).map(([s, ms]) => `${s} ${ms.toFixed(0)}`).join(', ');
const reused = (f: Figures) => f.datasets.map((d) => `${d.slug.replace('actieplan-open-overheid-', '')} ${d.reused ? 'reused' : 'built'}`).join(', ');

/** Prints the rerun figures on a corpus of `updates` × `actions` (plan 2020-2022) beside the two-action 2023-2027 excerpt. */
export async function benchIncremental(updates = 10, actions = 100): Promise<void> {
  const data = corpus(updates, actions);
  const work = mkdtempSync(join(tmpdir(), 'ontsluit-bench-incremental-'));
  /** A state directory of its own: run reports and build records. */
  const state = (name: string) => {
    mkdirSync(join(work, name, 'runs'), { recursive: true });
    return join(work, name);
  };
  try {
    for (const n of [1, 2]) writeFileSync(join(data, 'updates', `2023-2027-update-0${n}.html`), excerpt.replaceAll('Update #1', `Update #${n}`));
    const registry = JSON.parse(readFileSync(join(data, 'sources.json'), 'utf8')) as { sources: object[] };
    const sources = (extra: object[]) => writeFileSync(join(data, 'sources.json'), JSON.stringify({ sources: [...registry.sources, ...extra] }, null, 2));
    sources([excerptSource(1)]);
    const out = join(work, 'out', 'dist');
    const live = state('state');
    console.log(`incremental: ${updates * actions} entries (${updates} updates × ${actions} actions of 2020-2022) + the 2023-2027 excerpt; each line one fresh CLI process`);
    const cold = run(['--data', data, '--out', out], live, 1);
    console.log(`incremental: first run (fresh --out): ${fmt(cold)}; stages ${stages(cold)}`);
    const same = median(Array.from({ length: 5 }, () => run(['--data', data, '--out', out], live, 2)));
    console.log(`incremental: rerun, nothing changed: ${fmt(same)} (median of 5; target ≤ 0.5 s CPU); ${same.skipped ?? 'not skipped'}`);
    const previous = join(work, 'previous');
    cpSync(out, previous, { recursive: true, dereference: true });

    sources([excerptSource(1), excerptSource(2)]);
    const one = run(['--data', data, '--out', out], live, 3);
    console.log(`incremental: rerun, one 2023-2027 source added: ${fmt(one)}; ${reused(one)}; stages ${stages(one)}`);
    const full = run(['--data', data, '--out', join(work, 'full', 'dist'), '--previous', previous, '--rebuild'], state('full'), 3);
    console.log(`incremental: the same as a full build: ${fmt(full)}; ${reused(full)}; stages ${stages(full)}`);
    console.log(`incremental: one changed source costs ${((one.cpuMs / full.cpuMs) * 100).toFixed(0)} % of the full build's CPU`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [updates, actions] = process.argv.slice(2).map(Number);
  await benchIncremental(updates || undefined, actions || undefined);
}
