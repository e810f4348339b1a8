// Test helpers: the project's real config, fixtures by name, run options, and the CLI in-process or as a child process.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../pipeline/config.js';
import { decode, ingestFile } from '../pipeline/ingest.js';
import { createRegistry, type Registry } from '../pipeline/organisations.js';
import { loadReader, parseSource } from '../pipeline/parse/index.js';
import { createValidator, type Validator } from '../pipeline/validate.js';
import { main } from '../pipeline/cli.js';
import { resolvePipelineOptions, type PipelineFlags } from '../pipeline/options.js';
import type { RunOptions } from '../pipeline/run.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA = join(ROOT, 'data');
export const SCHEMAS = join(ROOT, 'schemas');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const SEED = join(DATA, 'updates', 'update-02-actieplan-open-overheid-2020-2022.txt');
export const SHARED = resolve(ROOT, '..', 'shared');

// The tests parse every format, so every reader is loaded once.
await Promise.all((['html', 'markdown'] as const).map(loadReader));

let cached: { validator: Validator; config: Config; registry: Registry } | undefined;

/** The real validator, configuration and organisation registry of the project (loaded once). */
export function project() {
  if (!cached) {
    const validator = createValidator(SCHEMAS);
    const config = loadConfig(DATA, validator);
    cached = { validator, config, registry: createRegistry(config.organisations) };
  }
  return cached;
}

export function fixture(name: string): string {
  return join(FIXTURES, 'updates', name);
}

/** Parses a file with the project's registry and settings. */
export async function parseFile(path: string, place = path) {
  const { config, registry } = project();
  return parseSource(await ingestFile(path, place), { registry, settings: config.parser });
}

/** Parses text given inline (for small cases). */
export function parseText(text: string, place = 'inline.txt') {
  const { config, registry } = project();
  return parseSource(decode(Buffer.from(text, 'utf8'), place), { registry, settings: config.parser });
}

export const seedText = () => readFileSync(SEED, 'utf8');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in this process through `main()`, with `env` set for the call: fast and steady. Use
 * `spawnCli` where the process itself is the point (signals, kill -9, the bin script, locks across processes).
 */
export async function cli(args: string[], options: { env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const saved = Object.fromEntries(Object.keys(options.env ?? {}).map((k) => [k, process.env[k]]));
  Object.assign(process.env, options.env);
  try {
    const status = await main(['node', 'ontsluit', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    return { status, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

/** Options for `runPipeline`, resolved as the CLI resolves its flags, with `overrides` on top. */
export function runOptions(flags: PipelineFlags & { clock?: () => Date }, overrides: Partial<RunOptions> = {}): RunOptions {
  const { clock, ...rest } = flags;
  return { ...resolvePipelineOptions({ data: DATA, ...rest }, clock ?? (() => new Date())), write: false, ...overrides };
}

/** Runs the built CLI (bin/ontsluit.js) as a separate process. */
export function spawnCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'ontsluit.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** `ontsluit serve` of `release` on a free loopback port, as a separate process, once it listens: the process and its origin. */
export async function startServe(release: string, env: NodeJS.ProcessEnv = process.env): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'ontsluit.js'), 'serve', '--release', release, '--port', '0'], { cwd: ROOT, env });
  let log = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${log}`)), 15_000);
    child.stderr!.on('data', (data) => {
      log += data;
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  }).catch((error: unknown) => {
    child.kill('SIGTERM');
    throw error;
  });
  return { child, origin };
}

/** Every file below `dir`, as path (relative, `/`-separated) → bytes. */
export function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) out.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  return out;
}
