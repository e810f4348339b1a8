// Loads the configuration in data/ (sources, plans, parser, organisations, catalog), validated against schemas/.
import { join } from 'node:path';
import { OntsluitError } from './errors.js';
import { readJsonSource, type JsonSource } from './json-source.js';
import { issue, type Issue } from './report.js';
import type { SchemaName, Validator } from './validate.js';

export interface SourceSpec {
  id: string;
  plan: string;
  /** A path relative to the data directory, or an http(s) URL. */
  place: string;
  format: 'text' | 'html' | 'markdown';
  updateNumber: number | null;
  published: string | null;
  publishedRange?: { notBefore: string | null; notAfter: string | null; note: string };
  /** For a URL source: hosts besides its own that a redirect may go to. */
  allowHosts?: string[];
}

export interface PlanSpec {
  id: string;
  title: string;
  titleEn: string;
  ogpActionPlan: string;
  commitmentUrlTemplate: string;
  note?: string;
  actions: { number: number; ogpCommitment: string | null }[];
}

export interface ParserSettings {
  footerStart: string[];
  dropParagraphs: string[];
  leadingWords: string[];
}

export interface OrganisationSpec {
  id: string;
  name: string;
  abbreviation: string | null;
  aliases: string[];
  kind: string;
  tooi: string | null;
  owms: string | null;
  homepage?: string | null;
}

export interface Text {
  nl: string;
  en: string;
}

export interface DatasetSpec {
  plan: string;
  slug: string;
  title: Text;
  description: Text;
  keywords: { nl: string[]; en: string[] };
  themes: string[];
  spatial: string;
  temporal: { start: string; end: string };
  frequency: string;
  license: string;
  rights: Text;
  status: string;
  /** The plan's own page (foaf:page); the landing page is generated into the release. */
  planPage: string;
}

export interface CatalogSpec {
  baseUrl: string;
  catalog: { id: string; title: Text; description: Text; homepage: string };
  series: { id: string; title: Text; description: Text };
  service: { id: string; title: Text; description: Text };
  publisher: string;
  contactPoint: { name: string; email: string; telephone: string; note?: string };
  datasets: DatasetSpec[];
  conceptLabels: Record<string, Text>;
}

export interface ValueList {
  source: string;
  values: string[];
}

export interface AcceptedValues {
  license: ValueList & { euLicence?: Record<string, string> };
  language: ValueList;
  theme: ValueList;
  accessRights: ValueList;
  accrualPeriodicity: ValueList;
  status: ValueList;
  format: ValueList & { nonProprietary?: string[]; machineReadable?: string[] };
  publisher: { source: string; pattern: string };
}

export interface Withdrawal {
  iri: string;
  date: string;
  reason: string;
  replacedBy?: string;
}

export interface CheckSettings {
  recommendedWarnings: { path: string; target: 'catalog' | 'dataset' | 'distribution' | 'series'; reason: string }[];
  minimumMqaScore: number;
}

export interface ScheduleSettings {
  cron: string;
  timezone: string;
}

export interface Config {
  dataDir: string;
  sources: SourceSpec[];
  plans: PlanSpec[];
  parser: ParserSettings;
  organisations: OrganisationSpec[];
  catalog: CatalogSpec;
  accepted: AcceptedValues;
  withdrawn: Withdrawal[];
  check: CheckSettings;
  schedule: ScheduleSettings;
}

const FILES: Record<Exclude<SchemaName, 'update' | 'release'>, string> = {
  sources: 'sources.json',
  plans: 'plans.json',
  parser: 'parser.json',
  organisations: 'organisations.json',
  catalog: 'catalog.json',
  waardelijsten: 'waardelijsten.json',
  withdrawn: 'withdrawn.json',
  check: 'check.json',
  schedule: 'schedule.json',
};

/**
 * Reads and validates every config file in `dataDir`. All problems of all files are gathered into
 * one `config-invalid` error; nothing runs on a bad configuration.
 */
export function loadConfig(dataDir: string, validator: Validator, sourcesFile = join(dataDir, FILES.sources)): Config {
  const issues: Issue[] = [];
  const read = (name: keyof typeof FILES, path = join(dataDir, FILES[name])): JsonSource | undefined => {
    try {
      const file = readJsonSource(path);
      issues.push(...validator.validate(name, file.data, file.path, (p) => file.lineOf(p)));
      return file;
    } catch (error) {
      if (!(error instanceof OntsluitError)) throw error;
      issues.push(issue(error.code, error.message, error.location ?? { source: path }, pick(error)));
      return undefined;
    }
  };
  const files = {
    sources: read('sources', sourcesFile),
    plans: read('plans'),
    parser: read('parser'),
    organisations: read('organisations'),
    catalog: read('catalog'),
    waardelijsten: read('waardelijsten'),
    withdrawn: read('withdrawn'),
    check: read('check'),
    schedule: read('schedule'),
  };
  if (issues.length === 0) issues.push(...crossCheck(files as Record<keyof typeof FILES, JsonSource>));
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new OntsluitError('config-invalid', `the configuration has ${issues.length} problem(s); first: ${first.message}`, {
      location: { source: first.source, ...(first.line === undefined ? {} : { line: first.line }), ...(first.pointer === undefined ? {} : { pointer: first.pointer }) },
      issues,
    });
  }
  const data = <T>(file: JsonSource | undefined) => file!.data as T;
  return {
    dataDir,
    sources: data<{ sources: SourceSpec[] }>(files.sources).sources,
    plans: data<{ plans: PlanSpec[] }>(files.plans).plans,
    parser: data<ParserSettings>(files.parser),
    organisations: data<{ organisations: OrganisationSpec[] }>(files.organisations).organisations,
    catalog: data<CatalogSpec>(files.catalog),
    accepted: data<AcceptedValues>(files.waardelijsten),
    withdrawn: data<{ withdrawn: Withdrawal[] }>(files.withdrawn).withdrawn,
    check: data<CheckSettings>(files.check),
    schedule: data<ScheduleSettings>(files.schedule),
  };
}

function pick(error: OntsluitError): { expected?: string; found?: string } {
  const out: { expected?: string; found?: string } = {};
  if (error.expected !== undefined) out.expected = error.expected;
  if (error.found !== undefined) out.found = error.found;
  return out;
}

/** Checks what a schema cannot: references between the files and uniqueness of keys. */
function crossCheck(files: Record<keyof typeof FILES, JsonSource>): Issue[] {
  const issues: Issue[] = [];
  const at = (file: JsonSource, pointer: string) => {
    const line = file.lineOf(pointer);
    return line === undefined ? { source: file.path, pointer } : { source: file.path, pointer, line };
  };
  const sources = (files.sources.data as { sources: SourceSpec[] }).sources;
  const plans = (files.plans.data as { plans: PlanSpec[] }).plans;
  const organisations = (files.organisations.data as { organisations: OrganisationSpec[] }).organisations;
  const catalog = files.catalog.data as CatalogSpec;
  const planIds = new Set(plans.map((p) => p.id));
  const duplicates = <T>(items: T[], key: (item: T) => string, file: JsonSource, base: string, field: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const k = key(item);
      const previous = seen.get(k);
      if (previous !== undefined)
        issues.push(issue('config-invalid', `duplicate ${field}`, at(file, `${base}/${i}/${field}`), { expected: `a ${field} not used before (item ${previous})`, found: quote(k) }));
      else seen.set(k, i);
    });
  };
  duplicates(sources, (s) => s.id, files.sources, '/sources', 'id');
  duplicates(plans, (p) => p.id, files.plans, '/plans', 'id');
  duplicates(organisations, (o) => o.id, files.organisations, '/organisations', 'id');
  duplicates(catalog.datasets, (d) => d.plan, files.catalog, '/datasets', 'plan');
  duplicates(catalog.datasets, (d) => d.slug, files.catalog, '/datasets', 'slug');
  plans.forEach((plan, p) => duplicates(plan.actions, (a) => String(a.number), files.plans, `/plans/${p}/actions`, 'number'));
  sources.forEach((source, i) => {
    if (!planIds.has(source.plan))
      issues.push(issue('config-invalid', 'source names a plan that plans.json does not define', at(files.sources, `/sources/${i}/plan`), { expected: `one of ${[...planIds].join(', ')}`, found: quote(source.plan) }));
  });
  catalog.datasets.forEach((dataset, i) => {
    if (!planIds.has(dataset.plan))
      issues.push(issue('config-invalid', 'dataset names a plan that plans.json does not define', at(files.catalog, `/datasets/${i}/plan`), { expected: `one of ${[...planIds].join(', ')}`, found: quote(dataset.plan) }));
  });
  for (const plan of plans)
    if (!catalog.datasets.some((d) => d.plan === plan.id))
      issues.push(issue('config-invalid', `plan ${plan.id} has no dataset metadata`, at(files.catalog, '/datasets'), { expected: `a dataset with plan ${quote(plan.id)}`, found: 'none' }));
  if (!organisations.some((o) => o.id === catalog.publisher))
    issues.push(issue('config-invalid', 'publisher is not in organisations.json', at(files.catalog, '/publisher'), { expected: 'the id of a known organisation', found: quote(catalog.publisher) }));
  const names = new Map<string, string>();
  organisations.forEach((org, i) => {
    const own = [org.name, ...(org.abbreviation ? [org.abbreviation] : []), ...org.aliases];
    const keys = own.map((name) => name.toLocaleLowerCase('nl'));
    for (const [j, name] of own.entries()) {
      const key = keys[j]!;
      if (keys.indexOf(key) !== j) continue;
      const owner = names.get(key);
      if (owner !== undefined && owner !== org.id)
        issues.push(issue('config-invalid', 'an organisation name or alias is used by two organisations', at(files.organisations, j === 0 ? `/organisations/${i}/name` : `/organisations/${i}`), { expected: `a name only ${org.id} uses`, found: `${quote(name)}, also used by ${owner}` }));
      else names.set(key, org.id);
    }
  });
  return issues;
}

function quote(value: string): string {
  return JSON.stringify(value);
}
