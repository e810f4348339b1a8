// Publish stage: writes the release beside the live one, then swaps it in: one atomic rename of a symlink, or two renames of a plain directory.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, constants, copyFileSync, fsyncSync, linkSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { lstat, mkdir, readdir, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { OntsluitError } from './errors.js';
import { acquireLock, processAlive, readLock } from './lock.js';
import { fsProblem, outPathProblem, publishFailed } from './publish-errors.js';

export interface OutputFile {
  path: string;
  bytes: Buffer;
  /** A spooled file (pipeline/spool.ts) is linked from where its bytes are, not read back and written. */
  spooled?: { at: string };
}

/**
 * Fault injection for the crash tests: `ONTSLUIT_FAULT=write:N` kills the process after N files are
 * written, `ONTSLUIT_FAULT=swap` just before the swap (for a plain directory: between its two renames).
 */
function faultPoint(point: string): void {
  if (process.env.ONTSLUIT_FAULT === point) process.kill(process.pid, 'SIGKILL');
}

/** Where the versions of a symlinked release live: `<out>.releases/<pid>-<random>/`. */
export const releasesDir = (out: string) => `${out}.releases`;

const siblings = async (dir: string, marker: string) => {
  const parent = dirname(dir);
  const prefix = `${basename(dir)}.${marker}-`;
  try {
    return (await readdir(parent)).filter((name) => name.startsWith(prefix)).sort().map((name) => join(parent, name));
  } catch {
    return [];
  }
};

const lexists = async (path: string) => lstat(path).then(() => true, () => false);
/** A leftover named `<something>-<pid>-…` whose process is gone (or is this one, which is not writing it now). */
const abandoned = (name: string, pattern: RegExp) => {
  const pid = Number(pattern.exec(name)?.[1]);
  return !pid || pid === process.pid || !processAlive(pid);
};

/** What `--out` is now: nothing, a plain directory, or a symlink to a directory (its target, absolute). */
type OutState = { kind: 'absent' } | { kind: 'directory' } | { kind: 'link'; target: string };

async function outState(out: string, given: string): Promise<OutState> {
  const info = await lstat(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw publishFailed('cannot look at the output path', given, error);
  });
  if (!info) return { kind: 'absent' };
  if (info.isDirectory()) return { kind: 'directory' };
  if (!info.isSymbolicLink()) throw outPathProblem(given, info.isFile() ? `a regular file (${info.size} bytes)` : 'a special file');
  const target = resolve(dirname(out), await readlink(out));
  const pointed = await stat(target).catch(() => undefined);
  if (!pointed) throw outPathProblem(given, `a symlink to ${target}, which does not exist (nothing was published; remove the link or create its target)`);
  if (!pointed.isDirectory()) throw outPathProblem(given, `a symlink to ${target}, which is not a directory`);
  return { kind: 'link', target };
}

/**
 * Repairs what an interrupted publish left: restores a plain-directory release if the process died
 * between its two renames, and removes temp directories, temp links and unused versions of processes that are gone.
 */
export async function recoverInterrupted(outDir: string): Promise<string[]> {
  const actions: string[] = [];
  const holder = await readLock(`${outDir}.lock`);
  if (holder && holder.pid !== process.pid && !processAlive(holder.pid)) {
    await rm(`${outDir}.lock`, { force: true });
    actions.push(`removed the lock of process ${holder.pid}, which is gone`);
  }
  const old = await siblings(outDir, 'old');
  if (!(await lexists(outDir)) && old.length > 0) {
    await rename(old.at(-1)!, outDir);
    actions.push(`restored ${outDir} from ${basename(old.at(-1)!)}`);
  }
  for (const dir of await siblings(outDir, 'old')) {
    await rm(dir, { recursive: true, force: true });
    actions.push(`removed ${basename(dir)}`);
  }
  for (const path of [...(await siblings(outDir, 'tmp')), ...(await siblings(outDir, 'link'))]) {
    if (!abandoned(basename(path), /\.(?:tmp|link)-(\d+)-/)) continue;
    await rm(path, { recursive: true, force: true });
    actions.push(`removed ${basename(path)}`);
  }
  const current = await readlink(outDir).then((link) => basename(link), () => undefined);
  const versions = await readdir(releasesDir(outDir)).catch(() => [] as string[]);
  for (const name of versions.filter((v) => v !== current && abandoned(v, /^(\d+)-/))) {
    await rm(join(releasesDir(outDir), name), { recursive: true, force: true });
    actions.push(`removed ${basename(releasesDir(outDir))}/${name}`);
  }
  return actions;
}

/**
 * One file of the release, written (`flushRelease` makes it durable). Synchronous calls: each
 * asynchronous call is a hop to a thread and back, which on the 2-core machine cost ~1 ms of CPU per
 * file (a release of 10⁴ entries has ~3,600 files); the writer gives the event loop turns between
 * files (`writeRelease`).
 */
function writeFile(path: string, file: OutputFile): void {
  if (file.spooled) {
    // A hard link to the spooled bytes (a copy across file systems).
    try {
      linkSync(file.spooled.at, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
      copyFileSync(file.spooled.at, path, constants.COPYFILE_EXCL);
    }
    return;
  }
  const fd = openSync(path, 'wx');
  try {
    for (let done = 0; done < file.bytes.length; ) done += writeSync(fd, file.bytes, done);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flushes the file system that holds `dir` to disk with one syncfs(2), through `sync --file-system`
 * (GNU coreutils and BusyBox; Node has no call for it), while the event loop runs on. Gives false
 * where there is no such command or it fails (another system, a write error), and the caller flushes
 * file by file, which reports the error. It also flushes what other processes wrote to that file
 * system, and waits for it.
 */
export async function syncFileSystem(dir: string): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  return new Promise((resolve) => {
    const child = spawn('sync', ['-f', dir], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/**
 * Makes every file and directory of a written release durable, so that after a crash following the
 * swap the release is whole. One syncfs where the system offers it: on the 2-core machine, the publish
 * stage of 10⁴ entries (3,602 files and directories) took 0.15-0.38 s of CPU against ~0.7 s with an
 * fsync per file and per directory, and the whole machine 0.44-1.1 s less on average (two rounds of 6
 * alternating pairs of runs), as the kernel writes the files out together. Otherwise each file, then
 * each directory, deepest first, with turns for the event loop as the writer gives them (none by default:
 * the bytes' floor in the scale bench flushes this way too).
 */
export async function flushRelease(files: string[], dirs: string[], root: string, takeTurn: () => Promise<void> = async () => undefined): Promise<void> {
  if (await syncFileSystem(root)) return;
  for (const path of files) {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    await takeTurn();
  }
  // A file's entry is in its directory's data: flushed too, so that after a crash every file of the release is there.
  for (const path of dirs) {
    syncDirectory(path);
    await takeTurn();
  }
}

/**
 * The writer gives the event loop a turn once it has written for this many milliseconds (a scheduler's
 * timers, signals). A timer waits up to about twice this, and longer while one large file is copied
 * or flushed.
 */
const TURN_MS = 20;

/** Flushes a directory's entries to disk (its new files and subdirectories, a rename in it), where the file system can. */
function syncDirectory(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    // Windows cannot open a directory; the rename is as durable as that file system makes it.
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    // Some file systems do not flush directories (EINVAL); their entries are written with their files.
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    closeSync(fd);
  }
}

/** After the swap: the rename flushed to disk. The release is in place either way, so a directory that cannot be flushed does not undo it. */
function flushSwap(target: string): void {
  try {
    syncDirectory(dirname(target));
  } catch {
    // The rename stands; only its flush to disk failed.
  }
}

/** Writes every file into the new directory `dir`, then makes them and every directory it made durable (`flushRelease`); on failure removes it and says the previous release is unchanged. */
async function writeRelease(dir: string, files: OutputFile[], given: string): Promise<void> {
  try {
    await mkdir(dir);
    /** Every directory made under `dir` (and `dir`): each is flushed once its files are in it. */
    const made = new Set<string>([dir]);
    let written = 0;
    let turn = performance.now();
    const takeTurn = async () => {
      if (performance.now() - turn <= TURN_MS) return;
      await new Promise((resolve) => setImmediate(resolve));
      turn = performance.now();
    };
    const paths: string[] = [];
    for (const file of files) {
      if (file.path.split('/').some((part) => part === '..' || part === '')) throw new Error(`unsafe path in release: ${file.path}`);
      const path = join(dir, file.path);
      const parent = dirname(path);
      if (!made.has(parent)) {
        mkdirSync(parent, { recursive: true });
        for (let at = parent; !made.has(at); at = dirname(at)) made.add(at);
      }
      writeFile(path, file);
      paths.push(path);
      faultPoint(`write:${++written}`);
      await takeTurn();
    }
    await flushRelease(paths, [...made].reverse(), dir, takeTurn);
  } catch (cause) {
    await rm(dir, { recursive: true, force: true });
    const problem = fsProblem(cause);
    throw new OntsluitError('publish-failed', 'could not write the new release; the previous release is unchanged', {
      location: { source: given },
      expected: problem.expected ?? 'a writable directory beside the release',
      found: problem.found,
      cause,
    });
  }
}

/**
 * Writes `files` as the new content of `outDir`; on any failure `outDir` keeps the previous release.
 * `outDir` must be absent, a symlink to a release directory, or a release directory (absent, empty or
 * with manifest.json): nothing else is replaced. Absent or a symlink: the release is written into
 * `<outDir>.releases/<id>/` and the symlink is swapped by one rename, so at every instant `outDir`
 * is one whole release. A plain directory (the committed `dist/`) stays one, swapped with two renames.
 * Gives the directory the files are now in.
 */
export async function publish(outDir: string, files: OutputFile[]): Promise<string> {
  const target = resolve(outDir);
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (cause) {
    throw publishFailed(`cannot create the directory ${dirname(target)} for the release`, outDir, cause);
  }
  // One publisher per release directory, whichever state directory its run uses.
  const lock = await acquireLock(`${target}.lock`).catch((cause: unknown) => {
    throw publishFailed('cannot take the publish lock beside the release', outDir, cause);
  });
  if (!lock)
    throw new OntsluitError('publish-failed', 'another run is publishing into this directory', { location: { source: outDir }, expected: 'no other run publishing', found: `a lock ${target}.lock held by a live process` });
  try {
    await recoverInterrupted(target);
    const state = await outState(target, outDir);
    if (state.kind !== 'absent') await assertRelease(state.kind === 'link' ? state.target : target, outDir);
    if (state.kind === 'directory') await swapDirectory(target, outDir, files);
    else return await swapLink(target, outDir, files, state.kind === 'link' ? state.target : undefined);
    return target;
  } catch (cause) {
    if (cause instanceof OntsluitError) throw cause;
    throw publishFailed('could not publish the release; the previous release is unchanged', outDir, cause);
  } finally {
    await lock.release();
  }
}

/** Refuses to replace a directory that is neither empty nor a release. */
async function assertRelease(dir: string, given: string): Promise<void> {
  const entries = await readdir(dir);
  if (entries.length > 0 && !entries.includes('manifest.json'))
    throw new OntsluitError('publish-failed', 'the output directory is not an ontsluit release; it is left as it is', {
      location: { source: given },
      expected: 'an absent or empty directory, or a release with manifest.json',
      found: `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} such as ${JSON.stringify(entries.sort().slice(0, 3))}`,
    });
}

const newId = () => `${process.pid}-${randomBytes(4).toString('hex')}`;

/** The atomic swap: a new version directory, then a temp symlink to it renamed over `target`. */
async function swapLink(target: string, given: string, files: OutputFile[], previous: string | undefined): Promise<string> {
  const id = newId();
  const versions = releasesDir(target);
  const version = join(versions, id);
  await mkdir(versions, { recursive: true }).catch((cause: unknown) => {
    throw publishFailed(`cannot create ${versions} for the release versions`, given, cause);
  });
  await writeRelease(version, files, given);
  faultPoint('swap');
  const link = `${target}.link-${id}`;
  try {
    await symlink(relative(dirname(target), version), link);
    syncDirectory(versions);
    await rename(link, target);
  } catch (cause) {
    await rm(link, { force: true });
    await rm(version, { recursive: true, force: true });
    throw publishFailed('could not swap in the new release; the previous release is unchanged', given, cause);
  }
  flushSwap(target);
  // The release before stays one publish longer (a reader may still hold it open); older versions go.
  const keep = new Set([id, previous && dirname(previous) === versions ? basename(previous) : '']);
  for (const name of await readdir(versions).catch(() => [] as string[])) if (!keep.has(name)) await rm(join(versions, name), { recursive: true, force: true }).catch(() => undefined);
  return version;
}

/** A plain directory cannot be replaced atomically: it is moved aside, and the new one renamed in. */
async function swapDirectory(target: string, given: string, files: OutputFile[]): Promise<void> {
  const id = newId();
  const tmp = `${target}.tmp-${id}`;
  await writeRelease(tmp, files, given);
  const old = `${target}.old-${id}`;
  try {
    await rename(target, old);
  } catch (cause) {
    await rm(tmp, { recursive: true, force: true });
    throw publishFailed('could not move the previous release aside; it is unchanged', given, cause);
  }
  faultPoint('swap');
  try {
    await rename(tmp, target);
  } catch (cause) {
    await rename(old, target);
    await rm(tmp, { recursive: true, force: true });
    throw publishFailed('could not swap in the new release; the previous release is restored', given, cause);
  }
  flushSwap(target);
  // The new release is in place; a leftover old copy is removed by the next run's recovery.
  await rm(old, { recursive: true, force: true }).catch(() => undefined);
}
