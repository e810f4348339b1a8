// The whole run: golden release, determinism, and a failed run that leaves the last release untouched.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { corpus } from '../bench/scale.js';
import { COPIES_FROM } from '../pipeline/encodings.js';
import { runPipeline } from '../pipeline/run.js';
import { DATA, ROOT, cli, fixture, spawnCli, tree, runOptions } from './helpers.js';

const DIST = join(ROOT, 'dist');


function expectSameTree(actual: string, expected: string) {
  const a = tree(actual);
  const e = tree(expected);
  expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
  for (const [path, bytes] of e) expect(a.get(path)?.equals(bytes), `${path} differs`).toBe(true);
}

/**
 * The same files; the compressed copies (`.br`, `.gz`) decode to the file beside them. Their bytes are
 * those of the zlib and brotli Node bundles, which may differ from one Node build to another.
 */
function expectSameRelease(actual: string, expected: string) {
  const a = tree(actual);
  const e = tree(expected);
  expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
  for (const [path, bytes] of e) {
    const coded = /\.(br|gz)$/.exec(path)?.[1];
    if (!coded) expect(a.get(path)?.equals(bytes), `${path} differs`).toBe(true);
    else for (const tree of [a, e]) expect((coded === 'br' ? brotliDecompressSync : gunzipSync)(tree.get(path)!).equals(tree.get(path.slice(0, -3))!), `${path} does not decode to its file`).toBe(true);
  }
}

const temp = (name: string) => mkdtempSync(join(tmpdir(), `ontsluit-${name}-`));

describe('the committed release (golden files)', () => {
  it('dist/ is exactly what `ontsluit run` writes from the bundled sources', async () => {
    const out = join(temp('golden'), 'dist');
    const run = await cli(['run', '--out', out, '--previous', DIST, '--state-dir', temp('state')]);
    expect(run.stderr).toContain('0 error(s)');
    expect(run.status).toBe(0);
    expectSameRelease(out, DIST);
  });

  it('is the same release from the built command, whose libraries are bundled (build-vendor.ts), and Node warns of nothing', () => {
    const out = join(temp('built'), 'dist');
    const run = spawnCli(['run', '--out', out, '--previous', DIST, '--state-dir', temp('state')]);
    expect(run.stderr).toContain('0 error(s)');
    expect(run.status).toBe(0);
    // Node's warnings start "(node:<pid>)": a deprecated call in bundled code is reported as the project's own.
    expect(run.stderr).not.toMatch(/\(node:\d+\)/);
    expectSameRelease(out, DIST);
  });

  it('is the same release when every data file waits for publish on disk rather than in memory', async () => {
    const out = join(temp('spooled'), 'dist');
    const state = temp('state');
    // From one byte on: every data file and compressed copy goes through the spool and is linked into the release.
    const result = await runPipeline(runOptions({ out, previous: DIST, stateDir: state }, { write: true, spoolFrom: 1 }));
    expect(result.published).toBe(true);
    expectSameRelease(out, DIST);
    const spooled = result.files.filter((f) => f.spooled);
    expect(spooled.map((f) => f.path)).toEqual(expect.arrayContaining([expect.stringMatching(/\/dataset\.nt$/), expect.stringMatching(/\/progress\.csv$/), expect.stringMatching(/\.xlsx$/)]));
    // After publish the files read from the release, and the spool is gone.
    for (const f of spooled) expect(f.bytes.equals(readFileSync(join(out, f.path))), f.path).toBe(true);
    expect(readdirSync(join(state, 'spool'))).toEqual([]);
  });

  // /dev/shm is a tmpfs: a hard link from there into the release fails with EXDEV, so publish copies.
  it.skipIf(!existsSync('/dev/shm'))('is the same release when the spool is on another file system than the release', async () => {
    const out = join(temp('spooled-elsewhere'), 'dist');
    const state = mkdtempSync(join('/dev/shm', 'ontsluit-state-'));
    try {
      const result = await runPipeline(runOptions({ out, previous: DIST, stateDir: state }, { write: true, spoolFrom: 1 }));
      expect(result.published).toBe(true);
      expectSameRelease(out, DIST);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });

  it('has no compressed copies: each of its files is under COPIES_FROM bytes, and the server makes their copies', () => {
    const files = tree(DIST);
    expect(Math.max(...[...files.values()].map((b) => b.length))).toBeLessThan(COPIES_FROM);
    expect([...files.keys()].filter((p) => /\.(br|gz)$/.test(p))).toEqual([]);
  });

  it('writes a brotli and a gzip copy beside each text file of COPIES_FROM bytes or more, and beside no smaller one', async () => {
    // 10 updates × 100 actions: the dataset's RDF and JSON files pass 1 MiB, its pages and CSV files of actions do not.
    const data = corpus(10, 100);
    const [out, state] = [join(temp('copies'), 'release'), temp('state')];
    try {
      expect((await runPipeline(runOptions({ data, out, stateDir: state }, { write: true }))).published).toBe(true);
      const files = tree(out);
      const large = [...files.keys()].filter((p) => !/\.(br|gz|xlsx)$/.test(p) && files.get(p)!.length >= COPIES_FROM);
      expect(large).toEqual(expect.arrayContaining([expect.stringMatching(/dataset\.nt$/), expect.stringMatching(/dataset\.jsonld$/)]));
      expect([...files.keys()].filter((p) => /\.(br|gz)$/.test(p)).sort()).toEqual(large.flatMap((p) => [`${p}.br`, `${p}.gz`]).sort());
      for (const path of large) {
        expect(brotliDecompressSync(files.get(`${path}.br`)!).equals(files.get(path)!), path).toBe(true);
        const gz = files.get(`${path}.gz`)!;
        expect(gunzipSync(gz).equals(files.get(path)!), path).toBe(true);
        // gzip without a name or a time, and the same OS byte on every platform.
        expect([gz[3], gz.readUInt32LE(4), gz[9]]).toEqual([0, 0, 255]);
      }
    } finally {
      for (const dir of [data, state, join(out, '..')]) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('two runs into the same directory give identical bytes, whatever the date', async () => {
    const out = join(temp('twice'), 'release');
    const state = temp('state');
    expect((await cli(['run', '--out', out, '--state-dir', state], { env: { SOURCE_DATE_EPOCH: '1767225600' } })).status).toBe(0);
    const first = join(temp('copy'), 'first');
    cpSync(out, first, { recursive: true });
    // --rebuild: with nothing changed the run would build nothing.
    expect((await cli(['run', '--out', out, '--state-dir', state, '--rebuild'], { env: { SOURCE_DATE_EPOCH: '1769904000' } })).status).toBe(0);
    expectSameTree(out, first);
    expect(readFileSync(join(out, 'catalog.ttl'), 'utf8')).toContain('dct:modified "2026-01-01"^^xsd:date');
  });

  it('writes a run report with timings outside the release', async () => {
    const state = temp('state');
    expect((await cli(['run', '--out', join(temp('report'), 'dist'), '--state-dir', state])).status).toBe(0);
    const [name] = readdirSync(join(state, 'runs'));
    expect(name).toMatch(/^run-.*\.json$/);
    const report = JSON.parse(readFileSync(join(state, 'runs', name!), 'utf8'));
    expect(report.published).toBe(true);
    expect(Object.keys(report.timingsMs)).toEqual(['config', 'ingest', 'reuse', 'parse+validate', 'model', 'emit', 'previous', 'check', 'compress', 'publish']);
    // CPU per stage beside the wall-clock time: the same stages, and the build stages cost CPU.
    expect(Object.keys(report.cpuMs)).toEqual(Object.keys(report.timingsMs));
    for (const stage of ['parse+validate', 'emit', 'check']) expect(report.cpuMs[stage]).toBeGreaterThan(0);
  });
});

describe('a run with a bad source publishes nothing', () => {
  function dataWithSource(fixtureName: string): string {
    const dir = temp('data');
    cpSync(DATA, dir, { recursive: true });
    cpSync(fixture(fixtureName), join(dir, 'updates', 'update-02-actieplan-open-overheid-2020-2022.txt'));
    return dir;
  }

  it.each(['missing-action-holder.txt', 'windows-1252.txt', 'truncated-mid-sentence.txt', 'empty.txt'])('%s: exit 1, report written, previous release untouched', async (name) => {
    const out = join(temp('keep'), 'dist');
    cpSync(DIST, out, { recursive: true });
    const reportFile = join(temp('report'), 'report.json');
    const run = await cli(['run', '--data', dataWithSource(name), '--out', out, '--report', reportFile, '--state-dir', temp('state')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('not published; the previous release is unchanged');
    expect(run.stderr).toMatch(/^error: \S*ontsluit-data-\w+\/updates\/update-02-actieplan-open-overheid-2020-2022\.txt:\d+/m);
    expectSameTree(out, DIST);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report.valid).toBe(false);
    expect(report.tasks[0].errors[0]).toEqual(expect.objectContaining({ source: expect.stringMatching(/ontsluit-data-\w+\/updates\/update-02-actieplan-open-overheid-2020-2022\.txt$/), line: expect.any(Number) }));
  });

  it('validate checks everything and writes nothing', async () => {
    const out = join(temp('validate'), 'dist');
    const result = await runPipeline(runOptions({ out, clock: () => new Date('2026-11-29T12:00:00Z') }));
    expect(result.report.valid).toBe(true);
    expect(result.files.length).toBeGreaterThan(20);
    expect(() => readdirSync(out)).toThrow();
  });

  it('an unknown organisation is a warning in the report, not a failure', async () => {
    const dir = temp('data');
    cpSync(DATA, dir, { recursive: true });
    const source = join(dir, 'updates', 'update-02-actieplan-open-overheid-2020-2022.txt');
    writeFileSync(source, readFileSync(source, 'utf8').replace('In samenwerking met: Ministeries', 'In samenwerking met: Stichting Voorbeeldpartner'));
    const out = join(temp('warn'), 'dist');
    const run = await cli(['run', '--data', dir, '--out', out, '--state-dir', temp('state')]);
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'validation-report.json'), 'utf8'));
    expect(report.warnings).toEqual([expect.objectContaining({ type: 'unknown-organisation', line: 33, field: 'partners', found: '"Stichting Voorbeeldpartner"' })]);
    expect(readFileSync(join(out, 'actieplan-open-overheid-2020-2022', 'organisations.csv'), 'utf8')).toContain('stichting-voorbeeldpartner,Stichting Voorbeeldpartner,,,,,false');
  });
});

describe('skipUnchanged (the scheduled run)', () => {
  it('skips when neither sources nor settings changed, and rebuilds when a setting did', async () => {
    const data = temp('settings');
    cpSync(DATA, data, { recursive: true });
    const out = join(temp('settings-out'), 'dist');
    const options = runOptions({ data, out, stateDir: join(data, 'state'), urlCheck: 'none', clock: () => new Date('2026-11-29T12:00:00Z') }, { write: true, skipUnchanged: true });
    expect((await runPipeline(options)).published).toBe(true);
    const again = await runPipeline(options);
    expect(again.published).toBe(false);
    expect(again.skipped).toBe('no source or setting changed since the published release');
    const catalog = join(data, 'catalog.json');
    writeFileSync(catalog, readFileSync(catalog, 'utf8').replace('Open data over het Actieplan Open Overheid', 'Open data over de Actieplannen Open Overheid'));
    const changed = await runPipeline(options);
    expect(changed.skipped).toBeUndefined();
    expect(changed.published).toBe(true);
    expect(readFileSync(join(out, 'catalog.ttl'), 'utf8')).toContain('Open data over de Actieplannen Open Overheid');
  });
});

describe('a release that changed too much', () => {
  it('is refused against the previous release unless the run is told to accept it', async () => {
    const previous = join(temp('small-previous'), 'dist');
    cpSync(DIST, previous, { recursive: true });
    // The previous release as if its data files were ten times smaller.
    const manifestFile = join(previous, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: Record<string, { bytes: number }> };
    for (const entry of Object.values(manifest.files)) entry.bytes = Math.ceil(entry.bytes / 10);
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    const out = join(temp('size-out'), 'dist');
    const refused = await cli(['run', '--out', out, '--previous', previous, '--state-dir', temp('state'), '--url-check', 'none']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/the release has \d+\.\d\d × the data size of the previous one; refused .*\[release-size-change\]/);
    expect(() => readdirSync(out)).toThrow();
    const accepted = await cli(['run', '--out', out, '--previous', previous, '--state-dir', temp('state'), '--url-check', 'none', '--accept-size-change']);
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(readdirSync(out)).toContain('catalog.ttl');
  });
});
