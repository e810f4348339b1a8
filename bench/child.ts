// Benchmark child: runs one command in a fresh process and reports its wall time and CPU (all threads, and the processes it waited for) since the process started.
import { readdirSync, realpathSync, writeSync } from 'node:fs';
import { childrenCpuMs } from './children-cpu.js';
import { boundHeapGrowth } from '../pipeline/lib/heap.js';
import { tuneFor } from '../pipeline/lib/v8-flags.js';
import { resolvePipelineOptions } from '../pipeline/options.js';
import { runPipeline } from '../pipeline/run.js';

const [mode, ...args] = process.argv.slice(2);
// A run sets V8 up as the CLI's `run` does (bin/ontsluit.js); the emitters' figures are measured without these settings.
if (mode === 'run' || mode === 'skip') {
  tuneFor('run');
  boundHeapGrowth();
}
let timings: Record<string, number>;
let cpuTimings: Record<string, number> = {};
if (mode === 'skip') {
  // A scheduled run with nothing changed since the release in args[0].
  const result = await runPipeline({ ...resolvePipelineOptions({ out: args[0], stateDir: args[1] }), write: true, skipUnchanged: true });
  if (!result.skipped) throw new Error('expected a skipped run');
  timings = result.timings;
  cpuTimings = result.cpuTimings;
} else if (mode === 'run') {
  // args: out, state dir, and optionally another data directory (a generated corpus).
  const result = await runPipeline({ ...resolvePipelineOptions({ out: args[0], stateDir: args[1], ...(args[2] ? { data: args[2] } : {}) }, () => new Date('2026-11-29T12:00:00Z')), write: true });
  if (!result.published) throw new Error(`not published: ${JSON.stringify(result.report.errors.slice(0, 3))}`);
  timings = result.timings;
  cpuTimings = result.cpuTimings;
} else if (mode === 'emitters') {
  // args: out, state dir, data directory, entries: each emitter against its floor, printed by the benchmark.
  const { measureEmitters } = await import('./emitters.js');
  const figures = await measureEmitters(args[2]!, args[0]!, args[1]!, Number(args[3]));
  writeSync(3, JSON.stringify(figures));
  process.exit(0);
} else {
  throw new Error(`unknown mode ${mode}; the CLI itself is measured through bin/ontsluit.js`);
}
const cpu = process.cpuUsage();
const children = childrenCpuMs();
const [wallMs, rssMb] = [performance.now(), process.resourceUsage().maxRSS / 1024];
// Files and directories the run created in the release, counted once the figures were read: each is a new inode, whose cost is the file system's.
const releaseEntries = mode === 'run' ? readdirSync(realpathSync(args[0]!), { recursive: true }).length : 0;
// fd 3 is the channel to the benchmark; stdout stays free for the command.
writeSync(3, JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 + children, rssMb, timings, cpuTimings, releaseEntries }));
