// Emit stage: every file of one dataset (CSV + CSVW group, data package, workbook, JSON + schema, Turtle, N-Triples, JSON-LD) as bytes.
import type { Quad } from 'n3';
import type { Iris } from '../iris.js';
import type { DatasetSpec } from '../config.js';
import type { Dataset } from '../model.js';
import { ByteSink, jsonBytes, jsonInto } from './chunks.js';
import { csvBytes, csvInto, toCsvwGroup } from './csv.js';
import { MEMORY, type Spool } from '../spool.js';
import { toDataPackage } from './datapackage.js';
import type { Bilingual } from './lang.js';
import { datasetQuads, datasetSubjects, statusQuads, statusSubjects } from './rdf.js';
import { distinctSubjects, subjectsOf, type Subject } from './subjects.js';
import { SummaryBuilder, type DatasetSummary } from './summary.js';
import { dataPrefixes, jsonLdBytes, jsonLdInto, nTriplesBytes, nTriplesInto, prefixContext, turtleBytes, turtleInto } from './serialize.js';
import { TABLES, type Table } from './tables.js';
import { toWorkbook } from './workbook.js';
import { collectBetweenSteps } from '../lib/heap.js';

export const FILE_TYPES = {
  CSV: 'http://publications.europa.eu/resource/authority/file-type/CSV',
  JSON: 'http://publications.europa.eu/resource/authority/file-type/JSON',
  RDF_TURTLE: 'http://publications.europa.eu/resource/authority/file-type/RDF_TURTLE',
  RDF_N_TRIPLES: 'http://publications.europa.eu/resource/authority/file-type/RDF_N_TRIPLES',
  JSON_LD: 'http://publications.europa.eu/resource/authority/file-type/JSON_LD',
  RDF_XML: 'http://publications.europa.eu/resource/authority/file-type/RDF_XML',
  HTML: 'http://publications.europa.eu/resource/authority/file-type/HTML',
  XLSX: 'http://publications.europa.eu/resource/authority/file-type/XLSX',
  SVG: 'http://publications.europa.eu/resource/authority/file-type/SVG',
} as const;

/** Standards that files of the release follow, by their canonical URL. */
export const STANDARDS = {
  csvw: 'http://www.w3.org/ns/csvw',
  jsonSchema: 'https://json-schema.org/draft/2020-12/schema',
  tabularDataPackage: 'https://specs.frictionlessdata.io/tabular-data-package/',
  /** Office Open XML (ISO/IEC 29500-1:2016), the format of .xlsx workbooks. */
  officeOpenXml: 'https://www.iso.org/standard/71691.html',
} as const;

/** The IANA media type of an .xlsx workbook. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The CSVW table group of a dataset: the default metadata location for every CSV beside it. */
export const CSVW_GROUP = 'csv-metadata.json';

/** One file of the release, with what the catalog says about it. */
export interface ReleaseFile {
  /** Path inside the release, with `/` separators. */
  path: string;
  bytes: Buffer;
  mediaType: string;
  fileType: keyof typeof FILE_TYPES;
  title: Bilingual;
  /** What the file's structure follows: a path in the release (a schema, CSVW or vocabulary file) or an absolute URL of a standard. */
  conformsTo?: string;
  /** Set when the bytes were moved out of memory to disk (pipeline/spool.ts): `bytes` then reads them back. */
  spooled?: import('../spool.js').Spooled;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const json = (value: unknown) => utf8(`${JSON.stringify(value, null, 2)}\n`);

export interface DatasetFileOptions {
  dataset: Dataset;
  slug: string;
  iris: Iris;
  /** The dataset's entry in data/catalog.json: titles, description, keywords, licence, plan page. */
  spec: DatasetSpec;
  /** The JSON Schema the dataset JSON conforms to (schemas/release.schema.json). */
  schema: object;
  /** The issued and modified dates (YYYY-MM-DD) these files give the dataset: the workbook states them. */
  dates: (files: ReleaseFile[]) => { issued: string; modified: string };
  /** Where each file is made: a spool moves a large one out of memory as it is written (default: memory). */
  spool?: Spool;
}

/** Every file of one dataset, and what the release needs of its RDF (the quads themselves are not kept). */
export async function datasetFiles({ dataset, slug, iris, spec, schema, dates, spool = MEMORY }: DatasetFileOptions): Promise<{ files: ReleaseFile[]; summary: DatasetSummary }> {
  const files: ReleaseFile[] = [];
  // Each file goes to the spool as it is made: a large one is written out chunk by chunk, never held whole.
  const push = (file: ReleaseFile) => files.push(spool.keep(file));
  const make = async (meta: Omit<ReleaseFile, 'bytes' | 'spooled'>, write: (sink: ByteSink) => void | Promise<void>) => {
    const sink = spool.sink();
    await write(sink);
    files.push(spool.keepSink<ReleaseFile>(meta, sink));
    collectBetweenSteps();
  };
  await tabularFiles(dataset, slug, iris, spec, push, make);
  await make(
    { path: `${slug}/dataset.json`, mediaType: 'application/json', fileType: 'JSON', title: { nl: 'Volledige dataset (JSON)', en: 'Whole dataset (JSON)' }, conformsTo: `${slug}/dataset.schema.json` },
    (sink) => jsonInto(sink, datasetDocument(dataset)),
  );
  push({
    path: `${slug}/dataset.schema.json`,
    bytes: json(schema),
    mediaType: 'application/json',
    fileType: 'JSON',
    conformsTo: STANDARDS.jsonSchema,
    title: { nl: 'JSON Schema van de dataset', en: 'JSON Schema of the dataset' },
  });
  // The RDF is made a subject at a time for each file (and summed up while the Turtle is written): at no time are all the quads held.
  const { subjects, prefixes } = datasetRdf(dataset, iris);
  const summary = new SummaryBuilder(iris);
  const rdfTitle = (format: string) => ({ nl: `Volledige dataset (${format})`, en: `Whole dataset (${format})` });
  const summed = eachSubject(subjects, (quads) => summary.addSubject(quads));
  await make({ path: `${slug}/dataset.ttl`, mediaType: 'text/turtle', fileType: 'RDF_TURTLE', title: rdfTitle('Turtle'), conformsTo: 'def/actieplan.ttl' }, (sink) => turtleInto(sink, summed, prefixes));
  await make({ path: `${slug}/dataset.nt`, mediaType: 'application/n-triples', fileType: 'RDF_N_TRIPLES', title: rdfTitle('N-Triples'), conformsTo: 'def/actieplan.ttl' }, (sink) => nTriplesInto(sink, subjects));
  await make({ path: `${slug}/dataset.jsonld`, mediaType: 'application/ld+json', fileType: 'JSON_LD', title: rdfTitle('JSON-LD'), conformsTo: 'def/actieplan.ttl' }, (sink) => jsonLdInto(sink, subjects, prefixContext(prefixes)));
  const workbook = await toWorkbook(TABLES, dataset, { title: spec.title, description: spec.description, licence: spec.license, planPage: spec.planPage, dates: dates(files) });
  push({ path: `${slug}/${slug}.xlsx`, bytes: workbook, mediaType: XLSX_MEDIA_TYPE, fileType: 'XLSX', conformsTo: STANDARDS.officeOpenXml, title: { nl: 'Werkmap met alle tabellen (Excel)', en: 'Workbook with every table (Excel)' } });
  collectBetweenSteps();
  return { files, summary: summary.result() };
}

/**
 * The dataset's RDF: its subjects, each subject's quads made when asked for, and its three RDF files
 * (Turtle, N-Triples, JSON-LD), each made a subject at a time when asked for. `quads()` gives them all at once.
 * A dataset whose subjects are not each named once (which its model rules out) is grouped by subject first.
 */
export function datasetRdf(dataset: Dataset, iris: Iris): { subjects: Subject[]; quads: () => Quad[]; prefixes: Record<string, string>; turtle: () => Promise<Buffer>; nTriples: () => Promise<Buffer>; jsonLd: () => Promise<Buffer> } {
  const quads = () => [...datasetQuads(dataset, iris), ...statusQuads(iris)];
  const parts = [...datasetSubjects(dataset, iris), ...statusSubjects(iris)];
  const subjects = distinctSubjects(parts) ? parts : subjectsOf(quads());
  const prefixes = dataPrefixes(iris.vocab);
  return {
    subjects,
    quads,
    prefixes,
    turtle: () => turtleBytes(eachSubject(subjects), prefixes),
    nTriples: async () => nTriplesBytes(subjects),
    jsonLd: () => jsonLdBytes(subjects, prefixContext(prefixes)),
  };
}

/** Each subject's quads in turn, each seen by `see` (if given) on the way. */
function* eachSubject(subjects: Subject[], see?: (quads: Quad[]) => void): Generator<Quad[]> {
  for (const subject of subjects) {
    const quads = subject.quads();
    see?.(quads);
    yield quads;
  }
}

/** dataset.json: the dataset as the release schema describes it. */
export function datasetJson(dataset: Dataset): Buffer {
  return jsonBytes(datasetDocument(dataset));
}

/** What dataset.json holds: the dataset and the schema it follows. */
const datasetDocument = (dataset: Dataset) => ({ $schema: 'dataset.schema.json', ...dataset });

/** One table as a CSV file. */
export function tableCsv(table: Table<unknown>, dataset: Dataset): Buffer {
  return csvBytes(table, dataset);
}

/** The CSV files, the CSVW table group that describes them all, and the data package. */
async function tabularFiles(dataset: Dataset, slug: string, iris: Iris, spec: DatasetSpec, push: (file: ReleaseFile) => void, make: (meta: Omit<ReleaseFile, 'bytes' | 'spooled'>, write: (sink: ByteSink) => void) => Promise<void>): Promise<void> {
  const group = `${slug}/${CSVW_GROUP}`;
  for (const table of TABLES) await make({ path: `${slug}/${table.name}.csv`, mediaType: 'text/csv', fileType: 'CSV', title: label(table.titles, 'CSV'), conformsTo: group }, (sink) => csvInto(sink, table, dataset));
  push({
    path: group,
    bytes: json(toCsvwGroup(TABLES, { title: spec.title, licence: spec.license })),
    mediaType: 'application/csvm+json',
    fileType: 'JSON',
    conformsTo: STANDARDS.csvw,
    title: { nl: 'CSVW-beschrijving van alle tabellen', en: 'CSVW description of every table' },
  });
  const meta = { name: slug, id: iris.dataset(slug), title: spec.title, description: spec.description, keywords: spec.keywords.nl, licence: spec.license, homepage: iris.download(`${slug}/`), planPage: spec.planPage };
  push({
    path: `${slug}/datapackage.json`,
    bytes: json(toDataPackage(TABLES, dataset, meta)),
    mediaType: 'application/json',
    fileType: 'JSON',
    conformsTo: STANDARDS.tabularDataPackage,
    title: { nl: 'Data Package (Frictionless) van alle tabellen', en: 'Data Package (Frictionless) of every table' },
  });
}

function label(titles: Bilingual, format: string) {
  return { nl: `${titles.nl} (${format})`, en: `${titles.en} (${format})` };
}
