// Atomic publish: a run killed half-way, or a failed write, leaves the previous release whole.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OntsluitError } from '../pipeline/errors.js';
import { publish, recoverInterrupted, syncFileSystem } from '../pipeline/publish.js';
import { ROOT, spawnCli } from './helpers.js';

const DIST = join(ROOT, 'dist');

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** A copy of the committed release in a fresh directory, standing in for the live one. */
function liveRelease(): { parent: string; out: string } {
  const parent = mkdtempSync(join(tmpdir(), 'ontsluit-publish-'));
  const out = join(parent, 'dist');
  cpSync(DIST, out, { recursive: true });
  return { parent, out };
}

/**
 * Publishes 1,500 pages while a 1 ms timer runs; checks the files, and that the timer never waited
 * long. The writer gives the loop a turn after 20 ms of writing, so a timer waits ~20–40 ms (more
 * while one slow fsync runs). One that never yields holds the loop for the whole write: here 1–2 s,
 * on a fast disk perhaps less than the bound.
 */
async function publishWithTimer(): Promise<void> {
  const { out } = liveRelease();
  const files = Array.from({ length: 1500 }, (_, i) => ({ path: `actiepunt/${i}/index.html`, bytes: Buffer.from(`page ${i}\n`.repeat(200)) }));
  const ticks: number[] = [];
  const timer = setInterval(() => ticks.push(performance.now()), 1);
  const started = performance.now();
  try {
    await publish(out, files);
  } finally {
    clearInterval(timer);
  }
  const elapsed = performance.now() - started;
  expect(Object.keys(snapshot(out)).sort()).toEqual(files.map((f) => f.path).sort());
  expect(readFileSync(join(out, 'actiepunt/1499/index.html'), 'utf8')).toBe('page 1499\n'.repeat(200));
  const longest = Math.max(...[started, ...ticks, started + elapsed].map((t, i, all) => (i ? t - all[i - 1]! : 0)));
  expect(longest).toBeLessThan(250);
}

const expected = snapshot(DIST);

describe('a run killed while it writes', () => {
  it('SIGKILL after 5 of the files: the release is untouched, the temp dir is cleaned on the next run', () => {
    const { parent, out } = liveRelease();
    const killed = spawnCli(['run', '--out', out, '--previous', DIST, '--state-dir', join(parent, 'state')], { env: { ONTSLUIT_FAULT: 'write:5' } });
    expect(killed.signal).toBe('SIGKILL');
    expect(snapshot(out)).toEqual(expected);
    const leftovers = readdirSync(parent).filter((n) => n.startsWith('dist.tmp-'));
    expect(leftovers).toHaveLength(1);
    expect(readdirSync(join(parent, leftovers[0]!), { recursive: true }).filter((n) => String(n).includes('.'))).toHaveLength(5);

    const next = spawnCli(['run', '--out', out, '--previous', DIST, '--state-dir', join(parent, 'state')]);
    expect(next.status).toBe(0);
    expect(readdirSync(parent).sort()).toEqual(['dist', 'state']);
    expect(snapshot(out)).toEqual(expected);
  });

  it('SIGKILL between the two renames of the swap: the previous release is restored whole', async () => {
    const { parent, out } = liveRelease();
    const killed = spawnCli(['run', '--out', out, '--previous', DIST, '--state-dir', join(parent, 'state')], { env: { ONTSLUIT_FAULT: 'swap' } });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent).filter((n) => n.startsWith('dist.old-'))).toHaveLength(1);

    const actions = await recoverInterrupted(out);
    expect(actions).toContainEqual(expect.stringMatching(/^restored .*dist from dist\.old-/));
    expect(actions).toContainEqual(expect.stringMatching(/^removed the lock of process \d+, which is gone$/));
    expect(snapshot(out)).toEqual(expected);
    expect(readdirSync(parent).filter((n) => n.startsWith('dist.'))).toEqual([]);
  });
});

describe('publish', () => {
  it('replaces the release with exactly the new files', async () => {
    const { out } = liveRelease();
    await publish(out, [{ path: 'a/b.txt', bytes: Buffer.from('b') }, { path: 'c.txt', bytes: Buffer.from('c') }]);
    expect(snapshot(out)).toEqual({ 'a/b.txt': Buffer.from('b').toString('base64'), 'c.txt': Buffer.from('c').toString('base64') });
  });

  it('a write that fails leaves the previous release and no temp dir', async () => {
    const { parent, out } = liveRelease();
    const attempt = publish(out, [{ path: 'x', bytes: Buffer.from('file') }, { path: 'x/y.txt', bytes: Buffer.from('under a file') }]);
    await expect(attempt).rejects.toThrow(OntsluitError);
    await expect(attempt).rejects.toMatchObject({ code: 'publish-failed' });
    expect(snapshot(out)).toEqual(expected);
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  it('never replaces a directory that is not a release', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ontsluit-not-a-release-'));
    const out = join(parent, 'important');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    await expect(publish(out, [{ path: 'c.txt', bytes: Buffer.from('c') }])).rejects.toMatchObject({ code: 'publish-failed', message: 'the output directory is not an ontsluit release; it is left as it is' });
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(parent)).toEqual(['important']);
  });

  it('writes many files with the event loop taking turns (timers and signals are not held up until the end)', async () => {
    await publishWithTimer();
  });

  it('refuses paths that leave the release directory', async () => {
    const { out } = liveRelease();
    await expect(publish(out, [{ path: '../escape.txt', bytes: Buffer.from('x') }])).rejects.toMatchObject({ code: 'publish-failed', found: 'unsafe path in release: ../escape.txt' });
    expect(snapshot(out)).toEqual(expected);
  });
});

describe('flushing the new release to disk', () => {
  it('takes one flush of the whole file system where the system offers it (Linux, `sync --file-system`)', async () => {
    expect(await syncFileSystem(mkdtempSync(join(tmpdir(), 'ontsluit-flush-')))).toBe(process.platform === 'linux');
  });

  it('without that command, flushes each file and directory, with the event loop taking turns, and publishes the same release', async () => {
    const path = process.env.PATH;
    process.env.PATH = mkdtempSync(join(tmpdir(), 'ontsluit-no-sync-'));
    try {
      expect(await syncFileSystem(tmpdir())).toBe(false);
      await publishWithTimer();
      const { out } = liveRelease();
      await publish(out, [{ path: 'a/b.txt', bytes: Buffer.from('b') }]);
      expect(snapshot(out)).toEqual({ 'a/b.txt': Buffer.from('b').toString('base64') });
    } finally {
      process.env.PATH = path;
    }
  });
});
