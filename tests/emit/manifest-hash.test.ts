// Each release file is hashed once, however often the emit stage dates it (a dataset's files are dated for its workbook and again with the release).
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

const calls: number[] = [];
vi.mock('../../pipeline/lib/hash.js', () => ({
  sha256: (bytes: Uint8Array | string) => {
    calls.push(typeof bytes === 'string' ? bytes.length : bytes.byteLength);
    return createHash('sha256').update(bytes).digest('hex');
  },
}));
const { dateFiles } = await import('../../pipeline/manifest.js');

describe('hashing release files', () => {
  it('hashes the bytes of a file once when it is dated twice, and gives the same digest', () => {
    const files = [{ path: 'a.csv', bytes: Buffer.from('a,b\r\n') }, { path: 'b.json', bytes: Buffer.from('{}\n') }];
    const first = dateFiles(files, { files: {} }, '2026-02-01');
    const second = dateFiles([...files, { path: 'c.ttl', bytes: Buffer.from('<a> <b> <c> .\n') }], first, '2026-02-02');
    expect(calls).toEqual([5, 3, 14]);
    expect(second.files['a.csv']).toEqual(first.files['a.csv']);
    expect(second.files['a.csv']!.sha256).toBe(createHash('sha256').update('a,b\r\n').digest('hex'));
  });

  it('hashes other bytes with the same text anew (the digest belongs to the bytes, not the path)', () => {
    calls.length = 0;
    dateFiles([{ path: 'a.csv', bytes: Buffer.from('a,b\r\n') }], { files: {} }, '2026-02-01');
    expect(calls).toEqual([5]);
  });
});
