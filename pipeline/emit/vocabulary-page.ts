// The vocabulary as a page a person reads (def/actieplan.html): each class and property with its labels, comments, domain, range and use.
import type { Element } from 'hast';
import { h, toHtml } from '../vendor/html.js';
import type { Quad } from 'n3';
import { NS, RDF_TYPE, type Iris } from '../iris.js';
import { TERMS, type Term } from './vocabulary.js';

/** How often each term is used in the datasets: as a predicate (properties) or as an rdf:type (classes). */
export function termUse(quads: Quad[], iris: Iris, use = new Map<string, number>()): Map<string, number> {
  const count = (iri: string) => iri.startsWith(iris.vocab) && use.set(iri, (use.get(iri) ?? 0) + 1);
  for (const quad of quads) {
    if (quad.predicate.value === RDF_TYPE) count(quad.object.value);
    else count(quad.predicate.value);
  }
  return use;
}

/** A prefixed name for a known namespace (`xsd:integer`), else the IRI. */
function short(iri: string, iris: Iris): string {
  if (iri.startsWith(iris.vocab)) return `aoo:${iri.slice(iris.vocab.length)}`;
  for (const [prefix, ns] of Object.entries(NS)) if (iri.startsWith(ns)) return `${prefix}:${iri.slice(ns.length)}`;
  return iri;
}

function reference(ref: string | undefined, iris: Iris): Element | string {
  if (!ref) return '–';
  const target = ref.includes(':') ? ref : iris.term(ref);
  const own = target.startsWith(iris.vocab);
  return h('a', { href: own ? `#${target.slice(iris.vocab.length)}` : target }, h('code', short(target, iris)));
}

function termSection(term: Term, iris: Iris, use: Map<string, number>): Element {
  const iri = iris.term(term.local);
  const times = use.get(iri) ?? 0;
  const rows: [string, Element | string][] = [
    ['IRI', h('code', iri)],
    ['Soort / kind', term.kind === 'class' ? 'klasse / class (owl:Class)' : 'eigenschap / property (rdf:Property)'],
    [term.kind === 'class' ? 'Subklasse van / subclass of' : 'Subeigenschap van / subproperty of', reference(term.subOf, iris)],
  ];
  if (term.kind === 'property') rows.push(['Domein / domain', reference(term.domain, iris)], ['Bereik / range', reference(term.range, iris)]);
  rows.push(['Gebruik / use', `${times} keer in de datasets van deze release / ${times} times in this release's datasets`]);
  return h('section', { id: term.local, class: 'term' }, [
    h('h3', [h('code', `aoo:${term.local}`), ' ', h('span', { lang: 'nl' }, term.label.nl), ' / ', h('span', { lang: 'en' }, term.label.en)]),
    h('p', { lang: 'nl' }, term.comment.nl),
    h('p', { lang: 'en' }, term.comment.en),
    h('dl', rows.flatMap(([label, value]) => [h('dt', label), h('dd', value)])),
  ]);
}

/** The HTML page of the vocabulary; `use` counts each term's use in every dataset (`termUse`). */
export function vocabularyPage(iris: Iris, use: Map<string, number>): string {
  const classes = TERMS.filter((t) => t.kind === 'class');
  const properties = TERMS.filter((t) => t.kind === 'property');
  const index = (terms: Term[]) => h('ul', terms.map((t) => h('li', h('a', { href: `#${t.local}` }, h('code', `aoo:${t.local}`)))));
  const tree = h('html', { lang: 'nl' }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('title', 'Begrippen van ontsluit / ontsluit vocabulary'),
      h('link', { rel: 'alternate', type: 'text/turtle', href: 'actieplan.ttl' }),
      h('style', {}, CSS),
    ]),
    h('body', [
      h('header', [
        h('h1', [h('span', { lang: 'nl' }, 'Actieplan Open Overheid: begrippen van ontsluit'), h('br'), h('span', { lang: 'en' }, 'Open Government Action Plan: ontsluit terms')]),
        h('p', ['Namespace ', h('code', iris.vocab), ' (prefix ', h('code', 'aoo:'), '). Ook als ', h('a', { href: 'actieplan.ttl' }, 'Turtle'), ' / also as Turtle.']),
      ]),
      h('main', [
        h('h2', 'Klassen / classes'),
        index(classes),
        ...classes.map((t) => termSection(t, iris, use)),
        h('h2', 'Eigenschappen / properties'),
        index(properties),
        ...properties.map((t) => termSection(t, iris, use)),
      ]),
    ]),
  ]);
  return `<!doctype html>\n${toHtml(tree)}\n`;
}

const CSS = `
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; line-height: 1.5; color: #1a1a1a; }
code { font-size: .95em; }
section.term { border-top: 1px solid #ccc; padding-top: .5rem; margin-top: 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
`;
