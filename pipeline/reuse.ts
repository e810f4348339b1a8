// Incremental runs: what each dataset of a published release was built from, so that a later run skips or reuses what did not change.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { configDigest } from './config.js';
import type { ReleaseFile } from './emit/files.js';
import { sha256 } from './lib/hash.js';
import type { Manifest } from './manifest.js';
import type { Issue, TaskReport } from './report.js';
import type { SourceOutcome } from './sources.js';
import { MEMORY, type Spool } from './spool.js';
import { PACKAGE_ROOT } from './version.js';

/** A release file without its bytes: what the catalog says of it. */
export type FileMeta = Omit<ReleaseFile, 'bytes' | 'spooled'>;

/** What one dataset of a release was built from, which files it made (data files, then pages), and its part of the validation report. */
export interface DatasetRecord {
  inputs: string;
  files: FileMeta[];
  pages: FileMeta[];
  /** The reports of its sources, as the run that built it left them, and its issues that name no source. */
  tasks: TaskReport[];
  runIssues: Issue[];
}

/** The build record of one release, kept in the state directory under the digest of its manifest.json. */
export interface BuildRecord {
  /** The code digest (see `codeDigest`): the compressed copies of unchanged files are taken over only from a release the same code made. */
  code: string;
  /** Digest of everything the whole release was built from: a run with the same digest has nothing to do. */
  run: string;
  datasets: Record<string, DatasetRecord>;
}

/** Build records kept in the state directory; older ones are removed. */
const KEEP_RECORDS = 8;
const recordsDir = (stateDir: string) => join(stateDir, 'builds');

let code: string | undefined;

/**
 * Digest of the code that builds a release: every module of the running pipeline, the schemas, the
 * versions of the installed dependencies and of Node (its zlib and brotli write the compressed files).
 * The package version alone would not do: the code changes between versions.
 */
export function codeDigest(schemaDir: string): string {
  if (code) return code;
  const hash = [`node ${process.versions.node} zlib ${process.versions.zlib} brotli ${process.versions.brotli}`];
  const walk = (dir: string, keep: (name: string) => boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, keep);
      // Paths relative to the package: the same code at another place is the same code.
      else if (keep(entry.name)) hash.push(`${relative(PACKAGE_ROOT, path)} ${sha256(readFileSync(path))}`);
    }
  };
  walk(dirname(fileURLToPath(import.meta.url)), (name) => /\.(?:js|ts|json)$/.test(name) && !name.endsWith('.d.ts'));
  walk(schemaDir, () => true);
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) hash.push(`${name}@${installedVersion(name)}`);
  code = sha256(hash.join('\n'));
  return code;
}

/** The version of a dependency as installed (looked up the way Node resolves packages from the package root). */
function installedVersion(name: string): string {
  for (let dir = PACKAGE_ROOT; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
    if (dir === dirname(dir)) return 'missing';
  }
}

/** Each source of the registry with the digest of the bytes read for it. */
function sourceInputs(config: Config, outcomes: SourceOutcome[], plan?: string) {
  const digests = new Map(outcomes.map((o) => [o.id, o.sha256]));
  return config.sources.filter((s) => plan === undefined || s.plan === plan).map((spec) => ({ spec, sha256: digests.get(spec.id) ?? null }));
}

/** Digest of the inputs of the whole release: code, settings, every source (its entry and its bytes) and how URLs are checked. */
export function runInputs(config: Config, outcomes: SourceOutcome[], code: string, check: { urlCheck: string; originMap: Record<string, string> }): string {
  return sha256(JSON.stringify({ code, settings: configDigest(config), sources: sourceInputs(config, outcomes), check }));
}

/** Digest of the inputs of one dataset: code, settings, and the sources of its plan. */
export function datasetInputs(config: Config, outcomes: SourceOutcome[], code: string, slug: string): string {
  const plan = config.catalog.datasets.find((d) => d.slug === slug)!.plan;
  return sha256(JSON.stringify({ code, settings: configDigest(config), slug, sources: sourceInputs(config, outcomes, plan) }));
}

/** The build record of the release in `releaseDir`, if this state directory holds one; null otherwise. */
export async function readBuildRecord(stateDir: string, releaseDir: string): Promise<BuildRecord | null> {
  try {
    const manifest = await readFile(join(releaseDir, 'manifest.json'));
    const record = JSON.parse(await readFile(join(recordsDir(stateDir), `${sha256(manifest)}.json`), 'utf8')) as BuildRecord;
    const valid = typeof record.run === 'string' && typeof record.code === 'string' && record.datasets && typeof record.datasets === 'object';
    return valid && Object.values(record.datasets).every((d) => Array.isArray(d.files) && Array.isArray(d.pages) && Array.isArray(d.tasks) && Array.isArray(d.runIssues)) ? record : null;
  } catch {
    return null;
  }
}

/** Keeps the build record of a release just published (written whole, then renamed); the oldest records go. */
export async function writeBuildRecord(stateDir: string, manifestBytes: Buffer, record: BuildRecord): Promise<void> {
  const dir = recordsDir(stateDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${sha256(manifestBytes)}.json`);
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(record)}\n`);
  await rename(tmp, path);
  const records = await Promise.all(
    (await readdir(dir)).filter((name) => /^[0-9a-f]{64}\.json$/.test(name)).map(async (name) => ({ name, time: (await stat(join(dir, name)).catch(() => null))?.mtimeMs ?? 0 })),
  );
  for (const { name } of records.sort((a, b) => b.time - a.time).slice(KEEP_RECORDS)) await rm(join(dir, name), { force: true });
}

/**
 * The files of one dataset read back from the previous release, each checked against the digest its
 * manifest gives; null when one is missing or differs (the dataset is then built anew).
 */
export async function readDatasetFiles(releaseDir: string, manifest: Manifest, metas: FileMeta[], spool: Spool = MEMORY, pages = false): Promise<ReleaseFile[] | null> {
  const files: ReleaseFile[] = [];
  for (const meta of metas) {
    const entry = manifest.files[meta.path];
    if (!entry || meta.path.split('/').some((part) => part === '..' || part === '')) return null;
    const bytes = await readFile(join(releaseDir, meta.path)).catch(() => null);
    if (!bytes || bytes.length !== entry.bytes || sha256(bytes) !== entry.sha256) return null;
    files.push(spool.keep({ ...meta, bytes }, pages));
  }
  return files;
}

/** A file's description without its bytes. */
export function fileMeta(file: ReleaseFile): FileMeta {
  // Named one by one: reading `bytes` of a spooled file would load it back from disk.
  const { path, mediaType, fileType, title, conformsTo } = file;
  return conformsTo === undefined ? { path, mediaType, fileType, title } : { path, mediaType, fileType, title, conformsTo };
}
