// `ontsluit schedule`: runs the pipeline on a cron schedule, one run at a time, with a clean stop.
import cron, { type Logger, type ScheduledTask } from 'node-cron';
import { mkdir, open } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { OntsluitError, quote } from './errors.js';
import { acquireLock, readLock, type Lock } from './lock.js';
import type { RunResult } from './run.js';

export type Log = (line: string, fields?: object) => void;

export interface ScheduleOptions {
  /** A node-cron expression: 5 fields, or 6 with seconds first (data/schedule.json `cron`). */
  cron: string;
  /** An IANA time zone (data/schedule.json `timezone`). */
  timezone: string;
  /** The run lock shared with manual runs and other schedulers. */
  lockFile: string;
  /** One pipeline run. */
  run: () => Promise<RunResult>;
  /** One line per event; `fields` are the same facts, structured. */
  log: Log;
  /** Where a `run-<time>.json` report is written after each run. */
  reportDir: string;
  /** The time for the run reports (node-cron itself follows the system clock). */
  clock?: () => Date;
  /** Passed to `acquireLock`; default 6 h. */
  staleAfterMs?: number;
  /** The file named in configuration errors; default `data/schedule.json`. */
  configFile?: string;
}

export interface Scheduler {
  /** Stops the cron task, waits for a run in progress, releases the lock. Safe to call twice. */
  stop(reason?: string): Promise<void>;
  /** Runs finished so far (published or not, failed included; ticks skipped for the lock are not counted). */
  readonly runs: number;
  readonly task: ScheduledTask;
}

/** Throws `config-invalid` when the cron expression or the time zone is not usable. */
export function validateSchedule(settings: { cron: string; timezone: string }, configFile = 'data/schedule.json'): void {
  const invalid = (field: 'cron' | 'timezone', message: string, expected: string, found: unknown) =>
    new OntsluitError('config-invalid', message, { location: { source: configFile, pointer: `/${field}`, field }, expected, found: quote(found) });
  if (typeof settings.cron !== 'string' || !cron.validate(settings.cron)) {
    const detail = typeof settings.cron === 'string' ? cron.validateDetailed(settings.cron).errors[0]?.message : undefined;
    throw invalid('cron', `"cron" is not a valid cron expression${detail ? ` (${detail})` : ''}`, 'a cron expression with 5 fields, or 6 with seconds first, e.g. "15 6 * * 1-5"', settings.cron);
  }
  let zoneOk = typeof settings.timezone === 'string' && settings.timezone !== '';
  if (zoneOk) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: settings.timezone });
    } catch {
      zoneOk = false;
    }
  }
  if (!zoneOk) throw invalid('timezone', '"timezone" is not a known time zone', 'an IANA time zone, e.g. "Europe/Amsterdam"', settings.timezone);
}

/** The one line a run is summarised in. */
export function summaryLine(result: RunResult, durationMs: number): string {
  const count = (status: string) => result.sources.filter((s) => s.status === status).length;
  // A file source is "read"; when the run was skipped its bytes are those of the published release.
  const read = result.skipped ? 0 : count('file');
  const unchanged = count('unchanged') + (result.skipped ? count('file') : 0);
  const sources = `${read > 0 ? `${read} read, ` : ''}${count('fetched')} fetched, ${unchanged} unchanged, ${count('failed')} failed`;
  const records = result.report.tasks.reduce((sum, task) => sum + task.stats.records, 0);
  const outcome = result.published ? 'published' : `not published (${notPublishedReason(result)})`;
  return `run: sources ${sources}; ${records} records; ${result.report.stats.errors} errors; ${outcome}; ${(durationMs / 1000).toFixed(2)} s`;
}

function notPublishedReason(result: RunResult): string {
  if (result.skipped) return result.skipped;
  if (result.check && !result.check.accepted) return `the check refused the release: ${result.check.reasons[0] ?? 'see check-report.json'}`;
  if (!result.report.valid) return `${result.report.stats.errors} error(s); the published release is unchanged`;
  return 'nothing written';
}

/** `run-<ISO time>.json` with `:` and `.` as `-`; a second report in the same millisecond gets `-2`. */
async function writeRunReport(dir: string, started: Date, report: object): Promise<string> {
  await mkdir(dir, { recursive: true });
  const base = `run-${started.toISOString().replace(/[:.]/g, '-')}`;
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? `${base}.json` : `${base}-${n}.json`);
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${JSON.stringify(report, null, 2)}\n`);
      } finally {
        await handle.close();
      }
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 100) throw error;
    }
  }
}

const message = (error: unknown) => (error instanceof OntsluitError ? error.describe() : error instanceof Error ? error.message : String(error));

/**
 * Starts the schedule. Two runs never overlap: node-cron's `noOverlap` within this process, and
 * the lock file across processes (a manual `ontsluit run` or a second scheduler).
 */
export async function startSchedule(options: ScheduleOptions): Promise<Scheduler> {
  validateSchedule(options, options.configFile);
  const { log, run } = options;
  const clock = options.clock ?? (() => new Date());
  await mkdir(options.reportDir, { recursive: true });
  await mkdir(dirname(options.lockFile), { recursive: true });

  let runs = 0;
  let stopping = false;
  let stopped: Promise<void> | undefined;
  let inFlight: Promise<void> | undefined;
  let running = false;
  let lock: Lock | null = null;

  const tick = async (): Promise<void> => {
    let acquired: Lock | null;
    try {
      acquired = await acquireLock(options.lockFile, { staleAfterMs: options.staleAfterMs, log });
    } catch (error) {
      log(`run failed: could not take the lock ${options.lockFile}: ${message(error)}`, { lock: options.lockFile, error: message(error) });
      return;
    }
    if (acquired === null) {
      const holder = await readLock(options.lockFile).catch(() => null);
      const who = holder ? `pid ${holder.pid}${holder.hostname === hostname() ? '' : ` on ${holder.hostname}`}, since ${holder.startedAt}` : 'pid unknown';
      log(`skipped: another run holds the lock (${who})`, { lock: options.lockFile, holder });
      return;
    }
    lock = acquired;
    try {
      if (stopping) return; // stop() came while the lock was being taken
      running = true;
      const started = clock();
      const t0 = performance.now();
      let line: string;
      let fields: Record<string, unknown>;
      let report: Record<string, unknown>;
      try {
        const result = await run();
        const durationMs = Math.round(performance.now() - t0);
        line = summaryLine(result, durationMs);
        fields = { published: result.published, skipped: result.skipped ?? null, errors: result.report.stats.errors, durationMs };
        report = { started: started.toISOString(), finished: clock().toISOString(), durationMs, sources: result.sources, published: result.published, skipped: result.skipped ?? null, timingsMs: result.timings, report: result.report };
      } catch (error) {
        const durationMs = Math.round(performance.now() - t0);
        line = `run failed: ${message(error)}`;
        fields = { published: false, error: message(error), durationMs };
        report = { started: started.toISOString(), finished: clock().toISOString(), durationMs, sources: [], published: false, skipped: null, error: message(error) };
      } finally {
        runs++;
        running = false;
      }
      let reportPath: string | undefined;
      try {
        reportPath = await writeRunReport(options.reportDir, started, report);
      } catch (error) {
        fields.reportError = message(error);
      }
      log(line, { ...fields, ...(reportPath ? { report: reportPath } : {}) });
      if (fields.reportError) log(`could not write the run report into ${options.reportDir}: ${String(fields.reportError)}`);
    } finally {
      lock = null;
      await acquired.release().catch((error: unknown) => log(`could not release the lock ${options.lockFile}: ${message(error)}`));
    }
  };

  const cronLogger: Logger = {
    info: () => undefined,
    debug: () => undefined,
    // The overlap warning is logged from the execution:overlap event below, in our words.
    warn: (text) => {
      if (!/overlap/i.test(text)) log(`cron: ${text}`);
    },
    error: (text, error) => log(`cron: ${text instanceof Error ? text.message : text}${error ? `: ${error.message}` : ''}`),
  };

  const task = cron.schedule(
    options.cron,
    () => {
      if (stopping) return;
      const current = tick().catch((error: unknown) => log(`run failed: ${message(error)}`));
      inFlight = current;
      return current.finally(() => {
        if (inFlight === current) inFlight = undefined;
      });
    },
    { timezone: options.timezone, noOverlap: true, name: 'ontsluit', logger: cronLogger },
  );
  task.on('execution:overlap', () => log('skipped: the previous run is still going'));
  log(`schedule: "${options.cron}" (${options.timezone}); next run ${task.getNextRun()?.toISOString() ?? 'none'}`, { cron: options.cron, timezone: options.timezone, lock: options.lockFile });

  return {
    task,
    get runs() {
      return runs;
    },
    stop(reason = 'stop requested') {
      stopped ??= (async () => {
        stopping = true;
        await task.destroy();
        if (inFlight) {
          if (running) log('stopping: waiting for the current run', { reason });
          await inFlight;
        }
        if (lock) await lock.release().catch(() => undefined);
        log(`stopped (${reason})`, { reason, runs });
      })();
      return stopped;
    },
  };
}

/**
 * SIGINT/SIGTERM: stop the scheduler (a run in progress finishes) and exit 0; a second signal
 * exits at once with 130. Returns a function that removes the handlers.
 */
export function installSignalHandlers(scheduler: Scheduler, log: Log, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      log(`${signal} again: exiting now`, { signal });
      exit(130);
      return;
    }
    signalled = true;
    log(`${signal}: stopping (send it again to exit at once)`, { signal });
    scheduler.stop(signal).then(
      () => exit(0),
      (error: unknown) => {
        log(`could not stop cleanly: ${message(error)}`);
        exit(3);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
