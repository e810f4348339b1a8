// Test helpers: the project's real config, fixtures by name, and the CLI run in a child process.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../pipeline/config.js';
import { decode, ingestFile } from '../pipeline/ingest.js';
import { createRegistry, type Registry } from '../pipeline/organisations.js';
import { parseSource } from '../pipeline/parse/index.js';
import { createValidator, type Validator } from '../pipeline/validate.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA = join(ROOT, 'data');
export const SCHEMAS = join(ROOT, 'schemas');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const SEED = join(DATA, 'updates', 'update-02-actieplan-open-overheid-2020-2022.txt');
export const SHARED = resolve(ROOT, '..', 'shared');

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

/** Runs the built CLI (bin/ontsluit.js) as a separate process. */
export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'ontsluit.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** Every file below `dir`, as path (relative, `/`-separated) → bytes. */
export function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) out.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  return out;
}
