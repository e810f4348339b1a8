// The `ontsluit` command line: declares the commands and their options; each command's code is loaded only when it runs.
import { Command, CommanderError, InvalidArgumentError, Option } from './vendor/cli.js';
import type { CommandContext, Io } from './commands/context.js';
import { EXIT, OntsluitError } from './errors.js';
import { DEFAULTS } from './options.js';
import { formatIssue } from './report.js';
import { VERSION } from './version.js';

export { EXIT } from './errors.js';

const defaultIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** A Commander argument parser for a whole number within [min, max]. */
function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, found ${JSON.stringify(value)}`);
    return n;
  };
}

type Action = (...args: unknown[]) => Promise<unknown>;

/** Each command's module, imported only when the command runs (so `--help` and `--version` load no heavy library). */
const COMMANDS: Record<string, () => Promise<{ default: unknown }>> = {
  parse: () => import('./commands/parse.js'),
  validate: () => import('./commands/validate.js'),
  check: () => import('./commands/check.js'),
  run: () => import('./commands/run.js'),
  schedule: () => import('./commands/schedule.js'),
  serve: () => import('./commands/serve.js'),
  query: () => import('./commands/query.js'),
  publish: () => import('./commands/publish.js'),
};

/** Runs the default export of the command's module with its arguments, its options and the context. */
function lazy(name: string, context: () => CommandContext) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const positional = args.slice(0, -2);
    const action = (await COMMANDS[name]!()).default as Action;
    await action(...positional, command.opts(), context());
  };
}

const dataOption = () => new Option('--data <dir>', 'configuration and sources').default(DEFAULTS.dataDir, 'the bundled data/');
const urlCheckOption = (what: string) => new Option('--url-check <mode>', what).choices(['local', 'live', 'none']).default(DEFAULTS.urlCheck);

/** The options every pipeline command (validate, check, run, schedule) shares. */
function pipelineCommand(program: Command, name: string): Command {
  return program
    .command(name)
    .addOption(dataOption())
    .option('--sources <file>', 'source registry to use instead of <data>/sources.json')
    .option('--online', 'use <data>/sources-online.json: the update pages at their real URLs')
    .option('--origin <from=to...>', 'fetch URLs that start with <from> from <to> instead (a mirror or a local copy)')
    .option('--state-dir <dir>', 'where fetched snapshots and run reports are kept', DEFAULTS.stateDir)
    .option('--report <file>', 'also write the validation report as JSON to this file');
}

function declarePipelineCommands(program: Command, action: (name: string) => (...args: unknown[]) => Promise<void>): void {
  pipelineCommand(program, 'validate').description('ingest, parse, validate and build the release without writing it; print the report').action(action('validate'));
  pipelineCommand(program, 'check')
    .description('build the release in memory and check it as data.overheid.nl and data.europa.eu would: SHACL, value lists, identity, MQA score, push-API payloads')
    .option('--previous <dir>', 'the published release whose IRIs must survive', DEFAULTS.outDir)
    .addOption(urlCheckOption('how to test the access and download URLs: on the release served on loopback, live, or not at all'))
    .option('--json <file>', 'also write the check report as JSON')
    .action(action('check'));
  pipelineCommand(program, 'run')
    .description('build the release and publish it atomically into --out; nothing is written when any source is invalid, nothing built when nothing changed')
    .option('--out <dir>', 'the release directory', DEFAULTS.outDir)
    .option('--previous <dir>', 'release whose dates carry over for unchanged files (default: --out)')
    .option('--accept-size-change', 'publish even when the release is more than 3 times larger or smaller than the previous one')
    .option('--rebuild', 'build every dataset anew, even when nothing changed since the release in --out was built')
    .addOption(urlCheckOption('how the preflight check tests URLs'))
    .action(action('run'));
  pipelineCommand(program, 'schedule')
    .description('run the pipeline on the cron schedule of <data>/schedule.json; publish only when a source changed; stop cleanly on SIGINT/SIGTERM')
    .option('--out <dir>', 'the release directory', DEFAULTS.outDir)
    .addOption(urlCheckOption('how the preflight check tests URLs'))
    .action(action('schedule'));
}

function declareReleaseCommands(program: Command, action: (name: string) => (...args: unknown[]) => Promise<void>): void {
  program
    .command('serve')
    .description('serve a release over HTTP: its files, IRIs that resolve (/id/ → 303 → /doc/, as Turtle, RDF/XML, JSON-LD, N-Triples or HTML), /def/ and a read-only SPARQL 1.1 endpoint with a query page at /sparql')
    .option('--release <dir>', 'the release directory', DEFAULTS.outDir)
    .option('--host <host>', 'address to listen on', DEFAULTS.host)
    .option('--port <port>', 'port to listen on (0: any free port)', integer(0, 65535), DEFAULTS.port)
    .option('--query-timeout <ms>', 'longest a SPARQL query may run', integer(1, 600_000), DEFAULTS.queryTimeoutMs)
    .option('--result-limit <rows>', 'most rows a SPARQL result may have', integer(1, 10_000_000), DEFAULTS.resultLimit)
    .option('--query-queue <n>', 'SPARQL queries that may wait for a worker (more get 503 with Retry-After)', integer(0, 10_000), DEFAULTS.sparqlQueue)
    .action(action('serve'));
  program
    .command('query')
    .description('run a SPARQL query (a .rq file) against a release, without a server; results on stdout')
    .argument('<file>', 'the query, e.g. data/queries/actions-per-theme.rq')
    .option('--release <dir>', 'the release directory', DEFAULTS.outDir)
    .addOption(new Option('--format <type>', 'result format').choices(['json', 'xml', 'csv', 'tsv', 'turtle', 'ntriples', 'jsonld', 'rdfxml']))
    .action(action('query'));
  program
    .command('publish')
    .description('load the release into a SPARQL 1.1 Graph Store Protocol endpoint: one named graph per dataset, replaced as a whole')
    .requiredOption('--store <url>', 'the Graph Store endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth')
    .option('--release <dir>', 'the release directory', DEFAULTS.outDir)
    .option('--update <url>', "the store's SPARQL 1.1 Update endpoint (Virtuoso: /sparql-auth): load into staging graphs, then swap them all in with one request")
    .option('--allow-basic-over-http', 'answer a Basic challenge over plain http (the password crosses the network readable)')
    .action(action('publish'));
}

/** What the process that runs the CLI does once it knows the command (`bin/ontsluit.js` sets V8 up for it). */
export interface CliHooks {
  /** Called with the command's name after its arguments were parsed, before its code is loaded. */
  beforeCommand?: (name: string) => void;
}

export function buildProgram(io: Io, setExit: (code: number) => void, hooks: CliHooks = {}): Command {
  const program = new Command('ontsluit')
    .description('Publishes the updates on the Actieplan Open Overheid as validated open data (CSV, JSON, RDF, DCAT).')
    .version(VERSION)
    .addOption(new Option('--log-level <level>', 'log level on stderr').choices(['silent', 'error', 'warn', 'info', 'debug']).default('info'))
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', '\nExit codes: 0 done, 1 invalid data (nothing published), 2 usage or configuration error, 3 failure while reading or writing.\nSOURCE_DATE_EPOCH (seconds) sets the date used for dct:issued/dct:modified of changed files.');
  if (hooks.beforeCommand) program.hook('preAction', (_program, command) => hooks.beforeCommand!(command.name()));
  const context = (): CommandContext => ({ io, setExit, logLevel: program.opts<{ logLevel: string }>().logLevel });
  const action = (name: string) => lazy(name, context);
  program
    .command('parse')
    .description('parse one update document and print its record (the public JSON record format) on stdout')
    .argument('<file>', 'the update document: plain text, HTML or Markdown')
    .addOption(new Option('--data <dir>', 'directory with the organisation registry and parser settings').default(DEFAULTS.dataDir, 'the bundled data/'))
    .addOption(new Option('--format <format>', 'format of the document (default: from the extension: .html/.htm, .md/.markdown, else text)').choices(['text', 'html', 'markdown']))
    .action(action('parse'));
  declarePipelineCommands(program, action);
  declareReleaseCommands(program, action);
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so that tests can call it in-process. */
export async function main(argv: string[], io: Io = defaultIo, hooks: CliHooks = {}): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c), hooks);
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof OntsluitError) {
      io.stderr(`error: ${error.describe()}\n`);
      for (const item of error.issues) io.stderr(`  ${formatIssue(item)}\n`);
      return error.exitCode;
    }
    io.stderr(`error: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
}
