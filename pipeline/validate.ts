// JSON Schema validation with ajv: every schema in schemas/ compiled once, errors returned as issues.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { quote, type Location } from './errors.js';
import { issue, type Issue } from './report.js';

const addFormats = addFormatsModule.default;

export type SchemaName = 'sources' | 'plans' | 'parser' | 'organisations' | 'catalog' | 'waardelijsten' | 'withdrawn' | 'check' | 'schedule' | 'update' | 'release';

export interface Validator {
  /** The schema documents by name, as read from disk. */
  readonly schemas: ReadonlyMap<SchemaName, object>;
  /**
   * Validates `data` against the named schema. `locate` turns a JSON pointer into the source line
   * it came from (when the caller knows it).
   */
  validate(name: SchemaName, data: unknown, source: string, locate?: (pointer: string) => number | undefined): Issue[];
}

/** Reads and compiles every `*.schema.json` in `schemaDir`. Call once per process. */
export function createValidator(schemaDir: string): Validator {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTuples: false });
  addFormats(ajv);
  const schemas = new Map<SchemaName, object>();
  const compiled = new Map<SchemaName, ValidateFunction>();
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()) {
    const name = file.replace(/\.schema\.json$/, '') as SchemaName;
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as object;
    schemas.set(name, schema);
    compiled.set(name, ajv.compile(schema));
  }
  return {
    schemas,
    validate(name, data, source, locate) {
      const fn = compiled.get(name);
      if (!fn) throw new Error(`no schema named ${name} in ${schemaDir}`);
      if (fn(data)) return [];
      return (fn.errors ?? []).filter(isReportable).map((error) => toIssue(error, data, source, locate));
    },
  };
}

/** `if`/`then` wrappers repeat what the inner error already says. */
function isReportable(error: ErrorObject): boolean {
  return error.keyword !== 'if';
}

function toIssue(error: ErrorObject, data: unknown, source: string, locate?: (pointer: string) => number | undefined): Issue {
  const pointer = pointerOf(error);
  const location: Location = { source, pointer };
  const line = locate?.(pointer);
  if (line !== undefined) location.line = line;
  const field = fieldOf(pointer);
  if (field !== undefined) location.field = field;
  const { expected, found } = describe(error, data);
  return issue('schema-invalid', `${field ?? 'document'} does not match the schema: ${error.message ?? error.keyword}`, location, {
    expected,
    found,
  });
}

/** The pointer to the offending value; for a missing or extra property, to that property. */
function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${error.instancePath}/${String(params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${String(params.additionalProperty)}`;
  if (error.keyword === 'unevaluatedProperties') return `${error.instancePath}/${String(params.unevaluatedProperty)}`;
  return error.instancePath;
}

function fieldOf(pointer: string): string | undefined {
  const parts = pointer.split('/').filter((p) => p !== '' && !/^\d+$/.test(p));
  const last = parts.at(-1);
  return last === undefined ? undefined : last.replace(/~1/g, '/').replace(/~0/g, '~');
}

function valueAt(data: unknown, pointer: string): unknown {
  let value: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function describe(error: ErrorObject, data: unknown): { expected: string; found: string } {
  const params = error.params as Record<string, unknown>;
  const found = quote(valueAt(data, error.instancePath));
  switch (error.keyword) {
    case 'required':
      return { expected: `a property ${quote(params.missingProperty)}`, found: 'nothing' };
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return { expected: 'no other properties', found: `a property ${quote(params.additionalProperty ?? params.unevaluatedProperty)}` };
    case 'type':
      return { expected: `type ${String(params.type)}`, found };
    case 'enum':
      return { expected: `one of ${(params.allowedValues as unknown[]).map((v) => quote(v)).join(', ')}`, found };
    case 'const':
      return { expected: quote(params.allowedValue), found };
    case 'format':
      return { expected: `format ${String(params.format)}`, found };
    case 'pattern':
      return { expected: `text matching ${String(params.pattern)}`, found };
    case 'minLength':
      return { expected: `at least ${String(params.limit)} character(s)`, found };
    case 'minItems':
    case 'maxItems':
      return { expected: `${error.keyword === 'minItems' ? 'at least' : 'at most'} ${String(params.limit)} item(s)`, found };
    case 'minimum':
    case 'maximum':
      return { expected: `${error.keyword === 'minimum' ? '≥' : '≤'} ${String(params.limit)}`, found };
    case 'uniqueItems':
      return { expected: 'no duplicate items', found: `duplicates at items ${String(params.j)} and ${String(params.i)}` };
    default:
      return { expected: error.message ?? error.keyword, found };
  }
}
