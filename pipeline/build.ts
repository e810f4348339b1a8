// buildRelease: sources → ingest → parse and validate → model → emit, into a release value (nothing is written).
import type { Config } from './config.js';
import type { Manifest } from './manifest.js';
import { createRegistry, type Registry } from './organisations.js';
import type { UpdateRecord } from './record.js';
import type { BuiltRelease, PreviousRelease } from './release.js';
import type { DatasetSummary } from './emit/summary.js';
import { Iris } from './iris.js';
import type { ReleaseFile } from './emit/files.js';
import type { Spool } from './spool.js';
import { codeDigest, datasetInputs, readDatasetFiles, runInputs, type BuildRecord, type DatasetRecord } from './reuse.js';
import { OntsluitError } from './errors.js';
import { addIssues, finalize, issueFromError, type Issue, type Report, type TaskReport } from './report.js';
import { checkAgainstPlan } from './plan-check.js';
import { sourceOfPointer } from './release-locate.js';
import { ingestSources, type IngestOptions, type SourceOutcome } from './sources.js';
import { dutchDate } from './lib/dates.js';
import type { Timer } from './lib/timer.js';
import type { Clock } from './options.js';
import type { Validator } from './validate.js';

export interface BuildOptions extends IngestOptions {
  clock: Clock;
  validator: Validator;
  /** The manifest of the release this one follows (dates, sources and settings digest). */
  previous: Manifest;
  /** Build nothing when the previous release was built from the same code, settings and sources (its build record says so). */
  skipUnchanged?: boolean;
  /** Build every dataset anew, even one whose inputs did not change. */
  rebuild?: boolean;
  /** What the previous release was built from, when the state directory keeps its build record. */
  record: BuildRecord | null;
  /** The directory of the previous release, and the release read from it (only when a dataset is reused). */
  previousDir: string;
  openPrevious: () => Promise<PreviousRelease | null>;
  schemaDir: string;
  urlCheck: string;
  timer: Timer;
  /** Where large files go as soon as they are made (default: they stay in memory). */
  spool?: Spool;
}

export interface BuildResult {
  report: Report;
  /** null when a source is invalid or the build was skipped. */
  release: BuiltRelease | null;
  sources: SourceOutcome[];
  /** Issues of the whole run rather than of one source (model and release-schema issues without a source). */
  runIssues: Issue[];
  /** Why nothing was built, when `skipUnchanged` found no changed source. */
  skipped?: string;
  /** What the release and each dataset were built from, and each dataset's part of the report (for the build record). */
  inputs: { code: string; run: string; datasets: Record<string, { inputs: string; tasks: TaskReport[]; runIssues: Issue[] }> };
}

/** Builds the release of `config` in memory; invalid data ends in a report with errors, never in a thrown error. */
export async function buildRelease(config: Config, options: BuildOptions): Promise<BuildResult> {
  const { timer, validator } = options;
  const { tasks, outcomes, documents } = await timer.time('ingest', () => ingestSources(config, options));
  const code = codeDigest(options.schemaDir);
  const inputs: BuildResult['inputs'] = { code, run: runInputs(config, outcomes, code, { urlCheck: options.urlCheck, originMap: options.originMap }), datasets: {} };
  if (options.skipUnchanged && tasks.every((t) => t.valid) && options.record?.run === inputs.run)
    return { report: finalize(tasks), release: null, sources: outcomes, runIssues: [], skipped: 'no source or setting changed since the published release', inputs };

  // A dataset whose inputs did not change is taken from the previous release: its sources are not parsed again, its report is the recorded one.
  for (const spec of config.catalog.datasets) inputs.datasets[spec.slug] = { inputs: datasetInputs(config, outcomes, code, spec.slug), tasks: [], runIssues: [] };
  const reused = await timer.time('reuse', () => reusable(config, inputs, options));
  const reusedPlans = new Map([...reused].map(([slug, r]) => [config.catalog.datasets.find((d) => d.slug === slug)!.plan, r.entry]));
  for (const task of tasks) {
    const recorded = reusedPlans.get(config.sources.find((s) => s.id === task.name)!.plan)?.tasks.find((t) => t.name === task.name);
    if (recorded) Object.assign(task, structuredClone(recorded));
  }

  // The parsers, the model and the emitters are loaded only once there is something to build.
  const registry = createRegistry(config.organisations);
  const { readDocument } = await import('./document.js');
  const records = new Map<string, UpdateRecord[]>();
  await timer.time('parse+validate', async () => {
    // Each source's bytes and text go as soon as it is parsed (at 10⁵ entries 111 MB of bytes, whose text took 227 MB of heap): its record keeps what the run needs.
    for (let next = documents.shift(); next; next = documents.shift()) {
      const { spec, task, ingested } = next;
      if (reusedPlans.has(spec.plan)) continue;
      const plan = config.plans.find((p) => p.id === spec.plan)!;
      let read: Awaited<ReturnType<typeof readDocument>>;
      try {
        read = await readDocument(ingested, { registry, settings: config.parser, validator }, { spec, planTitle: plan.title });
      } catch (error) {
        // A source beyond the parse limits is refused with its code, file and line.
        if (!(error instanceof OntsluitError)) throw error;
        addIssues(task, [issueFromError(error)]);
        continue;
      }
      const { record, issues } = read;
      addIssues(task, issues);
      if (record.actions.length) addIssues(task, checkAgainstPlan(record, plan, spec));
      task.stats.records = record.actions.length;
      if (task.valid) records.set(spec.plan, [...(records.get(spec.plan) ?? []), record]);
    }
  });
  const runIssues: Issue[] = [];
  const datasets = tasks.every((t) => t.valid) ? await timer.time('model', () => buildDatasets(config, registry, validator, records, tasks, inputs, reused)) : [];
  // The parsed records are not needed past the model: let them go before the emitters run.
  records.clear();
  for (const { slug } of datasets) runIssues.push(...inputs.datasets[slug]!.runIssues);
  const report = finalize(tasks, runIssues);
  for (const [slug, item] of Object.entries(inputs.datasets)) item.tasks = datasets.some((d) => d.slug === slug) ? tasks.filter((t) => sourcePlan(config, t.name) === planOf(config, slug)) : [];
  if (!report.valid) return { report, release: null, sources: outcomes, runIssues, inputs };

  const { emitRelease } = await import('./emit/release.js');
  const release = await timer.time('emit', () =>
    emitRelease({
      config,
      registry,
      datasetSchema: validator.schemas.get('release')!,
      datasets,
      report,
      previous: options.previous,
      today: dutchDate(options.clock()),
      sources: outcomes.map(({ id, place, sha256 }) => ({ id, place, sha256: sha256! })),
      spool: options.spool,
    }),
  );
  return { report, release, sources: outcomes, runIssues, inputs };
}

const planOf = (config: Config, slug: string) => config.catalog.datasets.find((d) => d.slug === slug)!.plan;
const sourcePlan = (config: Config, id: string) => config.sources.find((s) => s.id === id)!.plan;

type Reused = { entry: DatasetRecord; files: ReleaseFile[]; pages: ReleaseFile[]; summary: DatasetSummary };

/**
 * The datasets whose inputs are those the build record gives for them, with their files read back
 * from the previous release (each with the bytes its manifest names) and their quads.
 */
async function reusable(config: Config, inputs: BuildResult['inputs'], options: BuildOptions): Promise<Map<string, Reused>> {
  const out = new Map<string, Reused>();
  const { record } = options;
  if (!record || options.rebuild) return out;
  for (const [slug, { inputs: digest }] of Object.entries(inputs.datasets)) {
    const entry = record.datasets[slug];
    const sources = config.sources.filter((s) => s.plan === planOf(config, slug));
    if (!entry || entry.inputs !== digest || !sources.every((s) => entry.tasks.some((t) => t.name === s.id))) continue;
    // The previous release is read once, for the check too.
    const quads = await (await options.openPrevious())?.datasets.find((d) => d.slug === slug)?.quads();
    const files = quads && (await readDatasetFiles(options.previousDir, options.previous, entry.files, options.spool));
    const pages = files && (await readDatasetFiles(options.previousDir, options.previous, entry.pages, options.spool, true));
    // Of the quads, only their summary is kept.
    if (quads && files && pages) out.set(slug, { entry, files, pages, summary: (await import('./emit/summary.js')).summarize(quads, new Iris(config.catalog.baseUrl)) });
  }
  return out;
}

type EmitDataset = Parameters<typeof import('./emit/release.js').emitRelease>[0]['datasets'][number];

/** One dataset per plan with records, each checked against the release schema; a reused one as the previous release has it. */
async function buildDatasets(config: Config, registry: Registry, validator: Validator, records: Map<string, UpdateRecord[]>, tasks: TaskReport[], inputs: BuildResult['inputs'], reused: Map<string, Reused>): Promise<EmitDataset[]> {
  const { buildDataset } = await import('./model.js');
  const datasets: EmitDataset[] = [];
  for (const spec of config.catalog.datasets) {
    const kept = reused.get(spec.slug);
    const own = inputs.datasets[spec.slug]!;
    if (kept) {
      own.runIssues = structuredClone(kept.entry.runIssues);
      datasets.push({ slug: spec.slug, reused: kept });
      continue;
    }
    const plan = config.plans.find((p) => p.id === spec.plan)!;
    const planRecords = records.get(plan.id) ?? [];
    if (planRecords.length === 0) continue;
    const { dataset, issues } = buildDataset({ plan, records: planRecords, registry });
    // Model issues name their source file; they go to that source's task.
    for (const item of issues) {
      const task = tasks.find((t) => t.place === item.source);
      if (task) addIssues(task, [item]);
      else own.runIssues.push(item);
    }
    // A record that fails the release schema is reported at the source line it came from, in that source's task.
    for (const found of validator.validate('release', dataset, `${spec.slug}/dataset.json`)) {
      const origin = found.pointer === undefined ? null : sourceOfPointer(dataset, found.pointer);
      const item: Issue = { ...found, type: 'release-invalid', ...(origin ?? {}) };
      const task = origin && tasks.find((t) => t.place === origin.source);
      if (task) addIssues(task, [item]);
      else own.runIssues.push(item);
    }
    datasets.push({ slug: spec.slug, dataset });
  }
  return datasets;
}
