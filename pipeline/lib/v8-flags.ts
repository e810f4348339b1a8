// V8 settings the `ontsluit` process makes for itself, each left alone when its command line chose one (`node --flag=… bin/ontsluit.js`).
import { setFlagsFromString } from 'node:v8';

/** True when `execArgv` sets the V8 flag `name` (given with dashes; V8 also reads it with underscores). */
export function operatorSet(execArgv: readonly string[], name: string): boolean {
  const spelled = name.replace(/-/g, '[-_]');
  return execArgv.some((arg) => new RegExp(`^--${spelled}(?:=|$)`).test(arg));
}

/** V8's own interrupt budget in Node 20 (V8 11.3): bytecode a function runs before V8 weighs optimising it. */
export const V8_INTERRUPT_BUDGET = 66 * 1024;
/**
 * Eight times V8's own budget. A run is a short process through dozens of libraries: at 10⁴ entries V8
 * compiled 606 functions with TurboFan on its helper threads, ~2.6 s of the run's CPU. Runs of one
 * corpus of 10⁴ entries, interleaved (`node build/bench/child.js run …`, CPU of all threads): V8's
 * budget 17.95 s (mean of 7), 4 times 17.41 s (6), 8 times 16.44 s (6), 16 times 17.48 s (3), where
 * the main thread got slower than it gained. A function that stays hot is optimised all the same, later.
 */
export const INTERRUPT_BUDGET = 8 * V8_INTERRUPT_BUDGET;

/**
 * Optimise later: `--interrupt-budget` set to `INTERRUPT_BUDGET`, unless the command line chose it.
 * Set first thing in the process, before the code it is meant for runs. Gives whether it was set.
 */
export function delayOptimisation(execArgv: readonly string[] = process.execArgv): boolean {
  if (operatorSet(execArgv, 'interrupt-budget')) return false;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  return true;
}
