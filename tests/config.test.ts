// Configuration in data/ is validated at start; a bad file is named with line, JSON pointer and expectation.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../pipeline/config.js';
import { OntsluitError } from '../pipeline/errors.js';
import { DATA, cli, project } from './helpers.js';

/** A copy of data/ with one file rewritten by `edit`. */
function dataWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ontsluit-config-'));
  cpSync(DATA, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

function configError(dir: string): OntsluitError {
  try {
    loadConfig(dir, project().validator);
  } catch (error) {
    if (error instanceof OntsluitError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig', () => {
  it('accepts the bundled configuration', async () => {
    const config = loadConfig(DATA, project().validator);
    expect(config.sources.map((s) => s.id)).toEqual(['2020-2022-update-02']);
    expect(config.plans[0]!.actions).toHaveLength(13);
  });

  it('names file, line, pointer, expected and found for a schema violation', async () => {
    const dir = dataWith('sources.json', (t) => t.replace('"published": null', '"published": "21 juni 2021"'));
    const error = configError(dir);
    expect(error.code).toBe('config-invalid');
    expect(error.issues).toEqual([
      expect.objectContaining({ type: 'schema-invalid', source: join(dir, 'sources.json'), line: 10, pointer: '/sources/0/published', field: 'published', expected: 'format date', found: '"21 juni 2021"' }),
    ]);
  });

  it('reports a missing property and an unknown one', async () => {
    const dir = dataWith('catalog.json', (t) => t.replace('"email": "data@koop.overheid.nl",', '"e-mail": "data@koop.overheid.nl",'));
    const types = configError(dir).issues.map((i) => [i.pointer, i.expected]);
    expect(types).toEqual([
      ['/contactPoint/email', 'a property "email"'],
      ['/contactPoint/e-mail', 'no other properties'],
    ]);
  });

  it('reports JSON syntax errors with their line', async () => {
    const dir = dataWith('plans.json', (t) => t.replace('"number": 3,', '"number": 3'));
    const [first] = configError(dir).issues;
    expect(first).toEqual(expect.objectContaining({ type: 'config-invalid', source: join(dir, 'plans.json'), line: 14, expected: 'JSON', found: 'CommaExpected' }));
  });

  it('checks references between files', async () => {
    const dir = dataWith('sources.json', (t) => t.replace('"plan": "2020-2022"', '"plan": "2016-2017"'));
    expect(configError(dir).issues).toEqual([expect.objectContaining({ type: 'config-invalid', pointer: '/sources/0/plan', found: '"2016-2017"', expected: 'one of 2020-2022, 2023-2027' })]);
  });

  it('rejects an organisation alias used by two organisations', async () => {
    const dir = dataWith('organisations.json', (t) => t.replace('"Ministerie van BZK"', '"Ministerie van BZK", "VNG"'));
    expect(configError(dir).issues.map((i) => i.found)).toEqual([expect.stringMatching(/^"VNG", also used by/)]);
  });

  it('the CLI exits 2 on a bad configuration and prints every problem', async () => {
    const dir = dataWith('sources.json', (t) => t.replace('"format": "text"', '"format": "pdf"'));
    const run = await cli(['validate', '--data', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('sources.json:8');
    expect(run.stderr).toContain('expected one of "text", "html", "markdown", found "pdf"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
