// Publish stage: writes the release into a sibling temp directory, then swaps it in with renames.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { OntsluitError } from './errors.js';
import { acquireLock, processAlive, readLock } from './lock.js';

export interface OutputFile {
  path: string;
  bytes: Buffer;
}

/**
 * Fault injection for the crash tests: `ONTSLUIT_FAULT=write:N` kills the process after N files are
 * written, `ONTSLUIT_FAULT=swap` between the two renames of the swap. Unset in normal runs.
 */
function faultPoint(point: string): void {
  if (process.env.ONTSLUIT_FAULT === point) process.kill(process.pid, 'SIGKILL');
}

const siblings = async (dir: string, marker: string) => {
  const parent = dirname(dir);
  const prefix = `${basename(dir)}.${marker}-`;
  try {
    return (await readdir(parent)).filter((name) => name.startsWith(prefix)).sort().map((name) => join(parent, name));
  } catch {
    return [];
  }
};


const exists = async (path: string) => stat(path).then(() => true, () => false);

/**
 * Repairs what an interrupted publish left: restores the previous release if the process died
 * between the two renames, and removes temp directories of processes that are gone.
 */
export async function recoverInterrupted(outDir: string): Promise<string[]> {
  const actions: string[] = [];
  const holder = await readLock(`${outDir}.lock`);
  if (holder && holder.pid !== process.pid && !processAlive(holder.pid)) {
    await rm(`${outDir}.lock`, { force: true });
    actions.push(`removed the lock of process ${holder.pid}, which is gone`);
  }
  const old = await siblings(outDir, 'old');
  if (!(await exists(outDir)) && old.length > 0) {
    await rename(old.at(-1)!, outDir);
    actions.push(`restored ${outDir} from ${basename(old.at(-1)!)}`);
  }
  for (const dir of await siblings(outDir, 'old')) {
    await rm(dir, { recursive: true, force: true });
    actions.push(`removed ${basename(dir)}`);
  }
  for (const dir of await siblings(outDir, 'tmp')) {
    const pid = Number(/\.tmp-(\d+)-/.exec(basename(dir))?.[1]);
    if (!pid || !processAlive(pid) || pid === process.pid) {
      await rm(dir, { recursive: true, force: true });
      actions.push(`removed ${basename(dir)}`);
    }
  }
  return actions;
}

async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `files` as the new content of `outDir`; on any failure `outDir` keeps the previous release.
 * `outDir` must be absent, empty, or a release (it holds manifest.json): nothing else is replaced.
 */
export async function publish(outDir: string, files: OutputFile[]): Promise<void> {
  const target = resolve(outDir);
  await mkdir(dirname(target), { recursive: true });
  // One publisher per release directory, whichever state directory its run uses.
  const lock = await acquireLock(`${target}.lock`);
  if (!lock)
    throw new OntsluitError('publish-failed', 'another run is publishing into this directory', { location: { source: outDir }, expected: 'no other run publishing', found: `a lock ${target}.lock held by a live process` });
  try {
    await publishLocked(target, outDir, files);
  } finally {
    await lock.release();
  }
}

async function publishLocked(target: string, outDir: string, files: OutputFile[]): Promise<void> {
  await recoverInterrupted(target);
  if (await exists(target)) {
    const entries = await readdir(target);
    if (entries.length > 0 && !entries.includes('manifest.json'))
      throw new OntsluitError('publish-failed', 'the output directory is not an ontsluit release; it is left as it is', {
        location: { source: outDir },
        expected: 'an absent or empty directory, or a release with manifest.json',
        found: `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} such as ${JSON.stringify(entries.sort().slice(0, 3))}`,
      });
  }
  const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = `${target}.tmp-${id}`;
  try {
    await mkdir(tmp);
    let written = 0;
    for (const file of files) {
      if (file.path.split('/').some((part) => part === '..' || part === '')) throw new Error(`unsafe path in release: ${file.path}`);
      await writeDurably(join(tmp, file.path), file.bytes);
      faultPoint(`write:${++written}`);
    }
  } catch (cause) {
    await rm(tmp, { recursive: true, force: true });
    throw new OntsluitError('publish-failed', 'could not write the new release; the previous release is unchanged', {
      location: { source: outDir },
      expected: 'a writable directory beside the release',
      found: (cause as Error).message,
      cause,
    });
  }
  const old = `${target}.old-${id}`;
  const hadRelease = await exists(target);
  if (hadRelease) {
    try {
      await rename(target, old);
    } catch (cause) {
      await rm(tmp, { recursive: true, force: true });
      throw new OntsluitError('publish-failed', 'could not move the previous release aside; it is unchanged', { location: { source: outDir }, found: (cause as Error).message, cause });
    }
  }
  faultPoint('swap');
  try {
    await rename(tmp, target);
  } catch (cause) {
    if (hadRelease) await rename(old, target);
    await rm(tmp, { recursive: true, force: true });
    throw new OntsluitError('publish-failed', 'could not swap in the new release; the previous release is restored', {
      location: { source: outDir },
      found: (cause as Error).message,
      cause,
    });
  }
  // The new release is in place; a leftover old copy is removed by the next run's recovery.
  if (hadRelease) await rm(old, { recursive: true, force: true }).catch(() => undefined);
}
