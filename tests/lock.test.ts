// The run lock: atomic creation, live and dead holders, age, pid reuse, and release only when ours.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, readLock } from '../pipeline/lock.js';

const temp = () => mkdtempSync(join(tmpdir(), 'ontsluit-lock-'));
const writeLock = (path: string, info: object) => writeFileSync(path, `${JSON.stringify(info)}\n`);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A live process that is not this one. */
function liveProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(()=>{},5000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function logs() {
  const lines: string[] = [];
  return { lines, log: (line: string) => void lines.push(line) };
}

describe('acquireLock', () => {
  it('creates the lock file with {pid, hostname, startedAt} and removes it on release', async () => {
    const path = join(temp(), 'state', 'run.lock');
    const lock = await acquireLock(path);
    expect(lock).not.toBeNull();
    const info = JSON.parse(readFileSync(path, 'utf8'));
    expect(info).toEqual({ pid: process.pid, hostname: hostname(), startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(await readLock(path)).toEqual(info);
    expect(await lock!.release()).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(await lock!.release()).toBe(false);
    expect(await readLock(path)).toBeNull();
  });

  it('refuses a second holder in the same process while the first holds it', async () => {
    const path = join(temp(), 'run.lock');
    const first = await acquireLock(path);
    expect(await acquireLock(path)).toBeNull();
    await first!.release();
    const again = await acquireLock(path);
    expect(again).not.toBeNull();
    await again!.release();
  });

  it('gives the lock to exactly one of many acquirers at once', async () => {
    const path = join(temp(), 'run.lock');
    const locks = await Promise.all(Array.from({ length: 12 }, () => acquireLock(path)));
    expect(locks.filter((l) => l !== null)).toHaveLength(1);
    await locks.find((l) => l !== null)!.release();
  });

  it('returns null while a live process on this host holds it', async () => {
    const path = join(temp(), 'run.lock');
    const pid = liveProcess();
    writeLock(path, { pid, hostname: hostname(), startedAt: new Date().toISOString() });
    const { lines, log } = logs();
    expect(await acquireLock(path, { log })).toBeNull();
    expect(lines).toEqual([]);
    expect((await readLock(path))?.pid).toBe(pid);
  });

  it('replaces a lock whose process is gone, and says why', async () => {
    const path = join(temp(), 'run.lock');
    const pid = deadPid();
    writeLock(path, { pid, hostname: hostname(), startedAt: new Date().toISOString() });
    const { lines, log } = logs();
    const lock = await acquireLock(path, { log });
    expect(lock).not.toBeNull();
    expect(lines).toEqual([expect.stringContaining(`pid ${pid} is no longer running`)]);
    expect((await readLock(path))?.pid).toBe(process.pid);
    await lock!.release();
  });

  it('lets exactly one of many acquirers replace a stale lock', async () => {
    const path = join(temp(), 'run.lock');
    writeLock(path, { pid: deadPid(), hostname: hostname(), startedAt: new Date().toISOString() });
    const { lines, log } = logs();
    const locks = await Promise.all(Array.from({ length: 8 }, () => acquireLock(path, { log })));
    expect(locks.filter((l) => l !== null)).toHaveLength(1);
    expect(lines).toHaveLength(1);
    await locks.find((l) => l !== null)!.release();
    expect(existsSync(path)).toBe(false);
  });

  it('replaces a lock older than staleAfterMs even when its process lives (default 6 h)', async () => {
    const path = join(temp(), 'run.lock');
    const pid = liveProcess();
    writeLock(path, { pid, hostname: hostname(), startedAt: hoursAgo(5) });
    expect(await acquireLock(path, { log: () => undefined })).toBeNull();
    writeLock(path, { pid, hostname: hostname(), startedAt: hoursAgo(7) });
    const { lines, log } = logs();
    const lock = await acquireLock(path, { log });
    expect(lock).not.toBeNull();
    expect(lines[0]).toMatch(/longer than the 360 min a run may take/);
    await lock!.release();
    writeLock(path, { pid, hostname: hostname(), startedAt: new Date(Date.now() - 60_000).toISOString() });
    expect(await acquireLock(path, { log, staleAfterMs: 30_000 })).not.toBeNull();
  });

  it('treats a lock naming this pid that this process did not take as left by an earlier process', async () => {
    const path = join(temp(), 'run.lock');
    writeLock(path, { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() });
    const { lines, log } = logs();
    const lock = await acquireLock(path, { log });
    expect(lock).not.toBeNull();
    expect(lines[0]).toMatch(/earlier process with the same pid/);
    await lock!.release();
  });

  it('cannot see whether a process on another host lives, so only age makes its lock stale', async () => {
    const path = join(temp(), 'run.lock');
    writeLock(path, { pid: deadPid(), hostname: 'elsewhere.invalid', startedAt: new Date().toISOString() });
    expect(await acquireLock(path, { log: () => undefined })).toBeNull();
    writeLock(path, { pid: deadPid(), hostname: 'elsewhere.invalid', startedAt: hoursAgo(7) });
    const lock = await acquireLock(path, { log: () => undefined });
    expect(lock).not.toBeNull();
    await lock!.release();
  });

  it('leaves a half-written lock alone for a few seconds, then replaces it', async () => {
    const path = join(temp(), 'run.lock');
    writeFileSync(path, '');
    const { lines, log } = logs();
    expect(await acquireLock(path, { log })).toBeNull();
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    const lock = await acquireLock(path, { log });
    expect(lock).not.toBeNull();
    expect(lines[0]).toMatch(/not a lock/);
    await lock!.release();
  });

  it('release does not remove a lock that another process has taken over', async () => {
    const path = join(temp(), 'run.lock');
    const lock = await acquireLock(path);
    const other = { pid: liveProcess(), hostname: hostname(), startedAt: new Date().toISOString() };
    writeLock(path, other);
    expect(await lock!.release()).toBe(false);
    expect(await readLock(path)).toEqual(other);
  });
});
