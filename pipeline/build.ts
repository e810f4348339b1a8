// buildRelease: sources → ingest → parse and validate → model → emit, into a release value (nothing is written).
import type { Config } from './config.js';
import { configDigest } from './config.js';
import type { Manifest } from './manifest.js';
import type { Dataset } from './model.js';
import { createRegistry, type Registry } from './organisations.js';
import type { UpdateRecord } from './record.js';
import type { BuiltRelease } from './release.js';
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
  /** Build nothing when every source has the bytes the previous release was built from (`ontsluit schedule`). */
  skipUnchanged?: boolean;
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
}

/** Builds the release of `config` in memory; invalid data ends in a report with errors, never in a thrown error. */
export async function buildRelease(config: Config, options: BuildOptions): Promise<BuildResult> {
  const { timer, validator } = options;
  const { tasks, outcomes, documents } = await timer.time('ingest', () => ingestSources(config, options));
  if (options.skipUnchanged && tasks.every((t) => t.valid) && unchanged(config, outcomes, options.previous))
    return { report: finalize(tasks), release: null, sources: outcomes, runIssues: [], skipped: 'no source or setting changed since the published release' };

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
  if (!report.valid) return { report, release: null, sources: outcomes, runIssues };

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
    }),
  );
  return { report, release, sources: outcomes, runIssues };
}

/** Same sources (by id and bytes) and same settings as the previous release. */
function unchanged(config: Config, outcomes: SourceOutcome[], previous: Manifest): boolean {
  const before = new Map((previous.sources ?? []).map((s) => [s.id, s.sha256]));
  return before.size === outcomes.length && outcomes.every((s) => before.get(s.id) === s.sha256) && previous.configSha256 === configDigest(config);
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
