// The organisation registry: splits holder and partner lists and resolves names to one entity each.
import { byCodePoint } from './lib/compare.js';
import type { OrganisationSpec } from './config.js';
import { abbreviationSpans, splitsAtAnd } from './parse/conjunctions.js';

export interface Organisation {
  id: string;
  name: string;
  abbreviation: string | null;
  kind: string | null;
  tooi: string | null;
  owms: string | null;
  /** False for a name the registry does not know: its entity is minted from the name alone. */
  known: boolean;
}

export interface Registry {
  /** Resolves a name as written ("ministerie van BZK", "Vereniging van Nederlandse Gemeenten (VNG)"). */
  resolve(name: string): Organisation;
  /** Names and aliases that hold a list separator (" en ", a comma), longest first: never split. */
  readonly unsplittable: readonly string[];
}

/** Normalises a name for lookup: lower case, single spaces, typographic quotes and dashes folded. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[‘’‚‛`´]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('nl');
}

/** A stable kebab-case id from a name: ASCII, lower case ("Financiën" → "financien"). */
export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' en ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function createRegistry(specs: OrganisationSpec[]): Registry {
  const byName = new Map<string, Organisation>();
  const unsplittable = new Set<string>();
  for (const spec of specs) {
    const org: Organisation = {
      id: spec.id,
      name: spec.name,
      abbreviation: spec.abbreviation,
      kind: spec.kind,
      tooi: spec.tooi,
      owms: spec.owms,
      known: true,
    };
    const names = [spec.name, ...spec.aliases, ...(spec.abbreviation ? [spec.abbreviation] : [])];
    if (spec.abbreviation) names.push(`${spec.name} (${spec.abbreviation})`);
    for (const name of names) {
      byName.set(normaliseName(name), org);
      if (/,| en /i.test(name)) unsplittable.add(name);
    }
  }
  /** Names as written that the registry knows: the same few recur on every action of every update. */
  const known = new Map<string, Organisation>();
  return {
    unsplittable: [...unsplittable].sort((a, b) => b.length - a.length || byCodePoint(a, b)),
    resolve(name) {
      const seen = known.get(name);
      if (seen) return seen;
      const direct = byName.get(normaliseName(name));
      if (direct) {
        known.set(name, direct);
        return direct;
      }
      // "Name (ABBR)": either part may be what the registry knows.
      const withAbbreviation = /^(.*\S)\s*\(([^()]+)\)$/.exec(name.trim());
      if (withAbbreviation) {
        const found = byName.get(normaliseName(withAbbreviation[1]!)) ?? byName.get(normaliseName(withAbbreviation[2]!));
        if (found) return found;
      }
      const abbreviation = withAbbreviation && /^[A-Z][A-Za-z&-]{1,11}$/.test(withAbbreviation[2]!) ? withAbbreviation[2]! : null;
      return {
        id: slug(name),
        name: name.trim(),
        abbreviation,
        kind: null,
        tooi: null,
        owms: null,
        known: false,
      };
    },
  };
}

const OPEN = '([{‘“\'"';
const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}', '‘': '’', '“': '”', "'": "'", '"': '"' };

/**
 * Splits a holder or partner list on commas and on " en ", never inside parentheses, quotes, a
 * registry name or a name its abbreviation spells ("Autoriteit Consument en Markt (ACM)"), never
 * after a hyphen ("Kennis- en exploitatiecentrum"), and only where " en " joins two parties
 * (`splitsAtAnd`: "Verschillende andere ministeries en overheidsorganisaties" stays whole). Drops
 * leading words such as "met de" and quotes around a whole name.
 */
export function splitParties(line: string, registry: Registry, leadingWords: readonly string[]): string[] {
  // Holder and partner lines repeat from update to update: each distinct line is split once per registry.
  let lines = splitLines.get(registry);
  if (!lines) splitLines.set(registry, (lines = new Map()));
  const key = `${leadingWords.join('\u0000')}\u0001${line}`;
  let parts = lines.get(key);
  if (!parts) lines.set(key, (parts = split(line, registry, leadingWords)));
  return [...parts];
}

const splitLines = new WeakMap<Registry, Map<string, readonly string[]>>();
/** Each registry's unsplittable names, normalised once. */
const normalisedNames = new WeakMap<readonly string[], readonly string[]>();

function split(line: string, registry: Registry, leadingWords: readonly string[]): string[] {
  const text = line.trim().replace(/[.;]+$/, '');
  const protectedUntil = protectedSpans(text, registry.unsplittable);
  const known = (name: string) => registry.resolve(cleanName(name, leadingWords, registry)).known;
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const end = protectedUntil.get(i);
    if (end !== undefined) {
      i = end;
      continue;
    }
    if (text[i] === ',') {
      parts.push(text.slice(start, i));
      start = i + 1;
      i++;
      continue;
    }
    const and = /^\s+en\s+/i.exec(text.slice(i));
    if (and && i > 0 && /\s/.test(text[i]!) && text[i - 1] !== '-') {
      const after = i + and[0].length;
      if (splitsAtAnd(text.slice(start, i), text.slice(after, nextSeparator(text, after, protectedUntil)), leadingWords, known)) {
        parts.push(text.slice(start, i));
        start = after;
      }
      i = after;
      continue;
    }
    i++;
  }
  parts.push(text.slice(start));
  return parts.map((part) => cleanName(part, leadingWords, registry)).filter((part) => part !== '');
}

/** Where the list entry that starts at `from` ends at the latest: the next comma or " en " outside a protected span. */
function nextSeparator(text: string, from: number, protectedUntil: Map<number, number>): number {
  for (let i = from; i < text.length; ) {
    const end = protectedUntil.get(i);
    if (end !== undefined) {
      i = end;
      continue;
    }
    if (text[i] === ',' || (/^\s+en\s+/i.test(text.slice(i)) && text[i - 1] !== '-')) return i;
    i++;
  }
  return text.length;
}

/** Map from start offset to end offset of every span that must not be split. */
function protectedSpans(text: string, names: readonly string[]): Map<number, number> {
  const spans = new Map<number, number>();
  const lower = normaliseName(text);
  const sameLength = lower.length === text.length;
  if (sameLength) {
    let needles = normalisedNames.get(names);
    if (!needles) normalisedNames.set(names, (needles = names.map(normaliseName)));
    for (const needle of needles) {
      let from = 0;
      for (let at = lower.indexOf(needle, from); at !== -1; at = lower.indexOf(needle, from)) {
        const before = at === 0 ? ' ' : lower[at - 1]!;
        const after = lower[at + needle.length] ?? ' ';
        const overlaps = [...spans].some(([s, e]) => at < e && s < at + needle.length);
        if (/[\s,('"‘“]/.test(before) && /[\s,.;)'"’”]/.test(after) && !overlaps) spans.set(at, at + needle.length);
        from = at + needle.length;
      }
    }
  }
  // "Autoriteit Consument en Markt (ACM)": an abbreviation that spells the words before it makes them one name.
  for (const [start, end] of abbreviationSpans(text))
    if (![...spans].some(([s, e]) => start < e && s < end)) spans.set(start, end);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!OPEN.includes(ch) || spans.has(i)) continue;
    // An apostrophe inside a word ("thema's") is not a quote.
    if ((ch === "'" || ch === '‘') && i > 0 && /\p{L}/u.test(text[i - 1]!)) continue;
    const close = text.indexOf(CLOSE[ch]!, i + 1);
    if (close !== -1) spans.set(i, close + 1);
  }
  return spans;
}

function cleanName(part: string, leadingWords: readonly string[], registry: Registry): string {
  let name = part.trim();
  if (registry.resolve(name).known) return name;
  const words = [...leadingWords].sort((a, b) => b.length - a.length);
  for (let changed = true; changed; ) {
    changed = false;
    for (const word of words) {
      // Case-sensitive: "de Voorlichtingsraad" loses its article, "De Nederlandsche Bank" keeps its name.
      const match = new RegExp(`^${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(?=\\S)`).exec(name);
      if (match) {
        name = name.slice(match[0].length);
        changed = true;
      }
    }
  }
  const quoted = /^[‘“'"](.*)[’”'"]$/.exec(name);
  return (quoted ? quoted[1]! : name).trim();
}
