import { describe, expect, it } from 'vitest';
import { getHeapStatistics } from 'node:v8';
import { BOUND_FROM_BYTES, boundHeapGrowth, collectBetweenSteps, fullCollection, growthFlag, operatorChose, shouldBound } from '../../pipeline/lib/heap.js';

describe('operatorChose', () => {
  it('is false when the process chose nothing', () => {
    expect(operatorChose([])).toBe(false);
    expect(operatorChose(['--enable-source-maps', '--max-old-space-size=4096'])).toBe(false);
  });

  it("sees the operator's own setting on the command line, in either spelling", () => {
    expect(operatorChose(['--heap-growing-percent=100'])).toBe(true);
    expect(operatorChose(['--max-old-space-size=4096', '--heap_growing_percent=20'])).toBe(true);
  });

  it('is not fooled by a flag that only starts the same', () => {
    expect(operatorChose(['--heap-growing-percentage-x'])).toBe(false);
  });
});

describe('shouldBound', () => {
  it('bounds growth once the heap holds more than the threshold, and not before', () => {
    expect(shouldBound(BOUND_FROM_BYTES, false)).toBe(false);
    expect(shouldBound(BOUND_FROM_BYTES + 1, false)).toBe(true);
  });

  it('lets go only below half the threshold, so that a heap near it does not switch back and forth', () => {
    expect(shouldBound(BOUND_FROM_BYTES - 1, true)).toBe(true);
    expect(shouldBound(BOUND_FROM_BYTES / 2, true)).toBe(true);
    expect(shouldBound(BOUND_FROM_BYTES / 2 - 1, true)).toBe(false);
  });

  it('sets the bound, and 0 to give the choice back to V8', () => {
    expect(growthFlag(true)).toBe('--heap-growing-percent=50');
    expect(growthFlag(false)).toBe('--heap-growing-percent=0');
  });
});

describe('fullCollection', () => {
  it('collects what nothing holds any more, and leaves the global without gc', () => {
    const collect = fullCollection();
    const used = () => getHeapStatistics().used_heap_size;
    collect();
    const before = used();
    const holder: { held: { i: number; text: string }[] | null } = { held: Array.from({ length: 500_000 }, (_, i) => ({ i, text: `entry number ${i} of the list` })) };
    const grown = used() - before;
    holder.held = null;
    collect();
    expect(grown).toBeGreaterThan(20 * 1024 * 1024);
    expect(used() - before).toBeLessThan(grown / 4);
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});

describe('collectBetweenSteps', () => {
  it('does nothing in a process that does not manage its heap, then collects once it does and its heap is over the size given', () => {
    const used = () => getHeapStatistics().used_heap_size;
    const holder: { held: { i: number; text: string }[] | null } = { held: null };
    const garbage = () => {
      holder.held = Array.from({ length: 500_000 }, (_, i) => ({ i, text: `entry number ${i} of the list` }));
      holder.held = null;
    };
    expect(collectBetweenSteps(0)).toBe(false);
    boundHeapGrowth();
    expect(collectBetweenSteps(Number.MAX_SAFE_INTEGER)).toBe(false);
    collectBetweenSteps(0);
    const before = used();
    garbage();
    const grown = used() - before;
    expect(collectBetweenSteps(0)).toBe(true);
    expect(grown).toBeGreaterThan(20 * 1024 * 1024);
    expect(used() - before).toBeLessThan(grown / 4);
  });
});
