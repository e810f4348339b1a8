// The block model every source format is read into: paragraphs and list items with their source line.

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
}

/** What a format reader gives the update parser: blocks, and what the page states about itself. */
export interface SourceDocument {
  blocks: Block[];
  /** Publication date (YYYY-MM-DD) when the page states it (article:published_time, <time datetime>). */
  published: string | null;
}

const ITEM = /^\s*(?:[-•*·–]|\u2022)\s+/;

/**
 * Plain text: each non-blank line is a block (text exports put one paragraph on a line); a line that
 * starts with a bullet (`-`, `•`, `*`, `·`, `–`) is a list item without its bullet.
 */
export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\u00a0/g, ' ').trim();
    if (line === '') return;
    const bullet = ITEM.exec(line);
    blocks.push(
      bullet
        ? { kind: 'item', text: line.slice(bullet[0].length).trim(), line: index + 1 }
        : { kind: 'paragraph', text: line, line: index + 1 },
    );
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
