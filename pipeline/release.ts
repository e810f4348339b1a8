// The release as a value (base URL, catalog, vocabulary and datasets as quads, manifest); openRelease reads one back from disk.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Parser, StreamParser } from './vendor/rdf.js';
import type { Quad } from 'n3';
import { IdentityIndex } from './check/identity.js';
import type { ReleaseFile } from './emit/files.js';
import type { DatasetSummary } from './emit/summary.js';
import { OntsluitError } from './errors.js';
import { Iris, NS, RDF_TYPE } from './iris.js';
import { byCodePoint } from './lib/compare.js';
import { readManifest, type Manifest } from './manifest.js';

/** The files through which a release is read back: the catalog, the vocabulary and each dataset's N-Triples. */
export const CATALOG_FILE = 'catalog.ttl';
export const VOCABULARY_FILE = 'def/actieplan.ttl';
/** The vocabulary as a page a person reads. */
export const VOCABULARY_PAGE = 'def/actieplan.html';
export const datasetFile = (slug: string) => `${slug}/dataset.nt`;

export interface ReleaseDataset {
  slug: string;
  /** The dcat:Dataset IRI: also the name of its graph in a triple store. */
  iri: string;
  /** `<slug>/dataset.nt`, the file that holds `quads`. */
  file: string;
  quads: Quad[];
}

export interface Release {
  /** The base URL every IRI of the release was minted under. */
  base: string;
  catalogIri: string;
  /** The DCAT catalog graph. */
  catalog: Quad[];
  /** The owl:Ontology of the `aoo:` terms; its graph is named `<base>/def/actieplan`. */
  vocabulary: Quad[];
  /** Sorted by slug. */
  datasets: ReleaseDataset[];
  manifest: Manifest;
}

/**
 * A dataset of a release just built. Its quads were written to its files a subject at a time and are
 * not kept (a large dataset's would outweigh the rest of the run); what the release needs of them is.
 */
export interface BuiltDataset extends DatasetSummary {
  slug: string;
  iri: string;
  file: string;
  /** Its distinct triples. */
  triples: number;
}

/** A release just built: every file with its bytes and what the catalog says of it. */
export interface BuiltRelease extends Omit<Release, 'datasets'> {
  datasets: BuiltDataset[];
  files: ReleaseFile[];
  /** Per dataset, the paths of its own files (its data files, then its pages), and whether they were taken over from the previous release. */
  parts: DatasetPart[];
}

/** The files one dataset contributes to a release. */
export interface DatasetPart {
  slug: string;
  files: string[];
  pages: string[];
  /** true: the files are those of the previous release, whose inputs were the same (see reuse.ts). */
  reused: boolean;
}

/** A release read from a directory. */
export interface OpenedRelease extends Release {
  dir: string;
}

/** The quads that carry identity (IRIs and dct:identifier): the catalog and every dataset. */
export function identityQuads(release: Release): Quad[] {
  return [...release.catalog, ...release.datasets.flatMap((d) => d.quads)];
}

/** The identities of a release just built: the catalog's, then each dataset's. */
export function builtIdentities(release: BuiltRelease): Map<string, string[]> {
  const index = new IdentityIndex(release.base);
  for (const quad of release.catalog) index.add(quad);
  for (const dataset of release.datasets) index.merge(dataset.identities);
  return index.map;
}

/** The ontology IRI of a release (the name of the vocabulary graph). */
export const ontologyIri = (release: Release) => new Iris(release.base).ontology;

/** What the catalog ties together: its IRI, the base URL, and each dataset's slug (its dct:identifier `<base>/id/dataset/<slug>`, or `dataset/<slug>` as earlier releases wrote it). */
export function readCatalog(catalog: Quad[], source: string): { catalogIri: string; base: string; datasets: { slug: string; iri: string }[] } {
  const typed = (cls: string) => [...new Set(catalog.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === cls).map((q) => q.subject.value))];
  const invalid = (message: string, expected: string, found: string) => new OntsluitError('release-invalid', message, { location: { source }, expected, found });
  const catalogs = typed(`${NS.dcat}Catalog`);
  if (catalogs.length !== 1) throw invalid('the catalog does not describe one catalog', 'one dcat:Catalog', String(catalogs.length));
  const catalogIri = catalogs[0]!;
  const base = Iris.baseOfCatalog(catalogIri);
  if (!base) throw invalid('the catalog IRI was not minted by ontsluit', '<base>/id/catalogus/<id>', catalogIri);
  const identifiers = new Map(catalog.filter((q) => q.predicate.value === `${NS.dct}identifier`).map((q) => [q.subject.value, q.object.value]));
  const datasets = typed(`${NS.dcat}Dataset`).map((iri) => {
    const slug = /^(?:.*\/id\/)?dataset\/([^/]+)$/.exec(identifiers.get(iri) ?? '')?.[1];
    if (!slug) throw invalid('a dataset of the catalog has no dataset identifier', 'dct:identifier "dataset/<slug>"', iri);
    return { slug, iri };
  });
  return { catalogIri, base, datasets: datasets.sort((a, b) => byCodePoint(a.slug, b.slug)) };
}

/** A release file that cannot be read (`found`: the system's error code) or parsed (the parser's message). */
function unreadable(path: string, file: string, format: 'Turtle' | 'N-Triples', error: unknown): OntsluitError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code) return new OntsluitError('release-invalid', `the release has no readable ${file}`, { location: { source: path }, expected: `the file ${file}`, found: code, cause: error });
  return new OntsluitError('release-invalid', `${file} is not valid ${format}`, { location: { source: path }, expected: format, found: (error as Error).message, cause: error });
}

/** The catalog or the vocabulary (small Turtle files), read whole. */
async function readTurtle(dir: string, file: string): Promise<Quad[]> {
  const path = join(dir, file);
  try {
    return new Parser({ format: 'Turtle' }).parse(await readFile(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (file === CATALOG_FILE && (code === 'ENOENT' || code === 'ENOTDIR'))
      throw new OntsluitError('usage', 'not a release directory', { location: { source: dir }, expected: 'a directory written by `ontsluit run` (with catalog.ttl)', found: code === 'ENOENT' ? 'no catalog.ttl in it' : 'not a directory' });
    throw unreadable(path, file, 'Turtle', error);
  }
}

/**
 * Reads a release directory back into the value `buildRelease` made: the only code that reads a
 * release from disk. Throws `usage` when `dir` holds no catalog, `release-invalid` when a file is broken.
 */
export async function openRelease(dir: string): Promise<OpenedRelease> {
  const root = resolve(dir);
  const catalog = await readTurtle(root, CATALOG_FILE);
  const { catalogIri, base, datasets } = readCatalog(catalog, join(root, CATALOG_FILE));
  const vocabulary = await readTurtle(root, VOCABULARY_FILE);
  const withQuads = await Promise.all(datasets.map(async (d) => ({ ...d, file: datasetFile(d.slug), quads: await readNTriples(root, datasetFile(d.slug)) })));
  return { dir: root, base, catalogIri, catalog, vocabulary, datasets: withQuads, manifest: await readManifest(root) };
}

/** A dataset of the published release, as a run needs it: its size, and all its quads only when asked. */
export interface PreviousDataset {
  slug: string;
  /** The triples of its N-Triples file. */
  triples: number;
  /** Every quad of the dataset, read from its file (for a dataset taken over unchanged). */
  quads(): Promise<Quad[]>;
}

/**
 * What a run needs of the release it follows: the manifest, each dataset's size, and the identities
 * (IRIs under `<base>/id/` with their dct:identifier) of the catalog and every dataset. The datasets'
 * files are read as streams, a quad at a time: a large previous release is never held whole.
 */
export interface PreviousRelease {
  base: string;
  manifest: Manifest;
  datasets: PreviousDataset[];
  identities: Map<string, string[]>;
}

/** Reads every quad of an N-Triples file as a stream, handing each to `each`; the number of triples. */
async function streamTriples(dir: string, file: string, each: (quad: Quad) => void): Promise<number> {
  const path = join(dir, file);
  let count = 0;
  const parser = new StreamParser({ format: 'N-Triples' });
  parser.on('data', (quad: Quad) => {
    count++;
    each(quad);
  });
  try {
    await pipeline(createReadStream(path), parser);
  } catch (error) {
    throw unreadable(path, file, 'N-Triples', error);
  }
  return count;
}

/** Every quad of an N-Triples file, read as a stream: a large file never becomes one string (V8 allows ~512 M characters). */
async function readNTriples(dir: string, file: string): Promise<Quad[]> {
  const quads: Quad[] = [];
  await streamTriples(dir, file, (quad) => quads.push(quad));
  return quads;
}

/**
 * The previous release, when `dir` holds one; null when there is none yet. Its identities are those
 * under `identityBase` (the base URL the new release is minted under; by default its own).
 */
export async function openPreviousRelease(dir: string, identityBase?: string): Promise<PreviousRelease | null> {
  const root = resolve(dir);
  let catalog: Quad[];
  try {
    catalog = await readTurtle(root, CATALOG_FILE);
  } catch (error) {
    if (error instanceof OntsluitError && error.code === 'usage') return null;
    throw error;
  }
  const { base, datasets } = readCatalog(catalog, join(root, CATALOG_FILE));
  const index = new IdentityIndex(identityBase ?? base);
  for (const quad of catalog) index.add(quad);
  const read: PreviousDataset[] = [];
  for (const d of datasets) {
    const file = datasetFile(d.slug);
    const triples = await streamTriples(root, file, (quad) => index.add(quad));
    read.push({ slug: d.slug, triples, quads: () => readNTriples(root, file) });
  }
  return { base, manifest: await readManifest(root), datasets: read, identities: index.map };
}
