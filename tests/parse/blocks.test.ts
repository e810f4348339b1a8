// Plain-text blocks as strings of their own: a block kept from a source does not keep the source's whole text alive.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { textToBlocks } from '../../pipeline/parse/blocks.js';

/** A full collection (the same way `pipeline/lib/heap.ts` gets one). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Heap bytes in use after a full collection. V8 keeps the subject of the last successful match
 * (`RegExp.input`): a match on another string first, so that a line last matched does not keep its
 * source alive here.
 */
const heapAfter = (gc: () => void) => {
  /x/.test('x');
  gc();
  return process.memoryUsage().heapUsed;
};

describe('plain-text blocks hold their own text', () => {
  it.each([
    ['tidy lines (single spaces, no white space at the ends)', (i: number) => `Regel ${i}: de actiehouder meldt voortgang op dit actiepunt.`],
    ['lines with white space to collapse', (i: number) => `\tRegel ${i}:  de actiehouder\u00a0meldt voortgang op dit actiepunt. `],
    ['list items', (i: number) => `- Regel ${i}: de actiehouder meldt voortgang op dit actiepunt.`],
  ])('%s: 100 blocks kept from a source of 8 MB hold a few KB, not the source', (_, line) => {
    const gc = collector();
    /** The texts of every 1300th block of a source of 130,000 lines; the source goes when this returns. */
    const keptFrom = () => {
      const source = Array.from({ length: 130_000 }, (_, i) => line(i)).join('\n');
      return { size: source.length, texts: textToBlocks(source).filter((_, i) => i % 1300 === 0).map((block) => block.text) };
    };
    const before = heapAfter(gc);
    const kept = keptFrom();
    // Slices of the source would keep all of it: ~8 MB.
    const held = heapAfter(gc) - before;
    const [size, count, second] = [kept.size, kept.texts.length, kept.texts[1]];
    expect(size).toBeGreaterThan(7_000_000);
    expect(count).toBe(100);
    expect(second).toBe('Regel 1300: de actiehouder meldt voortgang op dit actiepunt.');
    expect(held).toBeLessThan(1_000_000);
  });

  it('keeps a line with a lone surrogate as it is (UTF-8 cannot carry one, so it is not copied through it)', () => {
    const line = 'Regel met een losse helft \ud800 van een teken';
    expect(textToBlocks(`${line}\nvolgende regel`).map((block) => block.text)).toEqual([line, 'volgende regel']);
  });
});
