// JSON Schema validation with ajv: every schema in schemas/ compiled once (at build time when it can be), errors returned as issues.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { OntsluitError, quote, type Location } from './errors.js';
import { sha256 } from './lib/hash.js';
import { issue, type Issue } from './report.js';
import { PACKAGE_ROOT } from './version.js';

/** The validators compiled by `npm run build` (ajv standalone code), with the digest of each schema they were made from. */
export const PRECOMPILED = join(PACKAGE_ROOT, 'build', 'validators.cjs');

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

/** Reads every `*.schema.json` in `schemaDir`, by name. */
function readSchemas(schemaDir: string): { name: SchemaName; text: string; schema: object }[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(schemaDir, file), 'utf8');
      return { name: file.replace(/\.schema\.json$/, '') as SchemaName, text, schema: JSON.parse(text) as object };
    });
}

/** ajv is CommonJS: required synchronously, and only when a schema must be compiled here. */
const require = createRequire(import.meta.url);

/** How ontsluit's own schemas are compiled: every error, strict. */
const STRICT: Options = { allErrors: true, strict: true, strictTuples: false };

/**
 * An ajv for JSON Schema 2020-12 with formats. `standalone`: one whose validators can be written as
 * CommonJS source (`standaloneCode`), the formats required from ajv-formats when that source loads.
 */
export function createAjv(options: Options, standalone = false) {
  const { Ajv2020, _ } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  const ajv = new Ajv2020({ ...options, ...(standalone ? { code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } } : {}) });
  addFormats(ajv);
  return ajv;
}

/** The CommonJS source of a standalone ajv's validators: one function, or several by export name (ajv standalone). */
export function standaloneCode(ajv: ReturnType<typeof createAjv>, validators: ValidateFunction | Record<string, string>): string {
  const standalone = require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js').default;
  return standalone(ajv, validators as never);
}

/**
 * Compiles every schema once. The build precompiles them (`build/validators.cjs`); those are used when
 * each schema still has the digest they were made from, else the schemas are compiled here.
 */
export function createValidator(schemaDir: string): Validator {
  const read = readSchemas(schemaDir);
  const schemas = new Map(read.map((r) => [r.name, r.schema]));
  const compiled = new Map<SchemaName, ValidateFunction>();
  const precompiled = loadBuilt<{ digests: Record<string, string>; validators: Record<string, unknown> }>(PRECOMPILED);
  if (precompiled && read.every((r) => precompiled.digests[r.name] === sha256(r.text))) {
    for (const r of read) compiled.set(r.name, precompiled.validators[r.name] as ValidateFunction);
  } else {
    const ajv = createAjv(STRICT);
    for (const r of read) compiled.set(r.name, ajv.compile(r.schema));
  }
  return {
    schemas,
    validate(name, data, source, locate) {
      const fn = compiled.get(name);
      if (!fn) throw new OntsluitError('internal-error', `no schema named ${name} in ${schemaDir}`);
      if (fn(data)) return [];
      return (fn.errors ?? []).filter(isReportable).map((error) => toIssue(error, data, source, locate));
    },
  };
}

/** A module `npm run build` wrote (standalone validators, CommonJS), or undefined before the build. */
export function loadBuilt<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  return require(path) as T;
}

/** The CommonJS source of every schema's validator (ajv standalone code), for `build/validators.cjs`. */
export function standaloneValidators(schemaDir: string): string {
  const read = readSchemas(schemaDir);
  const ajv = createAjv(STRICT, true);
  for (const r of read) ajv.addSchema(r.schema, r.name);
  const code = standaloneCode(ajv, Object.fromEntries(read.map((r) => [r.name, r.name])));
  const digests = Object.fromEntries(read.map((r) => [r.name, sha256(r.text)]));
  return `${code}\nmodule.exports = { validators: module.exports, digests: ${JSON.stringify(digests)} };\n`;
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
