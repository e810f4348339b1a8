// GET /sparql for a person: a page to write or pick a query (the examples of data/queries/), run it, see a table and download CSV or JSON.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { h, toHtml } from '../vendor/html.js';
import { byCodePoint } from '../lib/compare.js';
import { QUERY_PAGE_SCRIPT } from './query-page-script.js';

export interface Example {
  /** The file name without `.rq`. */
  name: string;
  /** The leading comment lines of the file. */
  description: string;
  query: string;
}

/** Where the page's script is served: a file of the same origin, so that `script-src 'self'` allows it. */
export const SCRIPT_PATH = '/sparql/query-page.js';
export { QUERY_PAGE_SCRIPT };

/** The example queries of a directory, by name; none when it is missing. */
export async function loadExamples(dir: string): Promise<Example[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.rq')).sort(byCodePoint);
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (file) => {
      const query = await readFile(join(dir, file), 'utf8');
      const comments = /^(?:#[^\n]*\n)+/.exec(query)?.[0] ?? '';
      const description = comments.split('\n').map((l) => l.replace(/^#\s?/, '').trim()).filter(Boolean).join(' ');
      return { name: file.replace(/\.rq$/, ''), description, query };
    }),
  );
}

/** The page's only style, inline: allowed by its hash (security.ts). */
export const QUERY_PAGE_CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem}
textarea{width:100%;min-height:16rem;font:14px/1.4 ui-monospace,monospace}
table{border-collapse:collapse;margin-top:1rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
.controls{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin:.5rem 0}#status{color:#555}pre{white-space:pre-wrap}`;

/** The page; the examples go in as a JSON data block (not run), read by the script. */
export function queryPage(endpoint: string, examples: Example[]): string {
  const tree = h('html', { lang: 'nl' }, [
    h('head', [h('meta', { charset: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), h('title', 'SPARQL: Actieplan Open Overheid'), h('style', QUERY_PAGE_CSS)]),
    h('body', [
      h('h1', 'SPARQL-query / SPARQL query'),
      h('p', ['Schrijf een query of kies een voorbeeld, en voer hem uit op ', h('code', endpoint), '. / Write a query or pick an example, and run it.']),
      h('form', { id: 'query-form', method: 'post', action: '/sparql' }, [
        h('div.controls', [
          h('label', { for: 'example' }, 'Voorbeeld / example'),
          h('select', { id: 'example' }, [h('option', { value: '' }, '—'), ...examples.map((e) => h('option', { value: e.name, title: e.description }, e.name))]),
        ]),
        h('p', { id: 'example-description' }),
        h('textarea', { id: 'query', name: 'query', spellcheck: 'false', 'aria-label': 'SPARQL query' }, examples[0]?.query ?? 'SELECT * WHERE { ?s ?p ?o } LIMIT 10'),
        h('div.controls', [
          h('button', { type: 'submit', id: 'run' }, 'Uitvoeren / run'),
          h('button', { type: 'button', id: 'download-csv' }, 'CSV'),
          h('button', { type: 'button', id: 'download-json' }, 'JSON'),
          h('span', { id: 'status', role: 'status' }),
        ]),
      ]),
      h('div', { id: 'results' }),
      h('script', { type: 'application/json', id: 'examples' }, JSON.stringify(examples).replace(/</g, '\\u003c')),
      h('script', { src: SCRIPT_PATH, defer: true }),
    ]),
  ]);
  return `<!doctype html>\n${toHtml(tree)}\n`;
}
