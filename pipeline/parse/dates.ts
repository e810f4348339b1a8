// Finds the full Dutch dates in a text ("21 juni 2021", "15 en 22 februari 2022") as YYYY-MM-DD.
import { MONTHS } from '../lib/dates.js';

const MONTH = `(${MONTHS.join('|')})`;
/**
 * A day, optionally its own month, then a joined day-month-year: "15 februari en 22 februari 2022",
 * "15 t/m 22 februari 2022". A bare hyphen is not a joint ("artikel 3 - 15 maart 2022").
 */
const PAIR = new RegExp(`\\b(\\d{1,2})(?:\\s+${MONTH})?\\s+(?:en|t/m|tot en met|tot|–)\\s+(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'gi');
const SINGLE = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'gi');

/** `YYYY-MM-DD` for a real calendar date, else null (31 februari is not a date). */
export function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.toLowerCase()) + 1;
}

/** Parses one Dutch date such as "21 februari 2022"; null when the text is not exactly a date. */
export function parseDutchDate(text: string): string | null {
  const match = new RegExp(`^\\s*(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\s*$`, 'i').exec(text);
  if (!match) return null;
  return isoDate(Number(match[3]), monthNumber(match[2]!), Number(match[1]));
}

/** Every full date in the text, in order of first appearance, without repeats. */
export function findDates(text: string): string[] {
  const found: { at: number; date: string }[] = [];
  for (const m of text.matchAll(PAIR)) {
    const firstMonth = monthNumber(m[2] ?? m[4]!);
    // "30 december en 2 januari 2022": the first day is in the year before.
    const year = Number(m[5]) - (firstMonth > monthNumber(m[4]!) ? 1 : 0);
    const first = isoDate(year, firstMonth, Number(m[1]));
    if (first) found.push({ at: m.index, date: first });
  }
  for (const m of text.matchAll(SINGLE)) {
    const date = isoDate(Number(m[3]), monthNumber(m[2]!), Number(m[1]));
    if (date) found.push({ at: m.index, date });
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.date))];
}
