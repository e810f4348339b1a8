// Page chrome after the last action, found by the shape of the blocks: headings, link lists, share lines, thematic breaks, calls to action.
import type { Block } from './blocks.js';

/** Which structure showed that the rest of the page is site text. */
export type ChromeRule = 'thematic-break' | 'heading' | 'link-list' | 'share-line' | 'call-to-action';

export const CHROME_RULE_WORDS: Record<ChromeRule, string> = {
  'thematic-break': 'a thematic break',
  heading: 'a heading that is not an action, followed only by page chrome',
  'link-list': 'a list of links to other pages',
  'share-line': 'a share or menu line',
  'call-to-action': 'a question followed by a link or button',
};

const letters = (text: string) => text.replace(/\s+/g, '').length;
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** How much of the block is link text (0 to 1). */
function linkShare(block: Block): number {
  const linked = (block.links ?? []).reduce((sum, link) => sum + letters(link.text), 0);
  return Math.min(1, linked / Math.max(1, letters(block.text)));
}

/** A block that is (almost) only a link, or a bare address: an entry of a list of links. */
function isLink(block: Block): boolean {
  return linkShare(block) >= 0.6 || /^(?:https?:\/\/|www\.)\S+$/i.test(block.text);
}

/** Short, capitalised and without closing punctuation: a heading or a button, also in a text export. */
function headingLike(block: Block): boolean {
  return block.kind !== 'item' && block.text.length <= 60 && words(block.text) <= 8 && /^\p{Lu}/u.test(block.text) && !/[.!?:;,]$/.test(block.text);
}

/** One short question on its own ("Wil je op de hoogte blijven?"). */
function isQuestion(block: Block): boolean {
  return block.kind === 'paragraph' && block.text.length <= 100 && /\?$/.test(block.text) && !/[.!?]\s/.test(block.text);
}

/**
 * A row of short links or labels: several links of one or two words ("Deel dit bericht: X LinkedIn
 * E-mail"), three or more parts between `|`, `·` or `•`, or a label and a list of three or more
 * one- or two-word names ("Delen: X, LinkedIn, Facebook").
 */
function isShareLine(block: Block): boolean {
  const links = block.links ?? [];
  if (links.length >= 2 && links.every((l) => words(l.text) <= 2) && linkShare(block) >= 0.4) return true;
  const parts = block.text.split(/\s[|·•]\s/);
  if (parts.length >= 3 && parts.every((p) => words(p) <= 3)) return true;
  return /^[^.?!:]{1,30}:\s*[^\s,|]+(?:\s[^\s,|]+)?(?:\s*[,|]\s*[^\s,|]+(?:\s[^\s,|]+)?){2,}$/.test(block.text) && !/[.;]$/.test(block.text);
}

/** Could the block belong to the page's chrome? Headings, short labels, questions, links and share lines. */
function chromeLike(block: Block): boolean {
  return block.kind === 'heading' || headingLike(block) || isQuestion(block) || isLink(block) || isShareLine(block);
}

/** The rule by which the block at `i` starts the page chrome, when everything after it is chrome-like too. */
function starter(blocks: Block[], i: number, restIsChrome: boolean): ChromeRule | null {
  const block = blocks[i]!;
  if (block.afterBreak) return 'thematic-break';
  if (!restIsChrome) return null;
  const next = blocks[i + 1];
  if (isShareLine(block)) return 'share-line';
  // A real heading may end the page alone; a heading-like line of a text export needs something after it.
  if (block.kind === 'heading' || (headingLike(block) && next !== undefined)) return 'heading';
  if (isLink(block) && next !== undefined && isLink(next)) return 'link-list';
  if (isQuestion(block) && next !== undefined && (isLink(next) || headingLike(next))) return 'call-to-action';
  return null;
}

/**
 * Where the page chrome starts in the last action's blocks, by structure alone: the first block from
 * `from` on that is a thematic break, or a heading, list of links, share line or call to action after
 * which only chrome-like blocks follow. Null when the structure does not show it.
 */
export function structuralFooterStart(blocks: Block[], from: number): { index: number; rule: ChromeRule } | null {
  // chromeAfter[i]: every block after i is chrome-like; one pass from the end keeps this linear.
  const chromeAfter: boolean[] = new Array<boolean>(blocks.length);
  let all = true;
  for (let i = blocks.length - 1; i >= 0; i--) {
    chromeAfter[i] = all;
    all = all && chromeLike(blocks[i]!);
  }
  for (let i = Math.max(0, from); i < blocks.length; i++) {
    const rule = starter(blocks, i, chromeAfter[i]!);
    if (rule) return { index: i, rule };
  }
  return null;
}
