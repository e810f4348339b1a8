// The spool: large files go to disk as they are made, read back on demand, follow the release when published, and never outlive their run.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../pipeline/lib/hash.js';
import { sha256Of, sizeOf } from '../pipeline/manifest.js';
import { SPOOL_FROM, openSpool, spoolFrom, type Bytes } from '../pipeline/spool.js';

const temp = (name: string) => mkdtempSync(join(tmpdir(), `ontsluit-${name}-`));
const file = (path: string, text: string): Bytes & { mediaType: string } => ({ path, bytes: Buffer.from(text), mediaType: 'text/plain' });

describe('openSpool', () => {
  it('keeps small files in memory and moves large ones to disk, with their size and digest', () => {
    const state = temp('spool');
    const spool = openSpool(state, 10);
    const small = file('a/small.txt', 'tiny');
    expect(spool.keep(small)).toBe(small);
    // Pages stay in memory up to the page budget, then are spooled whatever their size: a large plan has thousands.
    const pages = openSpool(state, 10, 5);
    const [first, second] = [pages.keep(file('a/1.html', '<p>'), true), pages.keep(file('a/2.html', '<b>'), true)];
    expect([first.spooled, second.spooled?.size, second.bytes.toString()]).toEqual([undefined, 3, '<b>']);
    // A file that is not a page does not count against the budget, nor is it spooled below the size.
    expect(pages.keep(file('a/x.json', '{}')).spooled).toBeUndefined();
    pages.close();
    const text = 'a file of more than ten bytes';
    const large = spool.keep(file('a/large.txt', text));
    expect(large.spooled).toMatchObject({ size: Buffer.byteLength(text), sha256: sha256(Buffer.from(text)) });
    expect(existsSync(large.spooled!.at)).toBe(true);
    expect(large.spooled!.at.startsWith(join(state, 'spool'))).toBe(true);
    // Read back from disk each time it is asked for; size and digest without reading.
    expect(large.bytes.toString()).toBe(text);
    expect([sizeOf(large), sha256Of(large)]).toEqual([large.spooled!.size, large.spooled!.sha256]);
    expect(large.mediaType).toBe('text/plain');
    expect(spool.keep(large)).toBe(large);
    spool.close();
  });

  it('after publish reads the files from the release, and closing removes the spool', () => {
    const state = temp('spool');
    const spool = openSpool(state, 1);
    const kept = spool.keep(file('d/data.csv', 'in the spool'));
    const release = temp('release');
    mkdirSync(join(release, 'd'));
    writeFileSync(join(release, 'd', 'data.csv'), 'in the release');
    spool.published(release);
    spool.close();
    expect(readdirSync(join(state, 'spool'))).toEqual([]);
    expect(kept.bytes.toString()).toBe('in the release');
  });

  it('removes the spools of processes that are gone and of its own earlier runs, not those of a live process', () => {
    const state = temp('spool');
    const root = join(state, 'spool');
    // 4194303 is above the largest pid Linux gives out (2^22): no such process.
    for (const name of ['4194303-deadbeef', `${process.pid}-0000abcd`, `${process.ppid}-live0000`, 'not-a-spool']) mkdirSync(join(root, name), { recursive: true });
    const spool = openSpool(state);
    const left = readdirSync(root);
    expect(left).toContain(`${process.ppid}-live0000`);
    expect(left).not.toContain('4194303-deadbeef');
    expect(left).not.toContain(`${process.pid}-0000abcd`);
    expect(left).not.toContain('not-a-spool');
    expect(left).toHaveLength(2);
    // This process's spool of a run still going stays; once that run is done, the next spool removes it.
    const kept = spool.keep(file('d/data.csv', 'x'.repeat(SPOOL_FROM)));
    const second = openSpool(state);
    expect(kept.bytes.length).toBe(SPOOL_FROM);
    spool.done();
    const third = openSpool(state);
    expect(() => kept.bytes).toThrow(/ENOENT/);
    for (const s of [second, third]) s.close();
  });
});

describe('spoolFrom', () => {
  it('takes ONTSLUIT_SPOOL_FROM in bytes, and refuses anything else with the variable named', () => {
    expect(spoolFrom({})).toBe(SPOOL_FROM);
    expect(spoolFrom({ ONTSLUIT_SPOOL_FROM: '1' })).toBe(1);
    for (const bad of ['0', '-5', '1.5', '1e6', 'lots', ' 12'])
      expect(() => spoolFrom({ ONTSLUIT_SPOOL_FROM: bad })).toThrow(expect.objectContaining({ code: 'config-invalid', message: expect.stringContaining('ONTSLUIT_SPOOL_FROM') }));
  });
});

describe('a file made in a spool sink', () => {
  it('goes to disk chunk by chunk once it reaches the threshold, with the digest of every byte', () => {
    const state = temp('spool');
    const spool = openSpool(state, 1024 * 1024);
    // Three and a half chunks of 1 MiB, written in pieces of every length up to 3 MiB.
    const pieces = Array.from({ length: 40 }, (_, i) => `${i}: ${'é'.repeat(i * 997)}${'x'.repeat(i === 39 ? 3 * 1024 * 1024 : i)}\n`);
    const sink = spool.sink();
    for (const piece of pieces) sink.write(piece);
    const kept = spool.keepSink<Bytes>({ path: 'd/big.txt' }, sink);
    const text = Buffer.from(pieces.join(''));
    expect(kept.spooled).toMatchObject({ size: text.length, sha256: sha256(text) });
    expect(kept.bytes.equals(text)).toBe(true);
    // Below the threshold it stays in memory.
    const small = spool.sink();
    small.write('a line\n');
    const inMemory = spool.keepSink<Bytes>({ path: 'd/small.txt' }, small);
    expect([inMemory.spooled, inMemory.bytes.toString()]).toEqual([undefined, 'a line\n']);
    // A sink started again after it overflowed leaves no spool file behind, and keeps only what came after.
    const again = spool.sink();
    for (let i = 0; i < 40; i++) again.write('x'.repeat(100_000));
    expect(again.overflowed).toBe(true);
    const files = readdirSync(join(state, 'spool', readdirSync(join(state, 'spool'))[0]!)).length;
    again.reset();
    again.write('after\n');
    expect(readdirSync(join(state, 'spool', readdirSync(join(state, 'spool'))[0]!))).toHaveLength(files - 1);
    expect(spool.keepSink<Bytes>({ path: 'd/again.txt' }, again).bytes.toString()).toBe('after\n');
    // A file left half-made (its run failed) has its descriptor closed when the run is over.
    const failed = spool.sink();
    for (let i = 0; i < 25; i++) failed.write('y'.repeat(100_000));
    expect(failed.overflowed).toBe(true);
    const descriptors = () => readdirSync('/proc/self/fd').length;
    const before = descriptors();
    spool.done();
    expect(descriptors()).toBe(before - 1);
    spool.close();
  });
});

describe('a spool that cannot be written', () => {
  it('is publish-failed, naming the spool and what was found there', () => {
    const state = temp('spool');
    // A file where the spool directory belongs.
    writeFileSync(join(state, 'spool'), 'not a directory');
    let error: unknown;
    try {
      openSpool(state);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'publish-failed', message: expect.stringContaining('spool') });
    expect((error as { describe(): string }).describe()).toMatch(/a part of the path is a file/);
  });
});
