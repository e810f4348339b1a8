// Release dating: unchanged bytes keep their dates, and a rerun on the same sources republishes identical bytes.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST, dateFiles, type Manifest } from '../../pipeline/manifest.js';
import { runPipeline } from '../../pipeline/run.js';
import { runOptions } from '../helpers.js';
import { Graph, iri, parseTurtle, xsd } from './release.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const file = (path: string, text: string) => ({ path, bytes: Buffer.from(text, 'utf8') });

describe('dateFiles', () => {
  const previous: Manifest = {
    files: {
      'a/same.csv': { bytes: 4, sha256: sha(Buffer.from('same')), issued: '2025-01-01', modified: '2025-03-01' },
      'a/changed.csv': { bytes: 3, sha256: sha(Buffer.from('old')), issued: '2025-01-01', modified: '2025-03-01' },
      'gone.csv': { bytes: 1, sha256: sha(Buffer.from('x')), issued: '2024-01-01', modified: '2024-01-01' },
    },
  };
  const dated = dateFiles([file('b/new.csv', 'new'), file('a/changed.csv', 'new bytes'), file('a/same.csv', 'same')], previous, '2026-02-01');

  it('keeps issued and modified of a file whose bytes did not change', () => {
    expect(dated.files['a/same.csv']).toEqual({ bytes: 4, sha256: sha(Buffer.from('same')), issued: '2025-01-01', modified: '2025-03-01' });
  });

  it('keeps issued but sets modified to today for a file whose bytes changed', () => {
    expect(dated.files['a/changed.csv']).toEqual({ bytes: 9, sha256: sha(Buffer.from('new bytes')), issued: '2025-01-01', modified: '2026-02-01' });
  });

  it('gives a new file today as issued and modified', () => {
    expect(dated.files['b/new.csv']).toEqual({ bytes: 3, sha256: sha(Buffer.from('new')), issued: '2026-02-01', modified: '2026-02-01' });
  });

  it('lists only the current files, sorted by path', () => {
    expect(Object.keys(dated.files)).toEqual(['a/changed.csv', 'a/same.csv', 'b/new.csv']);
  });

  it('dates every file today when there is no previous manifest', () => {
    const fresh = dateFiles([file('x.csv', 'x')], { files: {} }, '2026-02-01');
    expect(fresh.files['x.csv']).toMatchObject({ issued: '2026-02-01', modified: '2026-02-01' });
  });
});

function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out.set(relative(dir, full).split('\\').join('/'), readFileSync(full));
  }
  return out;
}

const workDir = mkdtempSync(join(tmpdir(), 'ontsluit-manifest-'));
const outDir = join(workDir, 'release');
const run = (day: string) => runPipeline(runOptions({ out: outDir, stateDir: join(outDir, '..', 'state'), clock: () => new Date(`${day}T12:00:00Z`) }, { write: true }));
const first = await run('2026-01-01');
const firstTree = readTree(outDir);
const second = await run('2026-02-01');
const secondTree = readTree(outDir);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('rerun on unchanged sources', () => {
  it('publishes both releases', () => {
    expect(first.published).toBe(true);
    expect(second.published).toBe(true);
    // Beside the release's files: their compressed copies (`.br`, `.gz`), which are no files of their own.
    expect([...firstTree.keys()].filter((p) => !/\.(br|gz)$/.test(p)).sort()).toEqual(first.files.map((f) => f.path).sort());
    for (const f of first.files) expect(firstTree.get(f.path)!.equals(f.bytes), f.path).toBe(true);
  });

  it('writes a second release byte-identical to the first, file by file', () => {
    expect([...secondTree.keys()].sort()).toEqual([...firstTree.keys()].sort());
    for (const [path, bytes] of firstTree) expect(secondTree.get(path)!.equals(bytes), path).toBe(true);
  });

  it('keeps the first release date in the manifest and the catalog', () => {
    const manifest = JSON.parse(secondTree.get(MANIFEST)!.toString('utf8')) as Manifest;
    for (const [path, entry] of Object.entries(manifest.files)) expect({ path, issued: entry.issued, modified: entry.modified }).toEqual({ path, issued: '2026-01-01', modified: '2026-01-01' });
    const g = new Graph(parseTurtle(secondTree.get('catalog.ttl')!.toString('utf8')));
    const [catalog] = g.ofType(iri('dcat', 'Catalog'));
    const modified = g.object(catalog!, iri('dct', 'modified'));
    expect(modified.termType === 'Literal' && modified.datatype.value).toBe(xsd('date'));
    expect(modified.value).toBe('2026-01-01');
    const distributions = g.ofType(iri('dcat', 'Distribution'));
    expect(distributions.length).toBeGreaterThan(0);
    for (const d of distributions) expect(g.object(d, iri('dct', 'modified')).value, d).toBe('2026-01-01');
  });
});
