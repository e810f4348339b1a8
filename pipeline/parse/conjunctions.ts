// When " en " in a holder or partner list joins two parties and when it lies inside one name or description.

/** A word of lower-case letters only ("ministeries", "overheidsorganisaties"): a common noun or adjective, not a name. */
function common(word: string): boolean {
  return /^\p{Ll}[\p{Ll}'’-]*$/u.test(word);
}

/** Something only names have: a capital, a digit, or a dot inside a word ("data.overheid.nl"). */
function nameMark(text: string): boolean {
  return /[\p{Lu}\d]|\p{L}\.\p{L}/u.test(text);
}

const word = (token: string | undefined) => (token ?? '').replace(/^[‘“'"(]+|[’”'",.;:)]+$/g, '');

/** The text without the lower-case words that lead a name in a list ("met de …"), case-sensitive. */
export function withoutLeadingWords(text: string, leadingWords: readonly string[]): string {
  let rest = text.trim();
  const words = [...leadingWords].sort((a, b) => b.length - a.length);
  for (let changed = true; changed; ) {
    changed = false;
    for (const lead of words)
      if (rest.startsWith(`${lead} `) && rest.length > lead.length + 1) {
        rest = rest.slice(lead.length + 1).trimStart();
        changed = true;
      }
  }
  return rest;
}

/**
 * Does " en " between `left` (the list entry so far) and `right` (the text up to the next separator)
 * join two parties? It does when a name starts after it (a capital, an abbreviation, a dotted name).
 * When lower-case words stand on both sides ("ministeries en overheidsorganisaties") it lies inside
 * one description. When only the right side is lower-case, it splits only if a side is a known name:
 * otherwise the right side is not a name of its own ("Nationale en lokale ombudsmannen").
 */
export function splitsAtAnd(left: string, right: string, leadingWords: readonly string[], known: (name: string) => boolean): boolean {
  const rightName = withoutLeadingWords(right, leadingWords);
  const first = word(rightName.split(/\s+/)[0]);
  const last = word(left.trim().split(/\s+/).at(-1));
  if (first === '' || last === '') return false;
  if (!common(first) || nameMark(rightName)) return true;
  if (common(last)) return false;
  return known(left) || known(rightName);
}

/** The capitals of an abbreviation ("IenW" → "IW", "ACM" → "ACM"); null when it is not one. */
function capitals(inner: string): string | null {
  if (!/^\p{Lu}[\p{L}&]{1,11}$/u.test(inner)) return null;
  const caps = inner.replace(/[^\p{Lu}]/gu, '');
  return caps.length >= 2 ? caps : null;
}

/**
 * Spans "Name Words (ABBR)" whose capitalised words give the letters of the abbreviation in order
 * ("Autoriteit Consument en Markt (ACM)", "Waterschap Peel en Maasvallei (WPM)"), as [start, end)
 * offsets: one name, never split. Lower-case words in between are skipped; only spans that hold
 * " en " are returned, as only those need protecting.
 */
export function abbreviationSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of text.matchAll(/\(([^()]+)\)/g)) {
    const caps = capitals(match[1]!.trim());
    if (!caps) continue;
    const tokens = [...text.slice(0, match.index).matchAll(/[^\s()]+/g)];
    let need = caps.length - 1;
    let start: number | null = null;
    for (let t = tokens.length - 1; t >= 0 && tokens.length - t <= 16; t--) {
      const token = tokens[t]!;
      const initial = word(token[0])[0] ?? '';
      if (!/\p{Lu}/u.test(initial)) continue;
      if (initial !== caps[need]) break;
      if (need-- === 0) {
        start = token.index;
        break;
      }
    }
    if (start === null) continue;
    const end = match.index + match[0].length;
    if (/\sen\s/i.test(text.slice(start, match.index))) spans.push([start, end]);
  }
  return spans;
}
