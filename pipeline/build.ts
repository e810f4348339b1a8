// buildRelease: sources → ingest → parse and validate → model → emit, into a release value (nothing is written).
import type { Config } from './config.js';
import type { Manifest } from './manifest.js';
import type { Dataset } from './model.js';
import { createRegistry, type Registry } from './organisations.js';
import type { UpdateRecord } from './record.js';
import type { BuiltRelease, OpenedRelease } from './release.js';
import { codeDigest, datasetInputs, readDatasetFiles, runInputs, type BuildRecord } from './reuse.js';
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
  openPrevious: () => Promise<OpenedRelease | null>;
  schemaDir: string;
  urlCheck: string;
  timer: Timer;
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
  /** The digests of what the release and each dataset were built from (for the build record). */
  inputs: { code: string; run: string; datasets: Record<string, string> };
}

/** Builds the release of `config` in memory; invalid data ends in a report with errors, never in a thrown error. */
export async function buildRelease(config: Config, options: BuildOptions): Promise<BuildResult> {
  const { timer, validator } = options;
  const { tasks, outcomes, documents } = await timer.time('ingest', () => ingestSources(config, options));
  const code = codeDigest(options.schemaDir);
  const inputs = { code, run: runInputs(config, outcomes, code, { urlCheck: options.urlCheck, originMap: options.originMap }), datasets: {} as Record<string, string> };
  if (options.skipUnchanged && tasks.every((t) => t.valid) && options.record?.run === inputs.run)
    return { report: finalize(tasks), release: null, sources: outcomes, runIssues: [], skipped: 'no source or setting changed since the published release', inputs };

  // The parsers, the model and the emitters are loaded only once there is something to build.
  const registry = createRegistry(config.organisations);
  const { readDocument } = await import('./document.js');
  const records = new Map<string, UpdateRecord[]>();
  await timer.time('parse+validate', async () => {
    for (const { spec, task, ingested } of documents) {
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
  const datasets = tasks.every((t) => t.valid) ? await timer.time('model', () => buildDatasets(config, registry, validator, records, tasks, runIssues)) : [];
  const report = finalize(tasks, runIssues);
  if (!report.valid) return { report, release: null, sources: outcomes, runIssues, inputs };

  for (const { slug } of datasets) inputs.datasets[slug] = datasetInputs(config, outcomes, code, slug);
  // The previous release is read (once, for the check too) when a dataset may be taken from it.
  if (options.record && !options.rebuild && datasets.some(({ slug }) => options.record!.datasets[slug]?.inputs === inputs.datasets[slug])) await options.openPrevious();
  const reusable = await timer.time('reuse', () => reuse(datasets, inputs.datasets, options));
  const { emitRelease } = await import('./emit/release.js');
  const release = await timer.time('emit', () =>
    emitRelease({
      config,
      registry,
      datasetSchema: validator.schemas.get('release')!,
      datasets: reusable,
      report,
      previous: options.previous,
      today: dutchDate(options.clock()),
      sources: outcomes.map(({ id, place, sha256 }) => ({ id, place, sha256: sha256! })),
    }),
  );
  return { report, release, sources: outcomes, runIssues, inputs };
}

type Reusable = Parameters<typeof import('./emit/release.js').emitRelease>[0]['datasets'][number];

/**
 * Each dataset, with the files of the previous release attached where its inputs are those the build
 * record gives for it and every file is still there with the bytes the previous manifest names.
 */
async function reuse(datasets: { slug: string; dataset: Dataset }[], digests: Record<string, string>, options: BuildOptions): Promise<Reusable[]> {
  const { record } = options;
  if (!record || options.rebuild) return datasets;
  const out: Reusable[] = [];
  for (const item of datasets) {
    const entry = record.datasets[item.slug];
    if (!entry || entry.inputs !== digests[item.slug]) {
      out.push(item);
      continue;
    }
    const before = await options.openPrevious();
    const quads = before?.datasets.find((d) => d.slug === item.slug)?.quads;
    const files = quads && (await readDatasetFiles(options.previousDir, options.previous, entry.files));
    const pages = files && (await readDatasetFiles(options.previousDir, options.previous, entry.pages));
    out.push(quads && files && pages ? { ...item, reused: { files, pages, quads } } : item);
  }
  return out;
}

/** One dataset per plan with records, each checked against the release schema. */
async function buildDatasets(config: Config, registry: Registry, validator: Validator, records: Map<string, UpdateRecord[]>, tasks: TaskReport[], runIssues: Issue[]): Promise<{ slug: string; dataset: Dataset }[]> {
  const { buildDataset } = await import('./model.js');
  const datasets: { slug: string; dataset: Dataset }[] = [];
  for (const spec of config.catalog.datasets) {
    const plan = config.plans.find((p) => p.id === spec.plan)!;
    const planRecords = records.get(plan.id) ?? [];
    if (planRecords.length === 0) continue;
    const { dataset, issues } = buildDataset({ plan, records: planRecords, registry });
    // Model issues name their source file; they go to that source's task.
    for (const item of issues) {
      const task = tasks.find((t) => t.place === item.source);
      if (task) addIssues(task, [item]);
      else runIssues.push(item);
    }
    // A record that fails the release schema is reported at the source line it came from, in that source's task.
    for (const found of validator.validate('release', dataset, `${spec.slug}/dataset.json`)) {
      const origin = found.pointer === undefined ? null : sourceOfPointer(dataset, found.pointer);
      const item: Issue = { ...found, type: 'release-invalid', ...(origin ?? {}) };
      const task = origin && tasks.find((t) => t.place === origin.source);
      if (task) addIssues(task, [item]);
      else runIssues.push(item);
    }
    datasets.push({ slug: spec.slug, dataset });
  }
  return datasets;
}
