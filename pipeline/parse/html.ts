// HTML reader: finds the article body of an update page, drops site chrome, and reads it into blocks.
import { load, type CheerioAPI } from 'cheerio';
import { isTag, isText, type AnyNode, type Element, type ParentNode } from 'domhandler';
import { isoDate } from './dates.js';
import { BlockCollector, collapse, type Block, type SourceDocument } from './blocks.js';
import { NO_DEADLINE, type Deadline } from './limits.js';

type Kind = Block['kind'];

/** Elements that are never article text. */
const CHROME_TAGS = new Set([
  'nav', 'aside', 'script', 'style', 'noscript', 'template', 'form', 'iframe', 'frame', 'svg', 'math', 'canvas',
  'button', 'input', 'select', 'option', 'textarea', 'label', 'dialog', 'figcaption', 'img', 'picture', 'source',
  'video', 'audio', 'track', 'object', 'embed', 'map', 'area', 'head', 'title', 'link', 'meta', 'base',
]);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar', 'toolbar', 'tablist']);
/** Class or id words of navigation, widgets and overlays ("sidebar", "agenda-widget", "share-buttons", "cookie-bar"). */
const WIDGET_WORDS = new Set([
  'sidebar', 'sidenav', 'menu', 'menubar', 'submenu', 'nav', 'navbar', 'navigation', 'breadcrumb', 'breadcrumbs', 'crumbs',
  'share', 'sharing', 'sharebar', 'social', 'socials', 'cookie', 'cookies', 'cookiebar', 'consent', 'agenda', 'widget',
  'widgets', 'skiplink', 'skiplinks', 'newsletter', 'nieuwsbrief', 'related', 'gerelateerd', 'popup', 'modal', 'toolbar',
  'pagination', 'pager', 'search', 'zoeken', 'sronly', 'visuallyhidden', 'screenreadertext', 'print', 'feedback', 'tags',
]);
/** Class or id words of the line that states the date or author; the date itself goes to `published`. */
const DATELINE_WORDS = new Set(['date', 'dateline', 'pubdate', 'published', 'byline', 'datum', 'posted', 'postedon']);
/** Elements that end a paragraph (everything else is inline and joins the text around it). */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figure',
  'footer', 'header', 'hgroup', 'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'caption',
  'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'ul', 'body', 'html',
]);
const HEADING = /^h[1-6]$/;
const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section']);
/** Root candidates, most specific meaning first; within a level the one with the most text wins. */
const ROOT_LEVELS = [
  'main, [role="main"]',
  'article, [itemprop="articleBody"]',
  '.article, .article-body, .article-content, .entry-content, .post-content, .page-content, .content-body, #article, #content, .content, #main, .main',
];
const PUBLISHED_META = ['meta[property="article:published_time"]', 'meta[name="article:published_time"]', 'meta[itemprop="datePublished"]'];


function words(el: Element): string[] {
  const names = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const parts = names.split(/[\s_-]+/).filter(Boolean);
  // "side-bar", "sr-only", "visually-hidden": also the words joined.
  const joined = names.split(/\s+/).map((n) => n.replace(/[_-]/g, '')).filter(Boolean);
  return [...parts, ...joined];
}

function hasSectioningAncestor(el: Element): boolean {
  for (let p = el.parent; p && isTag(p); p = p.parent) if (SECTIONING.has(p.name) || p.attribs.role === 'main') return true;
  return false;
}

/** Is the element all its parent holds (apart from white space)? */
function aloneInParent(el: Element): boolean {
  return (el.parent?.children ?? []).every((c) => c === el || (isText(c) && collapse(c.data) === ''));
}

function containsContent($: CheerioAPI, el: Element): boolean {
  return $(el).find('h1, article, main, [role="main"]').length > 0;
}

interface ChromeOptions {
  /** Keep date lines (to look for `<time>` in them). */
  keepDatelines?: boolean;
  /** Class and id words drop an element only up to this much text: a widget is never most of the article. */
  maxText?: number;
}

/**
 * Is this element site chrome: navigation, page header or footer, a widget, a form, media, or hidden?
 * Class and id words never drop an element that holds the article (a "has-sidebar" layout wrapper).
 */
function isChrome($: CheerioAPI, el: Element, options: ChromeOptions = {}): boolean {
  const tag = el.name;
  // An accordion's title is often a button inside a heading: that button is the title.
  if (tag === 'button' && $(el).closest('h1, h2, h3, h4, h5, h6, summary').length) return false;
  if (CHROME_TAGS.has(tag)) return true;
  // A header or footer outside any article or section is the page's banner or content info.
  if ((tag === 'header' || tag === 'footer') && !hasSectioningAncestor(el)) return true;
  const a = el.attribs;
  // Hidden icons and labels go; a hidden block of paragraphs is a collapsed accordion panel and stays.
  const hidden = a.hidden !== undefined || a['aria-hidden'] === 'true' || (a.style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style));
  if (hidden && $(el).find('p, li, h1, h2, h3, h4, h5, h6').length === 0) return true;
  if (a.role && CHROME_ROLES.has(a.role.toLowerCase())) return true;
  if (!a.class && !a.id) return false;
  const list = words(el);
  const widget = list.some((w) => WIDGET_WORDS.has(w));
  // Only a whole line is a date line: "Op <span class="date">21 juni 2021</span> …" stays text.
  const dateline = !options.keepDatelines && (BLOCK_TAGS.has(tag) || aloneInParent(el)) && list.some((w) => DATELINE_WORDS.has(w));
  if (!(widget || dateline) || containsContent($, el)) return false;
  return options.maxText === undefined || collapse(allText(el)).length <= options.maxText;
}

function insideChrome($: CheerioAPI, el: Element, options: ChromeOptions = {}): boolean {
  for (let n: ParentNode | null = el; n && isTag(n); n = n.parent) if (isChrome($, n, options)) return true;
  return false;
}

function lineOf(node: AnyNode): number | null {
  return node.sourceCodeLocation?.startLine ?? null;
}

/** The visible text of an element, chrome left out (walked with a stack: no recursion). */
function textOf($: CheerioAPI, node: AnyNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (isText(n)) parts.push(n.data);
    else if (isTag(n) && n.name === 'br') parts.push(' ');
    else if (isTag(n) && !isChrome($, n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return parts.join('');
}

/** All text of an element but that of scripts, styles, forms and media: what the page shows in full, siblings apart by a space. */
function allText(node: AnyNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n !== node && n.prev) parts.push(' ');
    if (isText(n)) parts.push(n.data);
    else if (isTag(n) && !CHROME_TAGS.has(n.name)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return parts.join('');
}

function chooseRoot($: CheerioAPI): Element | null {
  for (const selector of ROOT_LEVELS) {
    let best: Element | null = null;
    let bestLength = 0;
    for (const el of $(selector).toArray()) {
      if (!isTag(el) || insideChrome($, el)) continue;
      const length = collapse(textOf($, el)).length;
      if (length > bestLength) {
        best = el;
        bestLength = length;
      }
    }
    if (best) return best;
  }
  const body = $('body').get(0);
  return body && isTag(body) ? body : null;
}


/**
 * Walks the article body and collects blocks: one per heading, paragraph (split at `<br>`) and list
 * item. Each element's steps go on the collector's stack, so deep markup never deepens the call stack.
 */
class Walker extends BlockCollector {
  /** Index in `blocks` of the first `<h1>`. */
  firstH1: number | null = null;

  constructor(
    private readonly $: CheerioAPI,
    private readonly chrome: ChromeOptions,
    deadline: Deadline,
  ) {
    super(deadline);
  }

  walk(el: Element, kind: Kind = 'paragraph', prefix: string | null = null): void {
    this.schedule([
      () => {
        this.open(lineOf(el), prefix);
        if (kind === 'heading' && el.name === 'h1' && this.firstH1 === null) this.firstH1 = this.blocks.length;
      },
      ...el.children.map((child) => () => this.node(child, kind)),
      () => this.close(),
    ]);
    this.drain();
  }

  private node(child: AnyNode, kind: Kind): void {
    if (isText(child)) return this.text(child.data, lineOf(child), kind);
    if (!isTag(child) || isChrome(this.$, child, this.chrome)) return; // comments, doctype, chrome
    const tag = child.name;
    if (tag === 'br') return kind === 'heading' ? this.text(' ', lineOf(child), kind) : this.flush();
    if (tag === 'hr') return this.thematicBreak();
    if (HEADING.test(tag)) return this.walk(child, 'heading');
    if (tag === 'li') return this.walk(child, 'item');
    if (tag === 'ol') return this.orderedList(child, kind);
    if (BLOCK_TAGS.has(tag)) return this.walk(child, kind);
    // Inline: its text joins the run; a link also lands in the block's links.
    const steps = child.children.map((c) => () => this.node(c, kind));
    if (tag === 'a')
      steps.push(() => {
        const href = child.attribs.href?.trim();
        const text = collapse(textOf(this.$, child));
        if (href && text && !/^javascript:/i.test(href)) this.link({ text, href });
      });
    this.schedule(steps);
  }

  /** An `<ol>`: its items keep their number ("3. …"), honouring `start`, `reversed` and `value`. */
  private orderedList(ol: Element, kind: Kind): void {
    this.flush();
    const step = ol.attribs.reversed !== undefined ? -1 : 1;
    const items = ol.children.filter((c): c is Element => isTag(c) && c.name === 'li' && !isChrome(this.$, c, this.chrome));
    const start = Number.parseInt(ol.attribs.start ?? '', 10);
    let n = Number.isFinite(start) ? start : step === 1 ? 1 : items.length;
    const steps: (() => void)[] = [];
    for (const child of ol.children) {
      if (isTag(child) && child.name === 'li') {
        if (isChrome(this.$, child, this.chrome)) continue;
        const value = Number.parseInt(child.attribs.value ?? '', 10);
        if (Number.isFinite(value)) n = value;
        const prefix = `${n}. `;
        steps.push(() => this.walk(child, 'item', prefix));
        n += step;
      } else steps.push(() => this.node(child, kind));
    }
    this.schedule(steps);
  }
}

/**
 * A publication date as YYYY-MM-DD: a date as written, a local date-time's date, or the date in
 * Europe/Amsterdam of a date-time with a zone (`2022-02-21T23:30:00Z` → 2022-02-22). Null when invalid.
 */
export function amsterdamDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(value.trim());
  if (!m) return null;
  const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date || m[4] === undefined) return date;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return null;
  if (m[7] === undefined) return date; // a local time: the date as written
  const zone = m[7].toUpperCase() === 'Z' ? 'Z' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2').replace(/^([+-]\d{2})$/, '$1:00');
  const moment = new Date(`${date}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`);
  if (Number.isNaN(moment.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(moment);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Is the element inside one whose class or id says it holds the date line? */
function inDateline(el: Element): boolean {
  for (let node: ParentNode | null = el.parent; node && isTag(node); node = node.parent)
    if (words(node).some((w) => DATELINE_WORDS.has(w))) return true;
  return false;
}

function published($: CheerioAPI, root: Element | null): string | null {
  for (const selector of PUBLISHED_META) {
    const content = $(selector).first().attr('content');
    const date = content === undefined ? null : amsterdamDate(content);
    if (date) return date;
  }
  if (!root) return null;
  for (const el of $(root).find('[itemprop="datePublished"][datetime], time[pubdate][datetime], time[datetime]').toArray()) {
    if (!isTag(el)) continue;
    const date = amsterdamDate(el.attribs.datetime ?? '');
    // A plain <time> counts only in a dateline ("Geplaatst op …"): in the text it is a date the update mentions.
    const marked = el.attribs.itemprop === 'datePublished' || 'pubdate' in el.attribs || inDateline(el);
    if (date && marked && !insideChrome($, el, { keepDatelines: true })) return date;
  }
  return null;
}

/**
 * Reads an HTML page into blocks: the article body (`<main>`, `<article>`, `[role=main]` or an
 * article-like container) without site chrome; one block per heading, paragraph (`<br>` splits it) and
 * list item, starting at the page's `<h1>`. `published` comes from `article:published_time` or the
 * first `<time datetime>` in the article.
 */
export function htmlToDocument(html: string, deadline: Deadline = NO_DEADLINE): SourceDocument {
  const $ = load(html, { sourceCodeLocationInfo: true });
  deadline.check(undefined, true);
  const root = chooseRoot($);
  const walker = new Walker($, { maxText: root ? collapse(allText(root)).length / 2 : undefined }, deadline);
  // A title outside the article (in a page header): read it first.
  if (root && $(root).find('h1').length === 0) {
    const title = $('h1')
      .toArray()
      .find((el): el is Element => isTag(el) && !$(el).closest('nav, aside, footer, [role="navigation"], [role="complementary"], [role="contentinfo"]').length);
    if (title) walker.walk(title, 'heading');
  }
  if (root) walker.walk(root);
  // What precedes the title inside the article (a category label, a date line) is not update text.
  const blocks = walker.firstH1 !== null ? walker.blocks.slice(walker.firstH1) : walker.blocks;
  return { blocks, published: published($, root) };
}
