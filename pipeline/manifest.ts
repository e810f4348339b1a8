// The release manifest: size, sha256 and issued/modified dates of every file; dates move only when bytes do.
import { byCodePoint } from './lib/compare.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from './lib/hash.js';

export interface FileEntry {
  bytes: number;
  sha256: string;
  issued: string;
  modified: string;
}

export interface Manifest {
  /** Release files by path, sorted by path. */
  files: Record<string, FileEntry>;
  /** The sources the release was built from, with the sha256 of their bytes. */
  sources?: { id: string; place: string; sha256: string }[];
  /** Digest of the settings (data/*.json) and the ontsluit version the release was built with. */
  configSha256?: string;
}

export const MANIFEST = 'manifest.json';

/** Reads the manifest of a previous release; an absent or unreadable one means "no history". */
export async function readManifest(releaseDir: string): Promise<Manifest> {
  try {
    const parsed = JSON.parse(await readFile(join(releaseDir, MANIFEST), 'utf8')) as Manifest;
    return parsed && typeof parsed.files === 'object' ? parsed : { files: {} };
  } catch {
    return { files: {} };
  }
}

/**
 * Dates each file: unchanged bytes keep their dates, changed bytes get `today` as modified, new files
 * get `today` as issued and modified. Each file's bytes are hashed once, however often they are dated.
 */
export function dateFiles(files: SizedFile[], previous: Manifest, today: string): Manifest {
  const out: Record<string, FileEntry> = {};
  for (const file of [...files].sort((a, b) => byCodePoint(a.path, b.path))) out[file.path] = dateFile(file.path, sizeOf(file), sha256Of(file), previous, today);
  return { files: out };
}

/**
 * The SHA-256 of each release file's bytes, computed the first time they are dated: the emit stage dates
 * a dataset's files for its workbook and again with the whole release, the hash is made once.
 * Release bytes are never changed once made, so the digest of a Buffer stays its digest.
 */
const digests = new WeakMap<Buffer, string>();

export function digestOf(bytes: Buffer): string {
  let digest = digests.get(bytes);
  if (digest === undefined) digests.set(bytes, (digest = sha256(bytes)));
  return digest;
}

/** A release file in memory, or spooled (pipeline/spool.ts) with the size and digest it had as it left memory. */
export interface SizedFile {
  path: string;
  bytes: Buffer;
  spooled?: { size: number; sha256: string };
}

/** A file's size, without reading spooled bytes back. */
export const sizeOf = (file: SizedFile): number => file.spooled?.size ?? file.bytes.length;
/** A file's SHA-256, without reading spooled bytes back. */
export const sha256Of = (file: SizedFile): string => file.spooled?.sha256 ?? digestOf(file.bytes);

/** The manifest entry of one file. */
function dateFile(path: string, size: number, digest: string, previous: Manifest, today: string): FileEntry {
  const before = previous.files[path];
  return { bytes: size, sha256: digest, issued: before?.issued ?? today, modified: before && before.sha256 === digest ? before.modified : today };
}

/** Two sets of dated files as one, sorted by path. */
export function mergeDates(...parts: Manifest[]): Manifest {
  const entries = parts.flatMap((part) => Object.entries(part.files)).sort(([a], [b]) => byCodePoint(a, b));
  return { files: Object.fromEntries(entries) };
}

export function span(entries: FileEntry[]): { issued: string; modified: string } {
  const issued = entries.map((e) => e.issued).sort()[0]!;
  const modified = entries.map((e) => e.modified).sort().at(-1)!;
  return { issued, modified };
}
