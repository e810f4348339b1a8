// The frame every page of a dataset shares: head (charset, canonical, hreflang, the one inline style), language switch, footer.
// Built as a hast tree and serialised by hast-util-to-html, so every text from the data is escaped by the library.
import type { Element, ElementContent, Root } from 'hast';
import { h, toHtml } from '../vendor/html.js';
import { posix } from 'node:path';
import type { CatalogSpec, DatasetSpec } from '../config.js';
import type { Iris } from '../iris.js';
import type { Dataset } from '../model.js';
import { pageUrl } from './landing-schema.js';
import { CSS } from './landing-style.js';
import { TEXT } from './landing-text.js';
import { LANGS, type Bilingual, type Lang } from './lang.js';

/** What the pages of a dataset beyond the landing page are made from. */
export interface PagesInput {
  dataset: Dataset;
  spec: DatasetSpec;
  catalog: CatalogSpec;
  iris: Iris;
  lang: Lang;
}

/** One HTML page of the release: where it sits, the document, and its title in the manifest's terms. */
export interface PageFile {
  path: string;
  html: string;
  /** The document as UTF-8, when the page was made as bytes (`html` is then read from them). */
  bytes?: Buffer;
  title: Bilingual;
}

/**
 * A page written as bytes from its parts in order, never joined into one string: a page of 10⁵ entries
 * holds up to ~200 KB of text, and V8 places strings that large (and every join on the way to one) in
 * its old generation, where thousands of pages brought a full collection every half second.
 */
export function pageOfParts(path: string, parts: string[], title: Bilingual): PageFile {
  let size = 0;
  for (const part of parts) size += Buffer.byteLength(part);
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const part of parts) at += bytes.write(part, at);
  return {
    path,
    bytes,
    title,
    get html() {
      return bytes.toString('utf8');
    },
  };
}

/** `html` split around `marker`, which it must hold exactly once (a marker with a `<` cannot come from escaped text). */
export function splitAt(html: string, marker: string): [string, string] {
  const at = html.indexOf(marker);
  if (at === -1 || html.indexOf(marker, at + 1) !== -1) throw new Error(`expected the marker ${marker} once in the page`);
  return [html.slice(0, at), html.slice(at + marker.length)];
}

export interface ShellInput {
  iris: Iris;
  lang: Lang;
  /** Where the page sits in the release. */
  pagePath: string;
  /** The same page in every language, by release path (Dutch is the x-default). */
  languages: Record<Lang, string>;
  title: string;
  description: string;
  /** More `<link>` elements for the head, after the language alternates. */
  links?: Element[];
  /** Data blocks for the head, after the style (the landing page's schema.org JSON-LD). */
  data?: Element[];
  /** The header after the language switch: kicker, heading, lead, contents. */
  header: ElementContent[];
  main: Element[];
  /** Paragraphs of the footer before the one about the catalog. */
  footer?: Element[];
}

/** A link target relative to the page at `pagePath`: `../../index.html`, `actiepunt/7/index.html`. */
export function relativeTo(pagePath: string): (releasePath: string) => string {
  const here = posix.dirname(pagePath);
  return (releasePath) => posix.relative(here, releasePath) || posix.basename(releasePath);
}

/** A node made once, when first asked for, and shared by every page after. */
const once = <T>(make: () => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};

/**
 * The parts of the frame that are the same on every page (or every page of a language at one depth),
 * serialised once: a run writes a thousand pages per 10⁴ entries, each frame built and escaped anew.
 */
const sharedMetas = once(() => serialisedAll([h('meta', { charSet: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' })]));
const sharedStyle = once(() => serialised(h('style', {}, CSS)));
const catalogParagraphs = new Map<string, ElementContent>();

/** The footer's paragraph on the catalog's files, by language and by where the catalog is from the page. */
function catalogParagraph(lang: Lang, rel: (releasePath: string) => string): ElementContent {
  const catalogTtl = rel('catalog.ttl');
  const key = `${lang} ${catalogTtl}`;
  let made = catalogParagraphs.get(key);
  if (!made) {
    const t = TEXT[lang];
    made = serialised(
      h('p', {}, [t.footer[0]!, h('a', { href: catalogTtl }, t.footer[1]!), t.footer[2]!, h('a', { href: rel('catalog.jsonld') }, 'JSON-LD'), t.footer[3]!, h('a', { href: rel('catalog.rdf') }, 'RDF/XML'), t.footer[4]!]),
    );
    catalogParagraphs.set(key, made);
  }
  return made;
}

/** The page as a complete HTML document (UTF-8, `lang` of the page, `hreflang` links to every language). */
export function page(input: ShellInput): string {
  const { iris, lang, languages } = input;
  const t = TEXT[lang];
  const rel = relativeTo(input.pagePath);
  const other = LANGS.find((l) => l !== lang)!;
  const head = h('head', {}, [
    sharedMetas(),
    h('title', {}, input.title),
    h('meta', { name: 'description', content: input.description }),
    h('link', { rel: 'canonical', href: pageUrl(iris, input.pagePath) }),
    ...LANGS.map((l) => h('link', { rel: 'alternate', hrefLang: l, href: pageUrl(iris, languages[l]) })),
    h('link', { rel: 'alternate', hrefLang: 'x-default', href: pageUrl(iris, languages.nl) }),
    ...(input.links ?? []),
    sharedStyle(),
    ...(input.data ?? []),
  ]);
  const body = h('body', {}, [
    h('header', {}, [h('p', { className: ['lang'] }, h('a', { href: rel(languages[other]), hrefLang: other, lang: other, rel: ['alternate'] }, t.otherLanguage)), ...input.header]),
    h('main', {}, input.main),
    h('footer', {}, [
      ...(input.footer ?? []),
      catalogParagraph(lang, rel),
    ]),
  ]);
  const tree: Root = { type: 'root', children: [{ type: 'doctype' }, h('html', { lang }, [head, body])] };
  // The only raw nodes are made in this module (`serialised`, `marker`): HTML the library wrote, and markers.
  return `${toHtml(tree, { allowDangerousHtml: true })}\n`;
}

/**
 * An element as the library serialises it, kept as that HTML (a `raw` node) for the pages it recurs on:
 * it is escaped once, not once per page. The same bytes as the element in place: outside `<svg>`,
 * `<script>` and `<style>` an element's HTML does not depend on where it stands.
 */
export function serialised(node: Element): ElementContent {
  return raw(htmlOf(node));
}

/** Elements side by side, kept as their HTML (`serialised` of each, as one node). */
export function serialisedAll(nodes: Element[]): ElementContent {
  return raw(toHtml({ type: 'root', children: nodes }, { allowDangerousHtml: true }));
}

/** An element's HTML as the library writes it; its raw nodes (made here) stay HTML. */
export function htmlOf(node: Element): string {
  return toHtml(node, { allowDangerousHtml: true });
}

/** A marker in a page, written as it is (`html`): a comment, which no text from the data can end up as (its `<` is escaped). */
export function marker(name: string): { node: ElementContent; html: string } {
  const html = `<!--${name}-->`;
  return { node: raw(html), html };
}

/** hast's `raw` node: declared by mdast-util-to-hast, not by the hast types this package uses. */
const raw = (value: string) => ({ type: 'raw', value }) as unknown as ElementContent;
