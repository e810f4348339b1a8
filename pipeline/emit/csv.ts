// CSV (RFC 4180, UTF-8 with BOM, CRLF) and the CSVW table group that describes all CSV files of a dataset.
import { stringify } from '../vendor/csv.js';
import type { Dataset } from '../model.js';
import { OntsluitError } from '../errors.js';
import { ByteSink } from './chunks.js';
import { meaningOf } from './columns.js';
import type { Bilingual } from './lang.js';
import type { Table } from './tables.js';

function cell(value: unknown, separator?: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => cell(v)).join(separator ?? '; ');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection): = + - @, their
 * full-width forms (which some spreadsheets and input methods fold to them), tab and carriage return.
 */
const FORMULA_START = /^'*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\t\r]/;

/**
 * A text cell as it goes into the CSV: one apostrophe in front when it starts with a formula
 * character, or with apostrophes before one (so that stripping one leading apostrophe from such a
 * cell always gives the source text back). Numbers and booleans are never changed (`-3` stays `-3`).
 */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** What `spreadsheetSafe` does, in the words of the README, for the CSVW metadata of every table. */
export const SPREADSHEET_NOTE = {
  nl: "Een tekstcel die begint met =, +, -, @, ＝, ＋, －, ＠, een tab of een carriage return (ook na een of meer apostroffen) krijgt één apostrof (') ervoor, zodat geen spreadsheet haar als formule uitvoert; dat geldt ook voor tekst die met een opsommingsstreepje begint. Haal die ene apostrof weg voor de brontekst (dataset.json en de RDF bevatten de tekst ongewijzigd). Gehele getallen en booleans worden nooit veranderd: -3 blijft -3.",
  en: "A text cell that starts with =, +, -, @, ＝, ＋, －, ＠, a tab or a carriage return (also after one or more apostrophes) gets one apostrophe (') in front, so that no spreadsheet runs it as a formula; this includes text that starts with a bullet dash. Remove that one apostrophe to get the source text (dataset.json and the RDF hold the text unchanged). Integers and booleans are never changed: -3 stays -3.",
} as const;

function csvCell(value: unknown, separator?: string): string {
  const text = cell(value, separator);
  return typeof value === 'number' || typeof value === 'boolean' ? text : spreadsheetSafe(text);
}

/**
 * UTF-16 code units of cells per call of csv-stringify: the cells of one batch are made, written and
 * dropped before the next. The text of a batch stays under V8's size for a large object (128 KB, 64 K
 * code units of a text with any character beyond Latin-1), which gets memory of its own from the
 * system, touched page by page and given back once the batch is written. With 2,000 rows a call, the
 * CSV files of 10⁴ entries (27 MB) took 0.48-0.69 s of CPU and ~16,000-19,000 page faults; in
 * batches of 16 K code units, 0.17-0.46 s and ~900-3,700 (`csvInto` of every table of the 10⁴ corpus,
 * in a fresh process and twice more; batches of 8 K and 32 K code units did as well, of 64 K as badly as before).
 */
const BATCH_UNITS = 16 * 1024;
const CSV_OPTIONS = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/** The CSV of one table as bytes, written batch by batch into bounded chunks. */
export function csvBytes(table: Table<unknown>, dataset: Dataset): Buffer {
  const sink = new ByteSink();
  csvInto(sink, table, dataset);
  return sink.bytes();
}

/** `csvBytes`, written into `sink`. */
export function csvInto(sink: ByteSink, table: Table<unknown>, dataset: Dataset): void {
  const rows = table.rows(dataset);
  // Quote every value with a line break: csv-stringify only quotes CRLF itself when records end in CRLF.
  sink.write(stringify([table.columns.map((c) => c.name)], { ...CSV_OPTIONS, bom: true }));
  let batch: string[][] = [];
  let units = 0;
  for (const row of rows) {
    const cells = table.columns.map((c) => csvCell(c.value(row), c.separator));
    batch.push(cells);
    for (const cell of cells) units += cell.length;
    if (units < BATCH_UNITS) continue;
    sink.write(stringify(batch, CSV_OPTIONS));
    [batch, units] = [[], 0];
  }
  if (batch.length > 0) sink.write(stringify(batch, CSV_OPTIONS));
}

export function toCsv(table: Table<unknown>, dataset: Dataset): string {
  return csvBytes(table, dataset).toString('utf8');
}

/** One table of the CSVW table group: the CSV it describes, its titles and its schema with keys inside the group. */
function csvwTable(table: Table<unknown>): Record<string, unknown> {
  return {
    url: `${table.name}.csv`,
    'dc:title': [
      { '@value': table.titles.nl, '@language': 'nl' },
      { '@value': table.titles.en, '@language': 'en' },
    ],
    'dc:description': [
      { '@value': table.description.nl, '@language': 'nl' },
      { '@value': table.description.en, '@language': 'en' },
    ],
    tableSchema: {
      columns: table.columns.map((c) => ({
        name: c.name,
        titles: { und: c.name, nl: c.titles.nl, en: c.titles.en },
        'dc:description': [
          { '@value': meaningOf(c.name).nl, '@language': 'nl' },
          { '@value': meaningOf(c.name).en, '@language': 'en' },
        ],
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

/**
 * The CSVW table group (W3C Metadata Vocabulary for Tabular Data) of a dataset: every table in one
 * `csv-metadata.json`, so each foreign key names a table of the same group. A processor that starts
 * from any of the CSV files finds it at the default location `csv-metadata.json` beside it.
 */
export function toCsvwGroup(tables: Table<unknown>[], meta: { title: Bilingual; licence: string }): Record<string, unknown> {
  const names = new Set(tables.map((t) => t.name));
  for (const fk of tables.flatMap((t) => t.foreignKeys))
    if (!names.has(fk.table)) throw new OntsluitError('internal-error', `a foreign key names table ${fk.table}, which is not in the table group`, { location: { source: 'pipeline/emit/tables.ts' }, expected: [...names].join(', '), found: fk.table });
  return {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': 'nl' }],
    'dc:title': [
      { '@value': meta.title.nl, '@language': 'nl' },
      { '@value': meta.title.en, '@language': 'en' },
    ],
    'dc:license': { '@id': meta.licence },
    'rdfs:comment': [
      { '@value': SPREADSHEET_NOTE.nl, '@language': 'nl' },
      { '@value': SPREADSHEET_NOTE.en, '@language': 'en' },
    ],
    dialect: { encoding: 'utf-8', header: true, headerRowCount: 1, lineTerminators: ['\r\n'], doubleQuote: true, delimiter: ',' },
    tables: tables.map(csvwTable),
  };
}
