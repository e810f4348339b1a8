// The CSV files and their CSVW table group: BOM, CRLF, headers, keys and exact round-trips against dataset.json.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../../pipeline/emit/chunks.js';
import { csvInto, toCsv } from '../../pipeline/emit/csv.js';
import { TABLES, type Table } from '../../pipeline/emit/tables.js';
import type { Dataset } from '../../pipeline/model.js';
import { SEED, parseFile } from '../helpers.js';
import { SLUG, buildRelease, datasetOf, fileOf, textOf } from './release.js';

interface CsvwColumn {
  name: string;
  titles: Record<string, string>;
  required: boolean;
}
interface Csvw {
  url: string;
  dialect: { lineTerminators: string[] };
  tableSchema: {
    columns: CsvwColumn[];
    primaryKey: string[];
    foreignKeys?: { columnReference: string[]; reference: { resource: string; columnReference: string[] } }[];
  };
}
type Row = Record<string, string>;

const release = await buildRelease();
const dataset = datasetOf(release);
const { record: seed } = await parseFile(SEED, 'data/updates/update-02.txt');

const NAMES = ['updates', 'themes', 'actions', 'progress', 'organisations', 'roles', 'changes'] as const;
const csvPaths = release.files.map((f) => f.path).filter((p) => p.endsWith('.csv'));
const rowsOf = (name: string): Row[] => parse(textOf(release, `${SLUG}/${name}.csv`), { bom: true, columns: true }) as Row[];
const headerOf = (name: string): string[] => (parse(textOf(release, `${SLUG}/${name}.csv`), { bom: true, to_line: 1 }) as string[][])[0]!;
const group = JSON.parse(textOf(release, `${SLUG}/csv-metadata.json`)) as { dialect: Csvw['dialect']; tables: Omit<Csvw, 'dialect'>[] };
/** A table of the CSVW table group, with the group's dialect (which every table inherits). */
const metaOf = (name: string): Csvw => ({ dialect: group.dialect, ...group.tables.find((t) => t.url === `${name}.csv`)! });
const key = (row: Row, columns: string[]) => JSON.stringify(columns.map((c) => row[c]));

/** Checks, outside quoted fields, that every record ends in CRLF; returns the number of record ends. */
function crlfRecordEnds(text: string): number {
  let quoted = false;
  let ends = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') {
      if (text[i - 1] !== '\r') throw new Error(`bare LF at offset ${i}`);
      ends++;
    } else if (!quoted && ch === '\r' && text[i + 1] !== '\n') throw new Error(`bare CR at offset ${i}`);
  }
  return ends;
}

describe('CSV files', () => {
  it('writes one CSV per table, all described by one CSVW table group and no metadata file per table', () => {
    expect(csvPaths.sort()).toEqual(NAMES.map((n) => `${SLUG}/${n}.csv`).sort());
    expect(group.tables.map((t) => t.url)).toEqual(NAMES.map((n) => `${n}.csv`));
    expect(release.files.map((f) => f.path).filter((p) => p.endsWith('-metadata.json'))).toEqual([`${SLUG}/csv-metadata.json`]);
  });

  it('starts every CSV with exactly one UTF-8 BOM', () => {
    for (const path of csvPaths) {
      const bytes = fileOf(release, path);
      expect([...bytes.subarray(0, 3)], path).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3, 6).equals(Buffer.from([0xef, 0xbb, 0xbf])), path).toBe(false);
    }
  });

  it('ends every record, the last included, with CRLF (as the CSVW dialect says)', () => {
    for (const name of NAMES) {
      const text = textOf(release, `${SLUG}/${name}.csv`);
      expect(text.endsWith('\r\n'), name).toBe(true);
      expect(crlfRecordEnds(text), name).toBe(rowsOf(name).length + 1);
      expect(metaOf(name).dialect.lineTerminators).toEqual(['\r\n']);
    }
  });

  it('parses back to as many rows as dataset.json has for each table', () => {
    expect(dataset.updates).toHaveLength(1);
    expect(dataset.themes).toHaveLength(7);
    expect(dataset.actions).toHaveLength(13);
    expect(dataset.progress).toHaveLength(13);
    const seedRoles = seed.actions.reduce((n, a) => n + a.actionHolders.length + a.partners.length, 0);
    expect(seedRoles).toBeGreaterThan(13);
    expect(dataset.roles).toHaveLength(seedRoles);
    for (const name of NAMES) expect(rowsOf(name), name).toHaveLength(dataset[name].length);
  });
});

describe('CSV of a large table', () => {
  it('goes to csv-stringify in batches whose text is never a V8 large object (64 K code units), and reads back whole', () => {
    const progress = TABLES.find((t) => t.name === 'progress')!;
    // ~1,300 code units a row, with characters beyond Latin-1 (a two-byte string in V8): 2,000 rows a call made texts of ~2.6 M.
    const text = 'Voortgang – ‘tekst’ met tekens buiten Latin-1. '.repeat(27);
    const rows = Array.from({ length: 3000 }, (_, i) => ({ ...dataset.progress[i % dataset.progress.length]!, updateNumber: i + 1, text }));
    let longest = 0;
    const sink = new (class extends ByteSink {
      override write(piece: string): void {
        longest = Math.max(longest, piece.length);
        super.write(piece);
      }
    })();
    csvInto(sink, progress as Table<unknown>, { ...dataset, progress: rows });
    expect(longest).toBeGreaterThan(8 * 1024);
    expect(longest).toBeLessThanOrEqual(64 * 1024);
    const back = parse(sink.bytes().toString('utf8'), { bom: true, columns: true }) as Row[];
    expect(back).toHaveLength(3000);
    expect(back.map((r) => Number(r.update_number))).toEqual(rows.map((r) => r.updateNumber));
    expect(back.every((r) => r.text === text)).toBe(true);
  });
});

describe('CSVW metadata', () => {
  it('lists exactly the CSV header as tableSchema column names, in order', () => {
    for (const name of NAMES) {
      expect(headerOf(name), name).toEqual(metaOf(name).tableSchema.columns.map((c) => c.name));
      for (const row of rowsOf(name).slice(0, 1)) expect(Object.keys(row), name).toEqual(headerOf(name));
    }
  });

  it('titles every column in Dutch and English', () => {
    for (const name of NAMES) {
      for (const column of metaOf(name).tableSchema.columns) {
        expect(column.titles.nl, `${name}.${column.name}`).toMatch(/\S/);
        expect(column.titles.en, `${name}.${column.name}`).toMatch(/\S/);
      }
    }
  });

  it('gives no row an empty value in a required column', () => {
    for (const name of NAMES) {
      const required = metaOf(name).tableSchema.columns.filter((c) => c.required).map((c) => c.name);
      for (const row of rowsOf(name)) for (const column of required) expect(row[column], `${name}.${column}`).not.toBe('');
    }
  });

  it('has primary keys that are unique across rows', () => {
    for (const name of NAMES) {
      const pk = metaOf(name).tableSchema.primaryKey;
      expect(pk.length, name).toBeGreaterThan(0);
      for (const column of pk) expect(headerOf(name), name).toContain(column);
      const keys = rowsOf(name).map((row) => key(row, pk));
      expect(new Set(keys).size, name).toBe(keys.length);
    }
  });

  it('declares the foreign keys between the tables', () => {
    const refs = (name: string) => (metaOf(name).tableSchema.foreignKeys ?? []).map((fk) => `${fk.columnReference.join('+')} -> ${fk.reference.resource}:${fk.reference.columnReference.join('+')}`);
    expect(refs('actions')).toContain('plan+theme_numeral -> themes.csv:plan+numeral');
    expect(refs('roles')).toContain('organisation_id -> organisations.csv:organisation_id');
    expect(refs('progress')).toContain('plan+action_number -> actions.csv:plan+action_number');
  });

  it('has every foreign-key value present in the referenced CSV', () => {
    let checked = 0;
    for (const name of NAMES) {
      const meta = metaOf(name);
      for (const fk of meta.tableSchema.foreignKeys ?? []) {
        const target = fk.reference.resource.replace(/\.csv$/, '');
        const present = new Set(rowsOf(target).map((row) => key(row, fk.reference.columnReference)));
        const optional = new Set(meta.tableSchema.columns.filter((c) => !c.required).map((c) => c.name));
        for (const row of rowsOf(name)) {
          if (fk.columnReference.some((c) => row[c] === '' && optional.has(c))) continue;
          expect(present.has(key(row, fk.columnReference)), `${name} ${key(row, fk.columnReference)} -> ${target}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(13 + 13 + 13 + 2 * dataset.roles.length);
  });
});

describe('CSV values', () => {
  it('round-trips multi-line progress text with commas exactly (action 4)', () => {
    const expected = dataset.progress.find((p) => p.actionNumber === 4)!.text;
    expect(expected).toContain('\n');
    expect(expected).toContain(',');
    expect(rowsOf('progress').find((r) => r.action_number === '4')!.text).toBe(expected);
    // A reader that also ends records at a bare LF (Python's csv, Excel) must see the same value:
    // that holds only if the field is quoted.
    const lenient = parse(textOf(release, `${SLUG}/progress.csv`), { bom: true, columns: true, record_delimiter: ['\r\n', '\n'] }) as Row[];
    expect(lenient.find((r) => r.action_number === '4')!.text).toBe(expected);
  });

  it('round-trips every progress text, intro and footer exactly, also for a reader that ends records at a bare LF', () => {
    const { intro, footer } = dataset.updates[0]!;
    expect(intro).toContain('\n');
    expect(footer).toContain('\n');
    for (const options of [{}, { record_delimiter: ['\r\n', '\n'] }]) {
      const read = (name: string) => parse(textOf(release, `${SLUG}/${name}.csv`), { bom: true, columns: true, ...options }) as Row[];
      const progress = read('progress');
      dataset.progress.forEach((p, i) => expect(progress[i]!.text, `action ${p.actionNumber}`).toBe(p.text));
      const updates = read('updates');
      expect(updates).toHaveLength(1);
      expect(updates[0]!.intro).toBe(intro);
      expect(updates[0]!.footer).toBe(footer);
    }
  });

  it('quotes values with a double quote, a comma, CR or LF so that they parse back unchanged', () => {
    const tricky = ['say "hello", world', 'line one\nline two', 'crlf\r\ninside', '"', ',', ' leading and trailing ', 'plain'];
    const table: Table<{ v: string }> = {
      name: 't',
      titles: { nl: 't', en: 't' },
      description: { nl: 't', en: 't' },
      rows: () => tricky.map((v) => ({ v })),
      columns: [{ name: 'value', titles: { nl: 'waarde', en: 'value' }, datatype: 'string', required: true, value: (r) => r.v }],
      primaryKey: ['value'],
      foreignKeys: [],
    };
    const csv = toCsv(table as Table<unknown>, {} as Dataset);
    expect(crlfRecordEnds(csv)).toBe(tricky.length + 1);
    for (const options of [{}, { record_delimiter: ['\r\n', '\n'] }]) {
      const rows = parse(csv, { bom: true, columns: true, ...options }) as Row[];
      expect(rows.map((r) => r.value)).toEqual(tricky);
    }
  });

  it('links actions 1 and 13 to their OGP commitments, and every action to the commitment page of its id', () => {
    const actions = rowsOf('actions');
    expect(actions.find((r) => r.action_number === '1')!.ogp_commitment_id).toBe('NL0039');
    expect(actions.find((r) => r.action_number === '13')!.ogp_commitment_id).toBe('NL0051');
    for (const row of actions) {
      expect(row.ogp_commitment_id, `action ${row.action_number}`).toMatch(/^NL\d{4}$/);
      expect(row.ogp_commitment_url).toBe(`https://www.opengovpartnership.org/members/netherlands/commitments/${row.ogp_commitment_id}/`);
    }
    expect(new Set(actions.map((r) => r.ogp_commitment_id)).size).toBe(13);
  });

  it('writes list cells with the CSVW separator, matching dataset.json', () => {
    const separator = (metaOf('actions').tableSchema.columns as (CsvwColumn & { separator?: string })[]).find((c) => c.name === 'action_holders')!.separator;
    expect(separator).toBe('; ');
    const actions = rowsOf('actions');
    for (const a of dataset.actions) {
      const row = actions.find((r) => r.action_number === String(a.actionNumber))!;
      expect(row.action_holders!.split(separator!)).toEqual(a.actionHolders);
      expect(row.partners === '' ? [] : row.partners!.split(separator!)).toEqual(a.partners);
    }
  });

  it('has one table per TABLES entry', () => {
    expect(TABLES.map((t) => t.name)).toEqual([...NAMES]);
  });
});
