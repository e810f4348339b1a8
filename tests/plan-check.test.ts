// A damaged source is refused, not published: actions or themes lost against data/plans.json, and record errors located at the source line.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA, cli } from './helpers.js';

const SOURCE = join('updates', 'update-02-actieplan-open-overheid-2020-2022.txt');

/** A copy of data/ whose Update #2 is changed by `edit`; returns the data dir. */
function damaged(edit: (lines: string[]) => string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ontsluit-damaged-'));
  cpSync(DATA, join(dir, 'data'), { recursive: true });
  const path = join(dir, 'data', SOURCE);
  writeFileSync(path, edit(readFileSync(path, 'utf8').split('\n')).join('\n'));
  return join(dir, 'data');
}

const run = (data: string) => cli(['run', '--data', data, '--out', join(data, '..', 'out'), '--state-dir', join(data, '..', 'state'), '--url-check', 'none']);

describe('a damaged source is refused', () => {
  it('cut after line 9 (1 of 13 actions left): exit 1, nothing published into a fresh --out', async () => {
    const data = damaged((lines) => lines.slice(0, 9));
    const result = await run(data);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${SOURCE.replace(/[./]/g, '\\$&')}:9 \\(field actions\\): the update lacks action\\(s\\) 2, 3, .* 13 .*\\[missing-actions\\]`));
    expect(result.stderr).toContain('[missing-theme]');
    expect(existsSync(join(data, '..', 'out'))).toBe(false);
  });

  it('title line swapped with "VII Open Recht": theme VII lost and action 13 under VI', async () => {
    const data = damaged((lines) => {
      const i = lines.indexOf('VII Open Recht');
      [lines[0], lines[i]] = [lines[i]!, lines[0]!];
      return lines;
    });
    const result = await run(data);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/:85 \(field theme\): action 13 stands under theme VI, but belongs to theme VII .*\[wrong-theme\]/);
    expect(result.stderr).toMatch(/the update lacks theme\(s\) VII .*\[missing-theme\]/);
  });

  it('an "Actiehouder: … en ???" line is reported at the source file and line of its action, not at dataset.json', async () => {
    const data = damaged((lines) => lines.map((l, i) => (i === 11 ? 'Actiehouder: Ministerie van BZK en ???' : l)));
    const result = await cli(['validate', '--data', data, '--state-dir', join(data, '..', 'state')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${SOURCE}:11 (field actionHolders at /actions/1/actionHolders/1)`);
    expect(result.stderr).not.toContain('dataset.json');
  });
});
