// Compressed copies: they decode to their file, are the same bytes every time, and hold no more memory than their own size.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encode, encodedCopies } from '../pipeline/encodings.js';

/** A page-like text of `size` bytes that compresses well. */
const page = (size: number) => Buffer.from('<tr><td>Actiepunt</td><td>Lopend</td></tr>\n'.repeat(Math.ceil(size / 44)).slice(0, size));

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
  it('makes a .br and a .gz of each text file of 1 KiB or more, and none of smaller or binary files', async () => {
    const files = [
      { path: 'a.html', bytes: page(5_000), mediaType: 'text/html' },
      { path: 'b.csv', bytes: page(500), mediaType: 'text/csv' },
      { path: 'c.xlsx', bytes: page(5_000), mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    ];
    const copies = await encodedCopies(files, { files: {} });
    expect(copies.map((c) => c.path)).toEqual(['a.html.br', 'a.html.gz']);
  });
});
