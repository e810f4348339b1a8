// The `ontsluit` command line: parse, validate and run; argument parsing only, the work is in run.ts.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { pino, type Logger } from 'pino';
import { loadConfig } from './config.js';
import { OntsluitError } from './errors.js';
import { ingestFile } from './ingest.js';
import { createRegistry } from './organisations.js';
import { formatOf, parseSource, type SourceFormat } from './parse/index.js';
import { formatIssue, formatReport, relocate, type Report } from './report.js';
import { runPipeline, withoutEchoes, type Clock } from './run.js';
import { createValidator } from './validate.js';
import { VERSION } from './version.js';
import { formatCheck } from './check/format.js';
import { acquireLock, readLock } from './lock.js';
import { installSignalHandlers, startSchedule } from './schedule.js';
import { closeRelease, loadRelease, runQuery } from './sparql.js';
import { pushRelease } from './store-push.js';
import { baseUrlOf, createServer } from './serve/server.js';
import type { UrlCheckMode } from './check/urls.js';

/** Exit codes: documented in the README. */
export const EXIT = { ok: 0, invalid: 1, usage: 2, failure: 3 } as const;

/** The directory of ontsluit's package.json: two levels up when compiled (build/pipeline), one from source. */
function packageRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas'))) return dir;
  throw new Error(`no package root above ${from}`);
}

const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
const DEFAULT_DATA = join(PACKAGE_ROOT, 'data');
const SCHEMAS = join(PACKAGE_ROOT, 'schemas');


/** The clock: now, or SOURCE_DATE_EPOCH (seconds) when set, for reproducible releases. */
export function systemClock(env = process.env): Clock {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new OntsluitError('usage', 'SOURCE_DATE_EPOCH is not a number of seconds', { expected: 'digits', found: JSON.stringify(epoch) });
    return () => new Date(Number(epoch) * 1000);
  }
  return () => new Date();
}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

function logger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 2, sync: true }));
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

interface PipelineFlags {
  data: string;
  sources?: string;
  online?: boolean;
  origin?: string[];
  stateDir: string;
  report?: string;
}

/** `--origin https://www.open-overheid.nl=http://127.0.0.1:8080` → a map from origin to origin. */
function parseOrigins(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const [from, to] = pair.split('=');
    if (!from || !to || !/^https?:\/\//.test(from) || !/^https?:\/\//.test(to))
      throw new OntsluitError('usage', '--origin takes FROM=TO with two http(s) origins', { expected: 'e.g. https://www.open-overheid.nl=http://127.0.0.1:8080', found: JSON.stringify(pair) });
    map[from.replace(/\/+$/, '')] = to.replace(/\/+$/, '');
  }
  return map;
}

/** A Commander argument parser for a whole number within [min, max]. */
function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, found ${JSON.stringify(value)}`);
    return n;
  };
}

/** The release directory of serve, query and publish: it must hold a catalog. */
function releaseDir(dir: string): string {
  const path = resolve(dir);
  if (!existsSync(join(path, 'catalog.ttl')))
    throw new OntsluitError('usage', 'not a release directory', { location: { source: dir }, expected: 'a directory written by `ontsluit run` (with catalog.ttl)', found: existsSync(path) ? 'no catalog.ttl in it' : 'no such directory' });
  return path;
}

/** Names a source as the user can open it: relative to the working directory. */
function displayFrom(dataDir: string): (source: string) => string {
  return (source) => (isAbsolute(source) || /^[a-z]+:\/\//.test(source) ? source : relative(process.cwd(), resolve(dataDir, source)) || source);
}

function summary(report: Report): string {
  return `${report.stats.tasks} source(s), ${report.stats.errors} error(s), ${report.stats.warnings} warning(s)`;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('ontsluit')
    .description('Publishes the updates on the Actieplan Open Overheid as validated open data (CSV, JSON, RDF, DCAT).')
    .version(VERSION)
    .addOption(new Option('--log-level <level>', 'log level on stderr').choices(['silent', 'error', 'warn', 'info', 'debug']).default('info'))
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', '\nExit codes: 0 done, 1 invalid data (nothing published), 2 usage or configuration error, 3 failure while reading or writing.\nSOURCE_DATE_EPOCH (seconds) sets the date used for dct:issued/dct:modified of changed files.');

  program
    .command('parse')
    .description('parse one update document and print its record (the public JSON record format) on stdout')
    .argument('<file>', 'the update document: plain text, HTML or Markdown')
    .addOption(new Option('--data <dir>', 'directory with the organisation registry and parser settings').default(DEFAULT_DATA, 'the bundled data/'))
    .addOption(new Option('--format <format>', 'format of the document (default: from the extension: .html/.htm, .md/.markdown, else text)').choices(['text', 'html', 'markdown']))
    .action(async (file: string, opts: { data: string; format?: SourceFormat }) => {
      const validator = createValidator(SCHEMAS);
      const config = loadConfig(resolve(opts.data), validator);
      const ingested = await ingestFile(file);
      const { record, issues } = parseSource(ingested, { registry: createRegistry(config.organisations), settings: config.parser }, undefined, undefined, opts.format ?? formatOf(file));
      const all = withoutEchoes([...issues, ...validator.validate('update', record, file, (p) => record.actions[Number(/^\/actions\/(\d+)/.exec(p)?.[1])]?.sourceLines[0])]);
      io.stdout(`${JSON.stringify(record, null, 2)}\n`);
      for (const item of all) io.stderr(`${formatIssue(item)}\n`);
      setExit(all.some((i) => i.severity === 'error') ? EXIT.invalid : EXIT.ok);
    });

  const pipelineOptions = (command: Command) =>
    command
      .addOption(new Option('--data <dir>', 'configuration and sources').default(DEFAULT_DATA, 'the bundled data/'))
      .option('--sources <file>', 'source registry to use instead of <data>/sources.json')
      .option('--online', 'use <data>/sources-online.json: the update pages at their real URLs')
      .option('--origin <from=to...>', 'fetch URLs that start with <from> from <to> instead (a mirror or a local copy)')
      .option('--state-dir <dir>', 'where fetched snapshots and run reports are kept', '.ontsluit')
      .option('--report <file>', 'also write the validation report as JSON to this file');

  /** The run options every pipeline command shares. */
  const common = (opts: PipelineFlags) => ({
    dataDir: resolve(opts.data),
    schemaDir: SCHEMAS,
    sourcesFile: opts.sources ? resolve(opts.sources) : opts.online ? join(resolve(opts.data), 'sources-online.json') : undefined,
    stateDir: resolve(opts.stateDir),
    originMap: parseOrigins(opts.origin ?? []),
    clock: systemClock(),
  });

  pipelineOptions(program.command('validate'))
    .description('ingest, parse, validate and build the release without writing it; print the report')
    .action(async (opts: PipelineFlags) => {
      const log = logger(program.opts<{ logLevel: string }>().logLevel);
      const result = await runPipeline({ ...common(opts), outDir: resolve('dist'), write: false });
      const display = displayFrom(resolve(opts.data));
      io.stderr(`${formatReport(result.report, display)}\n`);
      if (opts.report) await writeJson(opts.report, relocate(result.report, display));
      log.info({ valid: result.report.valid, files: result.files.length }, `validate: ${summary(result.report)}`);
      setExit(result.report.valid ? EXIT.ok : EXIT.invalid);
    });

  pipelineOptions(program.command('check'))
    .description('build the release in memory and check it as data.overheid.nl and data.europa.eu would: SHACL, value lists, identity, MQA score, push-API payloads')
    .option('--previous <dir>', 'the published release whose IRIs must survive', 'dist')
    .addOption(new Option('--url-check <mode>', 'how to test the access and download URLs: on the release served on loopback, live, or not at all').choices(['local', 'live', 'none']).default('local'))
    .option('--json <file>', 'also write the check report as JSON')
    .action(async (opts: PipelineFlags & { previous: string; urlCheck: UrlCheckMode; json?: string }) => {
      const result = await runPipeline({ ...common(opts), outDir: resolve(opts.previous), write: false, urlCheck: opts.urlCheck });
      if (!result.check) {
        io.stderr(`${formatReport(result.report, displayFrom(resolve(opts.data)))}\n`);
        setExit(EXIT.invalid);
        return;
      }
      io.stdout(`${formatCheck(result.check)}\n`);
      if (opts.json) await writeJson(opts.json, result.check);
      if (opts.report) await writeJson(opts.report, relocate(result.report, displayFrom(resolve(opts.data))));
      setExit(result.check.accepted ? EXIT.ok : EXIT.invalid);
    });

  pipelineOptions(program.command('run'))
    .description('build the release and publish it atomically into --out; nothing is written when any source is invalid')
    .option('--out <dir>', 'the release directory', 'dist')
    .option('--previous <dir>', 'release whose dates carry over for unchanged files (default: --out)')
    .addOption(new Option('--url-check <mode>', 'how the preflight check tests URLs').choices(['local', 'live', 'none']).default('local'))
    .action(async (opts: PipelineFlags & { out: string; previous?: string; urlCheck: UrlCheckMode }) => {
      const log = logger(program.opts<{ logLevel: string }>().logLevel);
      const started = new Date();
      const lock = await acquireLock(join(resolve(opts.stateDir), 'run.lock'));
      if (!lock) {
        const holder = await readLock(join(resolve(opts.stateDir), 'run.lock'));
        io.stderr(`error: another run holds the lock (pid ${holder?.pid ?? '?'}, since ${holder?.startedAt ?? '?'}); nothing was done\n`);
        setExit(EXIT.failure);
        return;
      }
      let result;
      try {
        result = await runPipeline({ ...common(opts), outDir: resolve(opts.out), previousDir: opts.previous && resolve(opts.previous), write: true, urlCheck: opts.urlCheck });
      } finally {
        await lock.release();
      }
      const display = displayFrom(resolve(opts.data));
      const report = relocate(result.report, display);
      if (!report.valid) io.stderr(`${formatReport(report)}\n`);
      if (result.check && !result.check.accepted) io.stderr(`${formatCheck(result.check)}\n`);
      const runReport = { started: started.toISOString(), finished: new Date().toISOString(), out: resolve(opts.out), published: result.published && report.valid, timingsMs: result.timings, sources: result.sources, files: result.files.length, report };
      await writeJson(join(opts.stateDir, 'runs', `run-${started.toISOString().replace(/[:.]/g, '-')}.json`), runReport);
      if (opts.report) await writeJson(opts.report, report);
      const line = `run: ${summary(report)}, ${result.files.length} file(s) ${report.valid ? `published to ${opts.out}` : 'not published; the previous release is unchanged'}`;
      if (report.valid) log.info({ timingsMs: result.timings }, line);
      else log.error(line);
      setExit(report.valid ? EXIT.ok : EXIT.invalid);
    });

  pipelineOptions(program.command('schedule'))
    .description('run the pipeline on the cron schedule of <data>/schedule.json; publish only when a source changed; stop cleanly on SIGINT/SIGTERM')
    .option('--out <dir>', 'the release directory', 'dist')
    .addOption(new Option('--url-check <mode>', 'how the preflight check tests URLs').choices(['local', 'live', 'none']).default('local'))
    .action(async (opts: PipelineFlags & { out: string; urlCheck: UrlCheckMode }) => {
      const log = logger(program.opts<{ logLevel: string }>().logLevel);
      const config = loadConfig(resolve(opts.data), createValidator(SCHEMAS));
      const stateDir = resolve(opts.stateDir);
      const scheduler = await startSchedule({
        cron: config.schedule.cron,
        timezone: config.schedule.timezone,
        lockFile: join(stateDir, 'run.lock'),
        reportDir: join(stateDir, 'runs'),
        configFile: displayFrom(resolve(opts.data))('schedule.json'),
        clock: systemClock(),
        log: (line, fields) => log.info(fields ?? {}, line),
        run: () => runPipeline({ ...common(opts), outDir: resolve(opts.out), write: true, skipUnchanged: true, urlCheck: opts.urlCheck }),
      });
      installSignalHandlers(scheduler, (line) => log.info(line));
      await new Promise<never>(() => undefined);
    });

  program
    .command('serve')
    .description('serve a release over HTTP: its files, IRIs that resolve (/id/ → 303 → /doc/, as Turtle, JSON-LD, N-Triples or HTML) and a read-only SPARQL endpoint at /sparql')
    .option('--release <dir>', 'the release directory', 'dist')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', integer(0, 65535), 8080)
    .option('--base-url <url>', 'the base URL of the IRIs in the release (default: read from its catalog)')
    .option('--query-timeout <ms>', 'longest a SPARQL query may run', integer(1, 600_000), 10_000)
    .option('--result-limit <rows>', 'most rows a SPARQL result may have', integer(1, 10_000_000), 10_000)
    .action(async (opts: { release: string; host: string; port: number; baseUrl?: string; queryTimeout: number; resultLimit: number }) => {
      const log = logger(program.opts<{ logLevel: string }>().logLevel);
      const dir = releaseDir(opts.release);
      const { app } = await createServer({ releaseDir: dir, baseUrl: opts.baseUrl ?? baseUrlOf(dir), queryTimeoutMs: opts.queryTimeout, resultLimit: opts.resultLimit });
      const address = await app.listen({ host: opts.host, port: opts.port });
      log.info({ address, release: dir }, `serve: ${dir} at ${address} (SPARQL at ${address}/sparql)`);
      const stop = async () => {
        await app.close();
        process.exit(EXIT.ok);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise<never>(() => undefined);
    });

  program
    .command('query')
    .description('run a SPARQL query (a .rq file) against a release, without a server; results on stdout')
    .argument('<file>', 'the query, e.g. data/queries/actions-per-theme.rq')
    .option('--release <dir>', 'the release directory', 'dist')
    .addOption(new Option('--format <type>', 'result format').choices(['json', 'xml', 'csv', 'tsv', 'turtle', 'ntriples', 'jsonld']))
    .action(async (file: string, opts: { release: string; format?: string }) => {
      const query = await readFile(file, 'utf8').catch((cause: NodeJS.ErrnoException) => {
        throw new OntsluitError('usage', 'cannot read the query file', { location: { source: file }, expected: 'a readable .rq file', found: cause.code ?? String(cause), cause });
      });
      const store = await loadRelease(releaseDir(opts.release));
      const types: Record<string, string> = { json: 'application/sparql-results+json', xml: 'application/sparql-results+xml', csv: 'text/csv', tsv: 'text/tab-separated-values', turtle: 'text/turtle', ntriples: 'application/n-triples', jsonld: 'application/ld+json' };
      try {
        const result = await runQuery(store, query, { accept: opts.format ? types[opts.format] : undefined });
        io.stdout(result.body.endsWith('\n') ? result.body : `${result.body}\n`);
      } catch (error) {
        // Name the query file, keeping the line the SPARQL parser gave.
        if (error instanceof OntsluitError && (!error.location || error.location.source === 'query'))
          throw new OntsluitError(error.code, error.message, { location: { ...error.location, source: file }, expected: error.expected, found: error.found, cause: error });
        throw error;
      } finally {
        await closeRelease(store);
      }
    });

  program
    .command('publish')
    .description('load the release into a SPARQL 1.1 Graph Store Protocol endpoint: one named graph per dataset, replaced as a whole')
    .requiredOption('--store <url>', 'the Graph Store endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth')
    .option('--release <dir>', 'the release directory', 'dist')
    .option('--update <url>', "the store's SPARQL 1.1 Update endpoint (Virtuoso: /sparql-auth): load into staging graphs, then swap them all in with one request")
    .option('--allow-basic-over-http', 'answer a Basic challenge over plain http (the password crosses the network readable)')
    .action(async (opts: { store: string; release: string; update?: string; allowBasicOverHttp?: boolean }) => {
      const log = logger(program.opts<{ logLevel: string }>().logLevel);
      const report = await pushRelease(releaseDir(opts.release), { store: opts.store, ...(opts.update ? { update: opts.update } : {}), ...(opts.allowBasicOverHttp ? { allowBasicOverHttp: true } : {}) });
      for (const graph of report.graphs) io.stdout(`${graph.graph}: ${graph.triples} triples, HTTP ${graph.status}, ${graph.ms} ms\n`);
      if (report.swap) io.stdout(`swapped in with one SPARQL Update at ${report.swap.endpoint}: HTTP ${report.swap.status}\n`);
      log.info({ graphs: report.graphs.length, ms: report.ms }, `publish: ${report.graphs.length} graph(s) replaced in ${opts.store}`);
    });

  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so that tests can call it in-process. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof OntsluitError) {
      io.stderr(`error: ${error.describe()}\n`);
      for (const item of error.issues) io.stderr(`  ${formatIssue(item)}\n`);
      const failures = new Set(['publish-failed', 'store-unauthorized', 'store-forbidden', 'store-failed', 'store-unreachable', 'query-timeout']);
      return error.code === 'config-invalid' || error.code === 'config-unreadable' || error.code === 'usage' ? EXIT.usage : failures.has(error.code) ? EXIT.failure : EXIT.invalid;
    }
    io.stderr(`error: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
}
