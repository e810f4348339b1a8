// A run: build the release, check it as the portal would, publish it atomically; runOnce adds the lock and the run report.
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckReport } from './check/index.js';
import { loadConfig } from './config.js';
import type { ReleaseFile } from './emit/files.js';
import { OntsluitError } from './errors.js';
import { createTimer } from './lib/timer.js';
import { acquireLock, readLock, type LockInfo } from './lock.js';
import { MANIFEST, readManifest, type Manifest } from './manifest.js';
import { DEFAULTS, type PipelineOptions } from './options.js';
import type { BuildResult } from './build.js';
import type { BuiltRelease, PreviousRelease } from './release.js';
import { finalize, issue, type Issue, type Report } from './report.js';
import { MEMORY, openSpool } from './spool.js';
import { fileMeta, readBuildRecord, writeBuildRecord, type BuildRecord } from './reuse.js';
import type { IngestOptions, SourceOutcome } from './sources.js';
import { createValidator } from './validate.js';

export type { SourceOutcome } from './sources.js';

export interface RunOptions extends PipelineOptions {
  /** false: validate and build everything, write nothing (`ontsluit validate`, `ontsluit check`). */
  write: boolean;
  /** Run the preflight check and publish only when it passes. Default true. */
  check?: boolean;
  /** Build nothing when the release in --out was built from the same code, settings and sources (`ontsluit run`, `ontsluit schedule`). */
  skipUnchanged?: boolean;
  /** Build every dataset anew and compress every file again, whatever the previous release was built from. */
  rebuild?: boolean;
  /** Publish even when the release's size or triple count changed by more than `DEFAULTS.releaseChangeFactor`. */
  acceptSizeChange?: boolean;
  fetch?: IngestOptions['fetch'];
  /** Files from this size on leave memory as soon as they are made (pipeline/spool.ts; default `ONTSLUIT_SPOOL_FROM`, else 1 MiB). Only when writing. */
  spoolFrom?: number;
}

export interface RunResult {
  report: Report;
  /** The preflight check of the release, when it was built and checked. */
  check: CheckReport | null;
  sources: SourceOutcome[];
  /** Why nothing was built, when `skipUnchanged` found no changed source. */
  skipped?: string;
  /** The release, when it was built. */
  release?: BuiltRelease | null;
  /** Each dataset of the release, and whether its files were taken over from the previous release. */
  datasets?: { slug: string; reused: boolean }[];
  files: ReleaseFile[];
  published: boolean;
  /** Wall-clock milliseconds per stage, for the run report (never in the release). */
  timings: Record<string, number>;
  /** CPU milliseconds per stage (all threads of the process), for the run report. */
  cpuTimings: Record<string, number>;
}

/** build → check → publish. Invalid data gives a report with errors (nothing is written); faults throw. */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const timer = createTimer();
  const validator = await timer.time('config', () => createValidator(options.schemaDir));
  const config = await timer.time('config', () => loadConfig(options.dataDir, validator, options.sourcesFile));
  const previous = await readManifest(options.previousDir);
  const record = options.rebuild ? null : await readBuildRecord(options.stateDir, options.previousDir);
  // The previous release is read at most once: for the datasets taken from it, the size check and the identity check.
  let opened: Promise<PreviousRelease | null> | undefined;
  const openPrevious = () => (opened ??= timer.time('previous', async () => (await import('./release.js')).openPreviousRelease(options.previousDir, config.catalog.baseUrl)));
  const { buildRelease } = await import('./build.js');
  // Nothing to do only when the release would be published where the previous one is.
  const skipUnchanged = options.skipUnchanged === true && options.previousDir === options.outDir;
  // Large files wait for publish on disk, not in memory; a run that writes nothing keeps them in memory.
  const spool = options.write ? openSpool(options.stateDir, options.spoolFrom) : MEMORY;
  try {
    const built = await buildRelease(config, { ...options, skipUnchanged, validator, previous, record, openPrevious, timer, spool });
    const release = built.release;
    const datasets = release?.parts.map(({ slug, reused }) => ({ slug, reused })) ?? [];
    const result: RunResult = { report: built.report, check: null, sources: built.sources, release, datasets, files: release?.files ?? [], published: false, timings: timer.timings, cpuTimings: timer.cpu };
    if (built.skipped) result.skipped = built.skipped;
    if (!release) {
      spool.close();
      return result;
    }

    const before = await openPrevious();
    const change = before && !options.acceptSizeChange ? sizeChange(before, release, join(options.outDir, 'manifest.json')) : null;
    if (change) {
      result.report = finalize(built.report.tasks, [...built.runIssues, change]);
      return result;
    }
    if (options.check !== false) {
      const { createChecker } = await import('./check/index.js');
      const check = await timer.time('check', async () => createChecker(config, options.schemaDir).check(release, before, { urlCheck: options.urlCheck, originMap: options.originMap }));
      const refusals = check.reasons.map((reason) =>
        issue('check-failed', `the release would be refused: ${reason}`, { source: join(options.outDir, 'catalog.ttl') }, { expected: 'a release that data.overheid.nl accepts (see `ontsluit check`)', found: reason }),
      );
      release.files.push({ path: 'check-report.json', bytes: Buffer.from(`${JSON.stringify(check, null, 2)}\n`), mediaType: 'application/json', fileType: 'JSON', title: { nl: 'Controlerapport', en: 'Check report' } });
      result.check = check;
      result.report = finalize(built.report.tasks, [...built.runIssues, ...refusals]);
    }
    if (result.report.valid && options.write) {
      const { encodedCopies } = await import('./encodings.js');
      // Compressed copies of unchanged files come from the previous release only when the same code made it.
      const from = record?.code === built.inputs.code ? { dir: options.previousDir, manifest: previous } : undefined;
      const copies = await timer.time('compress', () => encodedCopies(release.files, release.manifest, from, spool));
      const { publish } = await import('./publish.js');
      const published = await timer.time('publish', () => publish(options.outDir, [...release.files, ...copies]));
      result.published = true;
      // The spooled files now read from the release.
      spool.published(published);
      spool.close();
      // Without its record the next run builds everything again; the release is published either way.
      await writeBuildRecord(options.stateDir, release.files.find((f) => f.path === MANIFEST)!.bytes, buildRecord(release, built.inputs)).catch(() => undefined);
    }
    return result;
  } finally {
    // The run is over: an unpublished run's spool goes with the next run or with the process.
    spool.done();
  }
}

/** What the release was built from, and which files each dataset made. */
function buildRecord(release: BuiltRelease, inputs: BuildResult['inputs']): BuildRecord {
  const byPath = new Map(release.files.map((f) => [f.path, f]));
  const metas = (paths: string[]) => paths.map((path) => fileMeta(byPath.get(path)!));
  return { code: inputs.code, run: inputs.run, datasets: Object.fromEntries(release.parts.map((p) => [p.slug, { ...inputs.datasets[p.slug]!, files: metas(p.files), pages: metas(p.pages) }])) };
}

/** A release as far as its size goes: built or published, each dataset with its triples counted. */
type Sized = { manifest: Manifest; datasets: { triples: number }[] };

/** Total bytes of the data files and triples of the datasets: what a damaged source would shrink or blow up. */
function releaseSize(release: Sized): { bytes: number; triples: number } {
  const bytes = Object.entries(release.manifest.files).filter(([path]) => path.includes('/') && !path.startsWith('def/')).reduce((n, [, f]) => n + f.bytes, 0);
  return { bytes, triples: release.datasets.reduce((n, d) => n + d.triples, 0) };
}

/** An error when the release grew or shrank by more than the allowed factor against the previous one. */
export function sizeChange(previous: Sized, next: Sized, source: string, factor: number = DEFAULTS.releaseChangeFactor): Issue | null {
  const [a, b] = [releaseSize(previous), releaseSize(next)];
  for (const key of ['bytes', 'triples'] as const) {
    if (a[key] === 0 || b[key] === 0) continue;
    const ratio = b[key] / a[key];
    if (ratio > factor || ratio < 1 / factor)
      return issue('release-size-change', `the release has ${ratio.toFixed(2)} × the ${key === 'bytes' ? 'data size' : 'triples'} of the previous one; refused (\`--accept-size-change\` publishes it)`, { source }, { expected: `between ${(1 / factor).toFixed(2)} × and ${factor} × of ${a[key]} ${key}`, found: `${b[key]} ${key}` });
  }
  return null;
}

/** How one locked run ended. */
export type RunOutcome =
  | { status: 'locked'; holder: LockInfo | null }
  | { status: 'done'; result: RunResult; durationMs: number; reportPath?: string; reportError?: string }
  | { status: 'failed'; error: unknown; durationMs: number; reportPath?: string; reportError?: string };

export interface RunOnceOptions {
  lockFile: string;
  /** Where `run-<time>.json` is written. */
  runsDir: string;
  /** Passed to `acquireLock`. */
  staleAfterMs?: number;
  /** The time in the run report (default: now). */
  now?: () => Date;
  log?: (line: string, fields?: object) => void;
}

/**
 * One run as `ontsluit run` and every scheduled tick make it: take the run lock (or report who holds
 * it), run, release the lock, and leave a run report. A fault is returned as `failed`, never thrown.
 */
export async function runOnce(settings: RunOnceOptions, run: () => Promise<RunResult>): Promise<RunOutcome> {
  const now = settings.now ?? (() => new Date());
  const lock = await acquireLock(settings.lockFile, { staleAfterMs: settings.staleAfterMs, log: settings.log });
  if (!lock) return { status: 'locked', holder: await readLock(settings.lockFile).catch(() => null) };
  const started = now();
  const t0 = performance.now();
  let outcome: Extract<RunOutcome, { status: 'done' | 'failed' }>;
  try {
    outcome = { status: 'done', result: await run(), durationMs: 0 };
  } catch (error) {
    outcome = { status: 'failed', error, durationMs: 0 };
  } finally {
    await lock.release().catch(() => undefined);
  }
  outcome.durationMs = Math.round(performance.now() - t0);
  try {
    outcome.reportPath = await writeRunReport(settings.runsDir, started, runReport(outcome, started, now()));
  } catch (error) {
    outcome.reportError = errorText(error);
  }
  return outcome;
}

/** The run report: one shape for manual and scheduled runs. */
function runReport(outcome: Extract<RunOutcome, { status: 'done' | 'failed' }>, started: Date, finished: Date): object {
  const times = { started: started.toISOString(), finished: finished.toISOString(), durationMs: outcome.durationMs };
  if (outcome.status === 'failed') return { ...times, published: false, skipped: null, error: errorText(outcome.error), sources: [], datasets: [] };
  const { result } = outcome;
  return { ...times, published: result.published, skipped: result.skipped ?? null, timingsMs: result.timings, cpuMs: result.cpuTimings, sources: result.sources, datasets: result.datasets ?? [], files: result.files.length, report: result.report };
}

export const errorText = (error: unknown) => (error instanceof OntsluitError ? error.describe() : error instanceof Error ? error.message : String(error));

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
