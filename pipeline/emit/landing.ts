// The landing page of one dataset, in Dutch (`<slug>/index.html`) and English (`<slug>/index.en.html`): metadata, charts, downloads and the actions with their latest status.
import type { Element, ElementContent } from 'hast';
import { h } from '../vendor/html.js';
import { posix } from 'node:path';
import type { CatalogSpec, DatasetSpec } from '../config.js';
import type { Iris } from '../iris.js';
import type { Dataset } from '../model.js';
import { actionPagesIn } from './action-page.js';
import { STATUSES, statusCounts, statusView } from './charts.js';
import { actionListPages, actionsSection } from './landing-actions.js';
import { dateElement, joined, navItem, statusBadge, text, th } from './landing-parts.js';
import { schemaOrg, scriptJson } from './landing-schema.js';
import { page, relativeTo, type PageFile, type PagesInput } from './landing-shell.js';
import { TEXT, formatLabel, kilobytes, labelOf, landingPath, type Words } from './landing-text.js';
import type { Bilingual, Lang } from './lang.js';

export { kilobytes, landingPath } from './landing-text.js';
export { textBlocks } from './landing-parts.js';
export { schemaOrg, scriptJson } from './landing-schema.js';
export type { PageFile } from './landing-shell.js';

export interface LandingFile {
  /** Path inside the release, with `/` separators. */
  path: string;
  title: Bilingual;
  mediaType: string;
  bytes: number;
  /** The key of FILE_TYPES (`CSV`, `JSON`, `RDF_TURTLE`, …). */
  fileType: string;
}

/** A chart on the page: the SVG file next to the page, its text alternative and the title above it. */
export interface LandingChart {
  kind: 'status' | 'themes';
  /** Path inside the release of the SVG file. */
  path: string;
  alt: string;
  title: string;
}

export interface LandingInput {
  dataset: Dataset;
  spec: DatasetSpec;
  catalog: CatalogSpec;
  iris: Iris;
  /** The files of the dataset, in the order the downloads table lists them. */
  files: LandingFile[];
  /** The dataset's dct:issued and dct:modified (YYYY-MM-DD). */
  dates: { issued: string; modified: string };
  publisherName: string;
  /** Where the page itself sits in the release, e.g. `actieplan-open-overheid-2020-2022/index.html`. */
  pagePath: string;
  /** The language of the page; Dutch when not given. */
  lang?: Lang;
  /** The charts in the page's language (none: no chart section). */
  charts?: LandingChart[];
}

/** The landing page as a complete HTML document (UTF-8, `lang` of the page, `hreflang` links to every language). */
export function landingPage(input: LandingInput): string {
  const { dataset, spec } = input;
  const lang = input.lang ?? 'nl';
  const t = TEXT[lang];
  const rel = relativeTo(input.pagePath);
  const inSlug = (name: string) => rel(`${spec.slug}/${name}`);
  const charts = input.charts ?? [];
  return page({
    iris: input.iris,
    lang,
    pagePath: input.pagePath,
    languages: { nl: landingPath(spec.slug, 'nl'), en: landingPath(spec.slug, 'en') },
    title: spec.title[lang],
    description: spec.description[lang],
    links: [
      h('link', { rel: 'alternate', type: 'text/turtle', href: inSlug('dataset.ttl'), title: 'Dataset (Turtle)' }),
      h('link', { rel: 'alternate', type: 'application/ld+json', href: inSlug('dataset.jsonld'), title: 'Dataset (JSON-LD)' }),
      h('link', { rel: 'alternate', type: 'application/n-triples', href: inSlug('dataset.nt'), title: 'Dataset (N-Triples)' }),
    ],
    data: [h('script', { type: 'application/ld+json' }, scriptJson(schemaOrg(input)))],
    header: [
      h('p', { className: ['kicker'] }, [input.catalog.catalog.title[lang]]),
      h('h1', {}, spec.title[lang]),
      h('p', { className: ['lead'] }, spec.description[lang]),
      h('nav', { ariaLabel: t.contents }, [
        h('ul', {}, [navItem('#gegevens', t.metadata), ...(charts.length ? [navItem('#in-beeld', t.charts)] : []), navItem('#downloads', t.downloads), navItem('#actiepunten', t.actions)]),
      ]),
    ],
    main: [
      metadataSection(input, t, lang),
      ...(charts.length ? [chartsSection(dataset, charts, rel, t, lang)] : []),
      downloadsSection(input, rel, t, lang),
      actionsSection({ dataset, slug: spec.slug, lang, page: 1, rel }),
    ],
  });
}

/**
 * Every page of a dataset in one language, one at a time: the landing page, the further lists of actions
 * (more than ACTIONS_PER_LIST) and the page of each action with its history pages. Each page is bounded in size.
 */
export function landingPages(input: LandingInput): Generator<PageFile> {
  return datasetPages([input]);
}

/**
 * `landingPages` of one dataset in each of the inputs' languages: each language's landing page and lists, then the
 * action pages an action at a time in every language (`actionPagesIn`), which share its progress texts.
 */
export function* datasetPages(inputs: LandingInput[]): Generator<PageFile> {
  const lists: PagesInput[] = [];
  for (const input of inputs) {
    const lang = input.lang ?? 'nl';
    const { dataset, spec } = input;
    const title = lang === 'nl' ? { nl: `${dataset.plan.title}: overzicht`, en: `${dataset.plan.titleEn}: overview` } : { nl: `${dataset.plan.title}: overzicht in het Engels`, en: `${dataset.plan.titleEn}: overview in English` };
    yield { path: input.pagePath, html: landingPage(input), title };
    const list = { dataset, spec, catalog: input.catalog, iris: input.iris, lang };
    yield* actionListPages(list);
    lists.push(list);
  }
  yield* actionPagesIn(lists);
}

// --- sections -------------------------------------------------------------------------------------

function metadataSection({ dataset, spec, catalog, iris, dates, publisherName }: LandingInput, t: Words, lang: Lang): Element {
  const contact = catalog.contactPoint;
  const rows: [string, ElementContent | ElementContent[]][] = [
    [t.publisher, text(publisherName)],
    [t.contact, [text(`${contact.name}: `), h('a', { href: `mailto:${contact.email}` }, contact.email), text(', '), h('a', { href: `tel:${contact.telephone.replace(/\s+/g, '')}` }, contact.telephone)]],
    [t.licence, [h('a', { href: spec.license, rel: ['license'] }, labelOf(spec.license, catalog, lang)), text(`. ${spec.rights[lang]}`)]],
    [t.themes, joined(spec.themes.map((theme) => h('a', { href: theme }, labelOf(theme, catalog, lang))))],
    [t.keywords, h('ul', { className: ['tags'] }, spec.keywords[lang].map((word) => h('li', {}, word)))],
    [t.spatial, h('a', { href: spec.spatial }, labelOf(spec.spatial, catalog, lang))],
    [t.period, text(spec.temporal.start === spec.temporal.end ? spec.temporal.start : `${spec.temporal.start} – ${spec.temporal.end}`)],
    [t.frequency, h('a', { href: spec.frequency }, labelOf(spec.frequency, catalog, lang))],
    [t.issued, dateElement(dates.issued, lang)],
    [t.modified, dateElement(dates.modified, lang)],
    [t.identifier, [h('a', { href: iris.dataset(spec.slug) }, h('code', {}, iris.dataset(spec.slug)))]],
    [t.plan, [text(`${lang === 'nl' ? dataset.plan.title : dataset.plan.titleEn} (OGP: ${dataset.plan.ogpActionPlan}). `), h('a', { href: spec.planPage }, t.aboutPlan)]],
    [t.size, text(t.sizeText(dataset.actions.length, dataset.themes.length, dataset.updates.length))],
  ];
  return h('section', { id: 'gegevens', ariaLabelledBy: 'gegevens-kop' }, [
    h('h2', { id: 'gegevens-kop' }, t.metadata),
    h('dl', { className: ['meta'] }, rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, Array.isArray(value) ? value : [value])])),
  ]);
}

/** The charts as `<img>` of the SVG files next to the page, each with its text alternative: alt, caption and the data as a table. */
function chartsSection(dataset: Dataset, charts: LandingChart[], rel: (path: string) => string, t: Words, lang: Lang): Element {
  return h('section', { id: 'in-beeld', ariaLabelledBy: 'in-beeld-kop' }, [
    h('h2', { id: 'in-beeld-kop' }, t.charts),
    h('p', {}, t.chartsIntro),
    ...charts.map((chart) =>
      h('figure', { className: ['chart'], id: `grafiek-${chart.kind}` }, [
        h('img', { src: rel(chart.path), alt: chart.alt, ariaDescribedBy: `grafiek-${chart.kind}-tabel` }),
        h('figcaption', {}, [h('strong', {}, chart.title), text(`. ${chart.alt} `), h('a', { href: rel(chart.path), type: 'image/svg+xml' }, t.chartFile)]),
        h('details', {}, [h('summary', {}, t.asTable), h('div', { className: ['scroll'] }, chart.kind === 'status' ? statusTable(dataset, t, lang) : themesTable(dataset, t))]),
      ]),
    ),
  ]);
}

/** The status chart as a table, showing what the chart shows: one row per action and a column per shown update, or the counts per update. */
function statusTable(dataset: Dataset, t: Words, lang: Lang): Element {
  const view = statusView(dataset);
  if (view.kind === 'counts') {
    const counts = statusCounts(dataset, view.updates);
    return h('table', { id: 'grafiek-status-tabel' }, [
      h('thead', {}, h('tr', {}, [th(t.update), ...STATUSES.map((s) => th(s[lang], ['num']))])),
      h('tbody', {}, view.updates.map((u) => h('tr', {}, [h('td', {}, `Update #${u}`), ...STATUSES.map((s) => h('td', { className: ['num'] }, String(counts.get(u)!.get(s.status) ?? 0)))]))),
    ]);
  }
  const shown = new Set(view.updates);
  const status = new Map(dataset.progress.filter((p) => shown.has(p.updateNumber)).map((p) => [`${p.actionNumber}/${p.updateNumber}`, p.status]));
  return h('table', { id: 'grafiek-status-tabel' }, [
    h('thead', {}, h('tr', {}, [th(t.number, ['num']), th(t.action), ...view.updates.map((u) => th(`Update #${u}`))])),
    h(
      'tbody',
      {},
      dataset.actions.map((a) =>
        h('tr', {}, [h('td', { className: ['num'] }, String(a.actionNumber)), h('td', {}, a.title), ...view.updates.map((u) => h('td', {}, statusOrDash(status.get(`${a.actionNumber}/${u}`), t)))]),
      ),
    ),
  ]);
}

function themesTable(dataset: Dataset, t: Words): Element {
  return h('table', { id: 'grafiek-themes-tabel' }, [
    h('thead', {}, h('tr', {}, [th(t.theme), th(t.count, ['num'])])),
    h('tbody', {}, dataset.themes.map((theme) => h('tr', {}, [h('td', {}, `${theme.numeral} ${theme.name}`), h('td', { className: ['num'] }, String(theme.actionCount))]))),
  ]);
}

const statusOrDash = (status: string | undefined, t: Words) => (status ? statusBadge(status, t) : '–');

function downloadsSection({ files }: LandingInput, rel: (path: string) => string, t: Words, lang: Lang): Element {
  return h('section', { id: 'downloads', ariaLabelledBy: 'downloads-kop' }, [
    h('h2', { id: 'downloads-kop' }, t.downloads),
    h('p', {}, t.downloadsIntro),
    h('div', { className: ['scroll'] }, [
      h('table', { className: ['downloads'] }, [
        h('caption', {}, t.files(files.length)),
        h('thead', {}, h('tr', {}, [th(t.file), th(t.format), th(t.mediaType), th(t.bytes, ['num']), th(t.download)])),
        h(
          'tbody',
          {},
          files.map((file) =>
            h('tr', {}, [
              h('td', {}, file.title[lang]),
              h('td', {}, formatLabel(file.fileType)),
              h('td', {}, h('code', {}, file.mediaType)),
              h('td', { className: ['num'] }, h('data', { value: String(file.bytes) }, kilobytes(file.bytes, lang))),
              h('td', {}, h('a', { href: rel(file.path), type: file.mediaType }, posix.basename(file.path))),
            ]),
          ),
        ),
      ]),
    ]),
  ]);
}
