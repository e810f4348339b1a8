// The JSON data.overheid.nl's push API (Aanlever API 0.9.0, alpha) expects per dataset, validated against its OpenAPI schemas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { Store } from '../vendor/rdf.js';
import type { Quad } from 'n3';
import { NS } from '../iris.js';
import { sha256 } from '../lib/hash.js';
import { createAjv, loadBuilt, standaloneCode } from '../validate.js';
import { PACKAGE_ROOT } from '../version.js';

/** The validator compiled by `npm run build` (ajv standalone code), with the digest of the OpenAPI document it was made from. */
export const PUSH_API_PRECOMPILED = join(PACKAGE_ROOT, 'build', 'push-api-validator.cjs');

export interface PushPayload {
  dataset: string;
  payload: Record<string, unknown>;
  valid: boolean;
  errors: { pointer: string; message: string }[];
}

export interface PushApiValidator {
  version: string;
  /** True when the build's validator is used: the OpenAPI document has the digest it was made from. */
  precompiled: boolean;
  validate(payload: unknown): { valid: boolean; errors: { pointer: string; message: string }[] };
}

/** The OpenAPI document is not ours: its schemas are compiled as they are (not strict, not checked against the meta-schema), with every error. */
const OPENAPI: Options = { allErrors: true, strict: false, validateSchema: false };

type OpenApi = { info: { version: string }; components: { schemas: Record<string, unknown> } };
const DATASET = { $ref: 'aanlever-api#/$defs/DcatDataset' };

/** The OpenAPI document's schemas as one JSON Schema (`aanlever-api`), their `$ref`s pointing into it. */
function schemaOf(doc: OpenApi): object {
  const rewrite = (node: unknown): unknown =>
    Array.isArray(node) ? node.map(rewrite) : node && typeof node === 'object'
      ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', 'aanlever-api#/$defs/') : rewrite(v)]))
      : node;
  return { $id: 'aanlever-api', $defs: rewrite(doc.components.schemas) as object };
}

/** The build's validator, when it was made from a document with these bytes. */
function precompiledFor(text: string): ValidateFunction | undefined {
  const built = loadBuilt<{ validate: ValidateFunction; digest: string }>(PUSH_API_PRECOMPILED);
  return built?.digest === sha256(text) ? built.validate : undefined;
}

/** The CommonJS source of the DcatDataset validator (ajv standalone code), for `build/push-api-validator.cjs`. */
export function standalonePushApiValidator(openapiPath: string): string {
  const text = readFileSync(openapiPath, 'utf8');
  const ajv = createAjv(OPENAPI, true);
  ajv.addSchema(schemaOf(JSON.parse(text) as OpenApi));
  return `${standaloneCode(ajv, ajv.compile(DATASET))}\nmodule.exports = { validate: module.exports, digest: ${JSON.stringify(sha256(text))} };\n`;
}

/**
 * The DcatDataset schema of the OpenAPI document (OpenAPI 3.1 schemas are JSON Schema 2020-12): the
 * build's validator when the document is the one it was made from, else compiled here, once.
 */
export function createPushApiValidator(openapiPath: string): PushApiValidator {
  const text = readFileSync(openapiPath, 'utf8');
  const doc = JSON.parse(text) as OpenApi;
  const built = precompiledFor(text);
  const fn: ValidateFunction =
    built ??
    (() => {
      const ajv = createAjv(OPENAPI);
      ajv.addSchema(schemaOf(doc));
      return ajv.compile(DATASET);
    })();
  return {
    version: doc.info.version,
    precompiled: built !== undefined,
    validate(payload) {
      const valid = fn(payload) as boolean;
      return { valid, errors: (fn.errors ?? []).map((e: ErrorObject) => ({ pointer: e.instancePath || '/', message: `${e.message ?? e.keyword}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}` })) };
    },
  };
}

/** ISO date-time at midnight UTC for an xsd:date, as the API asks ("Alleen een datum wordt middernacht UTC"). */
const dateTime = (date: string | undefined) => (date ? (date.length === 10 ? `${date}T00:00:00Z` : date) : undefined);

/** Builds one payload per dcat:Dataset from the catalog graph. */
export function buildPushPayloads(quads: Quad[], validator: PushApiValidator): PushPayload[] {
  const store = new Store(quads);
  const all = (s: string, p: string) => store.getObjects(s, p, null);
  const one = (s: string, p: string, lang?: string) => all(s, p).find((o) => !lang || (o.termType === 'Literal' && o.language === lang))?.value;
  const values = (s: string, p: string) => all(s, p).map((o) => o.value);
  const P = (prefix: keyof typeof NS, local: string) => `${NS[prefix]}${local}`;
  const agent = (iri: string) => ({ foafName: [one(iri, P('foaf', 'name')) ?? iri] });
  const datasets = store.getSubjects(P('rdf', 'type'), P('dcat', 'Dataset'), null).map((t) => t.value).sort();
  return datasets.map((dataset) => {
    const contact = one(dataset, P('dcat', 'contactPoint'));
    const period = one(dataset, P('dct', 'temporal'));
    const start = period ? one(period, P('dcat', 'startDate')) : undefined;
    const end = period ? one(period, P('dcat', 'endDate')) : undefined;
    const payload: Record<string, unknown> = {
      // The API wants a URI here; the dataset's IRI is its stable, global identifier.
      dctIdentifier: dataset,
      dctTitle: [one(dataset, P('dct', 'title'), 'nl')],
      dctDescription: [one(dataset, P('dct', 'description'), 'nl')],
      dcatTheme: values(dataset, P('dcat', 'theme')).filter((t) => t.startsWith('http://publications.europa.eu/resource/authority/data-theme/')),
      dctAccessRights: one(dataset, P('dct', 'accessRights')),
      dctPublisher: agent(one(dataset, P('dct', 'publisher'))!),
      dctCreator: values(dataset, P('dct', 'creator')).map(agent),
      dcatContactPoint: contact ? { vcardFn: one(contact, P('vcard', 'fn')), vcardHasEmail: one(contact, P('vcard', 'hasEmail')) } : undefined,
      dcatKeyword: all(dataset, P('dcat', 'keyword')).filter((k) => k.termType === 'Literal' && k.language === 'nl').map((k) => k.value),
      dctLanguage: values(dataset, P('dct', 'language')),
      dctAccrualPeriodicity: one(dataset, P('dct', 'accrualPeriodicity')),
      admsStatus: one(dataset, P('adms', 'status')),
      dcatLandingPage: values(dataset, P('dcat', 'landingPage')),
      dcatInSeries: values(dataset, P('dcat', 'inSeries')),
      dctConformsTo: values(dataset, P('dct', 'conformsTo')),
      dctSpatial: values(dataset, P('dct', 'spatial')).map((dctLocation) => ({ dctLocation })),
      // The API has only calendar dates for a period: a year range becomes its first and last day.
      dctTemporal: period ? [{ dcatStartDate: start && (start.length === 4 ? `${start}-01-01` : start), dcatEndDate: end && (end.length === 4 ? `${end}-12-31` : end) }] : undefined,
      dctIssued: dateTime(one(dataset, P('dct', 'issued'))),
      dctModified: dateTime(one(dataset, P('dct', 'modified'))),
      dcatDistribution: values(dataset, P('dcat', 'distribution')).sort().map((dist) => ({
        dctTitle: [one(dist, P('dct', 'title'), 'nl')],
        dctDescription: [one(dist, P('dct', 'description'), 'nl')],
        dcatAccessUrl: one(dist, P('dcat', 'accessURL')),
        dcatDownloadUrl: one(dist, P('dcat', 'downloadURL')),
        dctFormat: one(dist, P('dct', 'format')),
      })),
    };
    const clean = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
    const { valid, errors } = validator.validate(clean);
    return { dataset, payload: clean, valid, errors };
  });
}
