// CSV (RFC 4180, UTF-8 with BOM for Excel, CRLF) and the CSVW metadata that describes each file.
import { stringify } from 'csv-stringify/sync';
import type { Dataset } from '../model.js';
import type { Table } from './tables.js';

function cell(value: unknown, separator?: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => cell(v)).join(separator ?? '; ');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

export function toCsv(table: Table<unknown>, dataset: Dataset): string {
  const header = table.columns.map((c) => c.name);
  const rows = table.rows(dataset).map((row) => table.columns.map((c) => cell(c.value(row), c.separator)));
  // Quote every value with a line break: csv-stringify only quotes CRLF itself when records end in CRLF.
  return stringify([header, ...rows], { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/** CSVW table description (W3C Metadata Vocabulary for Tabular Data) for `<name>.csv`. */
export function toCsvw(table: Table<unknown>, tableUrl: string, licence: string): Record<string, unknown> {
  return {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': 'nl' }],
    url: tableUrl,
    'dc:title': [
      { '@value': table.titles.nl, '@language': 'nl' },
      { '@value': table.titles.en, '@language': 'en' },
    ],
    'dc:description': [
      { '@value': table.description.nl, '@language': 'nl' },
      { '@value': table.description.en, '@language': 'en' },
    ],
    'dc:license': { '@id': licence },
    dialect: { encoding: 'utf-8', header: true, headerRowCount: 1, lineTerminators: ['\r\n'], doubleQuote: true, delimiter: ',' },
    tableSchema: {
      columns: table.columns.map((c) => ({
        name: c.name,
        titles: { und: c.name, nl: c.titles.nl, en: c.titles.en },
        datatype: c.datatype,
        required: c.required,
        ...(c.separator ? { separator: c.separator } : {}),
      })),
      primaryKey: table.primaryKey,
      ...(table.foreignKeys.length
        ? {
            foreignKeys: table.foreignKeys.map((fk) => ({
              columnReference: fk.columns,
              reference: { resource: `${fk.table}.csv`, columnReference: fk.reference },
            })),
          }
        : {}),
    },
  };
}
