// Parses the block model of one update page into an UpdateRecord: themes, actions, holders, statuses.
import type { SourceFormat } from '../config.js';
import type { Issue } from '../report.js';
import { issue } from '../report.js';
import { quote } from '../errors.js';
import type { ActionRecord, ThemeRecord, UpdateRecord } from '../record.js';
import type { Registry } from '../organisations.js';
import { splitParties } from '../organisations.js';
import { blocksToText, type Block } from './blocks.js';
import { findDates, parseDutchDate } from './dates.js';
import { romanValue } from '../lib/roman.js';
import { CHROME_RULE_WORDS, structuralFooterStart } from './footer.js';

export interface ParseContext {
  place: string;
  format: SourceFormat;
  sha256: string;
  lines: number;
  /** Whether the source ended with a line feed (a file cut short mid-line does not). */
  endsWithNewline: boolean;
  registry: Registry;
  footerStart: readonly RegExp[];
  leadingWords: readonly string[];
}

export interface ParseResult {
  record: UpdateRecord;
  issues: Issue[];
}

const ROMAN = /^(M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\.?\s+(\p{Lu}.{0,80})$/u;
const ACTION = /^(\d{1,3})[.)]\s+(\S.*)$/;
const ACTION_OLD = /^Actiepunt\s+(\d{1,3})\s*[:.–-]\s*(\S.*)$/i;
const HOLDER = /^(?:\*\*)?Actiehouders?\s*:?(?:\*\*)?\s*:?\s*(.*)$/i;
const PARTNER = /^(?:\*\*)?In samenwerking met\s*:?(?:\*\*)?\s*:?\s*(.*)$/i;
const DURATION = /^(?:\*\*)?Looptijd\s*:?(?:\*\*)?\s*:?\s*(.*)$/i;
const PARTNER_INLINE = /\.\s+In samenwerking met\s*:\s*/i;
const NO_UPDATE = /^De actiehouder heeft geen nieuwe update aangeleverd\.?\s*/i;
const REPEAT_LABEL = /^(?:Daarom nogmaals de laatste update|Vorige update)\s*\(([^)]+)\)\s*:?\s*/i;
const TITLE_PLAN = /Actieplan Open Overheid\s+(\d{4})\s*[-–]\s*(\d{4})/i;
const UPDATE_NUMBER = /\bUpdate\s*#?\s*(\d+)/i;

function isLabel(block: Block, pattern: RegExp): RegExpExecArray | null {
  return pattern.exec(block.text);
}

function isMeta(block: Block): boolean {
  return /^(?:\*\*)?(?:Actiehouders?|In samenwerking met|Looptijd)\b/i.test(block.text);
}

function themeHeading(block: Block): { numeral: string; name: string } | null {
  if (block.kind === 'item') return null;
  const m = ROMAN.exec(block.text);
  if (!m || m[1] === '' || /[.:;,!?]$/.test(m[2]!)) return null;
  return { numeral: m[1]!, name: m[2]!.trim() };
}

function actionHeading(block: Block): { number: number; title: string } | null {
  const m = ACTION.exec(block.text) ?? ACTION_OLD.exec(block.text);
  if (!m) return null;
  return { number: Number(m[1]), title: m[2]!.replace(/\*\*/g, '').trim() };
}

/** A heading is a title, not a sentence of a numbered list: short and without closing punctuation. */
function titleLike(title: string): boolean {
  return title.length <= 150 && !/[.;:,!?]$/.test(title);
}

/** Does a holder line follow within the next three blocks, before any other action heading? */
function holderFollows(blocks: Block[], index: number): boolean {
  for (let k = index + 1; k < blocks.length && k <= index + 3; k++) {
    const block = blocks[k]!;
    if (HOLDER.test(block.text) && /^(?:\*\*)?Actiehouder/i.test(block.text)) return true;
    if (actionHeading(block) || themeHeading(block)) return false;
  }
  return false;
}

interface Section {
  heading: Block;
  number: number;
  title: string;
  theme: string | null;
  body: Block[];
}

export function parseUpdate(blocks: Block[], ctx: ParseContext): ParseResult {
  const issues: Issue[] = [];
  const at = (line: number, field?: string) => (field ? { source: ctx.place, line, field } : { source: ctx.place, line });
  const [titleBlock, ...rest] = blocks;
  const title = titleBlock?.text ?? '';
  if (!titleBlock) issues.push(issue('no-title', 'the source has no title line', at(1), { expected: 'a title such as "Update #2 Actieplan Open Overheid 2020-2022"', found: 'nothing' }));

  const hasThemes = rest.some((b) => themeHeading(b) !== null);
  const intro: Block[] = [];
  const themes: (ThemeRecord & { actions: number; body: Block[] })[] = [];
  const sections: Section[] = [];
  rest.forEach((block, i) => {
    const theme = themeHeading(block);
    if (theme) {
      themes.push({ ...theme, sourceLine: block.line, actions: 0, body: [] });
      return;
    }
    // A list item is an action heading only when a holder line follows (pages that put titles in <ol>).
    const heading = block.kind === 'item' && !holderFollows(rest, i) ? null : actionHeading(block);
    const current = sections.at(-1);
    const currentTheme = themes.at(-1);
    const expected = current ? current.number + 1 : undefined;
    const afterTheme = currentTheme !== undefined && currentTheme.actions === 0 && currentTheme.body.length === 0;
    const accepted =
      heading !== null &&
      (holderFollows(rest, i) ||
        (titleLike(heading.title) && (!hasThemes || currentTheme !== undefined) && (afterTheme || expected === undefined || heading.number === expected)));
    if (heading && accepted) {
      if (currentTheme) currentTheme.actions++;
      sections.push({ heading: block, number: heading.number, title: heading.title, theme: currentTheme?.numeral ?? null, body: [] });
    } else if (currentTheme && currentTheme.actions === 0) currentTheme.body.push(block);
    else if (current) current.body.push(block);
    else intro.push(block);
  });

  const footer = splitFooter(sections.at(-1), ctx, issues);

  // Theme checks: duplicates, order, themes without actions.
  themes.forEach((theme, i) => {
    if (themes.findIndex((t) => t.numeral === theme.numeral) !== i)
      issues.push(issue('duplicate-theme', `theme ${theme.numeral} appears twice`, at(theme.sourceLine, 'themes'), { expected: 'each theme numeral once', found: quote(`${theme.numeral} ${theme.name}`) }));
    else if (romanValue(theme.numeral) !== i + 1)
      issues.push(issue('theme-order', `theme ${theme.numeral} is out of order`, at(theme.sourceLine, 'themes'), { expected: `theme numeral ${i + 1} in Roman numerals`, found: quote(theme.numeral), severity: 'warning' }));
    if (theme.actions === 0)
      issues.push(issue('empty-theme', `theme ${theme.numeral} ${theme.name} has no actions`, at(theme.sourceLine, 'themes'), { expected: 'at least one numbered action under the theme', found: 'none' }));
  });

  if (sections.length === 0)
    issues.push(issue('no-actions', 'the source has no actions', at(titleBlock?.line ?? 1, 'actions'), { expected: 'numbered actions ("1. Title") followed by an "Actiehouder:" line', found: 'none' }));

  const actions = sections.map((section, i) => parseAction(section, i === sections.length - 1, ctx, issues));
  const seen = new Map<number, ActionRecord>();
  for (const action of actions) {
    const first = seen.get(action.number);
    if (first)
      issues.push(issue('duplicate-action', `action ${action.number} appears twice`, at(action.sourceLines[0], 'number'), { expected: `action number ${action.number} once (first on line ${first.sourceLines[0]})`, found: quote(`${action.number}. ${action.title}`) }));
    else seen.set(action.number, action);
  }
  if (footer.length === 0) checkTruncation(blocks, actions, ctx, issues);

  const planMatch = TITLE_PLAN.exec(title) ?? TITLE_PLAN.exec(intro.map((b) => b.text).join(' '));
  const numberMatch = UPDATE_NUMBER.exec(title);
  const record: UpdateRecord = {
    plan: planMatch ? `Actieplan Open Overheid ${planMatch[1]}-${planMatch[2]}` : '',
    updateNumber: numberMatch ? Number(numberMatch[1]) : null,
    title,
    published: null,
    intro: blocksToText(intro),
    footer: blocksToText(footer),
    themes: themes.map(({ numeral, name, sourceLine, body }) => (body.length ? { numeral, name, description: blocksToText(body), sourceLine } : { numeral, name, sourceLine })),
    actions,
    source: { place: ctx.place, format: ctx.format, sha256: ctx.sha256, lines: ctx.lines },
  };
  return { record, issues };
}

/**
 * Takes the page footer off the last action: from the first block after its holder lines that matches
 * a footer pattern of data/parser.json, or earlier where the structure shows page chrome (a heading
 * that is not an action, a list of links, a share line, a thematic break, a call to action), after
 * at least one block of the action's own text. Text moved by structure alone is reported as a warning.
 */
function splitFooter(last: Section | undefined, ctx: ParseContext, issues: Issue[]): Block[] {
  if (!last) return [];
  const listed = last.body.findIndex((b) => !isMeta(b) && ctx.footerStart.some((re) => re.test(b.text)));
  const text = last.body.findIndex((b) => !isMeta(b));
  const found = text === -1 ? null : structuralFooterStart(last.body, text + 1);
  const structural = found && (listed === -1 || found.index < listed) ? found : null;
  const start = structural ? structural.index : listed;
  if (start === -1) return [];
  if (structural) {
    const first = last.body[start]!;
    issues.push(
      issue('footer-by-structure', `the text after action ${last.number} from this line on went to the page footer by structure: ${CHROME_RULE_WORDS[structural.rule]}`, { source: ctx.place, line: first.line, field: 'footer' }, {
        expected: `page chrome; if it is progress text of action ${last.number}, report it, and if it is chrome, a footerStart pattern in data/parser.json confirms it`,
        found: quote(first.text),
        severity: 'warning',
      }),
    );
  }
  const footer = last.body.slice(start);
  last.body = last.body.slice(0, start);
  return footer;
}

function parseAction(section: Section, isLast: boolean, ctx: ParseContext, issues: Issue[]): ActionRecord {
  const at = (line: number, field: string) => ({ source: ctx.place, line, field });
  let holders: { text: string; line: number } | null = null;
  let partners: { text: string; line: number } | null = null;
  let duration: string | undefined;
  const body: Block[] = [];
  for (const block of section.body) {
    const holder: RegExpExecArray | null = !holders && body.length === 0 ? isLabel(block, HOLDER) : null;
    const partner: RegExpExecArray | null = !partners && body.length === 0 ? isLabel(block, PARTNER) : null;
    const looptijd = duration === undefined && body.length === 0 ? isLabel(block, DURATION) : null;
    if (holder && /^(?:\*\*)?Actiehouder/i.test(block.text)) {
      const [who, inline]: string[] = holder[1]!.split(PARTNER_INLINE);
      holders = { text: (who ?? '').trim(), line: block.line };
      if (inline !== undefined) partners = { text: inline.trim(), line: block.line };
    } else if (partner) partners = { text: partner[1]!.trim(), line: block.line };
    else if (looptijd) duration = looptijd[1]!.trim();
    else body.push(block);
  }
  const lastLine = section.body.reduce((max, b) => Math.max(max, b.line), section.heading.line);
  if (!holders || holders.text === '')
    issues.push(issue('missing-action-holder', `action ${section.number} has no action holder`, at(holders?.line ?? section.heading.line, 'actionHolders'), { expected: 'a line "Actiehouder: <organisation>" after the action title', found: quote(section.body[0]?.text ?? '(end of source)') }));

  // Status markers: "geen nieuwe update", optionally followed by the date of the update repeated.
  let status: ActionRecord['status'] = 'new';
  let repeatedFrom: string | null = null;
  const first = body[0];
  const noUpdate = first ? NO_UPDATE.exec(first.text) : null;
  if (first && noUpdate) {
    status = 'no-update';
    let restText = first.text.slice(noUpdate[0].length);
    body.shift();
    let labelBlock: Block | undefined = first;
    if (restText === '' && body[0] && REPEAT_LABEL.test(body[0].text)) {
      labelBlock = body.shift();
      restText = labelBlock!.text;
    }
    const label = REPEAT_LABEL.exec(restText);
    if (label) {
      const date = parseDutchDate(label[1]!);
      if (!date)
        issues.push(issue('invalid-date', 'the date of the repeated update is not a date', at(labelBlock!.line, 'repeatedFrom'), { expected: 'a date such as "21 februari 2022"', found: quote(label[1]) }));
      status = 'repeated';
      repeatedFrom = date;
      restText = restText.slice(label[0].length);
    }
    if (restText.trim() !== '') body.unshift({ kind: 'paragraph', text: restText.trim(), line: labelBlock!.line });
  }
  const text = blocksToText(body);
  if (status === 'new' && text === '' && holders)
    issues.push(
      isLast
        ? issue('source-truncated', `the source ends after the holder lines of action ${section.number}`, at(lastLine, 'text'), { expected: 'the progress text of the last action', found: 'the end of the source' })
        : issue('empty-action', `action ${section.number} has no progress text`, at(lastLine, 'text'), { expected: 'progress text, or "De actiehouder heeft geen nieuwe update aangeleverd."', found: 'nothing' }),
    );
  const action: ActionRecord = {
    number: section.number,
    title: section.title,
    theme: section.theme,
    actionHolders: holders ? splitParties(holders.text, ctx.registry, ctx.leadingWords) : [],
    partners: partners ? splitParties(partners.text, ctx.registry, ctx.leadingWords) : [],
    actionHoldersLine: holders?.text ?? '',
    partnersLine: partners?.text ?? null,
    status,
    repeatedFrom,
    text,
    mentionedDates: findDates(text),
    sourceLines: [section.heading.line, lastLine],
    links: body.flatMap((b) => b.links ?? []),
  };
  if (duration !== undefined) action.duration = duration;
  return action;
}

/** A source cut off mid-line (no final line feed and no closing punctuation) is truncated. */
function checkTruncation(blocks: Block[], actions: ActionRecord[], ctx: ParseContext, issues: Issue[]): void {
  const last = blocks.at(-1);
  if (!last || ctx.endsWithNewline || actions.length === 0) return;
  if (issues.some((i) => i.type === 'source-truncated')) return;
  if (!/[.!?:;)\]’”"'…]$/.test(last.text) && last.line > (actions.at(-1)?.sourceLines[0] ?? 0))
    issues.push(issue('source-truncated', 'the source ends in the middle of a sentence', { source: ctx.place, line: last.line }, { expected: 'a complete last line (closing punctuation or a line end)', found: quote(last.text.slice(-40)) }));
}
