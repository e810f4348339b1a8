// The spool: large release files leave memory as soon as they are made, kept on disk until publish links them into the release.
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ByteSink } from './emit/chunks.js';
import { OntsluitError } from './errors.js';
import { processAlive } from './lock.js';
import { publishFailed } from './publish-errors.js';
import { digestOf } from './manifest.js';

/** Where a spooled file's bytes are, with their size and digest (taken before they left memory). */
export interface Spooled {
  /** Absolute path of the bytes: in the spool, or in the release once it is published. */
  at: string;
  size: number;
  sha256: string;
}

/** What the spool takes: a file of the release (or a compressed copy), by its path in the release. */
export interface Bytes {
  path: string;
  bytes: Buffer;
  spooled?: Spooled;
}

/** Files from this size on are spooled; smaller ones (pages, schemas, the catalog) stay in memory. */
export const SPOOL_FROM = 1024 * 1024;
/**
 * Pages stay in memory up to this many bytes in all, then go to the spool: a plan of many actions has
 * thousands of pages, and a spool file costs a file creation each; a small release spools none.
 */
export const PAGE_BUDGET = 16 * 1024 * 1024;
/** Another smallest size spooled, in bytes (1 spools every data file; tests use it). */
export const SPOOL_FROM_ENV = 'ONTSLUIT_SPOOL_FROM';

/** The smallest size spooled: `ONTSLUIT_SPOOL_FROM` when set, else `SPOOL_FROM`. */
export function spoolFrom(env: NodeJS.ProcessEnv = process.env): number {
  const value = env[SPOOL_FROM_ENV];
  if (value === undefined || value === '') return SPOOL_FROM;
  if (!/^[1-9]\d{0,14}$/.test(value)) throw new OntsluitError('config-invalid', `${SPOOL_FROM_ENV} is not a size in bytes`, { location: { source: SPOOL_FROM_ENV }, expected: 'a whole number of bytes, 1 or more', found: JSON.stringify(value) });
  return Number(value);
}

export interface Spool {
  /** The file as the release keeps it: spooled when it has `SPOOL_FROM` bytes or more, or when it is a page (`page`) beyond `PAGE_BUDGET`; else as it is. */
  keep<T extends Bytes>(file: T, page?: boolean): T;
  /** A sink to make one file in: once it holds `SPOOL_FROM` bytes, its chunks go to a spool file as they fill. */
  sink(): ByteSink;
  /** The file made in `sink` (by `sink()`): spooled when the sink overflowed, else with its bytes. */
  keepSink<T extends Bytes>(file: Omit<T, 'bytes' | 'spooled'>, sink: ByteSink): T;
  /** After publish: every file this spool took now reads from `dir`, the published release. */
  published(dir: string): void;
  /** Removes the spool's directory (its files are then read from the release, if it was published). */
  close(): void;
  /** The run is over: a spool not closed goes with the next spool opened in this process, or with the process. */
  done(): void;
}

/** Spool directories not yet removed (true: its run is still going), removed when the process exits. */
const live = new Map<string, boolean>();
process.once('exit', () => {
  for (const dir of live.keys()) rmSync(dir, { recursive: true, force: true });
});

/**
 * A new spool in `<state>/spool/<pid>-<random>/`. Spools left by processes that are gone (a run
 * killed before it cleaned up) and by this process's finished runs are removed first; one whose run
 * is still going in this process is not.
 * `from`: the smallest size spooled.
 */
export function openSpool(stateDir: string, from: number = spoolFrom(), pageBudget: number = PAGE_BUDGET): Spool {
  const root = join(stateDir, 'spool');
  for (const name of entries(root)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (live.get(join(root, name))) continue;
    if (!pid || pid === process.pid || !processAlive(pid)) {
      rmSync(join(root, name), { recursive: true, force: true });
      live.delete(join(root, name));
    }
  }
  const dir = join(root, `${process.pid}-${randomBytes(4).toString('hex')}`);
  guarded(() => mkdirSync(dir, { recursive: true }), root);
  live.set(dir, true);
  const taken: Bytes[] = [];
  let made = 0;
  /** Bytes of the pages taken so far (those held in memory and those spooled). */
  let pages = 0;
  const nextPath = () => join(dir, String(++made));
  /** The spool file of each sink that overflowed and is not kept yet: where it is, its descriptor, its size and digest so far. */
  const open = new Map<ByteSink, { at: string; fd: number; hash: Hash; size: number }>();
  /** A run that failed while making a file leaves its descriptor open: closed when the run is over. */
  const closeOpen = () => {
    for (const file of open.values()) closeSync(file.fd);
    open.clear();
  };
  return {
    sink() {
      const sink: ByteSink = new ByteSink(undefined, {
        from,
        write: (chunk) => {
          let file = open.get(sink);
          if (!file) {
            const at = nextPath();
            open.set(sink, (file = { at, fd: guarded(() => openSync(at, 'wx'), root), hash: createHash('sha256'), size: 0 }));
          }
          const { fd } = file;
          guarded(() => {
            for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done);
          }, root);
          file.hash.update(chunk);
          file.size += chunk.length;
        },
        reset: () => {
          const file = open.get(sink);
          if (!file) return;
          closeSync(file.fd);
          rmSync(file.at, { force: true });
          open.delete(sink);
        },
      });
      return sink;
    },
    keepSink(meta, sink) {
      sink.finish();
      const file = open.get(sink);
      if (!file) return { ...meta, bytes: sink.bytes() } as never;
      closeSync(file.fd);
      open.delete(sink);
      const kept = spooledFile({ ...meta, bytes: Buffer.alloc(0) } as Bytes, { at: file.at, size: file.size, sha256: file.hash.digest('hex') });
      taken.push(kept);
      return kept as never;
    },
    keep(file, page = false) {
      if (file.spooled) return file;
      if (file.bytes.length < from && !(page && (pages += file.bytes.length) > pageBudget)) return file;
      const at = nextPath();
      guarded(() => writeFileSync(at, file.bytes), root);
      const kept = spooledFile(file, { at, size: file.bytes.length, sha256: digestOf(file.bytes) });
      taken.push(kept);
      return kept;
    },
    published(release) {
      for (const file of taken) file.spooled!.at = join(release, file.path);
    },
    close() {
      closeOpen();
      rmSync(dir, { recursive: true, force: true });
      live.delete(dir);
    },
    done() {
      closeOpen();
      if (live.has(dir)) live.set(dir, false);
    },
  };
}

/** The file with its bytes on disk at `spooled.at`: `bytes` reads them back each time it is asked for. */
export function spooledFile<T extends Bytes>(file: T, spooled: Spooled): T {
  const kept = { ...file, spooled };
  Object.defineProperty(kept, 'bytes', { enumerable: true, configurable: false, get: () => readFileSync(kept.spooled.at) });
  return kept;
}

/** A spool that keeps every file in memory: for runs that write nothing (`validate`, `check`). */
export const MEMORY: Spool = {
  keep: (file) => file,
  sink: () => new ByteSink(),
  keepSink: (meta, sink) => ({ ...meta, bytes: sink.bytes() }) as never,
  published: () => undefined,
  close: () => undefined,
  done: () => undefined,
};

/** A file operation of the spool; a failure (a full disk, a read-only state directory) is publish-failed, named with the spool. */
function guarded<T>(operation: () => T, root: string): T {
  try {
    return operation();
  } catch (cause) {
    throw publishFailed('cannot keep a file of the release in the spool; the previous release is unchanged', root, cause);
  }
}

/** The names in a directory; none when it is not there yet. */
function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
