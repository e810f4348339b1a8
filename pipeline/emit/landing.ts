// The landing page of one dataset (`<slug>/index.html`): metadata, downloads, actions and their progress, in Dutch.
import { MONTHS } from '../lib/dates.js';
// Built as a hast tree and serialised by hast-util-to-html, so every text from the data is escaped by the library.
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { posix } from 'node:path';
import type { CatalogSpec, DatasetSpec } from '../config.js';
import type { Iris } from '../iris.js';
import type { ActionRow, Dataset, ProgressRow, UpdateRow } from '../model.js';

export interface LandingFile {
  /** Path inside the release, with `/` separators. */
  path: string;
  title: { nl: string; en: string };
  mediaType: string;
  bytes: number;
  /** The key of FILE_TYPES (`CSV`, `JSON`, `RDF_TURTLE`, …). */
  fileType: string;
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
}

/** The landing page as a complete HTML document (UTF-8, `lang="nl"`). */
export function landingPage(input: LandingInput): string {
  const { dataset, spec } = input;
  const here = posix.dirname(input.pagePath);
  const rel = (releasePath: string) => posix.relative(here, releasePath) || posix.basename(releasePath);
  const inSlug = (name: string) => rel(`${spec.slug}/${name}`);

  const head = h('head', {}, [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', {}, spec.title.nl),
    h('meta', { name: 'description', content: spec.description.nl }),
    h('link', { rel: 'canonical', href: pageUrl(input) }),
    h('link', { rel: 'alternate', type: 'text/turtle', href: inSlug('dataset.ttl'), title: 'Dataset (Turtle)' }),
    h('link', { rel: 'alternate', type: 'application/ld+json', href: inSlug('dataset.jsonld'), title: 'Dataset (JSON-LD)' }),
    h('link', { rel: 'alternate', type: 'application/n-triples', href: inSlug('dataset.nt'), title: 'Dataset (N-Triples)' }),
    h('style', {}, CSS),
    h('script', { type: 'application/ld+json' }, scriptJson(schemaOrg(input))),
  ]);

  const body = h('body', {}, [
    h('header', {}, [
      h('p', { className: ['kicker'] }, [input.catalog.catalog.title.nl]),
      h('h1', {}, spec.title.nl),
      h('p', { className: ['lead'] }, spec.description.nl),
      h('nav', { ariaLabel: 'Inhoud' }, [
        h('ul', {}, [
          navItem('#gegevens', 'Gegevens'),
          navItem('#downloads', 'Downloads'),
          navItem('#actiepunten', 'Actiepunten'),
          navItem('#voortgang', 'Voortgang per actiepunt'),
        ]),
      ]),
    ]),
    h('main', {}, [metadataSection(input), downloadsSection(input, rel), actionsSection(dataset), progressSection(dataset)]),
    h('footer', {}, [
      h('p', {}, [
        'Deze pagina hoort bij de release van ',
        h('a', { href: rel('catalog.ttl') }, 'de DCAT-catalogus'),
        ' (ook als ',
        h('a', { href: rel('catalog.jsonld') }, 'JSON-LD'),
        ' en ',
        h('a', { href: rel('catalog.rdf') }, 'RDF/XML'),
        '). Gemaakt met ontsluit; de gegevens zijn vrij te hergebruiken.',
      ]),
    ]),
  ]);

  const tree: Root = { type: 'root', children: [{ type: 'doctype' }, h('html', { lang: 'nl' }, [head, body])] };
  return `${toHtml(tree)}\n`;
}

// --- sections -------------------------------------------------------------------------------------

function metadataSection({ dataset, spec, catalog, iris, dates, publisherName }: LandingInput): Element {
  const contact = catalog.contactPoint;
  const rows: [string, ElementContent | ElementContent[]][] = [
    ['Uitgever', text(publisherName)],
    ['Contact', [text(`${contact.name}: `), h('a', { href: `mailto:${contact.email}` }, contact.email), text(', '), h('a', { href: `tel:${contact.telephone.replace(/\s+/g, '')}` }, contact.telephone)]],
    ['Licentie', [h('a', { href: spec.license, rel: ['license'] }, labelOf(spec.license, catalog)), text(`. ${spec.rights.nl}`)]],
    ['Thema’s', joined(spec.themes.map((t) => h('a', { href: t }, labelOf(t, catalog))))],
    ['Trefwoorden', h('ul', { className: ['tags'] }, spec.keywords.nl.map((word) => h('li', {}, word)))],
    ['Gebied', h('a', { href: spec.spatial }, labelOf(spec.spatial, catalog))],
    ['Periode', text(spec.temporal.start === spec.temporal.end ? spec.temporal.start : `${spec.temporal.start} – ${spec.temporal.end}`)],
    ['Frequentie', h('a', { href: spec.frequency }, labelOf(spec.frequency, catalog))],
    ['Uitgegeven', dateElement(dates.issued)],
    ['Gewijzigd', dateElement(dates.modified)],
    ['Identificatie', [h('a', { href: iris.dataset(spec.slug) }, h('code', {}, iris.dataset(spec.slug)))]],
    ['Actieplan', [text(`${dataset.plan.title} (OGP: ${dataset.plan.ogpActionPlan}). `), h('a', { href: spec.planPage }, 'Over het actieplan')]],
    ['Omvang', text(`${dataset.actions.length} actiepunten, ${dataset.themes.length} thema’s, ${dataset.updates.length} ${dataset.updates.length === 1 ? 'update' : 'updates'}`)],
  ];
  return h('section', { id: 'gegevens', ariaLabelledBy: 'gegevens-kop' }, [
    h('h2', { id: 'gegevens-kop' }, 'Gegevens'),
    h('dl', { className: ['meta'] }, rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, Array.isArray(value) ? value : [value])])),
  ]);
}

function downloadsSection({ files }: LandingInput, rel: (path: string) => string): Element {
  return h('section', { id: 'downloads', ariaLabelledBy: 'downloads-kop' }, [
    h('h2', { id: 'downloads-kop' }, 'Downloads'),
    h('p', {}, 'Alle bestanden zijn UTF-8. CSV-bestanden hebben een kopregel en een CSVW-beschrijving; de RDF-bestanden beschrijven dezelfde gegevens als de tabellen.'),
    h('div', { className: ['scroll'] }, [
      h('table', { className: ['downloads'] }, [
        h('caption', {}, `${files.length} bestanden`),
        h('thead', {}, h('tr', {}, [th('Bestand'), th('Formaat'), th('Mediatype'), th('Grootte', ['num']), th('Download')])),
        h(
          'tbody',
          {},
          files.map((file) =>
            h('tr', {}, [
              h('td', {}, file.title.nl),
              h('td', {}, formatLabel(file.fileType)),
              h('td', {}, h('code', {}, file.mediaType)),
              h('td', { className: ['num'] }, h('data', { value: String(file.bytes) }, kilobytes(file.bytes))),
              h('td', {}, h('a', { href: rel(file.path), type: file.mediaType }, posix.basename(file.path))),
            ]),
          ),
        ),
      ]),
    ]),
  ]);
}

function actionsSection(dataset: Dataset): Element {
  const names = organisationNames(dataset);
  const themes = new Map(dataset.themes.map((t) => [t.numeral, t]));
  return h('section', { id: 'actiepunten', ariaLabelledBy: 'actiepunten-kop' }, [
    h('h2', { id: 'actiepunten-kop' }, 'Actiepunten'),
    h('p', {}, `De ${dataset.actions.length} actiepunten met hun laatste status, per thema:`),
    h(
      'ul',
      { className: ['themes'] },
      dataset.themes.map((t) => h('li', {}, [h('span', { className: ['numeral'] }, t.numeral), ` ${t.name} (${t.actionCount})`])),
    ),
    h('div', { className: ['scroll'] }, [
      h('table', { className: ['actions'] }, [
        h('caption', {}, `${dataset.actions.length} actiepunten`),
        h('thead', {}, h('tr', {}, [th('Nr.', ['num']), th('Actiepunt'), th('Thema'), th('Actiehouders'), th('Partners'), th('Laatste status'), th('OGP-commitment')])),
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
              h('td', {}, [statusBadge(action.latestStatus), h('br'), h('small', {}, `update #${action.latestUpdate}`)]),
              h('td', {}, action.ogpCommitmentUrl ? h('a', { href: action.ogpCommitmentUrl }, action.ogpCommitmentId ?? action.ogpCommitmentUrl) : (action.ogpCommitmentId ?? '–')),
            ]);
          }),
        ),
      ]),
    ]),
  ]);
}

function progressSection(dataset: Dataset): Element {
  const updates = new Map(dataset.updates.map((u) => [u.updateNumber, u]));
  const groups: { heading: string; actions: ActionRow[] }[] = dataset.themes.map((t) => ({
    heading: `Thema ${t.numeral}: ${t.name}`,
    actions: dataset.actions.filter((a) => a.themeNumeral === t.numeral),
  }));
  const known = new Set(dataset.themes.map((t) => t.numeral));
  const rest = dataset.actions.filter((a) => a.themeNumeral === null || !known.has(a.themeNumeral));
  if (rest.length) groups.push({ heading: 'Zonder thema', actions: rest });
  return h('section', { id: 'voortgang', ariaLabelledBy: 'voortgang-kop' }, [
    h('h2', { id: 'voortgang-kop' }, 'Voortgang per actiepunt'),
    ...groups
      .filter((g) => g.actions.length > 0)
      .flatMap((g) => [
        h('h3', {}, g.heading),
        ...g.actions.map((action) => {
          const entries = dataset.progress.filter((p) => p.actionNumber === action.actionNumber).sort((a, b) => a.updateNumber - b.updateNumber);
          return h('article', { id: `actiepunt-${action.actionNumber}`, className: ['action'] }, [
            h('h4', {}, [h('span', { className: ['numeral'] }, String(action.actionNumber)), ` ${action.title}`]),
            h('ol', { className: ['timeline'] }, entries.map((entry) => timelineEntry(entry, updates.get(entry.updateNumber)))),
          ]);
        }),
      ]),
  ]);
}

function timelineEntry(entry: ProgressRow, update: UpdateRow | undefined): Element {
  const source = update && /^https?:\/\//.test(update.source) ? [text(' · '), h('a', { href: update.source }, 'bron')] : [];
  return h('li', {}, [
    h('p', { className: ['when'] }, [h('strong', {}, `Update #${entry.updateNumber}`), text(' · gepubliceerd: '), ...publication(update), text(' · '), statusBadge(entry.status), ...repeated(entry), ...source]),
    ...textBlocks(entry.text),
  ]);
}

// --- pieces ---------------------------------------------------------------------------------------

/** The publication date of an update, or what the text supports: "onbekend (niet vóór 21 juni 2021)". */
function publication(update: UpdateRow | undefined): ElementContent[] {
  if (!update) return [text('onbekend')];
  if (update.published) return [dateElement(update.published)];
  const bounds: ElementContent[][] = [];
  if (update.publishedNotBefore) bounds.push([text('niet vóór '), dateElement(update.publishedNotBefore)]);
  if (update.publishedNotAfter) bounds.push([text('niet na '), dateElement(update.publishedNotAfter)]);
  if (bounds.length === 0) return [text('onbekend')];
  return [text('onbekend ('), ...bounds.flatMap((b, i) => (i === 0 ? b : [text(', '), ...b])), text(')')];
}

function repeated(entry: ProgressRow): ElementContent[] {
  if (entry.status !== 'repeated') return [];
  if (entry.repeatsUpdate !== null) return [text(` (herhaling van update #${entry.repeatsUpdate})`)];
  if (entry.repeatedFrom) return [text(' (tekst van '), dateElement(entry.repeatedFrom), text(')')];
  return [];
}

/** Splits a text on blank lines; lines starting with "- " become list items, other lines paragraphs. */
export function textBlocks(value: string): Element[] {
  const out: Element[] = [];
  for (const block of value.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n+/)) {
    let paragraph: string[] = [];
    let items: string[] = [];
    const flush = () => {
      if (paragraph.length) out.push(h('p', {}, paragraph.join(' ')));
      if (items.length) out.push(h('ul', {}, items.map((item) => h('li', {}, item))));
      paragraph = [];
      items = [];
    };
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith('- ')) {
        if (paragraph.length) flush();
        items.push(line.slice(2).trim());
      } else {
        if (items.length) flush();
        paragraph.push(line);
      }
    }
    flush();
  }
  if (out.length === 0) out.push(h('p', { className: ['empty'] }, 'Geen tekst in deze update.'));
  return out;
}

const STATUS: Record<string, { label: string; kind: string }> = {
  new: { label: 'nieuw', kind: 'new' },
  'no-update': { label: 'geen update', kind: 'none' },
  repeated: { label: 'herhaald', kind: 'repeated' },
};

function statusBadge(status: string): Element {
  const known = STATUS[status];
  return h('span', { className: ['status', `status-${known?.kind ?? 'other'}`] }, known?.label ?? status);
}

function organisationNames(dataset: Dataset): Map<string, string> {
  return new Map(dataset.organisations.map((o) => [o.id, o.abbreviation && o.abbreviation !== o.name ? `${o.name} (${o.abbreviation})` : o.name]));
}

function organisationList(ids: string[], names: Map<string, string>): Element | string {
  if (ids.length === 0) return '–';
  return h('ul', { className: ['orgs'] }, ids.map((id) => h('li', {}, names.get(id) ?? id)));
}

/** `2021-06-21` as `<time datetime="2021-06-21">21 juni 2021</time>`; other values as they are. */
function dateElement(iso: string): Element {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return h('time', { dateTime: iso }, m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso);
}

/** Bytes as Dutch kilobytes (1 kB = 1000 bytes), one decimal: `12,3 kB`. */
export function kilobytes(bytes: number): string {
  const kb = Math.max(bytes > 0 ? 0.1 : 0, Math.round(bytes / 100) / 10);
  return `${kb.toFixed(1).replace('.', ',')} kB`;
}

const FORMATS: Record<string, string> = {
  CSV: 'CSV',
  JSON: 'JSON',
  RDF_TURTLE: 'Turtle',
  RDF_N_TRIPLES: 'N-Triples',
  JSON_LD: 'JSON-LD',
  RDF_XML: 'RDF/XML',
};

const formatLabel = (fileType: string) => FORMATS[fileType] ?? fileType;

const EU = 'http://publications.europa.eu/resource/authority/';
const LABELS: Record<string, string> = {
  [`${EU}country/NLD`]: 'Nederland',
  [`${EU}frequency/IRREG`]: 'onregelmatig',
  [`${EU}frequency/QUARTERLY`]: 'per kwartaal',
  [`${EU}frequency/MONTHLY`]: 'maandelijks',
  [`${EU}frequency/ANNUAL`]: 'jaarlijks',
  [`${EU}frequency/WEEKLY`]: 'wekelijks',
  [`${EU}frequency/DAILY`]: 'dagelijks',
  [`${EU}frequency/UNKNOWN`]: 'onbekend',
  'http://creativecommons.org/publicdomain/zero/1.0/deed.nl': 'CC0 1.0 (publiek domein)',
  'http://creativecommons.org/publicdomain/zero/1.0/': 'CC0 1.0 (publiek domein)',
  'http://creativecommons.org/licenses/by/4.0/deed.nl': 'CC BY 4.0',
};

/** A Dutch label for a controlled-vocabulary IRI: the catalog's own labels, a few known ones, else the IRI's last segment. */
function labelOf(uri: string, catalog: CatalogSpec): string {
  return catalog.conceptLabels[uri]?.nl ?? LABELS[uri] ?? (uri.split(/[/#]/).filter(Boolean).at(-1) || uri);
}

function joined(items: ElementContent[], separator = ', '): ElementContent[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [text(separator), item]));
}

const text = (value: string): ElementContent => ({ type: 'text', value });
const th = (label: string, className: string[] = []) => h('th', { scope: 'col', className }, label);
const navItem = (href: string, label: string) => h('li', {}, h('a', { href }, label));

// --- schema.org -----------------------------------------------------------------------------------

/** Where the page is served: the release path under the base URL, without a trailing `index.html`. */
function pageUrl({ iris, pagePath }: LandingInput): string {
  return iris.download(pagePath).replace(/(^|\/)index\.html$/, '$1');
}

/** A schema.org Dataset for search engines (Google Dataset Search reads it from the page). */
export function schemaOrg(input: LandingInput): Record<string, unknown> {
  const { spec, catalog, iris, dates, publisherName } = input;
  const organisation = {
    '@type': 'Organization',
    name: publisherName,
    contactPoint: { '@type': 'ContactPoint', name: catalog.contactPoint.name, email: catalog.contactPoint.email, telephone: catalog.contactPoint.telephone, contactType: 'data' },
  };
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    name: spec.title.nl,
    alternateName: spec.title.en,
    description: spec.description.nl,
    url: pageUrl(input),
    identifier: iris.dataset(spec.slug),
    sameAs: spec.planPage,
    keywords: spec.keywords.nl,
    inLanguage: 'nl',
    license: spec.license,
    isAccessibleForFree: true,
    creator: organisation,
    publisher: organisation,
    datePublished: dates.issued,
    dateModified: dates.modified,
    temporalCoverage: `${spec.temporal.start}/${spec.temporal.end}`,
    spatialCoverage: labelOf(spec.spatial, catalog),
    includedInDataCatalog: { '@type': 'DataCatalog', name: catalog.catalog.title.nl, url: iris.download('catalog.ttl') },
    distribution: input.files.map((file) => ({
      '@type': 'DataDownload',
      name: file.title.nl,
      contentUrl: iris.download(file.path),
      encodingFormat: file.mediaType,
      contentSize: `${file.bytes} B`,
    })),
  };
}

/**
 * JSON for a `<script>` element: `<`, `>` and `&` as `\u` escapes, so no `</script>` or `<!--` in
 * the data can end or change the element; U+2028/U+2029 too. The JSON value is unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// --- style ----------------------------------------------------------------------------------------

const CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #d7dbe0; --accent: #154273; --soft: #f3f6f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 2rem; }
header::after { content: ""; display: block; border-bottom: 4px solid var(--accent); margin-top: 1rem; }
.kicker { margin: 0; color: var(--muted); font-size: .9rem; text-transform: uppercase; letter-spacing: .04em; }
h1 { margin: .2rem 0 .6rem; font-size: 2rem; line-height: 1.2; color: var(--accent); }
h2 { margin: 2.5rem 0 .75rem; font-size: 1.5rem; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
h3 { margin: 2rem 0 .5rem; font-size: 1.2rem; }
h4 { margin: 0 0 .5rem; font-size: 1.05rem; }
.lead { font-size: 1.1rem; max-width: 52rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; }
a { color: var(--accent); }
code { font-size: .85em; overflow-wrap: anywhere; }
td code { white-space: nowrap; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.25rem; margin: 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
ul.tags { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .3rem; }
ul.tags li { background: var(--soft); border: 1px solid var(--line); border-radius: 1rem; padding: 0 .6rem; font-size: .9rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); border-bottom: 2px solid var(--accent); white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
.num { text-align: right; white-space: nowrap; }
ul.orgs { margin: 0; padding-left: 1rem; }
ul.themes { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
.numeral { display: inline-block; min-width: 1.8rem; text-align: center; background: var(--accent); color: #fff; border-radius: .25rem; font-size: .85rem; padding: 0 .3rem; }
.status { display: inline-block; border-radius: .25rem; padding: 0 .4rem; font-size: .85rem; border: 1px solid currentColor; }
.status-new { color: #1e6b2f; background: #e8f5eb; }
.status-none { color: #6b5a1e; background: #fbf5e0; }
.status-repeated { color: #4b4f54; background: #eef0f2; }
article.action { border: 1px solid var(--line); border-radius: .4rem; padding: 1rem 1.25rem; margin: 1rem 0; }
ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 3px solid var(--line); }
ol.timeline > li { position: relative; padding: 0 0 .5rem .5rem; }
ol.timeline > li > p, ol.timeline > li > ul { max-width: 52rem; }
ol.timeline > li::before { content: ""; position: absolute; left: calc(-1rem - 1.5px - .375rem); top: .45rem; width: .75rem; height: .75rem; border-radius: 50%; background: var(--accent); }
.when { color: var(--muted); margin: 0 0 .4rem; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
`;
