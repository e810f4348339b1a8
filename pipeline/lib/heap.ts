// How far the heap may grow past its live data before a full collection: the process's peak memory follows what a run holds.
import { setFlagsFromString } from 'node:v8';

/**
 * V8 lets the heap grow to up to four times its live data between full collections when the machine has
 * memory to spare. A run of 10⁵ entries then peaked at 1.27–1.47 GB of RSS while it held ~450 MB; with
 * growth bounded to half the live data it peaked at 1.13–1.25 GB, for about a tenth more CPU (more full
 * collections; `npm run bench -- --scale=1e5`).
 */
export const HEAP_GROWING_PERCENT = 50;

const FLAG = /(?:^|\s)--heap[-_]growing[-_]percent\b/;

/** The flag to set, or null when the process was started with its own (`node --heap-growing-percent=…` or NODE_OPTIONS). */
export function heapGrowthFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | null {
  if (execArgv.some((arg) => FLAG.test(arg)) || FLAG.test(nodeOptions ?? '')) return null;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

/** Bounds this process's heap growth, unless its command line or NODE_OPTIONS chose otherwise. */
export function boundHeapGrowth(): void {
  const flag = heapGrowthFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag) setFlagsFromString(flag);
}
