// Publish stage: writes the release into a sibling temp directory, then swaps it in with renames.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { OntsluitError } from './errors.js';

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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const exists = async (path: string) => stat(path).then(() => true, () => false);

/**
 * Repairs what an interrupted publish left: restores the previous release if the process died
 * between the two renames, and removes temp directories of processes that are gone.
 */
export async function recoverInterrupted(outDir: string): Promise<string[]> {
  const actions: string[] = [];
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
    if (!pid || !alive(pid) || pid === process.pid) {
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

/** Writes `files` as the new content of `outDir`; on any failure `outDir` keeps the previous release. */
export async function publish(outDir: string, files: OutputFile[]): Promise<void> {
  const target = resolve(outDir);
  await mkdir(dirname(target), { recursive: true });
  await recoverInterrupted(target);
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
  if (hadRelease) await rename(target, old);
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
  if (hadRelease) await rm(old, { recursive: true, force: true });
}
