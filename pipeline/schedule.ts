// `ontsluit schedule`: runs the pipeline on a cron schedule, one run at a time, with a clean stop.
import cron, { type Logger, type ScheduledTask } from 'node-cron';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { OntsluitError, quote } from './errors.js';
import { errorText, runOnce, summaryLine, type RunOutcome, type RunResult } from './run.js';

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

  const tick = async (): Promise<void> => {
    if (stopping) return;
    let outcome: RunOutcome;
    try {
      outcome = await runOnce({ lockFile: options.lockFile, runsDir: options.reportDir, staleAfterMs: options.staleAfterMs, now: clock, log }, async () => {
        running = true;
        try {
          return await run();
        } finally {
          running = false;
          runs++;
        }
      });
    } catch (error) {
      log(`run failed: could not take the lock ${options.lockFile}: ${errorText(error)}`, { lock: options.lockFile, error: errorText(error) });
      return;
    }
    logOutcome(outcome, options.lockFile, options.reportDir, log);
  };

  const task = cron.schedule(
    options.cron,
    () => {
      if (stopping) return;
      const current = tick().catch((error: unknown) => log(`run failed: ${errorText(error)}`));
      inFlight = current;
      return current.finally(() => {
        if (inFlight === current) inFlight = undefined;
      });
    },
    { timezone: options.timezone, noOverlap: true, name: 'ontsluit', logger: cronLogger(log) },
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
        log(`stopped (${reason})`, { reason, runs });
      })();
      return stopped;
    },
  };
}

/** node-cron's own log lines, in ours; its overlap warning is logged from the execution:overlap event instead. */
function cronLogger(log: Log): Logger {
  return {
    info: () => undefined,
    debug: () => undefined,
    warn: (text) => {
      if (!/overlap/i.test(text)) log(`cron: ${text}`);
    },
    error: (text, error) => log(`cron: ${text instanceof Error ? text.message : text}${error ? `: ${error.message}` : ''}`),
  };
}

/** The log line of one tick: who holds the lock, the run's summary, or its failure. */
function logOutcome(outcome: RunOutcome, lockFile: string, reportDir: string, log: Log): void {
  if (outcome.status === 'locked') {
    const holder = outcome.holder;
    const who = holder ? `pid ${holder.pid}${holder.hostname === hostname() ? '' : ` on ${holder.hostname}`}, since ${holder.startedAt}` : 'pid unknown';
    log(`skipped: another run holds the lock (${who})`, { lock: lockFile, holder });
    return;
  }
  const report = outcome.reportPath ? { report: outcome.reportPath } : {};
  const reportError = outcome.reportError ? { reportError: outcome.reportError } : {};
  if (outcome.status === 'failed') {
    log(`run failed: ${errorText(outcome.error)}`, { published: false, error: errorText(outcome.error), durationMs: outcome.durationMs, ...reportError, ...report });
  } else {
    const { result, durationMs } = outcome;
    log(summaryLine(result, durationMs), { published: result.published, skipped: result.skipped ?? null, errors: result.report.stats.errors, durationMs, ...reportError, ...report });
  }
  if (outcome.reportError) log(`could not write the run report into ${reportDir}: ${outcome.reportError}`);
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
        log(`could not stop cleanly: ${errorText(error)}`);
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
