// The frame every page of a dataset shares: head (charset, canonical, hreflang, the one inline style), language switch, footer.
// Built as a hast tree and serialised by hast-util-to-html, so every text from the data is escaped by the library.
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
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
  title: Bilingual;
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

/** The page as a complete HTML document (UTF-8, `lang` of the page, `hreflang` links to every language). */
export function page(input: ShellInput): string {
  const { iris, lang, languages } = input;
  const t = TEXT[lang];
  const rel = relativeTo(input.pagePath);
  const other = LANGS.find((l) => l !== lang)!;
  const head = h('head', {}, [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', {}, input.title),
    h('meta', { name: 'description', content: input.description }),
    h('link', { rel: 'canonical', href: pageUrl(iris, input.pagePath) }),
    ...LANGS.map((l) => h('link', { rel: 'alternate', hrefLang: l, href: pageUrl(iris, languages[l]) })),
    h('link', { rel: 'alternate', hrefLang: 'x-default', href: pageUrl(iris, languages.nl) }),
    ...(input.links ?? []),
    h('style', {}, CSS),
    ...(input.data ?? []),
  ]);
  const body = h('body', {}, [
    h('header', {}, [h('p', { className: ['lang'] }, h('a', { href: rel(languages[other]), hrefLang: other, lang: other, rel: ['alternate'] }, t.otherLanguage)), ...input.header]),
    h('main', {}, input.main),
    h('footer', {}, [
      ...(input.footer ?? []),
      h('p', {}, [
        t.footer[0]!,
        h('a', { href: rel('catalog.ttl') }, t.footer[1]!),
        t.footer[2]!,
        h('a', { href: rel('catalog.jsonld') }, 'JSON-LD'),
        t.footer[3]!,
        h('a', { href: rel('catalog.rdf') }, 'RDF/XML'),
        t.footer[4]!,
      ]),
    ]),
  ]);
  const tree: Root = { type: 'root', children: [{ type: 'doctype' }, h('html', { lang }, [head, body])] };
  // The only raw nodes are those `serialised` made: HTML the library wrote.
  return `${toHtml(tree, { allowDangerousHtml: true })}\n`;
}

/**
 * An element as the library serialises it, kept as that HTML (a `raw` node) for the pages it recurs on:
 * it is escaped once, not once per page. The same bytes as the element in place: outside `<svg>`,
 * `<script>` and `<style>` an element's HTML does not depend on where it stands.
 */
export function serialised(node: Element): ElementContent {
  // hast's `raw` node: declared by mdast-util-to-hast, not by the hast types this package uses.
  // Its own raw nodes (made here too) stay HTML.
  return { type: 'raw', value: toHtml(node, { allowDangerousHtml: true }) } as unknown as ElementContent;
}
