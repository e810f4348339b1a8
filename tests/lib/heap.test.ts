import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, heapGrowthFlag } from '../../pipeline/lib/heap.js';

describe('heapGrowthFlag', () => {
  it('bounds the growth when the process chose nothing', () => {
    expect(heapGrowthFlag([], undefined)).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowthFlag(['--enable-source-maps'], '--max-old-space-size=4096')).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it("leaves the operator's own setting alone, on the command line or in NODE_OPTIONS, in either spelling", () => {
    expect(heapGrowthFlag(['--heap-growing-percent=100'], undefined)).toBeNull();
    expect(heapGrowthFlag(['--heap_growing_percent=20'], undefined)).toBeNull();
    expect(heapGrowthFlag([], '--max-old-space-size=4096 --heap-growing-percent=300')).toBeNull();
  });

  it('is not fooled by a flag that only starts the same', () => {
    expect(heapGrowthFlag(['--heap-growing-percentage-x'], undefined)).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });
});
