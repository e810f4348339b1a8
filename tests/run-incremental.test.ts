// Incremental runs: nothing changed → nothing built; one plan's source changed → only its dataset built, with the bytes of a full build.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATA, FIXTURES, ROOT, cli, fixture, spawnCli, tree } from './helpers.js';

const temp = (name: string) => mkdtempSync(join(tmpdir(), `ontsluit-${name}-`));
const A = 'actieplan-open-overheid-2020-2022';
const B = 'actieplan-open-overheid-2023-2027';
/** Noon UTC of 2026-03-<day>, as SOURCE_DATE_EPOCH. */
const epoch = (day: number) => ({ SOURCE_DATE_EPOCH: String(Date.UTC(2026, 2, day, 12) / 1000) });

const SEED = { id: '2020-2022-update-02', plan: '2020-2022', place: 'updates/update-02-actieplan-open-overheid-2020-2022.txt', format: 'text', updateNumber: 2, published: null, publishedRange: { notBefore: '2021-06-21', notAfter: null, note: 'Not stated on the page.' } };
const HISTORY_3 = { id: '2020-2022-update-03', plan: '2020-2022', place: 'updates/history/update-03.md', format: 'markdown', updateNumber: 3, published: null };
const excerpt = (n: number) => ({ id: `2023-2027-update-0${n}`, plan: '2023-2027', place: `updates/2023-2027-update-0${n}.html`, format: 'html', updateNumber: n, published: null, partial: { reason: 'The test fixture is an excerpt of the page: its first two actions.' } });

/**
 * A data directory with the bundled settings, the seed, the made-up update #3 of 2020-2022 and two
 * copies of the 2023-2027 excerpt (as updates 1 and 2). The seed names a partner the registry does
 * not know, so that 2020-2022 has a warning in the report whether it is built or taken over.
 */
function dataDir(): { dir: string; sources: (list: object[]) => void } {
  const dir = temp('data');
  cpSync(DATA, dir, { recursive: true });
  const seed = join(dir, SEED.place);
  writeFileSync(seed, readFileSync(seed, 'utf8').replace('In samenwerking met: Ministeries', 'In samenwerking met: Stichting Voorbeeldpartner'));
  cpSync(join(FIXTURES, 'history', 'update-03.md'), join(dir, 'updates', 'history', 'update-03.md'));
  const page = readFileSync(fixture('update-01-2023-2027-as-html-without-themes.html'), 'utf8');
  for (const n of [1, 2]) writeFileSync(join(dir, 'updates', `2023-2027-update-0${n}.html`), page.replaceAll('Update #1', `Update #${n}`));
  return { dir, sources: (list) => writeFileSync(join(dir, 'sources.json'), JSON.stringify({ sources: list }, null, 2)) };
}

/** `ontsluit run` and the datasets its run report lists, by slug → reused. */
async function run(args: string[], day: number, state: string, env: Record<string, string> = {}): Promise<Record<string, boolean>> {
  const before = new Set(readdirSync(join(state, 'runs')));
  const result = await cli(['run', '--url-check', 'none', '--state-dir', state, ...args], { env: { ...epoch(day), ...env } });
  expect(result.status, result.stderr).toBe(0);
  const name = readdirSync(join(state, 'runs')).find((n) => !before.has(n))!;
  const report = JSON.parse(readFileSync(join(state, 'runs', name), 'utf8')) as { datasets: { slug: string; reused: boolean }[] };
  return Object.fromEntries(report.datasets.map((d) => [d.slug, d.reused]));
}

const newState = () => {
  const state = temp('state');
  mkdirSync(join(state, 'runs'));
  return state;
};
/** A plain copy of a release (--out is a symlink to its current version). */
const copy = (out: string, name: string) => {
  const to = join(temp(name), 'dist');
  cpSync(out, to, { recursive: true, dereference: true });
  return to;
};

function expectSameTree(actual: string, expected: string) {
  const [a, e] = [tree(actual), tree(expected)];
  expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
  for (const [path, bytes] of e) expect(a.get(path)?.equals(bytes), `${path} differs`).toBe(true);
}

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, { issued: string; modified: string }> };

describe('a run after one plan got a new source', () => {
  it('builds that plan\'s dataset and takes the other from the previous release, with the bytes of a full build', async () => {
    const data = dataDir();
    const out = join(temp('out'), 'dist');
    const state = newState();
    data.sources([SEED, excerpt(1)]);
    expect(await run(['--data', data.dir, '--out', out], 1, state)).toEqual({ [A]: false, [B]: false });
    const first = copy(out, 'first');

    // 2023-2027 gets update 2: only its dataset is built again. Every data file, made or taken over, waits for publish on disk.
    data.sources([SEED, excerpt(1), excerpt(2)]);
    expect(await run(['--data', data.dir, '--out', out], 2, state, { ONTSLUIT_SPOOL_FROM: '1' })).toEqual({ [A]: true, [B]: false });
    const full = join(temp('full'), 'dist');
    expect(await run(['--data', data.dir, '--out', full, '--previous', first], 2, newState())).toEqual({ [A]: false, [B]: false });
    expectSameTree(out, full);
    const report = JSON.parse(readFileSync(join(out, 'validation-report.json'), 'utf8'));
    expect(report.warnings).toContainEqual(expect.objectContaining({ type: 'unknown-organisation', found: '"Stichting Voorbeeldpartner"' }));
    // Dates move only where bytes did.
    const dates = manifest(out).files;
    expect(dates[`${A}/dataset.ttl`]).toMatchObject({ issued: '2026-03-01', modified: '2026-03-01' });
    expect(dates[`${B}/dataset.ttl`]).toMatchObject({ issued: '2026-03-01', modified: '2026-03-02' });
    expect(readFileSync(join(out, 'catalog.ttl'), 'utf8')).toContain('dct:modified "2026-03-02"^^xsd:date');

    // 2020-2022 gets update 3: now the other way round.
    const second = copy(out, 'second');
    data.sources([SEED, HISTORY_3, excerpt(1), excerpt(2)]);
    expect(await run(['--data', data.dir, '--out', out], 3, state)).toEqual({ [A]: false, [B]: true });
    const full3 = join(temp('full'), 'dist');
    expect(await run(['--data', data.dir, '--out', full3, '--previous', second], 3, newState())).toEqual({ [A]: false, [B]: false });
    expectSameTree(out, full3);
    expect(manifest(out).files[`${B}/dataset.ttl`]!.modified).toBe('2026-03-02');
    expect(manifest(out).files[`${A}/dataset.ttl`]!.modified).toBe('2026-03-03');
  });

  it('builds a dataset anew when a file of the previous release is not what its manifest says', async () => {
    const data = dataDir();
    const out = join(temp('out'), 'dist');
    const state = newState();
    data.sources([SEED, excerpt(1)]);
    await run(['--data', data.dir, '--out', out], 1, state);
    const first = copy(out, 'first');
    // Someone edited a published file by hand: it is not taken over.
    writeFileSync(join(out, A, 'themes.csv'), 'edited\n');
    data.sources([SEED, excerpt(1), excerpt(2)]);
    expect(await run(['--data', data.dir, '--out', out], 2, state)).toEqual({ [A]: false, [B]: false });
    expect(readFileSync(join(out, A, 'themes.csv'))).toEqual(readFileSync(join(first, A, 'themes.csv')));
  });

  it('builds everything when a setting changed', async () => {
    const data = dataDir();
    const out = join(temp('out'), 'dist');
    const state = newState();
    data.sources([SEED, excerpt(1)]);
    await run(['--data', data.dir, '--out', out], 1, state);
    const catalog = join(data.dir, 'catalog.json');
    writeFileSync(catalog, readFileSync(catalog, 'utf8').replace('Open data over het Actieplan Open Overheid', 'Open data over de Actieplannen Open Overheid'));
    expect(await run(['--data', data.dir, '--out', out], 2, state)).toEqual({ [A]: false, [B]: false });
  });
});

describe('a run with nothing changed', () => {
  it('loads none of the libraries that build, check or write a release (the built CLI, as a scheduled run starts it)', () => {
    const data = dataDir();
    data.sources([SEED, excerpt(1)]);
    const out = join(temp('out'), 'dist');
    const state = newState();
    const list = join(temp('loaded'), 'packages.txt');
    const loaded = (day: number) => {
      const ran = spawnCli(['run', '--data', data.dir, '--out', out, '--state-dir', state, '--url-check', 'none'], {
        env: { ...epoch(day), NODE_OPTIONS: `--import ${pathToFileURL(join(ROOT, 'tests', 'support', 'loaded-packages.mjs')).href}`, LOADED_PACKAGES_FILE: list },
      });
      expect(ran.status, ran.stderr).toBe(0);
      return { stderr: ran.stderr, packages: readFileSync(list, 'utf8').split('\n') };
    };
    // The modules through which the RDF, the catalog's RDF/XML, the workbook, the pages, the charts and the check get their libraries.
    const heavy = ['vendor/rdf', 'vendor/rdfxml', 'vendor/workbook', 'vendor/html', 'vendor/charts', 'vendor/shacl'];
    // The probe sees them where they are used: a full build loads all of them.
    const first = loaded(1).packages;
    expect(heavy.filter((name) => first.includes(name)), first.join(' ')).toEqual(heavy);
    const again = loaded(2);
    expect(again.stderr).toMatch(/nothing to do/);
    expect(heavy.filter((name) => again.packages.includes(name))).toEqual([]);
  });

  it('builds and writes nothing; --rebuild builds everything again, to the same bytes', async () => {
    const data = dataDir();
    data.sources([SEED, excerpt(1)]);
    const out = join(temp('out'), 'dist');
    const state = newState();
    await run(['--data', data.dir, '--out', out], 1, state);
    const first = tree(out);
    const inode = statSync(out).ino;

    const again = await cli(['run', '--data', data.dir, '--out', out, '--state-dir', state, '--url-check', 'none'], { env: epoch(2) });
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/nothing to do: .* was built from the same code, settings and sources, and is left as it is/);
    expect(statSync(out).ino).toBe(inode);
    const reports = readdirSync(join(state, 'runs')).sort();
    const skipped = JSON.parse(readFileSync(join(state, 'runs', reports.at(-1)!), 'utf8'));
    expect([skipped.published, skipped.skipped, skipped.datasets]).toEqual([false, 'no source or setting changed since the published release', []]);

    expect(await run(['--data', data.dir, '--out', out, '--rebuild'], 3, state)).toEqual({ [A]: false, [B]: false });
    expect(statSync(out).ino).not.toBe(inode);
    const rebuilt = tree(out);
    expect([...rebuilt.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [path, bytes] of first) expect(rebuilt.get(path)?.equals(bytes), `${path} differs`).toBe(true);
  });

  it('builds when the release in --out is not the one the state directory recorded', async () => {
    const data = dataDir();
    data.sources([SEED, excerpt(1)]);
    const out = join(temp('out'), 'dist');
    await run(['--data', data.dir, '--out', out], 1, newState());
    // Another state directory has no record of this release: it cannot know what the release was built from.
    expect(await run(['--data', data.dir, '--out', out], 2, newState())).toEqual({ [A]: false, [B]: false });
  });
});
