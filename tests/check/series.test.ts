// A next plan adds a dataset to the series without changing the existing dataset or any published IRI.
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA, ROOT, cli, fixture } from '../helpers.js';
import { parseTurtle, tripleSet } from '../emit/release.js';

const DIST = join(ROOT, 'dist');
const SLUG = 'actieplan-open-overheid-2020-2022';

/** data/ plus an update of the second plan (2023-2027; the plan and its dataset are configured already). */
function dataWithSecondPlan(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ontsluit-series-'));
  cpSync(DATA, dir, { recursive: true });
  cpSync(fixture('plan-without-themes.txt'), join(dir, 'updates', 'test-2023-2027-update-01.txt'));
  const edit = (file: string, change: (json: { sources: object[] }) => void) => {
    const path = join(dir, file);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    change(json);
    writeFileSync(path, JSON.stringify(json, null, 2));
  };
  edit('sources.json', (j) => j.sources.push({ id: '2023-2027-update-01', plan: '2023-2027', place: 'updates/test-2023-2027-update-01.txt', format: 'text', updateNumber: 1, published: null, partial: { reason: 'The fixture holds only actions 1 and 2 of the plan.' } }));
  return dir;
}

describe('dataset series', () => {
  it('a second plan adds a dataset; the first dataset and every published IRI stay as they are', async () => {
    const data = dataWithSecondPlan();
    const out = join(mkdtempSync(join(tmpdir(), 'ontsluit-series-out-')), 'dist');
    const run = await cli(['run', '--data', data, '--out', out, '--previous', DIST, '--state-dir', join(data, 'state')]);
    expect(run.stderr).toContain('0 error(s)');
    expect(run.status).toBe(0);
    for (const f of readdirSync(join(DIST, SLUG), { withFileTypes: true, recursive: true }).filter((e) => e.isFile())) {
      const name = join(f.parentPath, f.name);
      expect(readFileSync(name.replace(DIST, out)).equals(readFileSync(name)), name).toBe(true);
    }
    expect(readdirSync(join(out, 'actieplan-open-overheid-2023-2027'))).toContain('actions.csv');

    const before = tripleSet(parseTurtle(readFileSync(join(DIST, 'catalog.ttl'), 'utf8')));
    const after = new Set(tripleSet(parseTurtle(readFileSync(join(out, 'catalog.ttl'), 'utf8'))));
    const lost = before.filter((t) => !after.has(t));
    // Only the catalog's own dates may move; nothing said about the 2020-2022 dataset changes.
    expect(lost.every((t) => t.includes('/id/catalogus/open-overheid>') || t.includes('/id/datasetreeks/'))).toBe(true);
    const check = JSON.parse(readFileSync(join(out, 'check-report.json'), 'utf8'));
    expect(check.identity).toEqual([]);
    expect(check.mqa.map((s: { total: number }) => s.total)).toEqual([405, 405]);
  });
});
