// Every example query in data/queries/ runs unchanged on Virtuoso 7 (the store `publish --store` targets) and on oxigraph, with the same answers.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRelease, type OpenedRelease } from '../pipeline/release.js';
import { loadStore, runQuery, type ReleaseStore } from '../pipeline/sparql.js';
import { pushRelease } from '../pipeline/store-push.js';
import { ROOT } from './helpers.js';
import { startVirtuoso, virtuosoAvailable, type Virtuoso } from './support/virtuoso.js';

const QUERIES = join(ROOT, 'data', 'queries');
const DIST = join(ROOT, 'dist');

interface Binding {
  type: string;
  value: string;
}

/** A SELECT result as rows of `name=value` strings (the lexical value: stores differ in how they name a literal's type). */
function rows(json: string): string[][] {
  const result = JSON.parse(json) as { head: { vars: string[] }; results: { bindings: Record<string, Binding>[] } };
  return result.results.bindings.map((row) => result.head.vars.map((name) => `${name}=${row[name]?.value ?? ''}`));
}

describe.skipIf(!virtuosoAvailable())('the example queries on Virtuoso and oxigraph (skipped: /usr/bin/virtuoso-t missing, run .ci/virtuoso-setup.sh)', () => {
  let v: Virtuoso;
  let release: OpenedRelease;
  let store: ReleaseStore;
  beforeAll(async () => {
    [v, release] = await Promise.all([startVirtuoso(), openRelease(DIST)]);
    store = await loadStore(release);
    await pushRelease(release, { store: v.gspAuth, username: v.user, password: v.password });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await v?.stop();
  });

  const files = readdirSync(QUERIES).filter((f) => f.endsWith('.rq')).sort();
  it('has example queries to run', () => expect(files.length).toBeGreaterThanOrEqual(5));

  for (const file of files) {
    it(`${file}: the same rows, in the same order, from both stores`, async () => {
      const query = readFileSync(join(QUERIES, file), 'utf8');
      const local = rows((await runQuery(store, query, { accept: 'application/sparql-results+json' })).body);
      const response = await fetch(`${v.sparql}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
      const text = await response.text();
      expect(response.status, text.slice(0, 500)).toBe(200);
      expect(local.length).toBeGreaterThan(0);
      expect(rows(text)).toEqual(local);
    });
  }

  it('the store holds the vocabulary graph too, so aoo: terms have their labels', async () => {
    const query = `SELECT ?label WHERE { GRAPH <${release.base}/def/actieplan> { <${release.base}/def/actieplan#Actiepunt> <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(LANG(?label) = "en") } }`;
    const response = await fetch(`${v.sparql}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
    expect(rows(await response.text())).toEqual([['label=Action point']]);
  });
});
