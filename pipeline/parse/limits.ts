// Limits a source must keep before it is parsed (size, lines, nesting depth), each found by one linear scan, and the parse time budget.
import { OntsluitError } from '../errors.js';
import type { ParseLimits } from '../options.js';
import type { SourceFormat } from './index.js';

/** The deepest point of a document: its depth and the line where it is reached. */
export interface Depth {
  depth: number;
  line: number;
}

/** Elements that hold no content, and elements whose end tag may be left out (the HTML parser closes them itself). */
const NO_DEPTH = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rtc', 'rp', 'html', 'head', 'body',
]);
/** Elements whose content is text, not markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(\/?)>|<!--[\s\S]*?(?:-->|$)/g;

/**
 * How deep the elements of an HTML text nest, counted as the HTML parser would at most build them:
 * an end tag closes the innermost open element of its name and all inside it; an end tag of no open
 * element is ignored. Comments and the content of scripts and styles are skipped. Linear in the text.
 */
export function htmlDepth(text: string): Depth {
  const stack: string[] = [];
  const open = new Map<string, number>();
  const max: Depth = { depth: 0, line: 1 };
  let line = 1;
  let scanned = 0;
  const lineAt = (offset: number) => {
    for (let i = scanned; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
    scanned = Math.max(scanned, offset);
    return line;
  };
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    const name = m[2]?.toLowerCase();
    if (!name || NO_DEPTH.has(name) || m[3] === '/') continue;
    if (m[1] === '/') {
      if (!open.get(name)) continue;
      for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
        open.set(top, open.get(top)! - 1);
        if (top === name) break;
      }
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = TAG.lastIndex;
      const end = close.exec(text);
      TAG.lastIndex = end ? end.index : text.length;
      continue;
    }
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > max.depth) Object.assign(max, { depth: stack.length, line: lineAt(m.index) });
  }
  return max;
}

/** A container prefix of a Markdown line: block quote markers, list markers and indentation. */
const CONTAINER = /^(?:[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t]))*/;

/**
 * How deep the containers (block quotes, lists) and brackets of a Markdown text nest, and the raw
 * HTML in it. Indentation counts one level per two columns, so the count is never below the real
 * depth. Brackets `[]` and parentheses `()` are counted per paragraph (a blank line ends one; `\[` is
 * none): unclosed ones nest too, and a run of unclosed links ("[a](b [a](b …") costs the Markdown
 * reader time by the square of its length. Linear.
 */
export function markdownDepth(text: string): Depth {
  const max: Depth = htmlDepth(text);
  let brackets = 0;
  let parens = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') {
      brackets = 0;
      parens = 0;
      continue;
    }
    const prefix = CONTAINER.exec(raw)![0];
    let depth = 0;
    for (const ch of prefix) depth += ch === '>' ? 1 : ch === ' ' ? 0.5 : ch === '\t' ? 2 : 0;
    depth += (prefix.match(/[-*+][ \t]|\d[.)][ \t]/g) ?? []).length;
    const indent = /^[ \t]*/.exec(raw.slice(prefix.length))![0];
    depth += indent.replace(/\t/g, '    ').length / 2;
    let deepest = Math.ceil(depth);
    for (let k = 0; k < raw.length; k++) {
      const ch = raw.charCodeAt(k);
      if (ch === 92) k++; // a backslash escapes the next character
      else if (ch === 91) deepest = Math.max(deepest, ++brackets);
      else if (ch === 93 && brackets > 0) brackets--;
      else if (ch === 40) deepest = Math.max(deepest, ++parens);
      else if (ch === 41 && parens > 0) parens--;
    }
    if (deepest > max.depth) Object.assign(max, { depth: deepest, line: i + 1 });
  }
  return max;
}

/**
 * The cells of a Markdown text's tables, counted as its unescaped `|` (never fewer than the cells), and
 * the line of the first one. GFM tables are read cell by cell at a high cost per cell.
 */
export function tableCells(text: string): { cells: number; line: number } {
  let cells = 0;
  let line = 1;
  let first = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) line++;
    else if (ch === 92) i++;
    else if (ch === 124 && ++cells === 1) first = line;
  }
  return { cells, line: first || 1 };
}

/** The number of lines of a text (a final line feed ends the last line). */
export function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/** Refuses a source over the size limit (the UTF-8 length of its text): checked before the text is decoded. */
export function checkSize(place: string, bytes: number, limits: ParseLimits): void {
  if (bytes > limits.maxSourceBytes)
    throw new OntsluitError('source-too-large', `the source has ${bytes} bytes, more than the limit of ${limits.maxSourceBytes}`, {
      location: { source: place, line: 1 },
      expected: `at most ${limits.maxSourceBytes} bytes (limits.maxSourceBytes in data/parser.json)`,
      found: `${bytes} bytes`,
    });
}

/** Refuses a source beyond the other limits before any parser sees it: line count, table cells, nesting depth. */
export function checkLimits(source: { place: string; text: string }, format: SourceFormat, limits: ParseLimits): void {
  const { place, text } = source;
  const lines = lineCount(text);
  if (lines > limits.maxLines)
    throw new OntsluitError('source-too-long', `the source has ${lines} lines, more than the limit of ${limits.maxLines}`, {
      location: { source: place, line: limits.maxLines + 1 },
      expected: `at most ${limits.maxLines} lines (limits.maxLines in data/parser.json)`,
      found: `${lines} lines`,
    });
  if (format === 'text') return;
  const cells = format === 'markdown' ? tableCells(text) : null;
  if (cells && cells.cells > limits.maxTableCells)
    throw new OntsluitError('source-too-many-cells', `the Markdown tables of the source have ${cells.cells} cells, more than the limit of ${limits.maxTableCells}`, {
      location: { source: place, line: cells.line },
      expected: `at most ${limits.maxTableCells} table cells (limits.maxTableCells in data/parser.json)`,
      found: `${cells.cells} cell separators ("|")`,
    });
  const deepest = format === 'html' ? htmlDepth(text) : markdownDepth(text);
  if (deepest.depth > limits.maxNestingDepth)
    throw new OntsluitError('source-too-deep', `the ${format === 'html' ? 'elements' : 'block quotes, lists, brackets or elements'} of the source nest ${deepest.depth} deep, more than the limit of ${limits.maxNestingDepth}`, {
      location: { source: place, line: deepest.line },
      expected: `nesting at most ${limits.maxNestingDepth} deep (limits.maxNestingDepth in data/parser.json)`,
      found: `${deepest.depth} levels`,
    });
}

/** The parse time budget of one source: `check()` throws once it is spent. Walkers call it as they go. */
export class Deadline {
  private readonly end: number;
  private steps = 0;

  constructor(
    private readonly place: string,
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.end = now() + budgetMs;
  }

  /** Cheap enough for every node: the clock is read once per 1,024 calls, and at every `force`. */
  check(line?: number, force = false): void {
    if (!force && ++this.steps % 1024 !== 0) return;
    if (this.now() <= this.end) return;
    throw new OntsluitError('parse-too-slow', `parsing the source took longer than its budget of ${this.budgetMs} ms`, {
      location: line === undefined ? { source: this.place } : { source: this.place, line },
      expected: `a parse within ${this.budgetMs} ms (limits.parseTimeMs in data/parser.json)`,
      found: 'the budget spent',
    });
  }
}

/** A deadline that never passes, for readers called without one. */
export const NO_DEADLINE = new Deadline('(none)', Number.POSITIVE_INFINITY);
