// V8 settings by command: the interrupt budget a run sets, the operator's own flags kept, the long-lived commands left alone.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INTERRUPT_BUDGET, LONG_LIVED, V8_INTERRUPT_BUDGET, operatorSet } from '../../pipeline/lib/v8-flags.js';

describe('operatorSet', () => {
  it('sees a flag on the command line, with dashes or underscores, with or without a value', () => {
    expect(operatorSet(['--interrupt-budget=1000'], 'interrupt-budget')).toBe(true);
    expect(operatorSet(['--enable-source-maps', '--interrupt_budget=1000'], 'interrupt-budget')).toBe(true);
    expect(operatorSet(['--expose-gc'], 'expose-gc')).toBe(true);
  });

  it('is not fooled by another flag that starts the same, or by none', () => {
    expect(operatorSet(['--interrupt-budget-for-feedback-allocation=940'], 'interrupt-budget')).toBe(false);
    expect(operatorSet([], 'interrupt-budget')).toBe(false);
  });
});

/**
 * How many calls a small hot function takes before V8 has optimised it, in a fresh process with
 * `flags`, after `setup` ran (compiling on the calling thread, so that the count does not depend on
 * when a helper thread is done).
 */
function callsUntilOptimised(flags: string[], setup: string): number {
  const module = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '../../build/pipeline/lib/v8-flags.js')).href;
  const script = `
    const { delayOptimisation, tuneFor } = await import(${JSON.stringify(module)});
    ${setup}
    function hot(n) { let s = 0; for (let i = 0; i < 16; i++) s += (n * i) % 7; return s; }
    let calls = 0;
    // Bit 4 of the status: optimised.
    while (!(%GetOptimizationStatus(hot) & 16) && calls < 1e7) hot(calls++);
    console.log(calls);`;
  const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', ...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return Number(child.stdout.trim());
}

describe('delayOptimisation', () => {
  it(`makes V8 optimise a hot function ${INTERRUPT_BUDGET / V8_INTERRUPT_BUDGET} times later`, () => {
    const before = callsUntilOptimised([], '');
    const after = callsUntilOptimised([], 'if (!delayOptimisation()) throw new Error("not set");');
    expect(before).toBeGreaterThan(0);
    expect(after / before).toBeGreaterThan(6);
    expect(after / before).toBeLessThan(10);
  });

  it("keeps the operator's own budget", () => {
    const chosen = [`--interrupt-budget=${V8_INTERRUPT_BUDGET}`];
    const before = callsUntilOptimised(chosen, '');
    const after = callsUntilOptimised(chosen, 'if (delayOptimisation()) throw new Error("set over the operator");');
    expect(after / before).toBeGreaterThan(0.8);
    expect(after / before).toBeLessThan(1.25);
  });

  it("is V8's own budget that is multiplied", () => {
    const own = callsUntilOptimised([], '');
    const stated = callsUntilOptimised([`--interrupt-budget=${V8_INTERRUPT_BUDGET}`], '');
    expect(stated / own).toBeGreaterThan(0.8);
    expect(stated / own).toBeLessThan(1.25);
  });
});

describe('tuneFor', () => {
  it('delays optimisation for a command that ends when its work is done', () => {
    const before = callsUntilOptimised([], '');
    const run = callsUntilOptimised([], 'if (!tuneFor("run")) throw new Error("not set");');
    expect(run / before).toBeGreaterThan(6);
  });

  it('keeps V8\'s own budget for the server and the scheduler, whose code runs hot for hours', () => {
    expect([...LONG_LIVED].sort()).toEqual(['schedule', 'serve']);
    const before = callsUntilOptimised([], '');
    const serve = callsUntilOptimised([], 'if (tuneFor("serve") || tuneFor("schedule")) throw new Error("set");');
    expect(serve / before).toBeGreaterThan(0.8);
    expect(serve / before).toBeLessThan(1.25);
  });
});
