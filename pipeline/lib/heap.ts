// How far a large heap may grow past its live data before a full collection: the process's peak memory follows what a run holds.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { operatorSet } from './v8-flags.js';

/**
 * V8 lets the heap grow to up to four times its live data between full collections when the machine has
 * memory to spare. A run of 10⁵ entries then peaked at 1.27–1.47 GB of RSS while it held ~450 MB; with
 * growth bounded to half the live data it peaked at 1.15–1.24 GB (`node build/bench/child.js run …`).
 * V8 sets the next limit at a full collection: a bound set later applies only from the next one,
 * which V8 may have put at four times the heap of the last (at 10⁵: 217 MB after reading the
 * sources, the next collection at 860 MB). So the bound comes with one full collection of its own.
 */
const HEAP_GROWING_PERCENT = 50;
/**
 * The bound costs CPU where the heap is small and full collections are cheap anyway (emit at 10³ entries:
 * 15 % more), so it holds only while the heap holds more than this; below half of it V8 decides again.
 */
export const BOUND_FROM_BYTES = 256 * 1024 * 1024;
/** How often the heap is looked at (a call that reads counters). */
const EVERY_MS = 500;

/** True when the process was started with its own setting (`node --heap-growing-percent=…`; Node refuses the flag in NODE_OPTIONS): it is left alone. */
export function operatorChose(execArgv: readonly string[]): boolean {
  return operatorSet(execArgv, 'heap-growing-percent');
}

/** Whether growth should be bounded, given the heap in use and whether it is bounded now (half the threshold back, so it does not flap). */
export function shouldBound(usedBytes: number, bounded: boolean): boolean {
  return bounded ? usedBytes >= BOUND_FROM_BYTES / 2 : usedBytes > BOUND_FROM_BYTES;
}

/** The V8 flag for a state: the bound, or 0, which gives the choice back to V8's own heuristics. */
export const growthFlag = (bounded: boolean) => `--heap-growing-percent=${bounded ? HEAP_GROWING_PERCENT : 0}`;

/**
 * A full collection. `--expose-gc` set at run time gives `gc` to the contexts and worker threads made
 * after it (the SPARQL workers of `serve`, for one), not to the main context's global; only this
 * module calls it.
 */
export function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Set by `boundHeapGrowth`: this process manages its heap, and the collector once made. */
const managed: { on: boolean; collect?: () => void } = { on: false };

/**
 * Bounds this process's heap growth while its heap is large, unless its command line chose a setting.
 * When the bound comes on, one full collection makes V8 set its next limit by it. The check runs on a
 * timer that never keeps the process alive.
 */
export function boundHeapGrowth(): void {
  if (operatorChose(process.execArgv)) return;
  managed.on = true;
  let bounded = false;
  setInterval(() => {
    const next = shouldBound(getHeapStatistics().used_heap_size, bounded);
    if (next === bounded) return;
    setFlagsFromString(growthFlag((bounded = next)));
    if (bounded) (managed.collect ??= fullCollection())();
  }, EVERY_MS).unref();
}

/**
 * Between two large steps of a run (one data file and the next): one full collection, when this
 * process manages its heap (`boundHeapGrowth`) and the heap holds more than `from` bytes. A step
 * leaves hundreds of MB of garbage at 10⁵ entries, which V8 would otherwise carry into the next step
 * up to its limit. Runs of 10⁵ entries peaked at 698–724 MB of RSS with these collections (6 runs)
 * and at 704–830 MB without (3 runs): within the noise, but never the highest. Each costs ~0.2 s
 * there. Gives whether it collected.
 */
export function collectBetweenSteps(from: number = BOUND_FROM_BYTES): boolean {
  if (!managed.on || getHeapStatistics().used_heap_size <= from) return false;
  (managed.collect ??= fullCollection())();
  return true;
}
