// Emit stage for the whole release: each dataset's files, the vocabulary, landing and action pages (nl, en) with their charts, manifest and the DCAT catalog.
import type { Config } from '../config.js';
import { configDigest } from '../config.js';
import { Iris, NS } from '../iris.js';
import { MANIFEST, dateFiles, mergeDates, sizeOf, span, type Manifest } from '../manifest.js';
import type { Dataset } from '../model.js';
import type { Registry } from '../organisations.js';
import type { BuiltDataset, BuiltRelease } from '../release.js';
import { CATALOG_FILE, VOCABULARY_FILE, VOCABULARY_PAGE, datasetFile } from '../release.js';
import type { Report } from '../report.js';
import { CATALOG_PREFIXES, catalogQuads } from './dcat.js';
import { datasetFiles, type ReleaseFile } from './files.js';
import { MEMORY, type Spool } from '../spool.js';
import { datasetCharts } from './charts.js';
import { datasetPages, landingPath, type LandingInput } from './landing.js';
import { LANGS } from './lang.js';
import { prefixContext, toJsonLd, toRdfXml, toTurtle } from './serialize.js';
import type { DatasetSummary } from './summary.js';
import { vocabularyPage } from './vocabulary-page.js';
import { collectBetweenSteps } from '../lib/heap.js';
import { vocabularyQuads } from './vocabulary.js';
import { VOID_FILE, VOID_PREFIXES, voidCatalogLinks, voidQuads } from './void.js';

export interface EmitInput {
  config: Config;
  registry: Registry;
  /** The JSON Schema of dataset.json (schemas/release.schema.json). */
  datasetSchema: object;
  /** `reused`: the dataset's files and pages as the previous release has them (its inputs did not change), and the summary of its quads; they are not made again. */
  datasets: ({ slug: string; dataset: Dataset; reused?: undefined } | { slug: string; dataset?: undefined; reused: { files: ReleaseFile[]; pages: ReleaseFile[]; summary: DatasetSummary } })[];
  /** The validation report of the run, published as validation-report.json. */
  report: Report;
  /** The manifest of the release this one follows: unchanged files keep their dates. */
  previous: Manifest;
  /** The date of changed files (YYYY-MM-DD). */
  today: string;
  sources: { id: string; place: string; sha256: string }[];
  /** Where large files go as soon as they are made (default: they stay in memory). */
  spool?: Spool;
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
const catalogTitle = { nl: 'DCAT-catalogus', en: 'DCAT catalog' };

/** Builds every file of the release in memory, and the release value that describes them. */
export async function emitRelease(input: EmitInput): Promise<BuiltRelease> {
  const { config, registry, previous, today } = input;
  const spool = input.spool ?? MEMORY;
  const iris = new Iris(config.catalog.baseUrl);
  const datasets: (BuiltDataset & { files: ReleaseFile[]; dataset?: Dataset; reused?: ReleaseFile[] })[] = [];
  const built = (slug: string, summary: DatasetSummary): BuiltDataset => ({ slug, iri: iris.dataset(slug), file: datasetFile(slug), triples: summary.stats.triples, ...summary });
  for (const { slug, dataset, reused } of input.datasets) {
    if (reused) {
      datasets.push({ ...built(slug, reused.summary), files: reused.files, dataset, reused: reused.pages });
      continue;
    }
    const spec = config.catalog.datasets.find((d) => d.slug === slug)!;
    const dates = (files: ReleaseFile[]) => span(Object.values(dateFiles(files, previous, today).files));
    const { files, summary } = await datasetFiles({ dataset, slug, iris, spec, schema: input.datasetSchema, dates, spool });
    datasets.push({ ...built(slug, summary), files, dataset });
  }
  // How often each own term is used, over every dataset.
  const use = new Map<string, number>();
  for (const d of datasets) for (const [term, n] of d.use) use.set(term, (use.get(term) ?? 0) + n);
  const vocabulary = vocabularyQuads(iris);
  const shared: ReleaseFile[] = [
    { path: VOCABULARY_FILE, bytes: Buffer.from(await toTurtle(vocabulary, { aoo: iris.vocab, ...NS })), mediaType: 'text/turtle', fileType: 'RDF_TURTLE', title: { nl: 'Begrippen van ontsluit', en: 'ontsluit vocabulary' } },
    { path: VOCABULARY_PAGE, bytes: Buffer.from(vocabularyPage(iris, use)), mediaType: 'text/html', fileType: 'HTML', title: { nl: 'Begrippen van ontsluit (pagina)', en: 'ontsluit vocabulary (page)' } },
    { path: 'validation-report.json', bytes: json(input.report), mediaType: 'application/json', fileType: 'JSON', title: { nl: 'Validatierapport', en: 'Validation report' } },
  ];
  const dataFiles = [...datasets.flatMap((d) => d.files), ...shared];
  const dated = dateFiles(dataFiles, previous, today);
  const publisher = registry.resolve(config.organisations.find((o) => o.id === config.catalog.publisher)!.name);
  // The landing pages show the data files' dates, so they are made after those are dated; each language has its page and charts.
  const pages: ReleaseFile[] = [];
  const parts: BuiltRelease['parts'] = [];
  for (const { slug, dataset, files, reused } of datasets) {
    const first = pages.length;
    if (reused || !dataset) pages.push(...(reused ?? []));
    else {
      // What the landing pages of every language show alike: the dataset, its files and their dates.
      const common = {
        dataset,
        spec: config.catalog.datasets.find((d) => d.slug === slug)!,
        catalog: config.catalog,
        iris,
        files: files.map((f) => ({ path: f.path, title: f.title, mediaType: f.mediaType, bytes: sizeOf(f), fileType: f.fileType })),
        dates: span(files.map((f) => dated.files[f.path]!)),
        publisherName: publisher.name,
      };
      // Each language's charts first: its landing page shows them.
      const landings: LandingInput[] = [];
      const chartFiles: ReleaseFile[] = [];
      for (const lang of LANGS) {
        const charts = await datasetCharts(dataset, lang);
        const made: ReleaseFile[] = charts.map((c) => ({ path: `${slug}/${c.name}`, bytes: Buffer.from(c.svg), mediaType: 'image/svg+xml', fileType: 'SVG', title: c.title }));
        chartFiles.push(...made);
        landings.push({ ...common, pagePath: landingPath(slug, lang), lang, charts: charts.map((c, i) => ({ kind: c.kind, path: made[i]!.path, alt: c.alt, title: c.title[lang] })) });
      }
      // The landing pages, lists and action pages of both languages, each kept as bytes as soon as it is made.
      // Pages beyond a budget go to the spool as they are made: a plan of many actions has thousands of them.
      for (const page of datasetPages(landings)) pages.push(spool.keep({ path: page.path, bytes: page.bytes ?? Buffer.from(page.html), mediaType: 'text/html', fileType: 'HTML', title: page.title } as ReleaseFile, true));
      pages.push(...chartFiles);
      collectBetweenSteps();
    }
    parts.push({ slug, files: files.map((f) => f.path), pages: pages.slice(first).map((f) => f.path), reused: reused !== undefined });
  }
  const manifest: Manifest = {
    ...mergeDates(dated, dateFiles(pages, previous, today)),
    sources: input.sources,
    configSha256: configDigest(config),
  };
  const byDataset = new Map(datasets.map((d) => [d.slug, d.files]));
  const catalog = [...catalogQuads({ spec: config.catalog, iris, publisher, accepted: config.accepted, files: byDataset, manifest }), ...voidCatalogLinks(iris, datasets)];
  const catalogFiles: ReleaseFile[] = [
    { path: CATALOG_FILE, bytes: Buffer.from(await toTurtle(catalog, CATALOG_PREFIXES)), mediaType: 'text/turtle', fileType: 'RDF_TURTLE', title: catalogTitle },
    { path: 'catalog.rdf', bytes: Buffer.from(await toRdfXml(catalog, CATALOG_PREFIXES)), mediaType: 'application/rdf+xml', fileType: 'RDF_XML', title: catalogTitle },
    { path: VOID_FILE, bytes: Buffer.from(await toTurtle(voidQuads(iris, datasets), VOID_PREFIXES(iris))), mediaType: 'text/turtle', fileType: 'RDF_TURTLE', title: { nl: 'VoID-beschrijving', en: 'VoID description' } },
    { path: 'catalog.jsonld', bytes: Buffer.from(await toJsonLd(catalog, prefixContext(CATALOG_PREFIXES))), mediaType: 'application/ld+json', fileType: 'JSON_LD', title: catalogTitle },
  ];
  const manifestFile: ReleaseFile = { path: MANIFEST, bytes: json(manifest), mediaType: 'application/json', fileType: 'JSON', title: { nl: 'Manifest', en: 'Manifest' } };
  return {
    base: iris.base,
    catalogIri: iris.catalog(config.catalog.catalog.id),
    catalog,
    vocabulary,
    datasets: datasets.map(({ slug, iri, file, triples, stats, identities, use }) => ({ slug, iri, file, triples, stats, identities, use })),
    manifest,
    files: [...dataFiles, ...pages, ...catalogFiles, manifestFile],
    parts,
  };
}
