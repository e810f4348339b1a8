// Emit stage: every file of one dataset (CSV + CSVW, JSON + schema, Turtle, N-Triples, JSON-LD) as bytes.
import type { Quad } from 'n3';
import type { Iris } from '../iris.js';
import type { Dataset } from '../model.js';
import { toCsv, toCsvw } from './csv.js';
import { datasetQuads, statusQuads } from './rdf.js';
import { dataPrefixes, prefixContext, toJsonLd, toNTriples, toTurtle } from './serialize.js';
import { TABLES } from './tables.js';

export const FILE_TYPES = {
  CSV: 'http://publications.europa.eu/resource/authority/file-type/CSV',
  JSON: 'http://publications.europa.eu/resource/authority/file-type/JSON',
  RDF_TURTLE: 'http://publications.europa.eu/resource/authority/file-type/RDF_TURTLE',
  RDF_N_TRIPLES: 'http://publications.europa.eu/resource/authority/file-type/RDF_N_TRIPLES',
  JSON_LD: 'http://publications.europa.eu/resource/authority/file-type/JSON_LD',
  RDF_XML: 'http://publications.europa.eu/resource/authority/file-type/RDF_XML',
  HTML: 'http://publications.europa.eu/resource/authority/file-type/HTML',
  SVG: 'http://publications.europa.eu/resource/authority/file-type/SVG',
} as const;

/** Standards that files of the release follow, by their canonical URL. */
export const STANDARDS = {
  csvw: 'http://www.w3.org/ns/csvw',
  jsonSchema: 'https://json-schema.org/draft/2020-12/schema',
} as const;

/** One file of the release, with what the catalog says about it. */
export interface ReleaseFile {
  /** Path inside the release, with `/` separators. */
  path: string;
  bytes: Buffer;
  mediaType: string;
  fileType: keyof typeof FILE_TYPES;
  title: { nl: string; en: string };
  /** What the file's structure follows: a path in the release (a schema, CSVW or vocabulary file) or an absolute URL of a standard. */
  conformsTo?: string;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const json = (value: unknown) => utf8(`${JSON.stringify(value, null, 2)}\n`);

export interface DatasetFileOptions {
  dataset: Dataset;
  slug: string;
  iris: Iris;
  licence: string;
  /** The JSON Schema the dataset JSON conforms to (schemas/release.schema.json). */
  schema: object;
}

/** Every file of one dataset, and the dataset's quads (what its RDF files hold). */
export async function datasetFiles({ dataset, slug, iris, licence, schema }: DatasetFileOptions): Promise<{ files: ReleaseFile[]; quads: Quad[] }> {
  const files: ReleaseFile[] = [];
  for (const table of TABLES) {
    const csv = `${slug}/${table.name}.csv`;
    const meta = `${csv}-metadata.json`;
    files.push({ path: csv, bytes: utf8(toCsv(table, dataset)), mediaType: 'text/csv', fileType: 'CSV', title: label(table.titles, 'CSV'), conformsTo: meta });
    files.push({
      path: meta,
      bytes: json(toCsvw(table, `${table.name}.csv`, licence)),
      mediaType: 'application/csvm+json',
      fileType: 'JSON',
      conformsTo: STANDARDS.csvw,
      title: { nl: `${table.titles.nl}: CSVW-beschrijving`, en: `${table.titles.en}: CSVW description` },
    });
  }
  files.push({
    path: `${slug}/dataset.json`,
    bytes: json({ $schema: 'dataset.schema.json', ...dataset }),
    mediaType: 'application/json',
    fileType: 'JSON',
    title: { nl: 'Volledige dataset (JSON)', en: 'Whole dataset (JSON)' },
    conformsTo: `${slug}/dataset.schema.json`,
  });
  files.push({
    path: `${slug}/dataset.schema.json`,
    bytes: json(schema),
    mediaType: 'application/json',
    fileType: 'JSON',
    conformsTo: STANDARDS.jsonSchema,
    title: { nl: 'JSON Schema van de dataset', en: 'JSON Schema of the dataset' },
  });
  const quads = [...datasetQuads(dataset, iris), ...statusQuads(iris)];
  const prefixes = dataPrefixes(iris.vocab);
  const rdfTitle = (format: string) => ({ nl: `Volledige dataset (${format})`, en: `Whole dataset (${format})` });
  files.push({ path: `${slug}/dataset.ttl`, bytes: utf8(await toTurtle(quads, prefixes)), mediaType: 'text/turtle', fileType: 'RDF_TURTLE', title: rdfTitle('Turtle'), conformsTo: 'def/actieplan.ttl' });
  files.push({ path: `${slug}/dataset.nt`, bytes: utf8(await toNTriples(quads)), mediaType: 'application/n-triples', fileType: 'RDF_N_TRIPLES', title: rdfTitle('N-Triples'), conformsTo: 'def/actieplan.ttl' });
  files.push({ path: `${slug}/dataset.jsonld`, bytes: utf8(await toJsonLd(quads, prefixContext(prefixes))), mediaType: 'application/ld+json', fileType: 'JSON_LD', title: rdfTitle('JSON-LD'), conformsTo: 'def/actieplan.ttl' });
  return { files, quads };
}

function label(titles: { nl: string; en: string }, format: string) {
  return { nl: `${titles.nl} (${format})`, en: `${titles.en} (${format})` };
}
