// The command line over a release: `ontsluit query` without a server, `ontsluit publish --store` into Virtuoso.
import { describe, expect, it } from 'vitest';
import { afterAll, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, cli } from './helpers.js';
import { startVirtuoso, virtuosoAvailable, type Virtuoso } from './support/virtuoso.js';

describe('ontsluit query', () => {
  it('answers the example query from the committed release, as CSV', async () => {
    const run = await cli(['query', 'data/queries/actions-per-theme.rq', '--format', 'csv']);
    expect(run.status).toBe(0);
    const rows = run.stdout.trim().split(/\r?\n/).slice(1).map((line) => line.split(','));
    expect(rows.map((r) => [r[0], Number(r.at(-1))])).toEqual([['I', 3], ['II', 2], ['III', 1], ['IV', 2], ['V', 1], ['VI', 3], ['VII', 1]]);
  });

  it('names the file of a query that is not valid SPARQL, exit 1', async () => {
    const run = await cli(['query', 'package.json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: package\.json:\d+: .*\[query-invalid\]/);
  });
});

/** The CLI in a child process without blocking this one. */
function cliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'ontsluit.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe.skipIf(!virtuosoAvailable())('ontsluit publish --store (Virtuoso on loopback)', () => {
  let store: Virtuoso;
  beforeAll(async () => {
    store = await startVirtuoso();
  }, 90_000);
  afterAll(async () => store?.stop());

  it('replaces one named graph per dataset and the catalog, and the store answers for them', async () => {
    const run = await cliAsync(['publish', '--store', store.gspAuth], { ONTSLUIT_STORE_USER: store.user, ONTSLUIT_STORE_PASSWORD: store.password });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\/id\/dataset\/actieplan-open-overheid-2020-2022: \d+ triples, HTTP 20\d/);
    const query = 'SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH <https://data.open-overheid.nl/id/dataset/actieplan-open-overheid-2020-2022> { ?a a <https://data.open-overheid.nl/def/actieplan#Actiepunt> } }';
    const response = await fetch(`${store.sparql}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
    const json = (await response.json()) as { results: { bindings: { n: { value: string } }[] } };
    expect(Number(json.results.bindings[0]!.n.value)).toBe(13);
  });

  it('--update swaps staging graphs in with one SPARQL Update request', async () => {
    const run = await cliAsync(['publish', '--store', store.gspAuth, '--update', store.sparqlAuth], { ONTSLUIT_STORE_USER: store.user, ONTSLUIT_STORE_PASSWORD: store.password });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`swapped in with one SPARQL Update at ${store.sparqlAuth}: HTTP 200`);
  });

  it('a wrong password exits 3 and names the environment variables', async () => {
    const run = await cliAsync(['publish', '--store', store.gspAuth], { ONTSLUIT_STORE_USER: store.user, ONTSLUIT_STORE_PASSWORD: 'wrong' });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('ONTSLUIT_STORE_PASSWORD');
    expect(run.stderr).toContain('[store-unauthorized]');
  });
});

describe('ontsluit publish --store with credentials in the URL', () => {
  it('exits 2 and never prints the user or the password', async () => {
    const run = await cli(['publish', '--store', 'http://alice:s3cret@127.0.0.1:9/sparql-graph-crud-auth']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('[usage]');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/alice|s3cret/);
  });
});
