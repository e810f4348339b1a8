// LibreOffice Calc for tests: convert files headless to flat ODS (FODS) and read back every sheet's cells as Calc holds them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOMParser, type Element, type Node as XmlNode } from '@xmldom/xmldom';

export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';

/** The text of an ODF paragraph: runs, spans, links, <text:s c>, tabs and line breaks. */
function odfText(node: XmlNode): string {
  let out = '';
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) out += child.nodeValue ?? '';
    else if (child.nodeType === 1) {
      const el = child as Element;
      if (el.namespaceURI === TEXT && el.localName === 's') out += ' '.repeat(Number(el.getAttributeNS(TEXT, 'c') || '1'));
      else if (el.namespaceURI === TEXT && el.localName === 'tab') out += '\t';
      else if (el.namespaceURI === TEXT && el.localName === 'line-break') out += '\n';
      else out += odfText(el);
    }
  }
  return out;
}

export interface SheetCell {
  text: string;
  type: string;
  value: string;
  date: string;
  boolean: string;
  formula: string;
}

export const EMPTY_CELL: SheetCell = { text: '', type: '', value: '', date: '', boolean: '', formula: '' };

/** The cells of one ODF table, rows × columns, repeated cells expanded (at most 64), trailing empty cells dropped. */
function tableCells(table: Element): SheetCell[][] {
  const rows: SheetCell[][] = [];
  for (const row of Array.from(table.getElementsByTagNameNS(TABLE, 'table-row'))) {
    const cells: SheetCell[] = [];
    for (let c = row.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1 || (c as Element).localName !== 'table-cell') continue;
      const el = c as Element;
      const paragraphs = Array.from(el.getElementsByTagNameNS(TEXT, 'p')).map(odfText);
      const cell = { text: paragraphs.join('\n'), type: el.getAttributeNS(OFFICE, 'value-type') ?? '', value: el.getAttributeNS(OFFICE, 'value') ?? '', date: el.getAttributeNS(OFFICE, 'date-value') ?? '', boolean: el.getAttributeNS(OFFICE, 'boolean-value') ?? '', formula: el.getAttributeNS(TABLE, 'formula') ?? '' };
      const repeat = Number(el.getAttributeNS(TABLE, 'number-columns-repeated') || '1');
      for (let i = 0; i < Math.min(repeat, 64); i++) cells.push(cell);
    }
    while (cells.length && cells.at(-1)!.type === '' && cells.at(-1)!.text === '') cells.pop();
    rows.push(cells);
  }
  while (rows.length && rows.at(-1)!.length === 0) rows.pop();
  return rows;
}

/** Every sheet of a flat ODS file by name, in order. */
export function sheets(fods: string): Map<string, SheetCell[][]> {
  const doc = new DOMParser().parseFromString(fods, 'text/xml');
  const out = new Map<string, SheetCell[][]>();
  for (const table of Array.from(doc.getElementsByTagNameNS(TABLE, 'table'))) out.set(table.getAttributeNS(TABLE, 'name') ?? '', tableCells(table));
  return out;
}

/** Whether any cell of a flat ODS file holds a formula. */
export const hasFormula = (fods: string) => /table:formula=/.test(fods);

/** Converts `files` to FODS in `out` with LibreOffice headless (its own profile in `out`); `filter` is an --infilter value. */
export function convertToFods(files: string[], out: string, filter?: string): { status: number | null; output: string } {
  mkdirSync(out, { recursive: true });
  const profile = pathToFileURL(join(out, 'profile')).href;
  const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', ...(filter ? [`--infilter=${filter}`] : []), '--convert-to', 'fods', '--outdir', out, ...files];
  const run = spawnSync(SOFFICE!, args, { encoding: 'utf8', timeout: 90_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
