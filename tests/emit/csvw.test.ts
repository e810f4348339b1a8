// The CSVW table group (csv-metadata.json): keys resolve inside the group, every cell matches its datatype, and a CSVW processor reads every table.
import { Readable } from 'node:stream';
import rdf from '@zazuko/env';
import CsvwParser from '@zazuko/rdf-parser-csvw';
import jsonld from 'jsonld';
import type { Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../pipeline/emit/tables.js';
import { checkForeignKeys, csvHeader, csvRows, keyOf, validCell, type Row } from '../support/tabular.js';
import { BASE, SLUG, buildRelease, datasetOf, noNetwork, parseNQuads, textOf } from './release.js';

interface Column {
  name: string;
  titles: Record<string, string>;
  datatype: string;
  required: boolean;
  separator?: string;
}
interface ForeignKey {
  columnReference: string[];
  reference: { resource: string; columnReference: string[] };
}
interface TableDescription {
  url: string;
  tableSchema: { columns: Column[]; primaryKey: string[]; foreignKeys?: ForeignKey[] };
}
interface Group {
  '@context': unknown;
  dialect: Record<string, unknown>;
  tables: TableDescription[];
}

const release = await buildRelease();
const GROUP = JSON.parse(textOf(release, `${SLUG}/csv-metadata.json`)) as Group;
const csvOf = (url: string) => textOf(release, `${SLUG}/${url}`);
const BUILT_IN = new Set(['string', 'integer', 'date', 'boolean', 'anyURI']);

/** A CSVW validator's checks of a table group against its CSV files: what a conformant processor reports as errors. */
function validateGroup(group: Group, csv: (url: string) => string): string[] {
  const problems: string[] = [];
  const urls = new Set(group.tables.map((t) => t.url));
  const rows = new Map(group.tables.map((t) => [t.url, csvRows(csv(t.url))]));
  for (const { url, tableSchema } of group.tables) {
    const names = tableSchema.columns.map((c) => c.name);
    if (JSON.stringify(csvHeader(csv(url))) !== JSON.stringify(names)) problems.push(`${url}: header is not the column names`);
    for (const column of tableSchema.columns) {
      if (!BUILT_IN.has(column.datatype)) problems.push(`${url}.${column.name}: unknown datatype ${column.datatype}`);
      rows.get(url)!.forEach((row, i) => {
        const text = row[column.name] ?? '';
        if (text === '') {
          if (column.required) problems.push(`${url} row ${i + 1} ${column.name}: required, empty`);
          return;
        }
        for (const item of column.separator ? text.split(column.separator) : [text])
          if (!validCell(column.datatype, item)) problems.push(`${url} row ${i + 1} ${column.name}: ${JSON.stringify(item)} is not a valid ${column.datatype}`);
      });
    }
    const pk = rows.get(url)!.map((row) => keyOf(row, tableSchema.primaryKey));
    if (new Set(pk).size !== pk.length) problems.push(`${url}: primary key not unique`);
    for (const fk of tableSchema.foreignKeys ?? []) {
      const target = group.tables.find((t) => t.url === fk.reference.resource);
      if (!urls.has(fk.reference.resource) || !target) {
        problems.push(`${url}: foreign key names ${fk.reference.resource}, which is not a table of the group`);
        continue;
      }
      for (const c of fk.reference.columnReference) if (!target.tableSchema.columns.some((t) => t.name === c)) problems.push(`${url}: foreign key names column ${c}, not in ${target.url}`);
      const rowsOf = (u: string): Row[] => rows.get(u)!;
      problems.push(...checkForeignKeys(rowsOf, [{ table: url, columns: fk.columnReference, target: target.url, reference: fk.reference.columnReference }]).problems);
    }
  }
  return problems;
}

/** The terms of the CSVW context (http://www.w3.org/ns/csvw) that the table group uses, so that JSON-LD runs offline. */
const CSVW_CONTEXT = {
  csvw: 'http://www.w3.org/ns/csvw#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dc: 'http://purl.org/dc/terms/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  tables: { '@id': 'csvw:table', '@type': '@id', '@container': '@set' },
  url: { '@id': 'csvw:url', '@type': 'xsd:anyURI' },
  tableSchema: { '@id': 'csvw:tableSchema', '@type': '@id' },
  columns: { '@id': 'csvw:column', '@type': '@id', '@container': '@list' },
  name: { '@id': 'csvw:name', '@language': null },
  titles: { '@id': 'csvw:title', '@container': '@language' },
  datatype: { '@id': 'csvw:datatype', '@type': '@vocab' },
  required: { '@id': 'csvw:required', '@type': 'xsd:boolean' },
  separator: { '@id': 'csvw:separator', '@language': null },
  primaryKey: { '@id': 'csvw:primaryKey', '@language': null },
  foreignKeys: { '@id': 'csvw:foreignKey', '@type': '@id' },
  columnReference: { '@id': 'csvw:columnReference', '@language': null },
  reference: { '@id': 'csvw:reference', '@type': '@id' },
  resource: { '@id': 'csvw:resource', '@type': '@id' },
  dialect: { '@id': 'csvw:dialect', '@type': '@id' },
  encoding: { '@id': 'csvw:encoding', '@language': null },
  header: { '@id': 'csvw:header', '@type': 'xsd:boolean' },
  headerRowCount: { '@id': 'csvw:headerRowCount', '@type': 'xsd:nonNegativeInteger' },
  lineTerminators: { '@id': 'csvw:lineTerminators', '@language': null },
  doubleQuote: { '@id': 'csvw:doubleQuote', '@type': 'xsd:boolean' },
  delimiter: { '@id': 'csvw:delimiter', '@language': null },
  string: 'xsd:string',
  integer: 'xsd:integer',
  date: 'xsd:date',
  boolean: 'xsd:boolean',
  anyURI: 'xsd:anyURI',
};

/** One table of the group with the group's inherited dialect, as RDF for the processor. */
async function tableMetadata(table: TableDescription, group: Group) {
  const doc = { '@context': [CSVW_CONTEXT, { '@language': 'nl' }], url: table.url, dialect: group.dialect, tableSchema: table.tableSchema };
  const nquads = (await jsonld.toRDF(doc as never, { format: 'application/n-quads', documentLoader: noNetwork } as never)) as unknown as string;
  return rdf.dataset(parseNQuads(nquads));
}

/** Runs @zazuko/rdf-parser-csvw over one CSV with its table description. */
async function processTable(table: TableDescription, group: Group): Promise<Quad[]> {
  const parser = new CsvwParser({ metadata: await tableMetadata(table, group), baseIRI: `${BASE}/${SLUG}/${table.url}` });
  const out: Quad[] = [];
  for await (const quad of parser.import(Readable.from([csvOf(table.url)]))) out.push(quad as Quad);
  return out;
}

describe('the CSVW table group', () => {
  it('describes every table of the dataset in one group, with the CSVW context and the dialect the CSV files use', () => {
    expect(GROUP['@context']).toEqual(['http://www.w3.org/ns/csvw', { '@language': 'nl' }]);
    expect(GROUP.tables.map((t) => t.url)).toEqual(TABLES.map((t) => `${t.name}.csv`));
    expect(GROUP.dialect).toMatchObject({ encoding: 'utf-8', header: true, lineTerminators: ['\r\n'], delimiter: ',' });
    for (const column of GROUP.tables.flatMap((t) => t.tableSchema.columns) as (Column & { 'dc:description': { '@language': string }[] })[])
      expect(column['dc:description'].map((d) => d['@language']), column.name).toEqual(['nl', 'en']);
  });

  it('names only tables of the group in its foreign keys, and the CSV files pass every check', () => {
    const fks = GROUP.tables.flatMap((t) => (t.tableSchema.foreignKeys ?? []).map((fk) => fk.reference.resource));
    expect(fks.length).toBeGreaterThanOrEqual(6);
    expect(validateGroup(GROUP, csvOf)).toEqual([]);
  });

  it('finds a bad date, a bad integer and a foreign key outside the group (the check can fail)', () => {
    const broken = structuredClone(GROUP);
    broken.tables.find((t) => t.url === 'roles.csv')!.tableSchema.foreignKeys![1]!.reference.resource = 'organisaties.csv';
    const csv = (url: string) => (url === 'updates.csv' ? csvOf(url).replace(',2021-06-21,', ',2021-06-31,') : url === 'themes.csv' ? csvOf(url).replace(/,3\r\n/, ',drie\r\n') : csvOf(url));
    const problems = validateGroup(broken, csv);
    expect(problems).toContain('roles.csv: foreign key names organisaties.csv, which is not a table of the group');
    expect(problems.some((p) => p.includes('"2021-06-31" is not a valid date'))).toBe(true);
    expect(problems.some((p) => p.includes('"drie" is not a valid integer'))).toBe(true);
  });

  it('is read by a CSVW processor (@zazuko/rdf-parser-csvw): one row per CSV row, every cell of its declared datatype', async () => {
    const dataset = datasetOf(release);
    const XSD = 'http://www.w3.org/2001/XMLSchema#';
    for (const table of GROUP.tables) {
      const quads = await processTable(table, GROUP);
      const base = `${BASE}/${SLUG}/${table.url}#`;
      const rowNodes = quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/csvw#row');
      expect(rowNodes, table.url).toHaveLength(dataset[table.url.replace('.csv', '') as 'updates'].length);
      const cells = quads.filter((q) => q.predicate.value.startsWith(base));
      const columns = new Map(table.tableSchema.columns.map((c) => [`${base}${encodeURIComponent(c.name)}`, c]));
      for (const cell of cells) {
        const column = columns.get(cell.predicate.value);
        expect(column, `${table.url}: a cell of an undeclared column ${cell.predicate.value}`).toBeDefined();
        expect(cell.object.termType === 'Literal' && cell.object.datatype.value, `${table.url}.${column!.name}`).toBe(`${XSD}${column!.datatype}`);
        for (const item of column!.separator ? cell.object.value.split(column!.separator) : [cell.object.value])
          expect(validCell(column!.datatype, item), `${table.url}.${column!.name} ${JSON.stringify(item)}`).toBe(true);
      }
      const filled = csvRows(csvOf(table.url)).reduce((n, row) => n + Object.values(row).filter((v) => v !== '').length, 0);
      expect(cells, table.url).toHaveLength(filled);
    }
  });
});
