// The workbook (.xlsx) of a dataset: a sheet "Toelichting", then one sheet per table with typed cells; same input, same bytes.
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { OntsluitError } from '../errors.js';
import type { Dataset } from '../model.js';
import { meaningOf } from './columns.js';
import type { Bilingual } from './lang.js';
import type { Column, Table } from './tables.js';
import { WorkbookWriter } from '../vendor/workbook.js';

type Cell = string | number | boolean | Date | null;

/** What the "Toelichting" sheet says about the dataset, and the dates the workbook carries. */
export interface WorkbookMeta {
  title: Bilingual;
  description: Bilingual;
  licence: string;
  /** The page of the action plan. */
  planPage: string;
  /** The dataset's issued and modified dates (YYYY-MM-DD): the workbook's created and modified dates. */
  dates: { issued: string; modified: string };
}

/** The most characters an Excel cell holds. */
const CELL_LIMIT = 32_767;
const DATE_FORMAT = 'yyyy-mm-dd';
const TYPE_NL = { string: 'tekst', integer: 'geheel getal', date: 'datum', boolean: 'true of false (tekst)', anyURI: 'URI (webadres)' } as const;

const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * A value as the cell holds it: integers as numbers, dates as dates, lists as `a; b` text, and booleans
 * as the text `true`/`false` (as in the CSV): Calc opens an xlsx boolean cell as the formula =TRUE().
 */
function cellValue(column: Column<unknown>, value: ReturnType<Column<unknown>['value']>): Cell {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length ? value.map(String).join(column.separator ?? '; ') : null;
  if (column.datatype === 'date' && typeof value === 'string') return utcDate(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

/** Refuses a text longer than a cell holds; `where` names the cell, and is called only then (a name per cell cost a string per cell). */
function checkLength(value: Cell, where: () => string): void {
  if (typeof value === 'string' && value.length > CELL_LIMIT)
    throw new OntsluitError('release-invalid', `${where()} holds more characters than a spreadsheet cell can`, { location: { source: 'workbook.xlsx', field: where() }, expected: `at most ${CELL_LIMIT} characters`, found: String(value.length) });
}

/** The length of the longest line of a text. */
function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) longest = Math.max(longest, end - start);
  return Math.max(longest, text.length - start);
}

/** What the first pass over a table's rows finds per column: the width (longest line of the title or a cell, between 8 and 60) and whether a cell breaks lines. */
interface Layout {
  widths: number[];
  wraps: boolean[];
}

/** The first pass: every cell's length checked, the widths and line breaks of the columns found; no cell is kept. */
function layoutOf(table: Table<unknown>, rows: unknown[]): Layout {
  const widths = table.columns.map((c) => Math.max(8, c.titles.nl.length + 2));
  const wraps = table.columns.map(() => false);
  rows.forEach((row, r) =>
    table.columns.forEach((column, c) => {
      const v = cellValue(column, column.value(row));
      checkLength(v, () => `${table.name} row ${r + 1} ${column.name}`);
      if (v === null) return;
      widths[c] = Math.max(widths[c]!, (v instanceof Date ? 10 : longestLine(String(v))) + 1);
      if (typeof v === 'string' && !wraps[c] && v.includes('\n')) wraps[c] = true;
    }),
  );
  return { widths: widths.map((w) => Math.min(60, w)), wraps };
}

/** A sheet's autofilter range; spreadsheets find it by the hidden name _xlnm._FilterDatabase as well. */
interface Filter {
  sheet: number;
  name: string;
  ref: string;
}

/** Lets the zip take in what the sheet wrote so far, so a sheet's XML is not held whole. */
const drained = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Rows written between two drains. */
const ROWS_PER_DRAIN = 1_000;

/**
 * One table's sheet, streamed row by row: every data cell of a column shares one style object, so
 * exceljs finds its style id without rendering the style again (it renders each new object to XML).
 */
async function tableSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, index: number, table: Table<unknown>, rows: unknown[], layout: Layout): Promise<Filter> {
  const sheet = book.addWorksheet(table.titles.nl, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  const styles = table.columns.map((column, c): Partial<ExcelJS.Style> => ({
    ...(column.datatype === 'date' && column.separator === undefined ? { numFmt: DATE_FORMAT } : {}),
    ...(layout.wraps[c] ? { alignment: { wrapText: true, vertical: 'top' } } : {}),
  }));
  sheet.columns = table.columns.map((_, c) => ({ width: layout.widths[c], style: styles[c] }));
  // Every data row has no style of its own: one object for all, which exceljs looks up once.
  const rowStyle: Partial<ExcelJS.Style> = {};
  const header = sheet.addRow(table.columns.map((c) => c.titles.nl));
  header.font = { bold: true };
  header.alignment = { vertical: 'top' };
  header.commit();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const added = sheet.addRow(table.columns.map((c) => cellValue(c, c.value(row))));
    (added as unknown as { style: Partial<ExcelJS.Style> }).style = rowStyle;
    added.eachCell({ includeEmpty: true }, (cell, c) => (cell.style = styles[c - 1]!));
    added.commit();
    if (r % ROWS_PER_DRAIN === ROWS_PER_DRAIN - 1) await drained();
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: table.columns.length } };
  const last = sheet.getColumn(table.columns.length).letter;
  sheet.commit();
  return { sheet: index, name: table.titles.nl, ref: `$A$1:$${last}$${rows.length + 1}` };
}

/** workbook.xml with the hidden _xlnm._FilterDatabase name of each filtered sheet (LibreOffice needs it to show the filter). */
function withFilterNames(xml: string, filters: Filter[]): string {
  const names = filters.map((f) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${f.sheet}" hidden="1">'${f.name.replace(/'/g, "''").replace(/&/g, '&amp;').replace(/</g, '&lt;')}'!${f.ref}</definedName>`).join('');
  if (xml.includes('</definedNames>')) return xml.replace('</definedNames>', `${names}</definedNames>`);
  if (!xml.includes('<calcPr')) throw new OntsluitError('internal-error', 'the workbook has no place for its filter names', { location: { source: 'xl/workbook.xml' }, expected: '<calcPr> after <sheets>', found: xml.slice(0, 200) });
  return xml.replace('<calcPr', `<definedNames>${names}</definedNames><calcPr`);
}

/** The first sheet: what the dataset is, and per table and column what it means. */
function explanationSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, tables: Table<unknown>[], dataset: Dataset, meta: WorkbookMeta): void {
  const sheet = book.addWorksheet('Toelichting');
  const wrap = { alignment: { wrapText: true, vertical: 'top' } } as const;
  sheet.columns = [22, 60, 28, 28, 28, 10, 60, 60].map((width, i) => ({ width, style: i === 1 || i >= 6 ? { ...wrap } : {} }));
  const about: [string, Cell][] = [
    ['Titel', meta.title.nl],
    ['Beschrijving', meta.description.nl],
    ['Title (en)', meta.title.en],
    ['Description (en)', meta.description.en],
    ['Licentie', meta.licence],
    ['Bron', meta.planPage],
    ...dataset.updates.map((u): [string, Cell] => [`Bron: update ${u.updateNumber}`, `${u.title} (${u.source}, SHA-256 ${u.sourceSha256})`]),
    ['Gepubliceerd', utcDate(meta.dates.issued)],
    ['Gewijzigd', utcDate(meta.dates.modified)],
  ];
  for (const [label, value] of about) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (value instanceof Date) row.getCell(2).numFmt = DATE_FORMAT;
  }
  sheet.addRow([]);
  sheet.addRow(['Tabblad', 'Kolom', 'Titel', 'Title (en)', 'Soort waarde', 'Verplicht', 'Betekenis', 'Meaning (en)']).font = { bold: true };
  for (const table of tables) {
    sheet.addRow([table.titles.nl, null, null, table.titles.en, null, null, table.description.nl, table.description.en]).font = { italic: true };
    for (const c of table.columns) {
      const kind = c.separator === undefined ? TYPE_NL[c.datatype] : `lijst van ${TYPE_NL[c.datatype]}, gescheiden door "${c.separator}"`;
      const meaning = meaningOf(c.name);
      sheet.addRow([table.titles.nl, c.name, c.titles.nl, c.titles.en, kind, c.required ? 'ja' : 'nee', meaning.nl, meaning.en]);
    }
  }
  sheet.commit();
}

/** Collects what a stream writes into one buffer. */
function collector(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/** The zip the streaming writer fills (archiver): it dates an entry now unless given a date. */
interface Archive {
  append(source: unknown, data: { name: string; date?: Date }): unknown;
}

/** exceljs's streaming writer, with every zip entry dated the workbook's modified date and the filter names in workbook.xml. */
class FixedWriter extends WorkbookWriter {
  readonly filters: Filter[] = [];

  /**
   * The constructor's first step once the zip exists, before any entry goes in: every entry from then on
   * is dated. A text entry goes in as its UTF-8 bytes, as archiver would make them, but not with
   * `new Buffer()`, which Node reports as deprecated once the writer is bundled (build-vendor.ts).
   */
  override addThemes(): Promise<void> {
    const self = this as unknown as { zip: Archive; modified: Date };
    const append = self.zip.append.bind(self.zip);
    self.zip.append = (source, data) => {
      const entry = data.name === '/xl/workbook.xml' ? withFilterNames(String(source), this.filters) : source;
      return append(typeof entry === 'string' ? Buffer.from(entry, 'utf8') : entry, { ...data, date: self.modified });
    };
    return super.addThemes();
  }
}

/**
 * The workbook of one dataset as bytes, written as a stream: one pass over the rows for the column
 * widths, one to write them. No cell is a formula: every text is a shared string. Every zip entry
 * is dated `meta.dates.modified` (archiver would date it now), so the same input gives the same bytes.
 */
export async function toWorkbook(tables: Table<unknown>[], dataset: Dataset, meta: WorkbookMeta): Promise<Buffer> {
  const sheets = tables.map((table) => {
    const rows = table.rows(dataset);
    return { table, rows, layout: layoutOf(table, rows) };
  });
  const out = collector();
  const dates = { created: utcDate(meta.dates.issued), modified: utcDate(meta.dates.modified) };
  const book = new FixedWriter({ stream: out.stream, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 6 } }, ...dates } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  book.creator = 'ontsluit';
  book.lastModifiedBy = 'ontsluit';
  book.title = meta.title.nl;
  explanationSheet(book, tables, dataset, meta);
  for (const [i, { table, rows, layout }] of sheets.entries()) book.filters.push(await tableSheet(book, i + 1, table, rows, layout));
  await book.commit();
  return out.bytes();
}
