// Preflight: will data.overheid.nl accept this release, and how will data.europa.eu score it?
import { join } from 'node:path';
import type { Config } from '../config.js';
import { NS, RDF_TYPE } from '../iris.js';
import { builtIdentities, type BuiltRelease, type PreviousRelease } from '../release.js';
import { sizeOf } from '../manifest.js';
import { compareIdentities, type IdentityProblem } from './identity.js';
import { scoreCatalog, type MqaScore } from './mqa.js';
import { buildPushPayloads, createPushApiValidator, type PushPayload } from './push-api.js';
import { createShaclChecker, type ShaclProfileReport, type ShaclResult } from './shacl.js';
import { checkUrls, type UrlCheck, type UrlCheckMode } from './urls.js';
import { checkValues, type ValueProblem } from './values.js';

export interface ExplainedResult extends ShaclResult {
  /** "dataset actieplan-…", "distribution actions.csv", … */
  target: string;
  /** The property in words. */
  property: string;
  fix: string;
  /** For an accepted recommended-shape warning: why it cannot apply yet. */
  accepted?: string;
}

export interface CheckReport {
  accepted: boolean;
  reasons: string[];
  /** Results once each, with the profiles that report them; `profiles` gives each profile's own counts. */
  shacl: { shapes: string[]; profiles: ShaclProfileReport[]; violations: number; warnings: number; acceptedWarnings: number; results: ExplainedResult[] };
  values: ValueProblem[];
  identity: IdentityProblem[];
  urls: { mode: UrlCheckMode; checkedAt: string | null; checked: number; failing: { url: string; status: number }[] };
  mqa: MqaScore[];
  pushApi: { version: string; payloads: PushPayload[] };
}

export interface Checker {
  /** Checks a built release; `previous` is the published release whose IRIs must survive (null when there is none). */
  check(release: BuiltRelease, previous: PreviousRelease | null, options: { urlCheck: UrlCheckMode; originMap?: Record<string, string> }): Promise<CheckReport>;
}

const FIXES: Record<string, string> = {
  [`${NS.dct}license`]: 'set "license" of the dataset in data/catalog.json to a licence from data/waardelijsten.json',
  [`${NS.dct}publisher`]: 'set "publisher" in data/catalog.json to an organisation with a TOOI URI and an OWMS URI in data/organisations.json',
  [`${NS.dct}creator`]: 'the creator is the publisher: give it a TOOI URI in data/organisations.json',
  [`${NS.owl}sameAs`]: 'give the publisher its OWMS URI in data/organisations.json: the catalog names it as owl:sameAs of the TOOI URI',
  [`${NS.adms}status`]: 'set "status" of the dataset in data/catalog.json to a value of the EU dataset-status table from data/waardelijsten.json',
  ['https://data.overheid.nl/dcat.rdf#status']: 'map the dataset\'s status to a DONL status under "status.donl" in data/waardelijsten.json',
  [`${NS.dcat}theme`]: 'list an OWMS theme and an EU data theme under "themes" in data/catalog.json, with labels in "conceptLabels"',
  [`${NS.dcat}contactPoint`]: 'fill "contactPoint" in data/catalog.json (name, e-mail, telephone)',
  [`${NS.skos}prefLabel`]: 'add the concept with Dutch and English labels to "conceptLabels" in data/catalog.json',
  [`${NS.dcat}accessService`]: 'describe a dcat:DataService that serves the files and link it from each distribution',
  [`${NS.foaf}page`]: 'give the dataset a documentation page (foaf:page)',
};

function localName(iri: string): string {
  return iri.replace(/^.*[#/]/, '');
}

export function createChecker(config: Config, schemaDir: string): Checker {
  const shacl = createShaclChecker(join(schemaDir, 'shacl'));
  const push = createPushApiValidator(join(schemaDir, 'aanlever-api', 'openapi.json'));
  const base = config.catalog.baseUrl.replace(/\/+$/, '');
  return {
    async check(release, previous, { urlCheck, originMap }) {
      const quads = release.catalog;
      const types = new Map<string, string>();
      for (const q of quads) if (q.predicate.value === RDF_TYPE && q.object.value.startsWith(NS.dcat)) types.set(q.subject.value, localName(q.object.value));
      const datasetOf = new Map<string, string>();
      for (const q of quads) if (q.predicate.value === `${NS.dcat}distribution`) datasetOf.set(q.object.value, q.subject.value);

      const report = await shacl.validate(quads);
      const results: ExplainedResult[] = report.results.map((r) => {
        const kind = (types.get(r.focusNode) ?? 'resource').replace(/^DatasetSeries$/, 'series').toLowerCase();
        const target = `${kind} ${kind === 'distribution' ? r.focusNode.replace(/^.*\/distributie\//, '') : localName(r.focusNode)}`;
        const exemption = r.severity === 'Warning' ? config.check.recommendedWarnings.find((w) => w.path === r.path && w.target === kind) : undefined;
        return { ...r, target, property: r.path ? localName(r.path) : '(node)', fix: (r.path && FIXES[r.path]) ?? `see the shape ${r.shape} in schemas/shacl/${r.shapesFile}`, ...(exemption ? { accepted: exemption.reason } : {}) };
      });
      const violations = results.filter((r) => r.severity === 'Violation');
      const warnings = results.filter((r) => r.severity !== 'Violation');
      const unexplained = warnings.filter((r) => !r.accepted);

      const releaseFiles = new Map(release.files.map((f) => [f.path, { size: sizeOf(f), read: () => f.bytes }]));
      const urls = quads.filter((q) => q.predicate.value === `${NS.dcat}accessURL` || q.predicate.value === `${NS.dcat}downloadURL`).map((q) => q.object.value);
      const urlResult: UrlCheck = await checkUrls(urls, urlCheck, base, releaseFiles, originMap);
      const failing = [...urlResult.statuses].filter(([, s]) => s < 200 || s > 299).map(([url, status]) => ({ url, status }));

      const noResultsFor = (dataset: string) => !results.some((r) => !r.accepted && (r.focusNode === dataset || datasetOf.get(r.focusNode) === dataset || r.focusNode.startsWith(`${dataset}#`)));
      const mqa = scoreCatalog(quads, config.accepted, noResultsFor, (url) => urlResult.statuses.get(url) ?? null);
      const values = checkValues(quads, config.accepted);
      const identity = compareIdentities(previous?.identities ?? new Map(), builtIdentities(release), config.withdrawn);
      const payloads = buildPushPayloads(quads, push);

      const reasons: string[] = [];
      for (const p of report.profiles) if (p.violations) reasons.push(`${p.violations} SHACL violation(s) against ${p.profile}`);
      if (unexplained.length) reasons.push(`${unexplained.length} SHACL warning(s) without an accepted reason in data/check.json`);
      if (values.length) reasons.push(`${values.length} value(s) outside the accepted lists`);
      if (identity.length) reasons.push(`${identity.length} identity problem(s)`);
      if (failing.length) reasons.push(`${failing.length} URL(s) not answering HEAD with 2xx`);
      for (const s of mqa) if (s.total < config.check.minimumMqaScore && urlCheck !== 'none') reasons.push(`MQA score ${s.total} of ${localName(s.dataset)} is below ${config.check.minimumMqaScore}`);
      for (const p of payloads) if (!p.valid) reasons.push(`push-API payload of ${localName(p.dataset)} does not match the API's schema`);
      return {
        accepted: reasons.length === 0,
        reasons,
        shacl: { shapes: report.shapesFiles, profiles: report.profiles, violations: violations.length, warnings: warnings.length, acceptedWarnings: warnings.length - unexplained.length, results },
        values,
        identity,
        urls: { mode: urlResult.mode, checkedAt: urlResult.checkedAt, checked: urlResult.statuses.size, failing },
        mqa,
        pushApi: { version: push.version, payloads },
      };
    },
  };
}
