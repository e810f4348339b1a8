// Every default of ontsluit in one place, and the one step that resolves command options into paths and limits.
import { join, resolve } from 'node:path';
import type { UrlCheckMode } from './check/urls.js';
import { OntsluitError } from './errors.js';
import { PACKAGE_ROOT } from './version.js';

/** The clock: the only way time enters a run. */
export type Clock = () => Date;

export const DEFAULTS = {
  dataDir: join(PACKAGE_ROOT, 'data'),
  schemaDir: join(PACKAGE_ROOT, 'schemas'),
  stateDir: '.ontsluit',
  outDir: 'dist',
  urlCheck: 'local' as UrlCheckMode,
  queryTimeoutMs: 10_000,
  resultLimit: 10_000,
  host: '127.0.0.1',
  port: 8080,
  /** Query workers of `serve`: one long query does not hold up every other request. */
  sparqlWorkers: 2,
  /** What a source may be before it is parsed, and how long its parse may take (`limits` in data/parser.json overrides each). */
  parseLimits: { maxSourceBytes: 5_000_000, maxLines: 50_000, maxNestingDepth: 100, maxTableCells: 20_000, parseTimeMs: 10_000 },
  /** A release whose size or record count grows or shrinks by more than this factor against the previous one is refused unless `run --accept-size-change`. */
  releaseChangeFactor: 3,
  /** SPARQL queries of `serve` that may wait for a worker; more are answered 503 with Retry-After. */
  sparqlQueue: 8,
} as const;

/** The limits a source is parsed under. */
export interface ParseLimits {
  maxSourceBytes: number;
  maxLines: number;
  maxNestingDepth: number;
  maxTableCells: number;
  parseTimeMs: number;
}

/** The parse limits of the settings, each default filled in. */
export function parseLimits(settings: { limits?: Partial<ParseLimits> } = {}): ParseLimits {
  return { ...DEFAULTS.parseLimits, ...settings.limits };
}

/** What a pipeline command (validate, check, run, schedule) is told on the command line. */
export interface PipelineFlags {
  data?: string;
  sources?: string;
  online?: boolean;
  origin?: string[];
  stateDir?: string;
  out?: string;
  previous?: string;
  urlCheck?: UrlCheckMode;
}

/** The same, resolved: absolute paths and every default filled in. */
export interface PipelineOptions {
  dataDir: string;
  schemaDir: string;
  /** The source registry: `<data>/sources.json`, `<data>/sources-online.json` with --online, or --sources. */
  sourcesFile: string;
  stateDir: string;
  /** Where the release is published. */
  outDir: string;
  /** The release whose manifest dates unchanged files and whose IRIs must survive: --previous, else --out. */
  previousDir: string;
  /** The run lock, shared by manual and scheduled runs. */
  lockFile: string;
  /** Where each run leaves its `run-<time>.json`. */
  runsDir: string;
  /** Fetch a URL source from another origin: `{ 'https://www.open-overheid.nl': 'http://127.0.0.1:8080' }`. */
  originMap: Record<string, string>;
  urlCheck: UrlCheckMode;
  clock: Clock;
}

export function resolvePipelineOptions(flags: PipelineFlags, clock: Clock = systemClock()): PipelineOptions {
  const dataDir = resolve(flags.data ?? DEFAULTS.dataDir);
  const stateDir = resolve(flags.stateDir ?? DEFAULTS.stateDir);
  const outDir = resolve(flags.out ?? DEFAULTS.outDir);
  return {
    dataDir,
    schemaDir: DEFAULTS.schemaDir,
    sourcesFile: flags.sources ? resolve(flags.sources) : join(dataDir, flags.online ? 'sources-online.json' : 'sources.json'),
    stateDir,
    outDir,
    previousDir: flags.previous ? resolve(flags.previous) : outDir,
    lockFile: join(stateDir, 'run.lock'),
    runsDir: join(stateDir, 'runs'),
    originMap: parseOrigins(flags.origin ?? []),
    urlCheck: flags.urlCheck ?? DEFAULTS.urlCheck,
    clock,
  };
}

/** `--origin https://www.open-overheid.nl=http://127.0.0.1:8080` → a map from origin to origin. */
export function parseOrigins(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const [from, to] = pair.split('=');
    if (!from || !to || !/^https?:\/\//.test(from) || !/^https?:\/\//.test(to))
      throw new OntsluitError('usage', '--origin takes FROM=TO with two http(s) origins', { expected: 'e.g. https://www.open-overheid.nl=http://127.0.0.1:8080', found: JSON.stringify(pair) });
    map[from.replace(/\/+$/, '')] = to.replace(/\/+$/, '');
  }
  return map;
}

/** The clock: now, or SOURCE_DATE_EPOCH (seconds) when set, for reproducible releases. */
export function systemClock(env = process.env): Clock {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new OntsluitError('usage', 'SOURCE_DATE_EPOCH is not a number of seconds', { expected: 'digits', found: JSON.stringify(epoch) });
    return () => new Date(Number(epoch) * 1000);
  }
  return () => new Date();
}
