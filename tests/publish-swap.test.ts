// Publishing is atomic for readers: the symlinked layout (<out> → <out>.releases/<id>/) is swapped by one
// rename, so a served release polled during publishes never fails a read; system errors are told in words.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publish, recoverInterrupted } from '../pipeline/publish.js';
import { publishFailed } from '../pipeline/publish-errors.js';
import { openRelease } from '../pipeline/release.js';
import { createServer } from '../pipeline/serve/server.js';
import { ROOT, spawnCli, tree } from './helpers.js';

const DIST = join(ROOT, 'dist');
const SLUG = 'actieplan-open-overheid-2020-2022';
const expected = tree(DIST);
const files = () => [...expected].map(([path, bytes]) => ({ path, bytes }));
const same = (dir: string) => {
  const got = tree(dir);
  return got.size === expected.size && [...expected].every(([path, bytes]) => got.get(path)?.equals(bytes));
};

/** A fresh parent with `dist` published in the symlinked layout. */
async function linkedRelease(): Promise<{ parent: string; out: string }> {
  const parent = mkdtempSync(join(tmpdir(), 'ontsluit-swap-'));
  const out = join(parent, 'dist');
  await publish(out, files());
  return { parent, out };
}

const run = (out: string, parent: string, env: NodeJS.ProcessEnv = {}) => spawnCli(['run', '--out', out, '--previous', DIST, '--state-dir', join(parent, 'state')], { env });

describe('the symlinked layout', () => {
  it('a new --out becomes a symlink to a version directory; each publish swaps the link and keeps one earlier version', async () => {
    const { parent, out } = await linkedRelease();
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readlinkSync(out)).toMatch(/^dist\.releases\/\d+-[0-9a-f]{8}$/);
    expect(same(out)).toBe(true);
    const first = readlinkSync(out);
    await publish(out, files());
    await publish(out, files());
    expect(readlinkSync(out)).not.toBe(first);
    expect(readdirSync(join(parent, 'dist.releases'))).toHaveLength(2);
    expect(readdirSync(parent).sort()).toEqual(['dist', 'dist.releases']);
    expect(same(out)).toBe(true);
  });

  it('a symlinked --out stays a symlink, and shows the new release', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ontsluit-swap-'));
    cpSync(DIST, join(parent, 'elsewhere'), { recursive: true });
    writeFileSync(join(parent, 'elsewhere', 'stale.txt'), 'old');
    symlinkSync('elsewhere', join(parent, 'dist'));
    await publish(join(parent, 'dist'), files());
    expect(lstatSync(join(parent, 'dist')).isSymbolicLink()).toBe(true);
    expect(same(join(parent, 'dist'))).toBe(true);
    // What the link pointed at before is not ontsluit's to delete.
    expect(readFileSync(join(parent, 'elsewhere', 'stale.txt'), 'utf8')).toBe('old');
  });
});

describe('kill -9 in the symlinked layout: old or new, never broken', () => {
  it('SIGKILL after 5 files: the release is the old one, whole; the next run cleans up', async () => {
    const { parent, out } = await linkedRelease();
    const before = readlinkSync(out);
    expect(run(out, parent, { ONTSLUIT_FAULT: 'write:5' }).signal).toBe('SIGKILL');
    expect(readlinkSync(out)).toBe(before);
    expect(same(out)).toBe(true);
    expect(readdirSync(join(parent, 'dist.releases'))).toHaveLength(2);
    expect(run(out, parent).status).toBe(0);
    expect(same(out)).toBe(true);
    expect(readdirSync(join(parent, 'dist.releases'))).toHaveLength(2);
  });

  it('SIGKILL just before the swap: --out still holds the old release, whole', async () => {
    const { parent, out } = await linkedRelease();
    const before = readlinkSync(out);
    expect(run(out, parent, { ONTSLUIT_FAULT: 'swap' }).signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(true);
    expect(readlinkSync(out)).toBe(before);
    expect(same(out)).toBe(true);
    const actions = await recoverInterrupted(out);
    expect(actions).toContainEqual(expect.stringMatching(/^removed dist\.releases\/\d+-/));
    expect(readdirSync(join(parent, 'dist.releases'))).toEqual([before.split('/')[1]]);
  });
});

describe('a served release polled during 6 publishes', () => {
  it('never fails a read, and every read is a whole file of a release', async () => {
    const { parent, out } = await linkedRelease();
    const { app } = await createServer({ release: await openRelease(out) });
    const urls = ['/catalog.ttl', `/${SLUG}/actions.csv`, `/${SLUG}/`, '/manifest.json'];
    const bodies = [expected.get('catalog.ttl')!, expected.get(`${SLUG}/actions.csv`)!, expected.get(`${SLUG}/index.html`)!, expected.get('manifest.json')!];
    let done = false;
    let reads = 0;
    const failures: string[] = [];
    const poll = (async () => {
      while (!done)
        for (const [i, url] of urls.entries()) {
          // Files come from memory: without a turn of the event loop the runs' exits would never be seen.
          await new Promise((resolve) => setImmediate(resolve));
          const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
          reads++;
          if (res.statusCode !== 200 || !res.rawPayload.equals(bodies[i]!)) failures.push(`${url} ${res.statusCode}`);
        }
    })();
    try {
      for (let i = 0; i < 6; i++) {
        const code = await new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [join(ROOT, 'bin', 'ontsluit.js'), 'run', '--out', out, '--previous', DIST, '--state-dir', join(parent, 'state'), '--url-check', 'none'], { cwd: ROOT, stdio: 'ignore' });
          child.on('close', resolve);
        });
        expect(code).toBe(0);
      }
      done = true;
      await poll;
      // The server follows the link: a second after the last publish it answers from the new version.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await app.inject({ method: 'GET', url: '/catalog.ttl' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const etag = (await app.inject({ method: 'GET', url: '/catalog.ttl', headers: { 'accept-encoding': 'identity' } })).headers.etag;
      const info = statSync(join(out, 'catalog.ttl'));
      expect(etag).toBe(`W/"${info.size.toString(16)}-${info.mtime.getTime().toString(16)}"`);
    } finally {
      done = true;
      await poll;
      await app.close();
    }
    expect(reads).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
  }, 180_000); // six whole runs, one after the other
});

describe('system errors in words', () => {
  it('--out a regular file: publish-failed that names what it found, and the file is left alone', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ontsluit-swap-'));
    writeFileSync(join(parent, 'dist'), 'not a directory');
    await expect(publish(join(parent, 'dist'), files())).rejects.toMatchObject({
      code: 'publish-failed',
      message: 'the output path is not a release directory; nothing was published',
      found: 'a regular file (15 bytes)',
    });
    expect(readFileSync(join(parent, 'dist'), 'utf8')).toBe('not a directory');
  });

  it('--out below a regular file: ENOTDIR in words', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ontsluit-swap-'));
    writeFileSync(join(parent, 'file'), 'x');
    const error = await publish(join(parent, 'file', 'dist'), files()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'publish-failed', expected: 'directories all the way to the release' });
    expect((error as Error).message).not.toMatch(/ENOTDIR/);
    expect((error as { found: string }).found).toMatch(/^a part of the path is a file, not a directory/);
  });

  it('a dangling symlink: refused, never "the previous release is restored"', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ontsluit-swap-'));
    symlinkSync('gone', join(parent, 'dist'));
    const error = await publish(join(parent, 'dist'), files()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'publish-failed', message: 'the output path is not a release directory; nothing was published' });
    expect((error as { found: string }).found).toContain(`a symlink to ${join(parent, 'gone')}, which does not exist`);
    expect(readlinkSync(join(parent, 'dist'))).toBe('gone');
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  it('a read-only file system (EROFS) and other system errors in words', () => {
    const erofs = Object.assign(new Error('EROFS: read-only file system, mkdir'), { code: 'EROFS', path: '/srv/dist.releases' });
    const error = publishFailed('cannot create /srv/dist.releases for the release versions', '/srv/dist', erofs);
    expect(error.code).toBe('publish-failed');
    expect(error.found).toBe('the file system is read-only (/srv/dist.releases)');
    expect(error.describe()).toBe(
      '/srv/dist: cannot create /srv/dist.releases for the release versions (expected a writable file system for the release and its temp files, found the file system is read-only (/srv/dist.releases)) [publish-failed]',
    );
    expect(publishFailed('x', 'y', Object.assign(new Error('nospc'), { code: 'ENOSPC' })).found).toBe('no space left on the device');
  });
});

describe('a plain directory --out (the committed dist/)', () => {
  it('stays a plain directory', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ontsluit-swap-'));
    mkdirSync(join(parent, 'dist'));
    await publish(join(parent, 'dist'), files());
    expect(lstatSync(join(parent, 'dist')).isDirectory()).toBe(true);
    expect(readdirSync(parent)).toEqual(['dist']);
  });
});
