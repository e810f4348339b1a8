// The error catalogue: every code declared once with its exit code and HTTP status; the README's table is generated from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS, EXIT, OntsluitError, errorTable, type ErrorCode } from '../pipeline/errors.js';
import { ROOT } from './helpers.js';

describe('the error catalogue', () => {
  it('the README holds the table generated from the catalogue, unchanged', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const copy = /<!-- error codes: begin -->\n([\s\S]*?)\n<!-- error codes: end -->/.exec(readme)?.[1];
    expect(copy, 'run `npm run errors` and paste its output between the markers in README.md').toBe(errorTable());
  });

  it('gives every code an exit code the README names, an HTTP status, a title and a sentence', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect([EXIT.invalid, EXIT.usage, EXIT.failure]).toContain(spec.exit);
      expect(spec.http >= 400 && spec.http <= 599, code).toBe(true);
      expect(spec.title.length).toBeGreaterThan(5);
      expect(spec.doc).toMatch(/\.$/);
    }
  });

  it('an error takes its exit code and HTTP status from its code', () => {
    const codes: [ErrorCode, number, number][] = [['config-invalid', 2, 500], ['source-empty', 1, 422], ['query-timeout', 3, 503], ['query-invalid', 1, 400], ['publish-failed', 3, 500]];
    for (const [code, exit, http] of codes) {
      const error = new OntsluitError(code);
      expect([error.exitCode, error.httpStatus, error.message]).toEqual([exit, http, ERRORS[code].title]);
    }
  });
});
