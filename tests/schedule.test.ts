// The scheduler with real node-cron ticking every second: runs, skips, no overlap, lock, clean stop, signals.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { OntsluitError } from '../pipeline/errors.js';
import { runPipeline, summaryLine, type RunResult } from '../pipeline/run.js';
import { acquireLock } from '../pipeline/lock.js';
import { startSchedule, type Scheduler } from '../pipeline/schedule.js';
import { ROOT, tree, runOptions } from './helpers.js';

const EVERY_SECOND = '* * * * * *';
const temp = () => mkdtempSync(join(tmpdir(), 'ontsluit-schedule-'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A run result as a run that fetched one URL source with 13 actions would give. */
function fakeResult(): RunResult {
  return {
    report: {
      valid: true,
      stats: { tasks: 1, errors: 0, warnings: 0 },
      errors: [],
      warnings: [],
      tasks: [{ name: 'u2', place: 'https://www.open-overheid.nl/u2', valid: true, stats: { bytes: 10, sha256: 'ab', records: 13, errors: 0, warnings: 0 }, errors: [], warnings: [] }],
    },
    check: null,
    sources: [{ id: 'u2', place: 'https://www.open-overheid.nl/u2', status: 'fetched', sha256: 'ab' }],
    files: [],
    published: true,
    timings: {},
    cpuTimings: {},
  };
}

const schedulers: Scheduler[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop('test over')));
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A scheduler ticking every second, with its log lines collected. */
async function start(run: () => Promise<RunResult>, dir = temp()) {
  const lines: string[] = [];
  const lockFile = join(dir, 'state', 'run.lock');
  const reportDir = join(dir, 'state', 'runs');
  const scheduler = await startSchedule({ cron: EVERY_SECOND, timezone: 'Europe/Amsterdam', lockFile, reportDir, run, log: (line) => void lines.push(line) });
  schedulers.push(scheduler);
  const waitFor = async (what: string, done: () => boolean, ms: number) => {
    for (const end = Date.now() + ms; !done(); await sleep(20))
      if (Date.now() > end) throw new Error(`no ${what} within ${ms} ms; log:\n${lines.join('\n')}`);
  };
  return { scheduler, lines, lockFile, reportDir, waitFor, summaries: () => lines.filter((l) => l.startsWith('run: ')) };
}


describe('summary line', () => {
  it('sums sources, records and errors of a run in one line', () => {
    expect(summaryLine(fakeResult(), 420)).toBe('run: sources 1 fetched, 0 unchanged, 0 failed; 13 records; 0 errors; published; 0.42 s');
    const refused = { ...fakeResult(), published: false, skipped: 'no source or setting changed since the published release' };
    expect(summaryLine(refused, 1234)).toBe('run: sources 1 fetched, 0 unchanged, 0 failed; 13 records; 0 errors; not published (no source or setting changed since the published release); 1.23 s');
  });
});

describe('startSchedule', () => {
  it('publishes on the first tick and, with no changed source, publishes nothing on the second', async () => {
    const out = join(temp(), 'dist');
    let n = 0;
    // Each run has its own day, so a second publish would show in dct:modified.
    const run = () => {
      const day = ++n;
      return runPipeline(runOptions({ out, urlCheck: 'none', clock: () => new Date(Date.UTC(2030, 0, day, 12)) }, { write: true, skipUnchanged: true }));
    };
    const { scheduler, waitFor, summaries, lockFile, reportDir } = await start(run);
    await waitFor('first run', () => scheduler.runs >= 1, 10_000);
    const first = tree(out);
    const inode = statSync(out).ino;
    await waitFor('second run', () => scheduler.runs >= 2, 5_000);
    await scheduler.stop('test');

    const [published, skipped] = summaries();
    expect(published).toMatch(/^run: sources 1 read, 0 fetched, 0 unchanged, 0 failed; 13 records; 0 errors; published; \d+\.\d\d s$/);
    expect(skipped).toMatch(/^run: sources 0 fetched, 1 unchanged, 0 failed; 0 records; 0 errors; not published \(no source or setting changed since the published release\); \d+\.\d\d s$/);
    const second = tree(out);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [path, bytes] of first) expect(second.get(path)?.equals(bytes), `${path} changed`).toBe(true);
    expect(statSync(out).ino).toBe(inode); // not swapped in again
    expect(second.get('catalog.ttl')!.toString()).toContain('dct:modified "2030-01-01"^^xsd:date');
    expect(second.get('catalog.ttl')!.toString()).not.toContain('2030-01-02');

    const reports = readdirSync(reportDir).sort();
    expect(reports).toHaveLength(2);
    for (const name of reports) expect(name).toMatch(/^run-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/);
    const [r1, r2] = reports.map((name) => JSON.parse(readFileSync(join(reportDir, name), 'utf8')));
    expect(Object.keys(r1).sort()).toEqual(['cpuMs', 'datasets', 'durationMs', 'files', 'finished', 'published', 'report', 'skipped', 'sources', 'started', 'timingsMs']);
    expect([r1.published, r1.skipped, r2.published, r2.skipped]).toEqual([true, null, false, 'no source or setting changed since the published release']);
    expect(r1.sources[0].status).toBe('file');
    expect(existsSync(lockFile)).toBe(false);
  });

  it('never runs twice at once: a 1.5 s run with ticks every second', async () => {
    let active = 0;
    let most = 0;
    let entries = 0;
    const run = async () => {
      entries++;
      most = Math.max(most, ++active);
      await sleep(1500);
      active--;
      return fakeResult();
    };
    const { scheduler, lines, waitFor } = await start(run);
    await waitFor('second run', () => entries >= 2, 6_000);
    await scheduler.stop('test');
    expect(most).toBe(1);
    expect(lines).toContain('skipped: the previous run is still going');
    expect(lines.filter((l) => l.includes('holds the lock'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('cron:'))).toEqual([]); // node-cron's own warnings stay out
  });

  it('skips ticks while a live process holds the lock, and leaves its lock alone', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(()=>{},5000)'], { stdio: 'ignore' });
    children.push(holder);
    const dir = temp();
    const lockFile = join(dir, 'state', 'run.lock');
    mkdirSync(join(dir, 'state'), { recursive: true });
    const info = { pid: holder.pid, hostname: hostname(), startedAt: new Date().toISOString() };
    writeFileSync(lockFile, JSON.stringify(info));
    let calls = 0;
    const { scheduler, lines, waitFor } = await start(async () => (calls++, fakeResult()), dir);
    await waitFor('skipped tick', () => lines.some((l) => l.startsWith('skipped: another run holds the lock')), 3_000);
    await scheduler.stop('test');
    expect(lines.find((l) => l.startsWith('skipped:'))).toMatch(new RegExp(`^skipped: another run holds the lock \\(pid ${holder.pid}, since `));
    expect(calls).toBe(0);
    expect(scheduler.runs).toBe(0);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual(info);
  });

  it('takes over a lock whose process is gone, and keeps going after a run that throws', async () => {
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const dir = temp();
    mkdirSync(join(dir, 'state'), { recursive: true });
    writeFileSync(join(dir, 'state', 'run.lock'), JSON.stringify({ pid: dead, hostname: hostname(), startedAt: new Date().toISOString() }));
    let calls = 0;
    const run = async () => {
      if (++calls === 1) throw new Error('the source site is down');
      return fakeResult();
    };
    const { scheduler, lines, lockFile, reportDir, waitFor } = await start(run, dir);
    await waitFor('two runs', () => scheduler.runs >= 2, 5_000);
    await scheduler.stop('test');
    expect(lines.find((l) => l.startsWith('replacing a stale lock'))).toContain(`pid ${dead} is no longer running`);
    expect(lines).toContain('run failed: the source site is down');
    expect(lines.some((l) => l.startsWith('run: sources 1 fetched, 0 unchanged, 0 failed; 13 records; 0 errors; published; '))).toBe(true);
    const failed = readdirSync(reportDir).map((name) => JSON.parse(readFileSync(join(reportDir, name), 'utf8'))).find((r) => r.error);
    expect(failed).toMatchObject({ published: false, error: 'the source site is down' });
    expect(existsSync(lockFile)).toBe(false);
  });

  it('stop() during a run waits for it, releases the lock and starts no new run', async () => {
    let started = 0;
    let finished = 0;
    const run = async () => {
      started++;
      await sleep(800);
      finished++;
      return fakeResult();
    };
    const { scheduler, lines, lockFile, waitFor } = await start(run);
    await waitFor('a run', () => started === 1, 3_000);
    expect(existsSync(lockFile)).toBe(true);
    await scheduler.stop('SIGTERM');
    expect(finished).toBe(1);
    expect(existsSync(lockFile)).toBe(false);
    const waiting = lines.indexOf('stopping: waiting for the current run');
    const summary = lines.findIndex((l) => l.startsWith('run: '));
    const stopped = lines.indexOf('stopped (SIGTERM)');
    expect(waiting).toBeGreaterThan(-1);
    expect(waiting < summary && summary < stopped).toBe(true);
    expect(scheduler.task.getStatus()).toBe('destroyed');
    await sleep(1100);
    expect(started).toBe(1);
    await scheduler.stop('again'); // idempotent
  });

  it('rejects an invalid cron expression or time zone as config-invalid, naming the file and the field', async () => {
    const dir = temp();
    const options = { lockFile: join(dir, 'run.lock'), reportDir: join(dir, 'runs'), run: async () => fakeResult(), log: () => undefined };
    const tasks = cron.getTasks().size;
    for (const [settings, field] of [
      [{ cron: '61 * * * *', timezone: 'Europe/Amsterdam' }, 'cron'],
      [{ cron: 'every morning', timezone: 'Europe/Amsterdam' }, 'cron'],
      [{ cron: '15 6 * * 1-5', timezone: 'Europe/Amsterdm' }, 'timezone'],
      [{ cron: '15 6 * * 1-5', timezone: '' }, 'timezone'],
    ] as const) {
      const error = await startSchedule({ ...options, ...settings }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(OntsluitError);
      expect((error as OntsluitError).code).toBe('config-invalid');
      expect((error as OntsluitError).location).toMatchObject({ source: 'data/schedule.json', field, pointer: `/${field}` });
      expect((error as OntsluitError).describe()).toMatch(new RegExp(`^data/schedule\\.json \\(field ${field} at /${field}\\): "${field}" is not a `));
    }
    expect(cron.getTasks().size).toBe(tasks); // no task was created
  });
});

describe('a scheduler process (built modules)', () => {
  const built = join(ROOT, 'build', 'pipeline', 'schedule.js');
  const script = (dir: string) => {
    for (const source of ['schedule', 'lock'])
      if (!existsSync(built) || statSync(join(ROOT, 'pipeline', `${source}.ts`)).mtimeMs > statSync(join(ROOT, 'build', 'pipeline', `${source}.js`)).mtimeMs)
        throw new Error('build/ is older than pipeline/schedule.ts or lock.ts: run `npx tsc -p tsconfig.build.json` first');
    const path = join(dir, 'scheduler.mjs');
    writeFileSync(
      path,
      `import { installSignalHandlers, startSchedule } from ${JSON.stringify(pathToFileURL(built).href)};
const [lockFile, reportDir, holdMs] = process.argv.slice(2);
const log = (line) => console.log(line);
const result = ${JSON.stringify(fakeResult())};
const scheduler = await startSchedule({ cron: '* * * * * *', timezone: 'Europe/Amsterdam', lockFile, reportDir, log,
  run: async () => { console.log('ticked'); await new Promise((r) => setTimeout(r, Number(holdMs))); return result; } });
installSignalHandlers(scheduler, log);
`,
    );
    return path;
  };

  /** Starts the script, sends `signals` (ms after the first "ticked"), and resolves with its exit code and output. */
  function runScript(holdMs: number, signals: number[]) {
    const dir = temp();
    const lockFile = join(dir, 'run.lock');
    const child = spawn(process.execPath, [script(dir), lockFile, join(dir, 'runs'), String(holdMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const before = output.includes('ticked');
      output += chunk.toString();
      if (!before && output.includes('ticked')) for (const at of signals) setTimeout(() => child.kill('SIGTERM'), at);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise<{ code: number | null; output: string; lockFile: string; pid: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the scheduler process did not exit; output:\n${output}`)), 8_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output, lockFile, pid: child.pid! });
      });
    });
  }

  it('SIGTERM during a run lets it finish, removes the lock and exits 0', async () => {
    const { code, output, lockFile } = await runScript(1000, [0]);
    expect(output).toContain('SIGTERM: stopping');
    expect(output).toContain('stopping: waiting for the current run');
    expect(output).toMatch(/run: sources 1 fetched, 0 unchanged, 0 failed; 13 records; 0 errors; published; \d+\.\d\d s/);
    expect(output).toContain('stopped (SIGTERM)');
    expect(code).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('a second SIGTERM exits at once with 130; the lock it leaves is stale for the next run', async () => {
    const { code, output, lockFile, pid } = await runScript(5_000, [0, 150]);
    expect(output).toContain('SIGTERM again: exiting now');
    expect(code).toBe(130);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(pid);
    const taken: string[] = [];
    const lock = await acquireLock(lockFile, { log: (line) => void taken.push(line) });
    expect(lock).not.toBeNull();
    expect(taken[0]).toContain(`pid ${pid} is no longer running`);
    await lock!.release();
  });
});
