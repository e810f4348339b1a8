// The workbook (.xlsx) of a dataset: a sheet "Toelichting", then one sheet per table with typed cells; same input, same bytes.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { OntsluitError } from '../errors.js';
import type { Dataset } from '../model.js';
import { meaningOf } from './columns.js';
import type { Column, Table } from './tables.js';

type Cell = string | number | boolean | Date | null;

/** What the "Toelichting" sheet says about the dataset, and the dates the workbook carries. */
export interface WorkbookMeta {
  title: { nl: string; en: string };
  description: { nl: string; en: string };
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

function checkLength(value: Cell, where: string): void {
  if (typeof value === 'string' && value.length > CELL_LIMIT)
    throw new OntsluitError('release-invalid', `${where} holds more characters than a spreadsheet cell can`, { location: { source: 'workbook.xlsx', field: where }, expected: `at most ${CELL_LIMIT} characters`, found: String(value.length) });
}

/** The length of the longest line of a text. */
function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) longest = Math.max(longest, end - start);
  return Math.max(longest, text.length - start);
}

/** Column width in characters: the longest line of the title or a cell, between 8 and 60 (a loop: a column may have more cells than a call has arguments). */
function width(title: string, values: Cell[]): number {
  let widest = Math.max(8, title.length + 2);
  for (const v of values) widest = Math.max(widest, (v instanceof Date ? 10 : v === null ? 0 : longestLine(String(v))) + 1);
  return Math.min(60, widest);
}

/**
 * Gives cells with equal styles one style object: exceljs gives every cell its own, and renders each
 * to XML to find its style id unless it has seen that very object; the styles and ids stay the same.
 */
function shareStyles(sheet: ExcelJS.Worksheet): void {
  const ids = new Map<unknown, number>();
  const idOf = (part: unknown) => (part === undefined ? '' : typeof part === 'string' ? JSON.stringify(part) : (ids.get(part) ?? ids.set(part, ids.size).get(part)!));
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      const style = cell.style;
      const key = `${idOf(style.numFmt)}|${idOf(style.font)}|${idOf(style.alignment)}|${idOf(style.border)}|${idOf(style.fill)}|${idOf(style.protection)}|${Object.keys(style).join(',')}`;
      const known = shared.get(key);
      if (known) cell.style = known;
      else shared.set(key, style);
    }),
  );
}

/** A sheet's autofilter range; spreadsheets find it by the hidden name _xlnm._FilterDatabase as well. */
interface Filter {
  sheet: number;
  name: string;
  ref: string;
}

function tableSheet(book: ExcelJS.Workbook, table: Table<unknown>, dataset: Dataset): Filter {
  const sheet = book.addWorksheet(table.titles.nl, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  const rows = table.rows(dataset).map((row) => table.columns.map((c) => cellValue(c, c.value(row))));
  sheet.addRow(table.columns.map((c) => c.titles.nl)).font = { bold: true };
  rows.forEach((row, r) => {
    row.forEach((value, c) => checkLength(value, `${table.name} row ${r + 1} ${table.columns[c]!.name}`));
    sheet.addRow(row);
  });
  table.columns.forEach((column, c) => {
    const values = rows.map((row) => row[c]!);
    const sheetColumn = sheet.getColumn(c + 1);
    sheetColumn.width = width(column.titles.nl, values);
    if (column.datatype === 'date' && column.separator === undefined) sheetColumn.numFmt = DATE_FORMAT;
    if (values.some((v) => typeof v === 'string' && v.includes('\n'))) sheetColumn.alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.getRow(1).alignment = { vertical: 'top' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: table.columns.length } };
  shareStyles(sheet);
  const last = sheet.getColumn(table.columns.length).letter;
  return { sheet: book.worksheets.length - 1, name: sheet.name, ref: `$A$1:$${last}$${rows.length + 1}` };
}

/** workbook.xml with the hidden _xlnm._FilterDatabase name of each filtered sheet (LibreOffice needs it to show the filter). */
function withFilterNames(xml: string, filters: Filter[]): string {
  const names = filters.map((f) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${f.sheet}" hidden="1">'${f.name.replace(/'/g, "''").replace(/&/g, '&amp;').replace(/</g, '&lt;')}'!${f.ref}</definedName>`).join('');
  if (xml.includes('</definedNames>')) return xml.replace('</definedNames>', `${names}</definedNames>`);
  if (!xml.includes('<calcPr')) throw new OntsluitError('internal-error', 'the workbook has no place for its filter names', { location: { source: 'xl/workbook.xml' }, expected: '<calcPr> after <sheets>', found: xml.slice(0, 200) });
  return xml.replace('<calcPr', `<definedNames>${names}</definedNames><calcPr`);
}

/** The first sheet: what the dataset is, and per table and column what it means. */
function explanationSheet(book: ExcelJS.Workbook, tables: Table<unknown>[], dataset: Dataset, meta: WorkbookMeta): void {
  const sheet = book.addWorksheet('Toelichting');
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
  for (const [label, value] of about) sheet.addRow([label, value]).getCell(1).font = { bold: true };
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
  [22, 60, 28, 28, 28, 10, 60, 60].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  for (const c of [7, 8]) sheet.getColumn(c).alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  for (let r = 1; r <= about.length; r++) if (sheet.getCell(r, 2).value instanceof Date) sheet.getCell(r, 2).numFmt = DATE_FORMAT;
}

/** Rewrites a zip with every entry dated `date`, no folder entries and the filter names, so the same content gives the same bytes. */
async function fixedZip(bytes: Buffer, date: Date, filters: Filter[]): Promise<Buffer> {
  const source = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const entry of Object.values(source.files)) {
    if (entry.dir) continue;
    const content = entry.name === 'xl/workbook.xml' ? withFilterNames(await entry.async('string'), filters) : await entry.async('nodebuffer');
    out.file(entry.name, content, { date, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

/** The workbook of one dataset as bytes. No cell is a formula: every text is a (shared) string. */
export async function toWorkbook(tables: Table<unknown>[], dataset: Dataset, meta: WorkbookMeta): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'ontsluit';
  book.lastModifiedBy = 'ontsluit';
  book.title = meta.title.nl;
  book.created = utcDate(meta.dates.issued);
  book.modified = utcDate(meta.dates.modified);
  explanationSheet(book, tables, dataset, meta);
  const filters = tables.map((table) => tableSheet(book, table, dataset));
  // Stored, not compressed: fixedZip compresses each entry once, as it rewrites the zip.
  const written = Buffer.from(await book.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions));
  return fixedZip(written, utcDate(meta.dates.modified), filters);
}
