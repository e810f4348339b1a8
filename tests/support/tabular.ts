// Checks shared by the CSVW and data package tests: a cell against its datatype, keys across tables, CSV rows of a release.
import { parse } from 'csv-parse/sync';

/** The lexical forms this release writes for each datatype (CSVW built-in names; Table Schema uses the same). */
export function validCell(datatype: string, text: string): boolean {
  switch (datatype) {
    case 'string':
      return true;
    case 'integer':
      return /^[+-]?\d+$/.test(text);
    case 'boolean':
      return text === 'true' || text === 'false';
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      if (!m) return false;
      const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return date.toISOString().slice(0, 10) === text;
    }
    case 'anyURI':
    case 'uri':
      return URL.canParse(text);
    default:
      throw new Error(`no check for datatype ${datatype}`);
  }
}

export type Row = Record<string, string>;

/** The rows of a CSV with a header row, as column name → text. */
export const csvRows = (text: string): Row[] => parse(text, { bom: true, columns: true }) as Row[];

/** The header of a CSV. */
export const csvHeader = (text: string): string[] => (parse(text, { bom: true, to_line: 1 }) as string[][])[0]!;

export const keyOf = (row: Row, columns: string[]) => JSON.stringify(columns.map((c) => row[c]));

export interface KeyCheck {
  table: string;
  columns: string[];
  target: string;
  reference: string[];
}

/** Every foreign key whose columns are all filled must name a row of its target; returns the problems and how many were checked. */
export function checkForeignKeys(rows: (table: string) => Row[], keys: KeyCheck[]): { problems: string[]; checked: number } {
  const problems: string[] = [];
  let checked = 0;
  for (const fk of keys) {
    const present = new Set(rows(fk.target).map((row) => keyOf(row, fk.reference)));
    for (const row of rows(fk.table)) {
      if (fk.columns.some((c) => row[c] === '')) continue;
      checked++;
      if (!present.has(keyOf(row, fk.columns))) problems.push(`${fk.table} ${keyOf(row, fk.columns)} has no row in ${fk.target}`);
    }
  }
  return { problems, checked };
}
