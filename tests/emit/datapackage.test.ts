// The Frictionless data package (datapackage.json): valid against the official Tabular Data Package profile, and the CSV files against its Table Schemas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../pipeline/emit/tables.js';
import { FIXTURES, project } from '../helpers.js';
import { checkForeignKeys, csvHeader, csvRows, keyOf, validCell, type Row } from '../support/tabular.js';
import { SLUG, buildRelease, textOf } from './release.js';

interface Field {
  name: string;
  type: string;
  format?: string;
  constraints?: { required?: boolean; pattern?: string };
}
interface Resource {
  name: string;
  path: string;
  schema: { fields: Field[]; primaryKey: string[]; missingValues: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] };
}
interface Package {
  profile: string;
  name: string;
  licenses: { name?: string; path: string }[];
  sources: { title: string; path?: string }[];
  resources: Resource[];
}

const release = await buildRelease();
const PACKAGE = JSON.parse(textOf(release, `${SLUG}/datapackage.json`)) as Package;

/** The official Tabular Data Package profile (JSON Schema draft-04), checked with ajv; its editor hints are not keywords. */
function profileValidator() {
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(join(FIXTURES, 'frictionless', 'tabular-data-package.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { textarea: true } });
  addFormats.default(ajv);
  return ajv.compile(schema);
}
const validateProfile = profileValidator();

/** The checks a Table Schema validator runs on the data: types, required, patterns, primary and foreign keys. */
function validateData(pkg: Package, csv: (path: string) => string): string[] {
  const problems: string[] = [];
  const rows = new Map(pkg.resources.map((r) => [r.name, csvRows(csv(r.path))]));
  for (const resource of pkg.resources) {
    const { fields, primaryKey, foreignKeys, missingValues } = resource.schema;
    if (JSON.stringify(csvHeader(csv(resource.path))) !== JSON.stringify(fields.map((f) => f.name))) problems.push(`${resource.name}: header is not the field names`);
    rows.get(resource.name)!.forEach((row, i) => {
      for (const field of fields) {
        const text = row[field.name] ?? '';
        if (missingValues.includes(text)) {
          if (field.constraints?.required) problems.push(`${resource.name} row ${i + 1} ${field.name}: required, missing`);
          continue;
        }
        if (!validCell(field.format === 'uri' ? 'uri' : field.type, text)) problems.push(`${resource.name} row ${i + 1} ${field.name}: ${JSON.stringify(text)} is not a ${field.type}`);
        if (field.constraints?.pattern && !new RegExp(`^(?:${field.constraints.pattern})$`).test(text)) problems.push(`${resource.name} row ${i + 1} ${field.name}: does not match its pattern`);
      }
    });
    const keys = rows.get(resource.name)!.map((row) => keyOf(row, primaryKey));
    if (new Set(keys).size !== keys.length) problems.push(`${resource.name}: primary key not unique`);
    for (const fk of foreignKeys ?? []) {
      if (!rows.has(fk.reference.resource)) {
        problems.push(`${resource.name}: foreign key names resource ${fk.reference.resource}, not in the package`);
        continue;
      }
      const rowsOf = (name: string): Row[] => rows.get(name)!;
      problems.push(...checkForeignKeys(rowsOf, [{ table: resource.name, columns: fk.fields, target: fk.reference.resource, reference: fk.reference.fields }]).problems);
    }
  }
  return problems;
}

describe('the data package', () => {
  it('is valid against the official Tabular Data Package profile', () => {
    const valid = validateProfile(PACKAGE);
    expect(validateProfile.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is refused by that profile when a resource has no schema or the name is not lower case (the check can fail)', () => {
    const broken = structuredClone(PACKAGE) as unknown as Record<string, unknown> & { resources: Record<string, unknown>[] };
    delete broken.resources[0]!.schema;
    broken.name = 'Actieplan Open Overheid';
    expect(validateProfile(broken)).toBe(false);
    const paths = (validateProfile.errors ?? []).map((e) => e.instancePath);
    expect(paths).toContain('/name');
    expect(paths.some((p) => p.startsWith('/resources/0'))).toBe(true);
  });

  it('lists every CSV with its Table Schema, keys, licence and sources', () => {
    const { config } = project();
    const spec = config.catalog.datasets.find((d) => d.slug === SLUG)!;
    expect(PACKAGE.profile).toBe('tabular-data-package');
    expect(PACKAGE.name).toBe(SLUG);
    expect(PACKAGE.resources.map((r) => r.path)).toEqual(TABLES.map((t) => `${t.name}.csv`));
    expect(PACKAGE.licenses).toEqual([{ name: 'CC0-1.0', path: spec.license, title: 'CC0-1.0' }]);
    expect(PACKAGE.sources[0]).toEqual({ title: 'Actieplan Open Overheid 2020-2022', path: spec.planPage });
    const progress = PACKAGE.resources.find((r) => r.name === 'progress')!.schema;
    expect(progress.primaryKey).toEqual(['plan', 'update_number', 'action_number']);
    expect(progress.foreignKeys).toContainEqual({ fields: ['plan', 'action_number'], reference: { resource: 'actions', fields: ['plan', 'action_number'] } });
    expect(progress.fields.find((f) => f.name === 'update_number')!.type).toBe('integer');
    expect(progress.fields.find((f) => f.name === 'repeated_from')!.type).toBe('date');
    expect(PACKAGE.resources.find((r) => r.name === 'actions')!.schema.fields.find((f) => f.name === 'ogp_commitment_url')).toMatchObject({ type: 'string', format: 'uri' });
  });

  it('describes the CSV files truly: every cell of its type, keys unique, every foreign key resolved in the package', () => {
    const csv = (path: string) => textOf(release, `${SLUG}/${path}`);
    expect(validateData(PACKAGE, csv)).toEqual([]);
    const broken = (path: string) => (path === 'actions.csv' ? csv(path).replace('2020-2022,1,', '2020-2022,een,') : csv(path));
    expect(validateData(PACKAGE, broken).some((p) => p.includes('"een" is not a integer'))).toBe(true);
  });
});
