// `ontsluit schedule` as a publisher runs it: ticks, publishes once, skips unchanged sources, stops on SIGTERM.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA, ROOT, cli, spawnCli } from './helpers.js';

describe('ontsluit schedule', () => {
  it('runs on the cron expression, publishes only when a source changed, and stops cleanly on SIGTERM', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ontsluit-schedule-data-'));
    cpSync(DATA, data, { recursive: true });
    writeFileSync(join(data, 'schedule.json'), JSON.stringify({ cron: '* * * * * *', timezone: 'Europe/Amsterdam' }));
    const work = mkdtempSync(join(tmpdir(), 'ontsluit-schedule-'));
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'ontsluit.js'), 'schedule', '--data', data, '--out', join(work, 'dist'), '--state-dir', join(work, 'state'), '--url-check', 'none'], { cwd: work });
    let log = '';
    child.stderr.on('data', (d) => (log += d));
    const runLines = () => log.split('\n').filter((l) => l.includes('"msg":"run: '));
    const deadline = Date.now() + 20_000;
    while (runLines().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const [first, second] = runLines().map((l) => JSON.parse(l).msg as string);
    expect(first).toMatch(/^run: sources 1 read, 0 fetched, 0 unchanged, 0 failed; 13 records; 0 errors; published; [\d.]+ s$/);
    expect(second).toMatch(/not published \(no source or setting changed since the published release\)/);
    expect(existsSync(join(work, 'state', 'run.lock'))).toBe(false);
    expect(readdirSync(join(work, 'state', 'runs')).length).toBeGreaterThanOrEqual(2);
    expect(readFileSync(join(work, 'dist', 'catalog.ttl'), 'utf8')).toContain('dcat:Catalog');
  });

  it('refuses an invalid cron expression with the file and field, exit 2', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ontsluit-schedule-bad-'));
    cpSync(DATA, data, { recursive: true });
    writeFileSync(join(data, 'schedule.json'), JSON.stringify({ cron: '61 * * * * *', timezone: 'Europe/Amsterdam' }));
    const run = spawnCli(['schedule', '--data', data]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/schedule\.json \(field cron at \/cron\)/);
  });

  it('a manual run refuses while another process holds the run lock (exit 3)', async () => {
    const state = mkdtempSync(join(tmpdir(), 'ontsluit-lock-'));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    writeFileSync(join(state, 'run.lock'), JSON.stringify({ pid: holder.pid, hostname: hostname(), startedAt: new Date().toISOString() }));
    const run = await cli(['run', '--out', join(state, 'dist'), '--state-dir', state]);
    holder.kill();
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(`another run holds the lock (pid ${holder.pid}`);
    expect(existsSync(join(state, 'dist'))).toBe(false);
  });
});
