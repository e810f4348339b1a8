// The size of libuv's thread pool an `ontsluit` process runs with: set by bin/ontsluit.js before anything loads, the operator's own kept.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { threadpoolSize, withThreadpool } from '../../pipeline/lib/threadpool.js';
import { ROOT, startServe } from '../helpers.js';

describe('threadpoolSize', () => {
  it('gives no more threads than cores, and no more than libuv’s own 4', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => threadpoolSize({}, cores))).toEqual(['1', '2', '3', '4', '4', '4']);
  });

  it("keeps the operator's UV_THREADPOOL_SIZE", () => {
    expect(threadpoolSize({ UV_THREADPOOL_SIZE: '6' }, 2)).toBe('6');
    expect(withThreadpool({ UV_THREADPOOL_SIZE: '6', OTHER: 'x' })).toEqual({ UV_THREADPOOL_SIZE: '6', OTHER: 'x' });
    expect(withThreadpool({ OTHER: 'x' })).toEqual({ UV_THREADPOOL_SIZE: threadpoolSize({}), OTHER: 'x' });
  });
});

/** The threads of `ontsluit serve` once it listens (by then its pool runs: its modules were read there), started with `size` or none. */
async function serveThreads(size: string | undefined): Promise<number> {
  const env = { ...process.env };
  delete env.UV_THREADPOOL_SIZE;
  if (size !== undefined) env.UV_THREADPOOL_SIZE = size;
  const { child } = await startServe(join(ROOT, 'dist'), env);
  try {
    return readdirSync(`/proc/${child.pid}/task`).length;
  } finally {
    child.kill('SIGTERM');
  }
}

describe.skipIf(!existsSync('/proc/self/task'))('the ontsluit command (threads counted in /proc)', () => {
  it('runs libuv’s pool at threadpoolSize, set before its modules were read; an operator’s size is kept', async () => {
    const [own, eight, three] = [await serveThreads(undefined), await serveThreads('8'), await serveThreads('3')];
    expect(eight - own).toBe(8 - Number(threadpoolSize({})));
    expect(eight - three).toBe(5);
  });
});
