// The script of the query page (served as /sparql/query-page.js): picks an example, runs the query with fetch, shows a table, downloads CSV or JSON.

/** Plain browser JavaScript, no dependencies; text only ever goes in with textContent. */
export const QUERY_PAGE_SCRIPT = `'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const examples = JSON.parse($('examples').textContent || '[]');
  const query = $('query');
  const status = $('status');
  const results = $('results');

  $('example').addEventListener('change', (event) => {
    const example = examples.find((e) => e.name === event.target.value);
    if (!example) return;
    query.value = example.query;
    $('example-description').textContent = example.description;
  });

  async function send(accept) {
    const response = await fetch('/sparql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
      body: new URLSearchParams({ query: query.value }),
    });
    if (!response.ok) throw new Error(response.status + ': ' + (await response.text()));
    return response;
  }

  function cell(tag, text) {
    const element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  function table(json) {
    const element = document.createElement('table');
    const head = element.createTHead().insertRow();
    for (const name of json.head.vars) head.appendChild(cell('th', name));
    const body = element.createTBody();
    for (const binding of json.results.bindings) {
      const row = body.insertRow();
      for (const name of json.head.vars) row.appendChild(cell('td', binding[name] ? binding[name].value : ''));
    }
    return element;
  }

  async function run(event) {
    event.preventDefault();
    status.textContent = 'Bezig… / running…';
    results.replaceChildren();
    try {
      const response = await send('application/sparql-results+json, text/turtle;q=0.9');
      const type = response.headers.get('content-type') || '';
      if (type.startsWith('application/sparql-results+json')) {
        const json = await response.json();
        if ('boolean' in json) {
          results.appendChild(cell('p', String(json.boolean)));
          status.textContent = 'ASK';
        } else {
          results.appendChild(table(json));
          status.textContent = json.results.bindings.length + ' rijen / rows';
        }
      } else {
        results.appendChild(cell('pre', await response.text()));
        status.textContent = type;
      }
    } catch (error) {
      status.textContent = error.message;
    }
  }

  async function download(accept, extension) {
    try {
      const blob = await (await send(accept)).blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'resultaat.' + extension;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (error) {
      status.textContent = error.message;
    }
  }

  $('query-form').addEventListener('submit', run);
  $('download-csv').addEventListener('click', () => download('text/csv', 'csv'));
  $('download-json').addEventListener('click', () => download('application/sparql-results+json', 'json'));
})();
`;
