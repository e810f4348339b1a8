// Benchmark against a fixed point: another checkout of ontsluit (the code a target was set on) and this one, run in turns on one generated corpus.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { childrenCpuMs } from './children-cpu.js';
import { BEFORE, SHAPES, SLOW_CREATE_MS, TARGETS, corpus, createCost, removeScratch, root as here, scratchDir } from './scale.js';

type Json = Record<string, unknown>;

/** The keys an action of `plans.json` may have in the checkout at `root`, from its own schema; null when its schema does not list them. */
function actionKeys(root: string): string[] | null {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'plans.schema.json'), 'utf8')) as Json;
  const at = (value: unknown, ...path: string[]) => path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Json)[key] : undefined), value);
  const properties = at(schema, 'properties', 'plans', 'items', 'properties', 'actions', 'items', 'properties');
  return properties && typeof properties === 'object' ? Object.keys(properties) : null;
}

/**
 * The corpus in `data` as the checkout at `root` reads it: that checkout's own `data/`, with the corpus's
 * generated updates, its source registry (with the checkout's own `$schema`), and its plan's actions
 * with only the keys that checkout's schema knows (an older one has no `theme`). Gives the directory.
 */
export function referenceData(root: string, data: string, into: string): string {
  cpSync(join(root, 'data'), into, { recursive: true });
  cpSync(join(data, 'updates', 'scale'), join(into, 'updates', 'scale'), { recursive: true });
  const keys = actionKeys(root);
  const generated = JSON.parse(readFileSync(join(data, 'plans.json'), 'utf8')) as { plans: { id: string; actions: Json[] }[] };
  const plans = JSON.parse(readFileSync(join(into, 'plans.json'), 'utf8')) as { plans: { id: string; actions: Json[] }[] };
  for (const plan of plans.plans) {
    const actions = generated.plans.find((p) => p.id === plan.id)?.actions;
    if (actions) plan.actions = actions.map((a) => Object.fromEntries(Object.entries(a).filter(([key]) => !keys || keys.includes(key))));
  }
  writeFileSync(join(into, 'plans.json'), JSON.stringify(plans, null, 2));
  const own = JSON.parse(readFileSync(join(root, 'data', 'sources.json'), 'utf8')) as Json;
  const sources = JSON.parse(readFileSync(join(data, 'sources.json'), 'utf8')) as Json;
  writeFileSync(join(into, 'sources.json'), JSON.stringify({ ...sources, ...(own.$schema ? { $schema: own.$schema } : {}) }, null, 2));
  return into;
}

/**
 * `ontsluit run` of the checkout at `root` in a fresh process, into a fresh `--out` and state directory,
 * after `sync` (so that neither run flushes what the other wrote). CPU of the process and of the
 * processes it waited for, in clock ticks of 10 ms.
 */
function runCli(root: string, data: string): { cpuS: number; wallS: number } {
  spawnSync('sync');
  const out = scratchDir('ontsluit-reference-out-');
  const before = childrenCpuMs();
  const started = performance.now();
  const child = spawnSync(process.execPath, [join(root, 'bin', 'ontsluit.js'), 'run', '--data', data, '--out', join(out, 'dist'), '--state-dir', join(out, 'state')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallS = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`${root}: run of ${data} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  return { cpuS: (childrenCpuMs() - before) / 1000, wallS };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Pairs of runs, the reference and this checkout in turns (ABBA, so that a drift of the machine weighs on both), printed as they are done. */
export function benchReference(reference: string, entries: number, pairs: number): void {
  const shape = SHAPES[entries];
  const then = Number.parseFloat(BEFORE[entries] ?? '');
  if (!shape || Number.isNaN(then)) throw new Error(`--entries: one of ${Object.keys(SHAPES).join(', ')}`);
  const target = TARGETS[entries]?.[0];
  try {
    const data = corpus(...shape);
    const theirs = referenceData(reference, data, scratchDir('ontsluit-reference-data-'));
    const cost = createCost();
    console.log(`reference: ${reference} against ${here}, ${entries} entries (${shape[0]} × ${shape[1]}), ${pairs} pairs; creating a file costs ${cost.toFixed(2)} ms of CPU${cost > SLOW_CREATE_MS ? ' (files were deleted here in the last minutes: the runs pay for it)' : ''}`);
    console.log(`reference: the reference took ${then} s CPU when the targets were set; each pair's ratio is read at that speed${target ? ` (target ${target} s)` : ''}`);
    // This checkout's release has thousands of files where the reference's has a few dozen: while files deleted in the last
    // minutes make creating one dearer (bench/scale.ts), the ratio is weighed against this checkout; nothing is removed until the end.
    const ratios: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 === 0 ? (['ref', 'this'] as const) : (['this', 'ref'] as const);
      const runs = Object.fromEntries(order.map((who) => [who, who === 'ref' ? runCli(reference, theirs) : runCli(here, data)])) as Record<'ref' | 'this', { cpuS: number; wallS: number }>;
      const ratio = runs.this.cpuS / runs.ref.cpuS;
      ratios.push(ratio);
      console.log(`reference: pair ${i + 1}: reference ${runs.ref.cpuS.toFixed(2)} s CPU (${runs.ref.wallS.toFixed(1)} s wall), this ${runs.this.cpuS.toFixed(2)} s (${runs.this.wallS.toFixed(1)} s): ${ratio.toFixed(3)}, ${(ratio * then).toFixed(1)} s at the reference's ${then} s; a file now costs ${createCost().toFixed(2)} ms`);
    }
    const under = target ? ratios.filter((r) => r * then <= target).length : 0;
    console.log(
      `reference: ${pairs} pairs: ratio ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}, mean ${mean(ratios).toFixed(3)}: ${(mean(ratios) * then).toFixed(1)} s at ${then} s` +
        (target ? `; ${under} of ${pairs} pairs at or under ${target} s` : ''),
    );
  } finally {
    removeScratch();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { reference: { type: 'string' }, entries: { type: 'string', default: '1e4' }, pairs: { type: 'string', default: '8' } } });
  if (!values.reference || !existsSync(join(values.reference, 'bin', 'ontsluit.js')))
    throw new Error('--reference: a built checkout of ontsluit (git worktree add ../reference <commit>, then npm install or a link to node_modules, and npm run build)');
  benchReference(resolve(values.reference), Number(values.entries), Number(values.pairs));
}
