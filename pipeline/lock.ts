// The run lock: one pipeline run at a time across processes, and a lock left by a crash is taken over.
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { dirname, resolve } from 'node:path';

/** What the lock file holds. */
export interface LockInfo {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken. */
  startedAt: string;
}

export interface Lock {
  readonly path: string;
  readonly info: LockInfo;
  /** Removes the lock file if it is still ours; true when it was removed. Safe to call twice. */
  release(): Promise<boolean>;
}

export interface LockOptions {
  /** A lock older than this is stale even when its process is alive (a hung run). Default 6 h. */
  staleAfterMs?: number;
  /** Where the reason for taking over a stale lock is told. Default: a line on stderr. */
  log?: (line: string, fields?: object) => void;
  /** The time, for `startedAt` and the age of a lock. */
  clock?: () => Date;
}

export const DEFAULT_STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** A lock file that is still empty or half-written this soon after it was made is being written now. */
const WRITE_GRACE_MS = 5_000;

/** A takeover guard older than this was left by a process that died while replacing a stale lock. */
const GUARD_STALE_MS = 30_000;

/** Lock paths this process holds, so that a lock naming our own pid can be told from one left by an earlier process. */
const held = new Set<string>();

const defaultLog = (line: string) => process.stderr.write(`ontsluit: ${line}\n`);

/**
 * Takes the lock at `path`: resolves to the lock, or to null when another live run holds it.
 * The file is created with `open(path, 'wx')`, so of two processes only one can succeed. A lock is
 * stale (and replaced, with the reason logged) when its pid is not running on this host, when it
 * names this process but this process does not hold it (a pid reused after a restart), when it is
 * older than `staleAfterMs`, or when it is unreadable and older than a few seconds.
 */
export async function acquireLock(file: string, options: LockOptions = {}): Promise<Lock | null> {
  const path = resolve(file);
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const log = options.log ?? defaultLog;
  const clock = options.clock ?? (() => new Date());
  const host = osHostname();
  await mkdir(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    const info: LockInfo = { pid: process.pid, hostname: host, startedAt: clock().toISOString() };
    const text = `${JSON.stringify(info)}\n`;
    const handle = await open(path, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return null;
      throw error;
    });
    if (handle) {
      held.add(path); // before the content is there: another acquirer in this process must see it as held
      try {
        await handle.writeFile(text);
        await handle.sync();
      } catch (error) {
        held.delete(path);
        await handle.close().catch(() => undefined);
        await unlink(path).catch(() => undefined);
        throw error;
      }
      await handle.close();
      return createLock(path, info, text);
    }
    const current = await readRaw(path);
    if (current === null) continue; // released between our open and our read: try again
    const stale = staleReason(current, path, host, staleAfterMs, clock());
    if (stale === null) return null;
    const removed = await removeStale(path, current.text, host);
    if (removed === 'busy') return null;
    if (removed === 'removed') log(`replacing a stale lock ${path}: ${stale}`, { lock: path, previous: current.info ?? current.text, reason: stale });
  }
  return null;
}

/** The holder of the lock at `path`, or null when there is no lock (or it cannot be read yet). */
export async function readLock(path: string): Promise<LockInfo | null> {
  return (await readRaw(resolve(path)))?.info ?? null;
}

/** Whether a process with this pid runs on this host (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface RawLock {
  text: string;
  info: LockInfo | null;
  mtimeMs: number;
}

async function readRaw(path: string): Promise<RawLock | null> {
  try {
    const [text, stats] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, info: parseInfo(text), mtimeMs: stats.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseInfo(text: string): LockInfo | null {
  try {
    const value = JSON.parse(text) as Partial<LockInfo>;
    if (Number.isInteger(value.pid) && (value.pid as number) > 0 && typeof value.hostname === 'string' && typeof value.startedAt === 'string' && !Number.isNaN(Date.parse(value.startedAt)))
      return { pid: value.pid as number, hostname: value.hostname, startedAt: value.startedAt };
  } catch {
    // not JSON: handled by the caller
  }
  return null;
}

/** Why the lock is stale, or null when its holder may still be running. */
function staleReason(current: RawLock, path: string, host: string, staleAfterMs: number, now: Date): string | null {
  const { info } = current;
  if (info === null) {
    const age = now.getTime() - current.mtimeMs;
    return age > WRITE_GRACE_MS ? `the lock file is not a lock ({pid, hostname, startedAt}) and is ${seconds(age)} old` : null;
  }
  const age = now.getTime() - Date.parse(info.startedAt);
  if (info.hostname === host) {
    if (info.pid === process.pid && !held.has(path)) return `pid ${info.pid} is this process, which did not take it (left by an earlier process with the same pid)`;
    if (info.pid !== process.pid && !processAlive(info.pid)) return `pid ${info.pid} is no longer running on ${host} (taken ${info.startedAt})`;
  }
  if (age > staleAfterMs) return `taken ${info.startedAt} by pid ${info.pid} on ${info.hostname}, ${seconds(age)} ago, longer than the ${seconds(staleAfterMs)} a run may take`;
  return null;
}

const seconds = (ms: number) => (ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

/**
 * Removes a stale lock without removing a fresh one: removals are serialised by a short-lived
 * `<lock>.takeover` file (made with 'wx'), and under it the lock is read again and removed only if
 * it still holds what was judged stale. `busy`: another process is replacing it right now.
 */
async function removeStale(path: string, staleText: string, host: string): Promise<'removed' | 'changed' | 'busy'> {
  const guard = `${path}.takeover`;
  try {
    const handle = await open(guard, 'wx');
    try {
      await handle.writeFile(JSON.stringify({ pid: process.pid, hostname: host, startedAt: new Date().toISOString() }));
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A takeover guard outlives its few milliseconds only when its process died during the takeover.
    const age = await stat(guard).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > GUARD_STALE_MS) await unlink(guard).catch(() => undefined);
    return 'busy';
  }
  try {
    const now = await readFile(path, 'utf8').catch(() => null);
    if (now !== staleText) return 'changed';
    await unlink(path);
    return 'removed';
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

function createLock(path: string, info: LockInfo, text: string): Lock {
  let released = false;
  return {
    path,
    info,
    async release() {
      if (released) return false;
      released = true;
      held.delete(path);
      const current = await readFile(path, 'utf8').catch(() => null);
      if (current !== text) return false; // gone, or taken over as stale: not ours to remove
      await unlink(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      return true;
    },
  };
}
