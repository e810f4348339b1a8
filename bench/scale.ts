// Benchmark at scale (`npm run bench -- --scale[=1e5]`): corpora of N updates × M actions shaped like the seed, generated in a temp dir.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MONTHS } from '../pipeline/lib/dates.js';
import { bytesFloor, type BytesFloor } from './bytes-floor.js';
import { formatEmitters, type EmitFigures } from './emitters.js';
import { withThreadpool } from '../pipeline/lib/threadpool.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The project's root: the nearest directory up with a package.json (bench/ when run as TypeScript, build/bench/ once compiled). */
export const root = projectRoot(here);

function projectRoot(dir: string): string {
  if (existsSync(join(dir, 'package.json'))) return dir;
  if (dirname(dir) === dir) throw new Error(`no package.json above ${here}`);
  return projectRoot(dirname(dir));
}
const seed = readFileSync(join(root, 'data', 'updates', 'update-02-actieplan-open-overheid-2020-2022.txt'), 'utf8').split('\n');

interface Template {
  title: string;
  holders: string;
  partners: string | null;
  paragraphs: string[];
}

/** The seed's 13 action blocks (title, holder and partner lines, paragraphs) and its 7 theme headings. */
function templates(): { themes: string[]; actions: Template[] } {
  const themes: string[] = [];
  const actions: Template[] = [];
  for (const line of seed.slice(3)) {
    if (/^(I|II|III|IV|V|VI|VII) /.test(line)) themes.push(line);
    else if (/^\d+\. /.test(line)) actions.push({ title: line.replace(/^\d+\. /, ''), holders: '', partners: null, paragraphs: [] });
    else if (/^Meer weten\?/.test(line)) break;
    else if (actions.length === 0) continue;
    else if (line.startsWith('Actiehouder:')) actions.at(-1)!.holders = line;
    else if (line.startsWith('In samenwerking met:')) actions.at(-1)!.partners = line;
    else if (line.trim()) actions.at(-1)!.paragraphs.push(line);
  }
  return { themes, actions };
}

/** A publication date for update k: eight weeks apart from 1 March 2021 (generated data, never published). */
function published(k: number): { iso: string; dutch: string } {
  const d = new Date(Date.UTC(2021, 2, 1) + (k - 1) * 56 * 86_400_000);
  return { iso: d.toISOString().slice(0, 10), dutch: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` };
}

/** The text of update k of a plan with m actions; about 15 % of the entries repeat the previous update. */
function updateText(k: number, m: number, t: ReturnType<typeof templates>): string {
  const lines = [`Update #${k} Actieplan Open Overheid 2020-2022`, seed[1]!, seed[2]!];
  const perTheme = Math.ceil(m / t.themes.length);
  for (let n = 1; n <= m; n++) {
    if ((n - 1) % perTheme === 0) lines.push(t.themes[Math.floor((n - 1) / perTheme)]!);
    const a = t.actions[(n - 1) % t.actions.length]!;
    lines.push(`${n}. ${a.title} (${n})`, a.holders);
    if (a.partners) lines.push(a.partners);
    if (k > 1 && (n * 7 + k * 13) % 100 < 15) lines.push('De actiehouder heeft geen nieuwe update aangeleverd.', `Vorige update (${published(k - 1).dutch}):`);
    const shift = (k + n) % a.paragraphs.length;
    lines.push(...a.paragraphs.slice(shift), ...a.paragraphs.slice(0, shift));
  }
  lines.push(...seed.slice(88));
  return lines.join('\n');
}

/** A data directory with one plan of m actions and n updates (a copy of data/ with generated sources). */
export function corpus(n: number, m: number): string {
  const dir = mkdtempSync(join(tmpdir(), `ontsluit-scale-${n}x${m}-`));
  cpSync(join(root, 'data'), dir, { recursive: true });
  const t = templates();
  const plans = JSON.parse(readFileSync(join(dir, 'plans.json'), 'utf8')) as { plans: { id: string; actions: Record<string, unknown>[] }[] };
  const plan = plans.plans.find((p) => p.id === '2020-2022')!;
  const keys = Object.keys(plan.actions[0]!);
  const perTheme = Math.ceil(m / t.themes.length);
  plan.actions = Array.from({ length: m }, (_, i) => {
    const action: Record<string, unknown> = { number: i + 1, ogpCommitment: null };
    if (keys.includes('theme')) action.theme = t.themes[Math.floor(i / perTheme)]!.split(' ')[0];
    return action;
  });
  writeFileSync(join(dir, 'plans.json'), JSON.stringify(plans, null, 2));
  mkdirSync(join(dir, 'updates', 'scale'), { recursive: true });
  const sources = Array.from({ length: n }, (_, i) => {
    const k = i + 1;
    writeFileSync(join(dir, 'updates', 'scale', `update-${k}.txt`), updateText(k, m, t));
    return { id: `scale-${k}`, plan: '2020-2022', place: `updates/scale/update-${k}.txt`, format: 'text', updateNumber: k, published: published(k).iso };
  });
  writeFileSync(join(dir, 'sources.json'), JSON.stringify({ sources }, null, 2));
  return dir;
}

/** One `run` of a corpus in a fresh process into a fresh --out, with the child's CPU, wall, peak RSS and stages. */
type RunFigures = { cpuMs: number; wallMs: number; rssMb: number; timings: Record<string, number>; cpuTimings: Record<string, number>; releaseEntries: number; floor?: BytesFloor };

/**
 * Directories the bench made, removed only once it is done. Files deleted on this machine's file system
 * (ext4 without a journal) make creating a file there up to ~30 times dearer for the next minutes: each
 * new inode is searched for past the recently freed ones (1.3-1.5 ms of CPU per file right after a run's
 * release was removed, 0.04-0.11 ms five minutes later). A run removing the previous run's release
 * would pay for it, which a scheduled run, hours after the last, does not.
 */
const scratch: string[] = [];
export const scratchDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};

/** Removes every directory the bench made: at its end, never between runs. */
export function removeScratch(): void {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** With `floor`, the release's bytes are also measured alone (`bytesFloor`), once the run is done. */
async function runOnce(data: string, floor = false): Promise<RunFigures> {
  const out = scratchDir('ontsluit-scale-out-');
  const child = spawnSync(process.execPath, [join(here, 'child.js'), 'run', join(out, 'dist'), join(out, 'state'), data], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], encoding: 'utf8', cwd: root, env: withThreadpool(), maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`run of ${data} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  const figures = JSON.parse(child.output[3] as string) as RunFigures;
  return floor ? { ...figures, floor: await bytesFloor(join(out, 'dist'), scratchDir('ontsluit-bytes-floor-')) } : figures;
}

/** Each emitter against its bare-library floor, in a fresh process over the same corpus. */
function emitters(data: string, entries: number): EmitFigures {
  const out = scratchDir('ontsluit-scale-emit-');
  const child = spawnSync(process.execPath, ['--expose-gc', join(here, 'child.js'), 'emitters', join(out, 'dist'), join(out, 'state'), data, String(entries)], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], encoding: 'utf8', cwd: root, env: withThreadpool(), maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`emitters of ${data} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  return JSON.parse(child.output[3] as string) as EmitFigures;
}

/** Entries (updates × actions) → the shape of the corpus (action numbers have at most three digits, as the parser reads them). */
export const SHAPES: Record<number, [number, number]> = { 100: [4, 25], 1_000: [10, 100], 10_000: [20, 500], 100_000: [125, 800] };

/** `--scale-from=1e4`: leave out the sizes below, to measure one size alone. */
const smallest = Number(process.argv.find((a) => a.startsWith('--scale-from='))?.split('=')[1] ?? 0);

/**
 * The same table as measured on this 2-core machine before the model was made linear and emit lean
 * (issue 11): CPU, peak RSS, model stage, emit, check. Printed beside today's figures.
 */
export const BEFORE: Record<number, string> = {
  100: '4.8 s CPU, 245 MB, model 0.03 s, emit 0.62 s, check 1.25 s',
  1_000: '7.2 s CPU, 274 MB, model 0.16 s, emit 2.07 s, check 1.39 s',
  10_000: '27.3 s CPU, 1.17 GB, model 5.2 s, emit 13.0 s, check 1.9 s',
  100_000: '4490 s CPU, 4.8 GB, model ~4300-6000 s, emit 150 s, check 14 s',
};
/** Targets per size: CPU seconds and peak RSS in MB. */
export const TARGETS: Record<number, [number, number]> = { 10_000: [12, 1024], 100_000: [180, 1536] };
/** Linear growth: at ten times the entries the model stage may take at most this many times as long. */
const MODEL_GROWTH_LIMIT = 15;
/**
 * Runs per size: the CPU of one run on this shared 2-core machine varies by ±15 % from run to run, so up to
 * 10⁴ entries the figure is the least CPU of three runs (the range is printed), and the peak RSS the highest.
 */
const runsFor = (entries: number) => (entries <= 10_000 ? 3 : 1);

/** CPU ms it costs this file system to create one empty file (the mean of 1000, in a directory of their own beside the others, kept until the bench is done). */
export function createCost(): number {
  const dir = scratchDir('ontsluit-scale-inodes-');
  const start = process.cpuUsage();
  for (let i = 0; i < 1000; i++) closeSync(openSync(join(dir, String(i)), 'w'));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / 1000;
}
/** Above this cost per file the file system is still passing over files deleted before the bench began. */
export const SLOW_CREATE_MS = 0.5;

export async function benchScale(largest: number): Promise<void> {
  console.log('scale: entries | updates × actions | CPU | wall | peak RSS | stages (wall/CPU ms) | before');
  const model: [number, number][] = [];
  /** Per size: the peak RSS of its runs and the heap its dataset takes (MB). */
  const memory: { entries: number; rssMb: number; modelMb: number }[] = [];
  const lines: string[] = [];
  const before = createCost();
  console.log(`scale: creating a file costs this file system ${before.toFixed(2)} ms of CPU before the bench${before > SLOW_CREATE_MS ? ` (over ${SLOW_CREATE_MS} ms: files were deleted here in the last minutes, and the runs pay for it)` : ''}; the bench removes what it made only at its end`);
  try {
    for (const [entries, [n, m]] of Object.entries(SHAPES).map(([e, s]) => [Number(e), s] as const)) {
      if (entries < smallest || entries > largest) continue;
      const figures = await size(entries, n, m);
      model.push([entries, figures.modelMs]);
      memory.push({ entries, rssMb: figures.rssMb, modelMb: figures.modelMb });
      lines.push(...figures.lines);
    }
  } finally {
    removeScratch();
  }
  report(model, memory, lines);
}

/** The runs of one size, printed as they are done; the emitters' lines are printed after every size. */
async function size(entries: number, n: number, m: number): Promise<{ modelMs: number; rssMb: number; modelMb: number; lines: string[] }> {
  const data = corpus(n, m);
  scratch.push(data);
  const runs: RunFigures[] = [];
  for (let i = 0; i < runsFor(entries); i++) runs.push(await runOnce(data, i === 0));
  const r = runs.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
  const rssMb = Math.max(...runs.map((x) => x.rssMb));
  const cpus = runs.map((x) => x.cpuMs / 1000);
  const spread = runs.length > 1 ? ` (least of ${runs.length}: ${Math.min(...cpus).toFixed(1)}–${Math.max(...cpus).toFixed(1)} s)` : '';
  const stages = Object.entries(r.timings).map(([s, ms]) => `${s} ${ms.toFixed(0)}/${(r.cpuTimings[s] ?? 0).toFixed(0)}`).join(', ');
  console.log(`scale: ${entries} | ${n} × ${m} | ${(r.cpuMs / 1000).toFixed(1)} s${spread} | ${(r.wallMs / 1000).toFixed(1)} s | ${rssMb.toFixed(0)} MB | ${stages} | ${BEFORE[entries] ?? '-'}`);
  const perFile = createCost();
  console.log(`scale: ${entries} release of ${r.releaseEntries} files and directories; creating a file costs this file system ${perFile.toFixed(2)} ms of CPU, ~${((perFile * r.releaseEntries) / 1000).toFixed(1)} s of the run`);
  const floor = runs[0]!.floor!;
  const cpuOf = (stage: string) => Math.min(...runs.map((x) => x.cpuTimings[stage] ?? 0)) / 1000;
  console.log(`scale: ${entries} the release's bytes alone (${floor.files} files, ${floor.megabytes.toFixed(0)} MB with the copies): compressing them ${(floor.compressMs / 1000).toFixed(1)} s CPU (the run's compress stage ${cpuOf('compress').toFixed(1)} s), writing and flushing them ${(floor.writeMs / 1000).toFixed(1)} s (publish ${cpuOf('publish').toFixed(1)} s); the least of each stage over the runs`);
  const target = TARGETS[entries];
  if (target) console.log(`scale: ${entries} target ≤ ${target[0]} s CPU, ≤ ${target[1]} MB: ${r.cpuMs / 1000 <= target[0] && rssMb <= target[1] ? 'met' : 'MISSED'}`);
  const figures = emitters(data, entries);
  return { modelMs: r.timings.model ?? 0, rssMb, modelMb: figures.modelMb, lines: formatEmitters(entries, figures) };
}

/** After every size: the emitters against their floors, memory growth, and the model's growth. */
function report(model: [number, number][], memory: { entries: number; rssMb: number; modelMb: number }[], lines: string[]): void {
  console.log('emit: entries | emitter | time | floor | ratio | bytes | floor');
  for (const line of lines) console.log(line);
  // Peak memory should grow from one size to the next by no more than the model it holds.
  for (let i = 1; i < memory.length; i++) {
    const [a, b] = [memory[i - 1]!, memory[i]!];
    const [rss, held] = [b.rssMb - a.rssMb, b.modelMb - a.modelMb];
    console.log(`scale: peak RSS ${a.entries} → ${b.entries} entries: ${a.rssMb.toFixed(0)} → ${b.rssMb.toFixed(0)} MB (+${rss.toFixed(0)}); the dataset in memory ${a.modelMb.toFixed(0)} → ${b.modelMb.toFixed(0)} MB (+${held.toFixed(0)}); growth beyond the model ${(rss - held).toFixed(0)} MB`);
  }
  // The model stage must grow linearly: ten times the entries, well under a hundred times the time.
  for (let i = 1; i < model.length; i++) {
    const [[e0, t0], [e1, t1]] = [model[i - 1]!, model[i]!];
    const growth = t1 / Math.max(t0, 0.1);
    const linear = growth <= MODEL_GROWTH_LIMIT;
    console.log(`scale: model stage ${e0} → ${e1} entries (${(e1 / e0).toFixed(0)} ×): ${growth.toFixed(1)} × the time (${linear ? 'linear' : `MORE THAN ${MODEL_GROWTH_LIMIT} ×: quadratic growth`})`);
    if (!linear) process.exitCode = 1;
  }
}
