// Bad input gets a clear error naming file, line and field, never a stack trace.
import { describe, expect, it } from 'vitest';
import { OntsluitError } from '../../pipeline/errors.js';
import { ingestFile } from '../../pipeline/ingest.js';
import { cli, fixture, parseFile } from '../helpers.js';

async function ingestError(name: string): Promise<OntsluitError> {
  try {
    await ingestFile(fixture(name), name);
  } catch (error) {
    if (error instanceof OntsluitError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

async function errors(name: string) {
  const { issues } = await parseFile(fixture(name), name);
  return issues.filter((i) => i.severity === 'error');
}

describe('bytes that are not an update', () => {
  it.each([
    ['empty.txt', 'source-empty', 1, /0 bytes/],
    ['whitespace-only.txt', 'source-empty', 1, /white space/],
    ['binary-png.txt', 'source-binary', 3, /NUL byte at byte 8/],
    ['windows-1252.txt', 'source-encoding', 3, /byte 0x92 at byte 526 \(perhaps Windows-1252/],
    ['truncated-mid-character.txt', 'source-truncated', 45, /incomplete sequence at the end/],
  ])('%s → %s on line %i', async (name, code, line, found) => {
    const error = await ingestError(name);
    expect(error.code).toBe(code);
    expect(error.location).toEqual({ source: name, line });
    expect(error.found).toMatch(found);
    expect(error.describe()).toMatch(new RegExp(`^${name.replace('.', '\\.')}:${line}: .*expected .*found .*\\[${code}\\]$`));
  });
});

describe('structural errors are collected with their line and field', () => {
  it('an action without "Actiehouder:"', async () => {
    expect(await errors('missing-action-holder.txt')).toEqual([
      expect.objectContaining({ type: 'missing-action-holder', line: 55, field: 'actionHolders', message: 'action 8 has no action holder' }),
    ]);
  });

  it('a duplicate action number', async () => {
    expect(await errors('duplicate-action-number.txt')).toEqual([
      expect.objectContaining({ type: 'duplicate-action', line: 33, field: 'number', expected: 'action number 4 once (first on line 24)' }),
    ]);
  });

  it('a theme without actions', async () => {
    expect(await errors('theme-without-actions.txt')).toEqual([
      expect.objectContaining({ type: 'empty-theme', line: 39, field: 'themes', message: 'theme III Open Communicatie has no actions' }),
    ]);
  });

  it('a file cut off in the middle of a sentence', async () => {
    expect(await errors('truncated-mid-sentence.txt')).toEqual([
      expect.objectContaining({ type: 'source-truncated', line: 88, found: expect.stringContaining('Er is besloten om he') }),
    ]);
  });

  it('a file that ends after the holder lines of its last action', async () => {
    expect(await errors('truncated-after-holder-lines.txt')).toEqual([expect.objectContaining({ type: 'source-truncated', line: 87, field: 'text' })]);
  });
});

describe('the CLI reports bad input without a stack trace', () => {
  it.each([
    ['empty.txt', 'source-empty'],
    ['binary-png.txt', 'source-binary'],
    ['windows-1252.txt', 'source-encoding'],
    ['missing-action-holder.txt', 'missing-action-holder'],
    ['duplicate-action-number.txt', 'duplicate-action'],
    ['theme-without-actions.txt', 'empty-theme'],
    ['truncated-mid-sentence.txt', 'source-truncated'],
  ])('ontsluit parse %s exits 1 and names %s', async (name, code) => {
    const run = await cli(['parse', fixture(name)]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`[${code}]`);
    expect(run.stderr).toContain(`${name}:`);
    expect(run.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });
});
