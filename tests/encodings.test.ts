// Compressed copies: they decode to their file, are the same bytes every time, and hold no more memory than their own size.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COPIES_FROM, encode, encodeFile, encodedCopies } from '../pipeline/encodings.js';
import { sha256 } from '../pipeline/lib/hash.js';
import { openSpool, type Bytes } from '../pipeline/spool.js';

/** A page-like text of `size` bytes that compresses well. */
const ROW = '<tr><td>Actiepunt</td><td>Lopend</td></tr>\n';
const page = (size: number) => Buffer.from(ROW.repeat(Math.ceil(size / ROW.length)).slice(0, size));

describe('encode', () => {
  it('gives copies that decode to the file, the same bytes twice, for small and large files', async () => {
    for (const size of [2_000, 100_000, 300_000, 1_500_000]) {
      const bytes = page(size);
      const [br, gz] = [await encode(bytes, 'br'), await encode(bytes, 'gzip')];
      expect(brotliDecompressSync(br).equals(bytes)).toBe(true);
      expect(gunzipSync(gz).equals(bytes)).toBe(true);
      expect((await encode(bytes, 'br')).equals(br)).toBe(true);
      expect(gz[9]).toBe(255);
    }
  });

  it('keeps no copy inside a buffer as large as its file: a release holds thousands until publish', async () => {
    for (const size of [20_000, 100_000, 200_000, 600_000]) {
      for (const coding of ['br', 'gzip'] as const) {
        const copy = await encode(page(size), coding);
        // Small copies may sit in Node's shared 8 KiB pool; none holds the file-sized chunk zlib wrote into.
        expect(copy.buffer.byteLength, `${coding} of ${size} bytes`).toBeLessThanOrEqual(Math.max(8192, 2 * copy.length));
      }
    }
  });
});

describe('encodedCopies', () => {
  it('makes a .br and a .gz of each text file of COPIES_FROM bytes or more, and none of smaller (the server makes those) or binary files', async () => {
    const files = [
      { path: 'a.html', bytes: page(COPIES_FROM), mediaType: 'text/html' },
      { path: 'b.csv', bytes: page(COPIES_FROM - 1), mediaType: 'text/csv' },
      { path: 'p.html', bytes: page(15_000), mediaType: 'text/html' },
      { path: 'c.xlsx', bytes: page(COPIES_FROM + 5_000), mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    ];
    const copies = await encodedCopies(files, { files: {} });
    expect(copies.map((c) => c.path)).toEqual(['a.html.br', 'a.html.gz']);
    expect(brotliDecompressSync(copies[0]!.bytes).equals(files[0]!.bytes)).toBe(true);
  });
});

describe('encodeFile', () => {
  it('gives the bytes encode gives, read from disk 1 MiB at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ontsluit-encode-'));
    // Text that does not repeat in a short period, over several read chunks.
    const bytes = Buffer.from(Array.from({ length: 90_000 }, (_, i) => `regel ${i}: ${(i * 7919) % 104_729} ${'ëé'.repeat(i % 5)}\n`).join(''));
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    const path = join(dir, 'file');
    writeFileSync(path, bytes);
    for (const coding of ['br', 'gzip'] as const) expect((await encodeFile(path, bytes.length, coding)).equals(await encode(bytes, coding)), coding).toBe(true);
  });

  it('refuses a file shorter than its size, naming the file and where it ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ontsluit-encode-'));
    const path = join(dir, 'short');
    writeFileSync(path, Buffer.alloc(3 * 1024 * 1024 + 5, 'a'));
    for (const coding of ['br', 'gzip'] as const) await expect(encodeFile(path, 5 * 1024 * 1024, coding)).rejects.toThrow(`${path} ends at ${3 * 1024 * 1024 + 5} bytes; ${5 * 1024 * 1024} were expected`);
  });
});

describe('encodedCopies of a spooled file', () => {
  it('compresses it from disk, and takes the previous copy only when it decodes to the file', async () => {
    const bytes = Buffer.from(Array.from({ length: 60_000 }, (_, i) => `<${i}> <p> "${(i * 7919) % 104_729}" .\n`).join(''));
    expect(bytes.length).toBeGreaterThanOrEqual(COPIES_FROM);
    const spool = openSpool(mkdtempSync(join(tmpdir(), 'ontsluit-state-')), 1024);
    const file = spool.keep<Bytes & { mediaType: string }>({ path: 'd/dataset.nt', bytes, mediaType: 'application/n-triples' });
    expect(file.spooled).toBeDefined();
    const manifest = { files: { 'd/dataset.nt': { bytes: bytes.length, sha256: sha256(bytes), issued: '2026-01-01', modified: '2026-01-01' } } };
    const fresh = await encodedCopies([file], manifest, undefined, spool);
    expect(fresh.map((c) => [c.path, (c.path.endsWith('.br') ? brotliDecompressSync : gunzipSync)(c.bytes).equals(bytes)])).toEqual([['d/dataset.nt.br', true], ['d/dataset.nt.gz', true]]);
    // The same bytes as a copy made from memory.
    expect(fresh[0]!.bytes.equals(await encode(bytes, 'br'))).toBe(true);
    // The previous release holds a good .br and a .gz that decodes to something else.
    const previous = mkdtempSync(join(tmpdir(), 'ontsluit-prev-'));
    mkdirSync(join(previous, 'd'));
    const oldBr = Buffer.concat([fresh[0]!.bytes]);
    writeFileSync(join(previous, 'd/dataset.nt.br'), oldBr);
    writeFileSync(join(previous, 'd/dataset.nt.gz'), await encode(Buffer.from('other text'), 'gzip'));
    const taken = await encodedCopies([file], manifest, { dir: previous, manifest }, spool);
    expect(taken[0]!.bytes.equals(oldBr)).toBe(true);
    expect(gunzipSync(taken[1]!.bytes).equals(bytes)).toBe(true);
    spool.close();
  });

  it('makes no copies of spooled pages: they are small, and the server makes theirs', async () => {
    // Pages spooled from the first byte (a page budget of 0).
    const spool = openSpool(mkdtempSync(join(tmpdir(), 'ontsluit-state-')), 1024 * 1024, 0);
    const pages = ['een', 'twee'].map((word) => Buffer.from(`<p>${`${word} `.repeat(3000)}</p>\n`));
    const files = pages.map((bytes, i) => spool.keep<Bytes & { mediaType: string }>({ path: `d/${i}.html`, bytes, mediaType: 'text/html' }, true));
    expect(files.every((f) => f.spooled)).toBe(true);
    const manifest = { files: Object.fromEntries(pages.map((bytes, i) => [`d/${i}.html`, { bytes: bytes.length, sha256: sha256(bytes), issued: '2026-01-01', modified: '2026-01-01' }])) };
    expect(await encodedCopies(files, manifest, undefined, spool)).toEqual([]);
    spool.close();
  });
});
