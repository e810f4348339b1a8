// V8 settings the `ontsluit` process makes for itself, by command, each left alone when its command line chose one (`node --flag=… bin/ontsluit.js`).
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
 * compiled 606 functions with TurboFan on its helper threads, ~2.6 s of the run's CPU; with this budget
 * it compiles ~250. Runs of one corpus of 10⁴ entries, each budget run beside one at V8's own
 * (`node build/bench/child.js run …`, CPU of all threads, 16 pairs): 0.72 s less CPU on average, from
 * 2.37 s less to 1.26 s more per pair of 15-20 s runs, less in 10 of 16; V8's helper threads used 1.4-2.2 s
 * less and the main thread 0.4-2.3 s more, as it ran unoptimised code for longer. 4 and 16 times the budget did no better. A
 * function that stays hot is optimised all the same, later.
 */
export const INTERRUPT_BUDGET = 8 * V8_INTERRUPT_BUDGET;

/**
 * Optimise later: `--interrupt-budget` set to `INTERRUPT_BUDGET`, unless the command line chose it.
 * Set before the code it is meant for runs. Gives whether it was set.
 */
export function delayOptimisation(execArgv: readonly string[] = process.execArgv): boolean {
  if (operatorSet(execArgv, 'interrupt-budget')) return false;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  return true;
}

/**
 * Commands whose process lives on (a server, the scheduler) keep V8's own budget: their code runs hot
 * for hours, and optimised late it is slower for longer. `ontsluit serve` with the larger budget answered
 * 2,207-2,321 req/s for `catalog.ttl` against 3,592-3,901 with V8's own, `/id/` 3,484-3,676 against
 * 5,219-5,384 (`node build/bench/endpoint-load.js --release … --bin …`, 5 s per figure, a release of
 * 10⁴ entries, two rounds).
 */
export const LONG_LIVED = new Set(['serve', 'schedule']);

/** `delayOptimisation` for a command that ends when its work is done; gives whether it was set. */
export function tuneFor(command: string, execArgv: readonly string[] = process.execArgv): boolean {
  return LONG_LIVED.has(command) ? false : delayOptimisation(execArgv);
}
