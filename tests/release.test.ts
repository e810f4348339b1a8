import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identities } from '../pipeline/check/identity.js';
import { OntsluitError } from '../pipeline/errors.js';
import { datasetFile, identityQuads, openPreviousRelease, openRelease } from '../pipeline/release.js';
import { sizeChange } from '../pipeline/run.js';
import { ROOT } from './helpers.js';

const DIST = join(ROOT, 'dist');
const dirs: string[] = [];
const temp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `ontsluit-release-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the golden release whose first dataset's N-Triples file is `change`d. */
async function withNTriples(name: string, change: (text: string) => string): Promise<{ dir: string; file: string }> {
  const dir = join(temp(name), 'dist');
  cpSync(DIST, dir, { recursive: true });
  const { datasets } = await openRelease(DIST);
  const file = join(dir, datasetFile(datasets[0]!.slug));
  writeFileSync(file, change(readFileSync(file, 'utf8')));
  return { dir, file };
}

describe('openPreviousRelease', () => {
  it('streams each dataset once: the same triple counts, identities and quads as reading the release whole', async () => {
    const whole = await openRelease(DIST);
    const previous = (await openPreviousRelease(DIST))!;
    expect(previous.base).toBe(whole.base);
    expect(previous.manifest).toEqual(whole.manifest);
    expect(previous.datasets.map((d) => [d.slug, d.triples])).toEqual(whole.datasets.map((d) => [d.slug, d.quads.length]));
    expect(previous.identities).toEqual(identities(identityQuads(whole), whole.base));
    expect(previous.identities.size).toBeGreaterThan(20);
    for (const [i, dataset] of previous.datasets.entries()) expect(await dataset.quads()).toEqual(whole.datasets[i]!.quads);
  });

  it('is null where no release was published yet', async () => {
    expect(await openPreviousRelease(temp('empty'))).toBeNull();
  });

  it('names the file and what the parser found when a dataset file is broken', async () => {
    const { dir, file } = await withNTriples('broken', (text) => `${text}<urn:a> <urn:b> "no end .\n`);
    const error = await openPreviousRelease(dir).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OntsluitError);
    expect(error).toMatchObject({ code: 'release-invalid', location: { source: file }, expected: 'N-Triples' });
    expect((error as OntsluitError).found).toMatch(/line \d+/);
  });

  it('counts the triples the size check compares: a previous release of a tenth of the triples is refused', async () => {
    const { dir } = await withNTriples('small', (text) => text.split('\n').filter((_, i) => i % 10 === 0).join('\n'));
    const previous = (await openPreviousRelease(dir))!;
    const problem = sizeChange(previous, (await openPreviousRelease(DIST))!, join(dir, 'manifest.json'));
    expect(problem?.type).toBe('release-size-change');
    expect(problem?.message).toMatch(/× the triples of the previous one/);
  });
});
