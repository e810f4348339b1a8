// The Frictionless Tabular Data Package (datapackage.json) of a dataset: every CSV with its Table Schema, keys, licence and sources.
import type { Dataset } from '../model.js';
import { meaningOf } from './columns.js';
import { SPREADSHEET_NOTE } from './csv.js';
import type { Bilingual } from './lang.js';
import type { Column, Datatype, Table } from './tables.js';

/** What the package says about the dataset as a whole (from data/catalog.json). */
export interface PackageMeta {
  /** The package name: the dataset's slug (lower case, digits, `-`). */
  name: string;
  /** The dataset's IRI. */
  id: string;
  title: Bilingual;
  description: Bilingual;
  keywords: string[];
  licence: string;
  /** The dataset's landing page. */
  homepage: string;
  /** The page of the action plan the updates belong to. */
  planPage: string;
}

/** Licences by URL with their SPDX identifier (a Data Package licence `name`). */
const SPDX: Record<string, string> = {
  'http://creativecommons.org/publicdomain/zero/1.0/': 'CC0-1.0',
  'http://creativecommons.org/licenses/by/4.0/': 'CC-BY-4.0',
};
const spdxOf = (licence: string) => SPDX[licence.replace(/deed\.[a-z]+$/, '')];

/** Table Schema types: CSVW datatypes map one to one, anyURI is a string in the `uri` format. */
const FIELD_TYPE: Record<Datatype, { type: string; format?: string }> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  date: { type: 'date' },
  boolean: { type: 'boolean' },
  anyURI: { type: 'string', format: 'uri' },
};

/** A list cell (`a; b`) is a string in Table Schema; a list of dates gets a pattern. */
function field(column: Column<unknown>): Record<string, unknown> {
  const list = column.separator !== undefined;
  const type = list ? { type: 'string' } : FIELD_TYPE[column.datatype];
  const pattern = list && column.datatype === 'date' ? `\\d{4}-\\d{2}-\\d{2}(${column.separator}\\d{4}-\\d{2}-\\d{2})*` : undefined;
  const constraints = { ...(column.required ? { required: true } : {}), ...(pattern ? { pattern } : {}) };
  return {
    name: column.name,
    title: column.titles.nl,
    description: `${meaningOf(column.name).en}${list ? ` A list: items separated by "${column.separator}".` : ''}`,
    ...type,
    ...(Object.keys(constraints).length ? { constraints } : {}),
  };
}

function resource(table: Table<unknown>): Record<string, unknown> {
  return {
    name: table.name,
    path: `${table.name}.csv`,
    profile: 'tabular-data-resource',
    title: table.titles.nl,
    description: `${table.description.nl} / ${table.description.en}`,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
    schema: {
      fields: table.columns.map(field),
      missingValues: [''],
      primaryKey: table.primaryKey,
      ...(table.foreignKeys.length ? { foreignKeys: table.foreignKeys.map((fk) => ({ fields: fk.columns, reference: { resource: fk.table, fields: fk.reference } })) } : {}),
    },
  };
}

/** The datapackage.json of one dataset (Tabular Data Package, Data Package specification v1). */
export function toDataPackage(tables: Table<unknown>[], dataset: Dataset, meta: PackageMeta): Record<string, unknown> {
  const spdx = spdxOf(meta.licence);
  const urlSources = dataset.updates.filter((u) => /^https?:\/\//.test(u.source)).map((u) => ({ title: u.title, path: u.source }));
  return {
    profile: 'tabular-data-package',
    name: meta.name,
    id: meta.id,
    title: meta.title.nl,
    description: `${meta.description.nl}\n\n${meta.description.en}\n\n${SPREADSHEET_NOTE.en}`,
    homepage: meta.homepage,
    keywords: meta.keywords,
    licenses: [{ ...(spdx ? { name: spdx } : {}), path: meta.licence, title: spdx ?? meta.licence }],
    sources: [{ title: dataset.plan.title, path: meta.planPage }, ...urlSources],
    resources: tables.map(resource),
  };
}
