// The block model every source format is read into: paragraphs and list items with their source line.
import { NO_DEADLINE, type Deadline } from './limits.js';

export interface Link {
  text: string;
  href: string;
}

export interface Block {
  /** A heading, a paragraph or a list item; plain text has no headings, so its lines are paragraphs. */
  kind: 'heading' | 'paragraph' | 'item';
  /** The text on one line: entities decoded, white space (also non-breaking) collapsed, markup gone. */
  text: string;
  /** 1-based line in the source where the block starts. */
  line: number;
  /** Links inside the block (their text stays in `text`). */
  links?: Link[];
  /** A thematic break (`<hr>`, Markdown `---`, a text line of `---`, `***` or `___`) stands right before the block. */
  afterBreak?: true;
}

/** What a format reader gives the update parser: blocks, and what the page states about itself. */
export interface SourceDocument {
  blocks: Block[];
  /** Publication date (YYYY-MM-DD) when the page states it (article:published_time, <time datetime>). */
  published: string | null;
}

const ITEM = /^\s*(?:[-•*·–]|\u2022)\s+/;
/** A line that is only a thematic break: three or more `-`, `*` or `_` (spaces between allowed). */
const BREAK = /^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/;

/** A line whose white space must change: any but a plain space, two spaces in a row, or a space at either end. */
const UNTIDY = /[^\S ]| {2}|^ | $/;

/**
 * The line as a string of its own, not a slice of the source: kept as slices, the record's texts held
 * every source's text (+100 MB at 10⁵ entries). Decoded anew from its UTF-8 bytes it is one flat
 * string; a concatenation sliced again (a space and the line, then `.slice(1)`) is a copy too, but with a slice object
 * around it, 32 bytes more per text (the model of 10⁴ entries in the scale bench: 38 MB, against 33 MB
 * with the replace), so it serves only for a line with a lone surrogate, which UTF-8 cannot carry.
 * The replace that made every line a new string cost 0.4-0.5 s at 10⁴ entries (a regex match per word).
 */
function copyOf(line: string): string {
  const copy = Buffer.from(line, 'utf8').toString('utf8');
  return copy === line ? copy : ` ${line}`.slice(1);
}

/**
 * Plain text: each non-blank line is a block (text exports put one paragraph on a line); a line that
 * starts with a bullet (`-`, `•`, `*`, `·`, `–`) is a list item without its bullet; a line of `---`,
 * `***` or `___` is a thematic break, marked on the block after it.
 */
export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let afterBreak = false;
  text.split('\n').forEach((raw, index) => {
    const line = UNTIDY.test(raw) ? raw.replace(/[\s\u00a0]+/g, ' ').trim() : copyOf(raw);
    if (line === '') return;
    if (BREAK.test(line)) {
      afterBreak = true;
      return;
    }
    const bullet = ITEM.exec(line);
    const block: Block = bullet
      ? { kind: 'item', text: line.slice(bullet[0].length).trim(), line: index + 1 }
      : { kind: 'paragraph', text: line, line: index + 1 };
    if (afterBreak) block.afterBreak = true;
    afterBreak = false;
    blocks.push(block);
  });
  return blocks;
}

/** Joins blocks into the text form of the record: paragraphs apart by a blank line, items as `- item` lines. */
export function blocksToText(blocks: Block[]): string {
  const parts: string[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length) parts.push(items.join('\n'));
    items = [];
  };
  for (const block of blocks) {
    // A numbered item keeps its own number instead of a dash.
    if (block.kind === 'item') items.push(/^\d+[.)]\s/.test(block.text) ? block.text : `- ${block.text}`);
    else {
      flush();
      parts.push(block.text);
    }
  }
  flush();
  return parts.join('\n\n');
}

/** Text on one line: invisible characters gone, white space (also U+00A0) collapsed. */
export function collapse(text: string): string {
  return text.replace(/[\u00ad\u200b\u2060]/g, '').replace(/\s+/g, ' ').trim();
}

/** An image caption ("Beeld: ©Gemeente Amsterdam"): page chrome, not text. */
const CAPTION = /^Beeld\s*:/i;

interface Run {
  kind: Block['kind'];
  parts: string[];
  links: Link[];
  line: number;
}

/**
 * Gathers the text of a markup tree into blocks, as the HTML and Markdown readers walk it: `open` an
 * element, feed its `text` and `link`s, `close` it; one block per run of text. The walk is iterative:
 * a reader `schedule`s the steps of a node (children included) on an explicit stack, so no call stack
 * grows with the depth of the tree, and each step is checked against the parse deadline.
 */
export abstract class BlockCollector {
  readonly blocks: Block[] = [];
  /** Steps still to take, the next one last. */
  private readonly steps: (() => void)[] = [];
  private draining = false;

  constructor(protected readonly deadline: Deadline = NO_DEADLINE) {}

  /** Puts steps on the stack to be taken in the given order, before any step scheduled earlier. */
  protected schedule(steps: (() => void)[]): void {
    for (let i = steps.length - 1; i >= 0; i--) this.steps.push(steps[i]!);
  }

  /** Takes the scheduled steps until none is left (a no-op when called from inside a step). */
  protected drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        this.deadline.check(this.lastLine);
        step();
      }
    } finally {
      this.draining = false;
      this.steps.length = 0;
    }
  }

  private run: Run | null = null;
  /** The start line of the element whose first text opens the next run. */
  private pendingLine: number | null = null;
  /** A number ("3. ") for the next run of an ordered list item. */
  protected prefix: string | null = null;
  private lastLine = 1;
  /** A thematic break was read since the last block. */
  private pendingBreak = false;

  /** A thematic break: marked on the next block. */
  protected thematicBreak(): void {
    this.flush();
    this.pendingBreak = true;
  }

  protected open(line: number | null, prefix: string | null = null): void {
    this.flush();
    this.pendingLine = line;
    this.prefix = prefix;
  }

  protected close(): void {
    this.flush();
    this.pendingLine = null;
    this.prefix = null;
  }

  protected text(data: string, line: number | null, kind: Block['kind']): void {
    if (line !== null) this.lastLine = line;
    if (!this.run) {
      if (collapse(data) === '') return;
      this.run = { kind, parts: this.prefix ? [this.prefix] : [], links: [], line: this.pendingLine ?? line ?? this.lastLine };
      this.pendingLine = null;
      this.prefix = null;
    }
    this.run.parts.push(data);
  }

  /** A link inside the current run (its text has been fed as text). */
  protected link(link: Link): void {
    this.run?.links.push(link);
  }

  protected flush(): void {
    const run = this.run;
    this.run = null;
    if (!run) return;
    const text = collapse(run.parts.join(''));
    if (text === '' || (CAPTION.test(text) && text.length <= 200)) return;
    const block: Block = { kind: run.kind, text, line: run.line };
    if (run.links.length) block.links = run.links;
    if (this.pendingBreak) block.afterBreak = true;
    this.pendingBreak = false;
    this.blocks.push(block);
  }
}
