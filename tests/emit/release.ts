// Shared by the emit tests: one in-memory release of the project's data, and RDF helpers to compare triples.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { Parser, Writer, type Quad } from 'n3';
import { NS } from '../../pipeline/iris.js';
import type { Dataset } from '../../pipeline/model.js';
import { runPipeline, type RunResult } from '../../pipeline/run.js';
import { project, runOptions } from '../helpers.js';

export const SLUG = 'actieplan-open-overheid-2020-2022';
export const BASE = project().config.catalog.baseUrl.replace(/\/+$/, '');
export const CLOCK = () => new Date('2026-11-29T12:00:00Z');
export const TODAY = '2026-11-29';

/** Builds the release in memory (write: false) into a fresh temp outDir, so no previous manifest dates it. */
export async function buildRelease(clock = CLOCK): Promise<RunResult> {
  const result = await runPipeline(runOptions({ out: join(mkdtempSync(join(tmpdir(), 'ontsluit-emit-')), 'release'), clock }));
  if (!result.report.valid || result.files.length === 0) throw new Error(`release not built: ${JSON.stringify(result.report.errors)}`);
  return result;
}

export function fileOf(result: RunResult, path: string): Buffer {
  const found = result.files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} in the release (have ${result.files.map((f) => f.path).join(', ')})`);
  return found.bytes;
}

export const textOf = (result: RunResult, path: string) => fileOf(result, path).toString('utf8');

export function datasetOf(result: RunResult): Dataset {
  return JSON.parse(textOf(result, `${SLUG}/dataset.json`)) as Dataset;
}

/** Full IRI for a prefixed name: `iri('dcat', 'Catalog')`. */
export const iri = (prefix: keyof typeof NS, local: string) => `${NS[prefix]}${local}`;
export const xsd = (local: string) => `${NS.xsd}${local}`;

export const parseTurtle = (text: string): Quad[] => new Parser().parse(text);
export const parseNTriples = (text: string): Quad[] => new Parser({ format: 'N-Triples' }).parse(text);
export const parseNQuads = (text: string): Quad[] => new Parser({ format: 'N-Quads' }).parse(text);

const writer = new Writer({ format: 'N-Triples' });
/** One triple as an N-Triples line (same escaping for every source), graph dropped. */
export const tripleString = (quad: Quad) => writer.quadToString(quad.subject, quad.predicate, quad.object).trim();
export const tripleSet = (quads: Quad[]) => [...new Set(quads.map(tripleString))].sort();

/** A JSON-LD document loader that fails: proves the context is embedded and nothing is fetched. */
export const noNetwork = async (url: string): Promise<never> => {
  throw new Error(`JSON-LD tried to load ${url}`);
};

/** JSON-LD → N-Quads with jsonld.js, offline, parsed back into quads. */
export async function jsonLdQuads(text: string): Promise<Quad[]> {
  const doc = JSON.parse(text) as object;
  const nquads = (await jsonld.toRDF(doc as never, { format: 'application/n-quads', documentLoader: noNetwork } as never)) as unknown as string;
  return parseNQuads(nquads);
}

/** Small query helpers over a list of quads. */
export class Graph {
  constructor(readonly quads: Quad[]) {}
  objects(subject: string, predicate: string) {
    return this.quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
  }
  object(subject: string, predicate: string) {
    const found = this.objects(subject, predicate);
    if (found.length !== 1) throw new Error(`expected one ${predicate} of ${subject}, found ${found.length}`);
    return found[0]!;
  }
  subjects(predicate: string, object: string): string[] {
    return [...new Set(this.quads.filter((q) => q.predicate.value === predicate && q.object.value === object).map((q) => q.subject.value))];
  }
  ofType(type: string): string[] {
    return this.subjects(iri('rdf', 'type'), type);
  }
}
