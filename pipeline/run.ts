// The pipeline in one straight flow: config → ingest → parse → validate → model → emit → date → publish.
import type { Quad } from 'n3';
import { join, resolve } from 'node:path';
import { loadConfig, type Config, type SourceSpec } from './config.js';
import { CATALOG_PREFIXES, catalogQuads } from './emit/dcat.js';
import { datasetFiles, type ReleaseFile } from './emit/files.js';
import { prefixContext, toJsonLd, toRdfXml, toTurtle } from './emit/serialize.js';
import { createChecker, type CheckReport } from './check/index.js';
import type { UrlCheckMode } from './check/urls.js';
import { vocabularyQuads } from './emit/vocabulary.js';
import { OntsluitError } from './errors.js';
import { readFile } from 'node:fs/promises';
import { decode, ingestFile, resolvePlace, sha256, type Ingested } from './ingest.js';
import { VERSION } from './version.js';
import { fetchSource, type FetchOptions } from './fetch.js';
import { Iris, NS } from './iris.js';
import { MANIFEST, dateFiles, readManifest, span, type Manifest } from './manifest.js';
import { landingPage } from './emit/landing.js';
import { buildDataset, type Dataset } from './model.js';
import { createRegistry, type Registry } from './organisations.js';
import { parseSource } from './parse/index.js';
import { publish } from './publish.js';
import type { UpdateRecord } from './record.js';
import { addIssues, createTask, finalize, issue, issueFromError, type Issue, type Report, type TaskReport } from './report.js';
import { createValidator, type Validator } from './validate.js';

export type Clock = () => Date;

export interface RunOptions {
  dataDir: string;
  schemaDir: string;
  /** Where the release is published. */
  outDir: string;
  /** The release whose manifest dates unchanged files; defaults to `outDir`. */
  previousDir?: string;
  /** Source registry to use instead of `<dataDir>/sources.json`. */
  sourcesFile?: string;
  clock: Clock;
  /** false: validate and build everything, write nothing (`ontsluit validate`). */
  write: boolean;
  /** Run the preflight check (SHACL, value lists, identity, MQA, push API) and publish only when it passes. Default true. */
  check?: boolean;
  /** How the check tests URLs; default 'local' (the release served on loopback). */
  urlCheck?: UrlCheckMode;
  /** Where fetched snapshots are kept (default `.ontsluit`). */
  stateDir?: string;
  /** Fetch a URL source from another origin: `{ 'https://www.open-overheid.nl': 'http://127.0.0.1:8080' }` (a mirror, or a test server). */
  originMap?: Record<string, string>;
  /** Fetch settings (timeouts, retries, sizes); the defaults suit the real sites. */
  fetch?: Partial<Omit<FetchOptions, 'stateDir' | 'accept'>>;
  /** Build nothing when every source has the bytes the previous release was built from (`ontsluit schedule`). */
  skipUnchanged?: boolean;
}

/** What happened to one source in a run. */
export interface SourceOutcome {
  id: string;
  place: string;
  /** file: read from disk; fetched: new bytes; unchanged: 304 or the same bytes; failed: see the report. */
  status: 'file' | 'fetched' | 'unchanged' | 'failed';
  sha256: string | null;
}

export interface RunResult {
  report: Report;
  /** The preflight check of the release, when it was built. */
  check: CheckReport | null;
  sources: SourceOutcome[];
  /** Why nothing was built, when `skipUnchanged` found no changed source. */
  skipped?: string;
  files: ReleaseFile[];
  published: boolean;
  /** Wall-clock milliseconds per stage, for the run report (never in the release). */
  timings: Record<string, number>;
}

/**
 * A digest of every setting that shapes the release (data/*.json as loaded, and the version of
 * ontsluit): a scheduled run with the same sources and the same digest has nothing to publish.
 */
export function configDigest(config: Config): string {
  const { dataDir: _dataDir, sources: _sources, ...settings } = config;
  return sha256(JSON.stringify({ version: VERSION, settings }));
}

/** The date in the Netherlands for a moment, as YYYY-MM-DD. */
export function dutchDate(moment: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(moment);
}

export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const timings: Record<string, number> = {};
  const time = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings[stage] = Math.round((performance.now() - start + (timings[stage] ?? 0)) * 10) / 10;
    }
  };
  const validator = await time('config', () => createValidator(options.schemaDir));
  const config = await time('config', () => loadConfig(options.dataDir, validator, options.sourcesFile));
  const registry = createRegistry(config.organisations);

  const tasks: TaskReport[] = [];
  const sources: SourceOutcome[] = [];
  const documents: { spec: SourceSpec; task: TaskReport; ingested: Ingested }[] = [];
  await time('ingest', async () => {
    for (const spec of config.sources) {
      const task = createTask(spec.id, spec.place);
      tasks.push(task);
      const outcome: SourceOutcome = { id: spec.id, place: spec.place, status: 'failed', sha256: null };
      sources.push(outcome);
      try {
        const { ingested, status } = await ingestSource(spec, config.dataDir, options);
        Object.assign(outcome, { status, sha256: ingested.sha256 });
        task.stats.bytes = ingested.bytes.length;
        task.stats.sha256 = ingested.sha256;
        documents.push({ spec, task, ingested });
      } catch (error) {
        if (!(error instanceof OntsluitError)) throw error;
        addIssues(task, [issueFromError(error)]);
      }
    }
  });
  if (options.skipUnchanged && tasks.every((t) => t.valid)) {
    const previous = await readManifest(options.previousDir ?? options.outDir);
    const before = new Map((previous.sources ?? []).map((s) => [s.id, s.sha256]));
    if (before.size === sources.length && sources.every((s) => before.get(s.id) === s.sha256) && previous.configSha256 === configDigest(config))
      return { report: finalize(tasks), check: null, sources, files: [], published: false, skipped: 'no source or setting changed since the published release', timings };
  }

  const records = new Map<string, UpdateRecord[]>();
  await time('parse+validate', () => {
    for (const { spec, task, ingested } of documents) {
      const record = parseDocument(spec, ingested, config, registry, validator, task);
      if (task.valid) records.set(spec.plan, [...(records.get(spec.plan) ?? []), record]);
    }
  });

  const runIssues: Issue[] = [];
  const datasets: { slug: string; dataset: Dataset }[] = [];
  if (tasks.every((t) => t.valid)) {
    await time('model', () => {
      for (const spec of config.catalog.datasets) {
        const plan = config.plans.find((p) => p.id === spec.plan)!;
        const planRecords = records.get(plan.id) ?? [];
        if (planRecords.length === 0) continue;
        const { dataset, issues } = buildDataset({ plan, records: planRecords, registry });
        addModelIssues(tasks, issues, runIssues);
        const releaseIssues = validator.validate('release', dataset, `${spec.slug}/dataset.json`).map((i) => ({ ...i, type: 'release-invalid' as const }));
        runIssues.push(...releaseIssues);
        datasets.push({ slug: spec.slug, dataset });
      }
    });
  }
  let report = finalize(tasks, runIssues);
  if (!report.valid) return { report, check: null, sources, files: [], published: false, timings };

  const files = await time('emit', () => emitRelease(config, registry, validator, datasets, report, options, sources));
  let check: CheckReport | null = null;
  if (options.check !== false) {
    check = await time('check', () => createChecker(config, options.schemaDir).check(files, { previousDir: options.previousDir ?? options.outDir, urlCheck: options.urlCheck ?? 'local', originMap: options.originMap ?? {} }));
    for (const reason of check.reasons) runIssues.push(issue('check-failed', `the release would be refused: ${reason}`, { source: join(resolve(options.outDir), 'catalog.ttl') }, { expected: 'a release that data.overheid.nl accepts (see `ontsluit check`)', found: reason }));
    files.push({ path: 'check-report.json', bytes: json(check), mediaType: 'application/json', fileType: 'JSON', title: { nl: 'Controlerapport', en: 'Check report' } });
    report = finalize(tasks, runIssues);
  }
  const publishable = report.valid && options.write;
  if (publishable) await time('publish', () => publish(options.outDir, files));
  return { report, check, sources, files, published: publishable, timings };
}

/** Reads a file source, or fetches a URL source (keeping a snapshot in the state directory). */
async function ingestSource(spec: SourceSpec, dataDir: string, options: RunOptions): Promise<{ ingested: Ingested; status: SourceOutcome['status'] }> {
  if (!/^https?:\/\//.test(spec.place)) return { ingested: await ingestFile(resolvePlace(dataDir, spec.place), spec.place), status: 'file' };
  let url = spec.place;
  for (const [from, to] of Object.entries(options.originMap ?? {})) if (url === from || url.startsWith(`${from}/`)) url = to + url.slice(from.length);
  let result;
  try {
    result = await fetchSource(url, { ...options.fetch, stateDir: resolve(options.stateDir ?? '.ontsluit'), accept: ACCEPT[spec.format], allowedHosts: spec.allowHosts ?? [] });
  } catch (error) {
    // Name the source as the registry does; say where it was fetched from when that was a mirror.
    if (!(error instanceof OntsluitError) || url === spec.place) throw error;
    throw new OntsluitError(error.code, `${error.message} (fetched from ${url})`, { location: { source: spec.place }, expected: error.expected, found: error.found, cause: error });
  }
  const bytes = await readFile(result.snapshot.path);
  return { ingested: decode(bytes, spec.place), status: result.status };
}

const ACCEPT: Record<SourceSpec['format'], string[]> = {
  text: ['text/plain'],
  html: ['text/html', 'application/xhtml+xml'],
  markdown: ['text/markdown', 'text/x-markdown', 'text/plain'],
};

function parseDocument(spec: SourceSpec, ingested: Ingested, config: Config, registry: Registry, validator: Validator, task: TaskReport): UpdateRecord {
  const place = spec.place;
  const plan = config.plans.find((p) => p.id === spec.plan)!;
  const { record, issues } = parseSource(ingested, { registry, settings: config.parser }, spec, plan.title);
  const lineOf = (pointer: string) => {
    const action = /^\/actions\/(\d+)/.exec(pointer);
    if (action) return record.actions[Number(action[1])]?.sourceLines[0];
    const theme = /^\/themes\/(\d+)/.exec(pointer);
    return theme ? record.themes[Number(theme[1])]?.sourceLine : 1;
  };
  addIssues(task, withoutEchoes([...issues, ...validator.validate('update', record, place, lineOf)]));
  task.stats.records = record.actions.length;
  return record;
}

/**
 * Drops schema errors that only repeat a parse error already reported for the same line and field
 * (an action without holders also fails `minItems` on actionHolders).
 */
export function withoutEchoes(issues: Issue[]): Issue[] {
  const parseErrors = issues.filter((i) => i.type !== 'schema-invalid' && i.severity === 'error');
  return issues.filter(
    (i) => i.type !== 'schema-invalid' || !parseErrors.some((p) => p.line === i.line && p.field !== undefined && i.field?.startsWith(p.field)),
  );
}

/** Model issues name their source file; they go to that source's task. */
function addModelIssues(tasks: TaskReport[], issues: Issue[], runIssues: Issue[]): void {
  for (const item of issues) {
    const task = tasks.find((t) => t.place === item.source);
    if (task) addIssues(task, [item]);
    else runIssues.push(item);
  }
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

async function emitRelease(config: Config, registry: Registry, validator: Validator, datasets: { slug: string; dataset: Dataset }[], report: Report, options: RunOptions, sources: SourceOutcome[]): Promise<ReleaseFile[]> {
  const iris = new Iris(config.catalog.baseUrl);
  const byDataset = new Map<string, ReleaseFile[]>();
  for (const { slug, dataset } of datasets) {
    const spec = config.catalog.datasets.find((d) => d.slug === slug)!;
    byDataset.set(slug, await datasetFiles({ dataset, slug, iris, licence: spec.license, schema: validator.schemas.get('release')! }));
  }
  const vocabPrefixes = { aoo: iris.vocab, ...NS };
  const shared: ReleaseFile[] = [
    { path: 'def/actieplan.ttl', bytes: Buffer.from(await toTurtle(vocabularyQuads(iris), vocabPrefixes)), mediaType: 'text/turtle', fileType: 'RDF_TURTLE', title: { nl: 'Begrippen van ontsluit', en: 'ontsluit vocabulary' } },
    { path: 'validation-report.json', bytes: json(report), mediaType: 'application/json', fileType: 'JSON', title: { nl: 'Validatierapport', en: 'Validation report' } },
  ];
  const datasetFilesAll = [...byDataset.values()].flat();
  const previous = await readManifest(options.previousDir ?? options.outDir);
  const today = dutchDate(options.clock());
  const dated = dateFiles([...datasetFilesAll, ...shared], previous, today);
  const publisher = registry.resolve(config.organisations.find((o) => o.id === config.catalog.publisher)!.name);
  // The landing pages show the data files' dates, so they are made after those are dated.
  const pages: ReleaseFile[] = datasets.map(({ slug, dataset }) => {
    const files = byDataset.get(slug)!;
    const pagePath = `${slug}/index.html`;
    const html = landingPage({
      dataset,
      spec: config.catalog.datasets.find((d) => d.slug === slug)!,
      catalog: config.catalog,
      iris,
      files: files.map((f) => ({ path: f.path, title: f.title, mediaType: f.mediaType, bytes: f.bytes.length, fileType: f.fileType })),
      dates: span(files.map((f) => dated.files[f.path]!)),
      publisherName: publisher.name,
      pagePath,
    });
    return { path: pagePath, bytes: Buffer.from(html), mediaType: 'text/html', fileType: 'HTML', title: { nl: `${dataset.plan.title}: overzicht`, en: `${dataset.plan.titleEn}: overview` } };
  });
  const manifest: Manifest = {
    ...dateFiles([...datasetFilesAll, ...shared, ...pages], previous, today),
    sources: sources.map(({ id, place, sha256 }) => ({ id, place, sha256: sha256! })),
    configSha256: configDigest(config),
  };
  const quads: Quad[] = catalogQuads({ spec: config.catalog, iris, publisher, files: byDataset, manifest });
  const catalogTurtle = await toTurtle(quads, CATALOG_PREFIXES);
  const catalogFiles: ReleaseFile[] = [
    { path: 'catalog.ttl', bytes: Buffer.from(catalogTurtle), mediaType: 'text/turtle', fileType: 'RDF_TURTLE', title: { nl: 'DCAT-catalogus', en: 'DCAT catalog' } },
    { path: 'catalog.rdf', bytes: Buffer.from(toRdfXml(catalogTurtle)), mediaType: 'application/rdf+xml', fileType: 'RDF_XML', title: { nl: 'DCAT-catalogus', en: 'DCAT catalog' } },
    { path: 'catalog.jsonld', bytes: Buffer.from(await toJsonLd(quads, prefixContext(CATALOG_PREFIXES))), mediaType: 'application/ld+json', fileType: 'JSON_LD', title: { nl: 'DCAT-catalogus', en: 'DCAT catalog' } },
  ];
  const manifestFile: ReleaseFile = { path: MANIFEST, bytes: json(manifest), mediaType: 'application/json', fileType: 'JSON', title: { nl: 'Manifest', en: 'Manifest' } };
  return [...datasetFilesAll, ...shared, ...pages, ...catalogFiles, manifestFile];
}
