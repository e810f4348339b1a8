// The HTML representation of a /doc/ resource: its triples as a table, IRIs under the base as local links.
import { byCodePoint } from '../lib/compare.js';
import { h, toHtml } from '../vendor/html.js';
import { Parser } from '../vendor/rdf.js';

/** The page's only style, inline: the Content-Security-Policy allows it by its hash (security.ts). */
export const DOC_PAGE_CSS = 'body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}th{text-align:left;vertical-align:top;padding-right:1rem}td{word-break:break-word}';

export function describePage(iri: string, ntriples: string, base: string): string {
  const local = (value: string) => (value.startsWith(`${base}/`) ? value.slice(base.length) : value);
  const quads = new Parser({ format: 'N-Triples' }).parse(ntriples).sort((a, b) => byCodePoint(a.predicate.value, b.predicate.value) || byCodePoint(a.object.value, b.object.value));
  const rows = quads.map((q) =>
    h('tr', [
      h('th', { scope: 'row' }, /^https?:\/\//.test(q.predicate.value) ? h('a', { href: q.predicate.value }, q.predicate.value.replace(/^.*[#/]/, '')) : q.predicate.value),
      // Only http(s) IRIs become links: a javascript: or data: IRI in the data stays text.
      h('td', q.object.termType === 'NamedNode' && /^https?:\/\//.test(q.object.value) ? h('a', { href: local(q.object.value) }, q.object.value) : [q.object.value, q.object.termType === 'Literal' && q.object.language ? h('small', ` @${q.object.language}`) : '']),
    ]),
  );
  const tree = h('html', { lang: 'nl' }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('title', iri),
      h('style', DOC_PAGE_CSS),
    ]),
    h('body', [h('h1', iri), h('p', 'Ook als Turtle, RDF/XML, JSON-LD en N-Triples: vraag erom met de Accept-header.'), h('table', h('tbody', rows))]),
  ]);
  return `<!doctype html>\n${toHtml(tree)}\n`;
}
