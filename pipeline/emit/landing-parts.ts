// Small pieces of the landing page: status badges, dates, organisation lists, texts split into paragraphs.
import type { Element, ElementContent } from 'hast';
import { h } from '../vendor/html.js';
import type { Dataset, ProgressRow, UpdateRow } from '../model.js';
import { STATUSES } from './charts.js';
import { TEXT, longDate, type Words } from './landing-text.js';
import type { Lang } from './lang.js';

/** The publication date of an update, or what the text supports: "onbekend (niet vóór 21 juni 2021)". */
export function publication(update: UpdateRow | undefined, t: Words, lang: Lang): ElementContent[] {
  if (!update) return [text(t.unknown)];
  if (update.published) return [dateElement(update.published, lang)];
  const bounds: ElementContent[][] = [];
  if (update.publishedNotBefore) bounds.push([text(t.notBefore), dateElement(update.publishedNotBefore, lang)]);
  if (update.publishedNotAfter) bounds.push([text(t.notAfter), dateElement(update.publishedNotAfter, lang)]);
  if (bounds.length === 0) return [text(t.unknown)];
  return [text(`${t.unknown} (`), ...bounds.flatMap((b, i) => (i === 0 ? b : [text(', '), ...b])), text(')')];
}

export function repeated(entry: ProgressRow, t: Words, lang: Lang): ElementContent[] {
  if (entry.status !== 'repeated') return [];
  if (entry.repeatsUpdate !== null) return [text(t.repeatsUpdate(entry.repeatsUpdate))];
  if (entry.repeatedFrom) return [text(t.textFrom), dateElement(entry.repeatedFrom, lang), text(')')];
  return [];
}

/** Splits a text on blank lines; lines starting with "- " become list items, other lines paragraphs. */
export function textBlocks(value: string, empty = TEXT.nl.noText): Element[] {
  const out: Element[] = [];
  for (const block of value.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n+/)) {
    let paragraph: string[] = [];
    let items: string[] = [];
    const flush = () => {
      if (paragraph.length) out.push(element('p', [text(paragraph.join(' '))]));
      if (items.length) out.push(element('ul', items.map((item) => element('li', [text(item)]))));
      paragraph = [];
      items = [];
    };
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith('- ')) {
        if (paragraph.length) flush();
        items.push(line.slice(2).trim());
      } else {
        if (items.length) flush();
        paragraph.push(line);
      }
    }
    flush();
  }
  if (out.length === 0) out.push(h('p', { className: ['empty'] }, empty));
  return out;
}

const KIND: Record<string, string> = { new: 'new', 'no-update': 'none', repeated: 'repeated' };

export function statusBadge(status: string, t: Words): Element {
  const known = STATUSES.some((s) => s.status === status);
  return h('span', { className: ['status', `status-${KIND[status] ?? 'other'}`] }, known ? (t.statuses[status] ?? status) : status);
}

export function organisationNames(dataset: Dataset): Map<string, string> {
  return new Map(dataset.organisations.map((o) => [o.id, o.abbreviation && o.abbreviation !== o.name ? `${o.name} (${o.abbreviation})` : o.name]));
}

export function organisationList(ids: string[], names: Map<string, string>): Element | string {
  if (ids.length === 0) return '–';
  return h('ul', { className: ['orgs'] }, ids.map((id) => h('li', {}, names.get(id) ?? id)));
}

/** `2021-06-21` as `<time datetime="2021-06-21">21 juni 2021</time>` (or "21 June 2021"); other values as they are. */
export function dateElement(iso: string, lang: Lang): Element {
  return h('time', { dateTime: iso }, longDate(iso, lang));
}

export function joined(items: ElementContent[], separator = ', '): ElementContent[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [text(separator), item]));
}

export const text = (value: string): ElementContent => ({ type: 'text', value });
/**
 * An element without properties, as `h(tagName, {}, children)` makes it. For the many paragraphs and
 * list items of the progress texts: `h` looks up every property name, which cost a fifth of the pages' time.
 */
export const element = (tagName: string, children: ElementContent[]): Element => ({ type: 'element', tagName, properties: {}, children });
export const th = (label: string, className: string[] = []) => h('th', { scope: 'col', className }, label);
export const navItem = (href: string, label: string) => h('li', {}, h('a', { href }, label));

