// Benchmark: start-up and whole-run figures of the command line, each in a fresh process, as ratios to `node -e 0`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withThreadpool } from '../pipeline/lib/threadpool.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const child = join(here, 'child.js');
const bin = join(root, 'bin', 'ontsluit.js');
const preload = pathToFileURL(join(here, 'report-exit.js')).href;
const seed = join(root, 'data', 'updates', 'update-02-actieplan-open-overheid-2020-2022.txt');

interface Sample {
  wallMs: number;
  cpuMs: number;
  timings: Record<string, number>;
}

/** Runs `node <args>` in a fresh process; the child writes its own figures to fd 3. */
function measure(args: string[]): Sample {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], encoding: 'utf8', cwd: root, env: withThreadpool() });
  const wallMs = performance.now() - started;
  const reported = (result.output[3] as string | null) || '';
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const own = reported ? (JSON.parse(reported) as Sample) : { cpuMs: NaN, timings: {} };
  return { wallMs, cpuMs: own.cpuMs, timings: own.timings };
}

/** The median of `n` runs, by wall time. */
function median(n: number, args: string[]): Sample {
  const samples = Array.from({ length: n }, () => measure(args)).sort((a, b) => a.wallMs - b.wallMs);
  return samples[Math.floor(n / 2)]!;
}

const fmt = (s: Sample) => `${s.wallMs.toFixed(0)} ms wall${Number.isNaN(s.cpuMs) ? '' : `, ${s.cpuMs.toFixed(0)} ms CPU`}`;
const shares = (timings: Record<string, number>) => {
  const total = Object.values(timings).reduce((a, b) => a + b, 0);
  return Object.entries(timings).map(([stage, ms]) => `${stage} ${ms.toFixed(0)} ms (${Math.round((ms / total) * 100)} %)`).join(', ');
};

export async function benchCli(): Promise<void> {
  const node = median(7, ['--import', preload, '-e', '0']);
  console.log(`node -e 0: ${fmt(node)}`);
  for (const [label, args, target] of [
    ['ontsluit --version', ['--version'], 1.5],
    ['ontsluit --help', ['--help'], 1.5],
    ['ontsluit parse <seed>', ['parse', seed], 3],
  ] as const) {
    const s = median(7, ['--import', preload, bin, ...args]);
    console.log(`${label}: ${fmt(s)}; ${(s.wallMs / node.wallMs).toFixed(2)} × node -e 0 (target ≤ ${target} ×)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ontsluit-bench-cli-'));
  try {
    const cold = measure([child, 'run', join(dir, 'dist'), join(dir, 'state')]);
    console.log(`ontsluit run, cold (fresh process, fresh --out): ${fmt(cold)} (target ≤ 1500 ms CPU); stages: ${shares(cold.timings)}`);
    const skip = median(5, [child, 'skip', join(dir, 'dist'), join(dir, 'state')]);
    console.log(`rerun with nothing changed (skipped): ${fmt(skip)} (target ≤ 500 ms); stages: ${shares(skip.timings)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
