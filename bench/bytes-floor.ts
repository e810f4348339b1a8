// What a published release's bytes cost by themselves: its compressed copies made again with bare zlib calls, and every file written and flushed anew.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import zlib from 'node:zlib';
import { BROTLI_QUALITY, GZIP_LEVEL } from '../pipeline/encodings.js';
import { flushRelease } from '../pipeline/publish.js';
import { childrenCpuMs } from './children-cpu.js';

export interface BytesFloor {
  files: number;
  megabytes: number;
  /** CPU ms of brotli (text mode) and gzip at the run's settings, of each file that has compressed copies. */
  compressMs: number;
  /** CPU ms of creating, writing and closing every file of the release and its copies in a fresh directory, then flushing them as publish does (with the flush's own process). */
  writeMs: number;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/**
 * The floor of the compress and publish stages for the release at `dist`: the same work on the same
 * bytes without the pipeline around it (no manifest, no spool, no event-loop turns),
 * written into `out` (an empty directory the caller removes).
 */
export async function bytesFloor(dist: string, out: string): Promise<BytesFloor> {
  const root = realpathSync(dist);
  const paths = (readdirSync(root, { recursive: true }) as string[]).filter((p) => !/\.(?:br|gz)$/.test(p) && statSync(join(root, p)).isFile());
  const files = paths.map((path) => ({ path, bytes: readFileSync(join(root, path)) }));
  let start = process.cpuUsage();
  const copies: { path: string; bytes: Buffer }[] = [];
  for (const { path, bytes } of files) {
    if (!existsSync(join(root, `${path}.br`))) continue;
    const params = { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
    copies.push({ path: `${path}.br`, bytes: zlib.brotliCompressSync(bytes, { params }) }, { path: `${path}.gz`, bytes: zlib.gzipSync(bytes, { level: GZIP_LEVEL }) });
  }
  const compressMs = cpuMs(start);
  start = process.cpuUsage();
  const children = childrenCpuMs();
  const made = new Set<string>();
  const written: string[] = [];
  for (const { path, bytes } of [...files, ...copies]) {
    const to = join(out, path);
    if (!made.has(dirname(to))) {
      mkdirSync(dirname(to), { recursive: true });
      made.add(dirname(to));
    }
    const fd = openSync(to, 'wx');
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    closeSync(fd);
    written.push(to);
  }
  await flushRelease(written, [...made].reverse(), out);
  const writeMs = cpuMs(start) + childrenCpuMs() - children;
  return { files: files.length + copies.length, megabytes: [...files, ...copies].reduce((sum, f) => sum + f.bytes.length, 0) / 1e6, compressMs, writeMs };
}
