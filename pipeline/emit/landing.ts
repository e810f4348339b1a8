// The landing page of one dataset, in Dutch (`<slug>/index.html`) and English (`<slug>/index.en.html`): metadata, charts, downloads, actions and their progress.
// Built as a hast tree and serialised by hast-util-to-html, so every text from the data is escaped by the library.
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { posix } from 'node:path';
import type { CatalogSpec, DatasetSpec } from '../config.js';
import type { Iris } from '../iris.js';
import type { ActionRow, Dataset, ProgressRow, UpdateRow } from '../model.js';
import type { Lang } from './charts.js';
import { dateElement, joined, navItem, organisationList, organisationNames, publication, repeated, statusBadge, text, textBlocks, th } from './landing-parts.js';
import { pageUrl, schemaOrg, scriptJson } from './landing-schema.js';
import { CSS } from './landing-style.js';
import { LANGS, TEXT, formatLabel, kilobytes, labelOf, landingPath, type Words } from './landing-text.js';

export { kilobytes, landingPath, LANGS } from './landing-text.js';
export { textBlocks } from './landing-parts.js';
export { schemaOrg, scriptJson } from './landing-schema.js';

export interface LandingFile {
  /** Path inside the release, with `/` separators. */
  path: string;
  title: { nl: string; en: string };
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
  const { dataset, spec, iris } = input;
  const lang = input.lang ?? 'nl';
  const t = TEXT[lang];
  const here = posix.dirname(input.pagePath);
  const rel = (releasePath: string) => posix.relative(here, releasePath) || posix.basename(releasePath);
  const inSlug = (name: string) => rel(`${spec.slug}/${name}`);
  const other = LANGS.find((l) => l !== lang)!;
  const alternates = LANGS.map((l) => h('link', { rel: 'alternate', hrefLang: l, href: pageUrl(iris, landingPath(spec.slug, l)) }));

  const head = h('head', {}, [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', {}, spec.title[lang]),
    h('meta', { name: 'description', content: spec.description[lang] }),
    h('link', { rel: 'canonical', href: pageUrl(iris, input.pagePath) }),
    ...alternates,
    h('link', { rel: 'alternate', hrefLang: 'x-default', href: pageUrl(iris, landingPath(spec.slug, 'nl')) }),
    h('link', { rel: 'alternate', type: 'text/turtle', href: inSlug('dataset.ttl'), title: 'Dataset (Turtle)' }),
    h('link', { rel: 'alternate', type: 'application/ld+json', href: inSlug('dataset.jsonld'), title: 'Dataset (JSON-LD)' }),
    h('link', { rel: 'alternate', type: 'application/n-triples', href: inSlug('dataset.nt'), title: 'Dataset (N-Triples)' }),
    h('style', {}, CSS),
    h('script', { type: 'application/ld+json' }, scriptJson(schemaOrg(input))),
  ]);

  const charts = input.charts ?? [];
  const body = h('body', {}, [
    h('header', {}, [
      h('p', { className: ['lang'] }, h('a', { href: rel(landingPath(spec.slug, other)), hrefLang: other, lang: other, rel: ['alternate'] }, t.otherLanguage)),
      h('p', { className: ['kicker'] }, [input.catalog.catalog.title[lang]]),
      h('h1', {}, spec.title[lang]),
      h('p', { className: ['lead'] }, spec.description[lang]),
      h('nav', { ariaLabel: t.contents }, [
        h('ul', {}, [
          navItem('#gegevens', t.metadata),
          ...(charts.length ? [navItem('#in-beeld', t.charts)] : []),
          navItem('#downloads', t.downloads),
          navItem('#actiepunten', t.actions),
          navItem('#voortgang', t.progress),
        ]),
      ]),
    ]),
    h('main', {}, [
      metadataSection(input, t, lang),
      ...(charts.length ? [chartsSection(dataset, charts, rel, t)] : []),
      downloadsSection(input, rel, t, lang),
      actionsSection(dataset, t),
      progressSection(dataset, t, lang),
    ]),
    h('footer', {}, [
      h('p', {}, [
        t.footer[0]!,
        h('a', { href: rel('catalog.ttl') }, t.footer[1]!),
        t.footer[2]!,
        h('a', { href: rel('catalog.jsonld') }, 'JSON-LD'),
        t.footer[3]!,
        h('a', { href: rel('catalog.rdf') }, 'RDF/XML'),
        t.footer[4]!,
      ]),
    ]),
  ]);

  const tree: Root = { type: 'root', children: [{ type: 'doctype' }, h('html', { lang }, [head, body])] };
  return `${toHtml(tree)}\n`;
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
function chartsSection(dataset: Dataset, charts: LandingChart[], rel: (path: string) => string, t: Words): Element {
  return h('section', { id: 'in-beeld', ariaLabelledBy: 'in-beeld-kop' }, [
    h('h2', { id: 'in-beeld-kop' }, t.charts),
    h('p', {}, t.chartsIntro),
    ...charts.map((chart) =>
      h('figure', { className: ['chart'], id: `grafiek-${chart.kind}` }, [
        h('img', { src: rel(chart.path), alt: chart.alt, ariaDescribedBy: `grafiek-${chart.kind}-tabel` }),
        h('figcaption', {}, [h('strong', {}, chart.title), text(`. ${chart.alt} `), h('a', { href: rel(chart.path), type: 'image/svg+xml' }, t.chartFile)]),
        h('details', {}, [h('summary', {}, t.asTable), h('div', { className: ['scroll'] }, chart.kind === 'status' ? statusTable(dataset, t) : themesTable(dataset, t))]),
      ]),
    ),
  ]);
}

/** The status chart as a table: one row per action, one column per update. */
function statusTable(dataset: Dataset, t: Words): Element {
  const updates = [...new Set(dataset.progress.map((p) => p.updateNumber))].sort((a, b) => a - b);
  const status = new Map(dataset.progress.map((p) => [`${p.actionNumber}/${p.updateNumber}`, p.status]));
  return h('table', { id: 'grafiek-status-tabel' }, [
    h('thead', {}, h('tr', {}, [th(t.number, ['num']), th(t.action), ...updates.map((u) => th(`Update #${u}`))])),
    h(
      'tbody',
      {},
      dataset.actions.map((a) =>
        h('tr', {}, [h('td', { className: ['num'] }, String(a.actionNumber)), h('td', {}, a.title), ...updates.map((u) => h('td', {}, statusOrDash(status.get(`${a.actionNumber}/${u}`), t)))]),
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

function actionsSection(dataset: Dataset, t: Words): Element {
  const names = organisationNames(dataset);
  const themes = new Map(dataset.themes.map((theme) => [theme.numeral, theme]));
  return h('section', { id: 'actiepunten', ariaLabelledBy: 'actiepunten-kop' }, [
    h('h2', { id: 'actiepunten-kop' }, t.actions),
    h('p', {}, t.actionsIntro(dataset.actions.length)),
    h('ul', { className: ['themes'] }, dataset.themes.map((theme) => h('li', {}, [h('span', { className: ['numeral'] }, theme.numeral), ` ${theme.name} (${theme.actionCount})`]))),
    h('div', { className: ['scroll'] }, [
      h('table', { className: ['actions'] }, [
        h('caption', {}, t.actionsCaption(dataset.actions.length)),
        h('thead', {}, h('tr', {}, [th(t.number, ['num']), th(t.action), th(t.theme), th(t.holders), th(t.partners), th(t.latestStatus), th(t.commitment)])),
        h(
          'tbody',
          {},
          dataset.actions.map((action) => {
            const theme = action.themeNumeral ? themes.get(action.themeNumeral) : undefined;
            return h('tr', { id: `actie-${action.actionNumber}` }, [
              h('td', { className: ['num'] }, String(action.actionNumber)),
              h('td', {}, h('a', { href: `#actiepunt-${action.actionNumber}` }, action.title)),
              h('td', {}, theme ? `${theme.numeral} ${theme.name}` : (action.themeNumeral ?? '–')),
              h('td', {}, organisationList(action.actionHolders, names)),
              h('td', {}, organisationList(action.partners, names)),
              h('td', {}, [statusBadge(action.latestStatus, t), h('br'), h('small', {}, `update #${action.latestUpdate}`)]),
              h('td', {}, action.ogpCommitmentUrl ? h('a', { href: action.ogpCommitmentUrl }, action.ogpCommitmentId ?? action.ogpCommitmentUrl) : (action.ogpCommitmentId ?? '–')),
            ]);
          }),
        ),
      ]),
    ]),
  ]);
}

function progressSection(dataset: Dataset, t: Words, lang: Lang): Element {
  const updates = new Map(dataset.updates.map((u) => [u.updateNumber, u]));
  const groups: { heading: string; actions: ActionRow[] }[] = dataset.themes.map((theme) => ({
    heading: t.themeHeading(theme.numeral, theme.name),
    actions: dataset.actions.filter((a) => a.themeNumeral === theme.numeral),
  }));
  const known = new Set(dataset.themes.map((theme) => theme.numeral));
  const rest = dataset.actions.filter((a) => a.themeNumeral === null || !known.has(a.themeNumeral));
  if (rest.length) groups.push({ heading: t.noTheme, actions: rest });
  return h('section', { id: 'voortgang', ariaLabelledBy: 'voortgang-kop' }, [
    h('h2', { id: 'voortgang-kop' }, t.progress),
    ...groups
      .filter((g) => g.actions.length > 0)
      .flatMap((g) => [
        h('h3', {}, g.heading),
        ...g.actions.map((action) => {
          const entries = dataset.progress.filter((p) => p.actionNumber === action.actionNumber).sort((a, b) => a.updateNumber - b.updateNumber);
          return h('article', { id: `actiepunt-${action.actionNumber}`, className: ['action'] }, [
            h('h4', {}, [h('span', { className: ['numeral'] }, String(action.actionNumber)), ` ${action.title}`]),
            h('ol', { className: ['timeline'] }, entries.map((entry) => timelineEntry(entry, updates.get(entry.updateNumber), t, lang))),
          ]);
        }),
      ]),
  ]);
}

function timelineEntry(entry: ProgressRow, update: UpdateRow | undefined, t: Words, lang: Lang): Element {
  const source = update && /^https?:\/\//.test(update.source) ? [text(' · '), h('a', { href: update.source }, t.source)] : [];
  return h('li', {}, [
    h('p', { className: ['when'] }, [h('strong', {}, `Update #${entry.updateNumber}`), text(t.published), ...publication(update, t, lang), text(' · '), statusBadge(entry.status, t), ...repeated(entry, t, lang), ...source]),
    ...textBlocks(entry.text, t.noText),
  ]);
}

