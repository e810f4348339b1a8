// The config types in pipeline/schema-types/ are generated from schemas/*.schema.json: this test fails when they drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, SCHEMAS } from './helpers.js';

/** The configuration files' schemas; their types are what config.ts returns. */
const CONFIG_SCHEMAS = ['sources', 'plans', 'parser', 'organisations', 'catalog', 'waardelijsten', 'withdrawn', 'check', 'schedule'];
const UPDATE = process.env.UPDATE_SCHEMA_TYPES === '1';

async function generate(name: string): Promise<string> {
  const schema = JSON.parse(readFileSync(join(SCHEMAS, `${name}.schema.json`), 'utf8')) as Parameters<typeof compile>[0];
  const body = await compile(schema, name, { bannerComment: '', additionalProperties: false, ignoreMinAndMaxItems: true, strictIndexSignatures: true, format: true, cwd: SCHEMAS });
  return `// Types of data/${name}.json, generated from schemas/${name}.schema.json by \`npm run schema-types\`: do not edit.\n\n${body}`;
}

describe('generated config types', () => {
  for (const name of CONFIG_SCHEMAS) {
    it(`pipeline/schema-types/${name}.ts matches schemas/${name}.schema.json`, async () => {
      const file = join(ROOT, 'pipeline', 'schema-types', `${name}.ts`);
      const expected = await generate(name);
      if (UPDATE) writeFileSync(file, expected);
      expect(readFileSync(file, 'utf8'), 'run `npm run schema-types` after changing a schema').toBe(expected);
    });
  }
});
