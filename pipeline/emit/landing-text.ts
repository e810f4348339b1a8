// The words of the landing page in Dutch and English: headings, labels, statuses, dates, sizes and vocabulary labels.
import { MONTHS } from '../lib/dates.js';
import type { CatalogSpec } from '../config.js';
import type { Bilingual, Lang } from './lang.js';

export { landingPath } from './landing-paths.js';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const TEXT = {
  nl: {
    contents: 'Inhoud',
    metadata: 'Gegevens',
    downloads: 'Downloads',
    charts: 'In beeld',
    actions: 'Actiepunten',
    publisher: 'Uitgever',
    contact: 'Contact',
    licence: 'Licentie',
    themes: 'Thema’s',
    keywords: 'Trefwoorden',
    spatial: 'Gebied',
    period: 'Periode',
    frequency: 'Frequentie',
    issued: 'Uitgegeven',
    modified: 'Gewijzigd',
    identifier: 'Identificatie',
    plan: 'Actieplan',
    aboutPlan: 'Over het actieplan',
    size: 'Omvang',
    sizeText: (actions: number, themes: number, updates: number) => `${actions} actiepunten, ${themes} thema’s, ${updates} ${updates === 1 ? 'update' : 'updates'}`,
    downloadsIntro: 'Alle bestanden zijn UTF-8. CSV-bestanden hebben een kopregel en een CSVW-beschrijving; de RDF-bestanden beschrijven dezelfde gegevens als de tabellen.',
    files: (n: number) => `${n} bestanden`,
    file: 'Bestand',
    format: 'Formaat',
    mediaType: 'Mediatype',
    bytes: 'Grootte',
    download: 'Download',
    actionsIntro: (n: number) => `De ${n} actiepunten met hun laatste status. Elk actiepunt heeft een eigen pagina met zijn updates en voortgangsteksten. Per thema:`,
    actionsCaption: (n: number) => `${n} actiepunten`,
    actionsRange: (first: number, last: number, n: number) => `Actiepunten ${first}–${last} van ${n}`,
    actionLists: 'Pagina’s met actiepunten',
    number: 'Nr.',
    action: 'Actiepunt',
    theme: 'Thema',
    holders: 'Actiehouders',
    partners: 'Partners',
    latestStatus: 'Laatste status',
    commitment: 'OGP-commitment',
    themeHeading: (numeral: string, name: string) => `Thema ${numeral}: ${name}`,
    noTheme: 'Zonder thema',
    published: ' · gepubliceerd: ',
    source: 'bron',
    unknown: 'onbekend',
    notBefore: 'niet vóór ',
    notAfter: 'niet na ',
    repeatsUpdate: (n: number) => ` (herhaling van update #${n})`,
    textFrom: ' (tekst van ',
    noText: 'Geen tekst in deze update.',
    chartsIntro: 'De plaatjes tonen dezelfde gegevens als de tabellen op deze pagina; onder elk plaatje staan ze ook als tekst.',
    asTable: 'Als tabel',
    count: 'Aantal',
    chartFile: 'Plaatje als SVG',
    otherLanguage: 'English',
    footer: ['Deze pagina hoort bij de release van ', 'de DCAT-catalogus', ' (ook als ', ' en ', '). Gemaakt met ontsluit; de gegevens zijn vrij te hergebruiken.'],
    update: 'Update',
    actionPageTitle: (n: number, title: string, dataset: string) => `Actiepunt ${n}: ${title} · ${dataset}`,
    actionPageDescription: (n: number, plan: string) => `Actiepunt ${n} van het ${plan}: gegevens, laatste status en de voortgang per update.`,
    actionPageFileTitle: (n: number) => `Actiepunt ${n}: pagina`,
    historyPageFileTitle: (n: number, from: number, to: number) => `Actiepunt ${n}: updates #${from}–#${to}`,
    updates: 'Updates',
    updatesText: (n: number, first: number, last: number) => (n === 1 ? `1 update (#${first})` : `${n} updates (#${first} tot en met #${last})`),
    actionProgress: 'Voortgang',
    progressAll: (n: number) => (n === 1 ? 'De enige update met dit actiepunt.' : `Alle ${n} updates met dit actiepunt, de oudste eerst.`),
    progressLatest: (k: number, n: number, per: number) => `De laatste ${k} van ${n} updates met dit actiepunt, de oudste eerst. Alle updates staan op pagina’s van ${per} updatenummers:`,
    rangeLabel: (from: number, to: number) => `Updates #${from}–#${to}`,
    historyPages: 'Alle updates, per pagina',
    historyIntro: (n: number, from: number, to: number) => `${n} ${n === 1 ? 'update' : 'updates'} met dit actiepunt in updates #${from} tot en met #${to}, de oudste eerst.`,
    latestUpdates: 'De laatste updates',
    textsNote: '',
    noProgress: 'Nog geen update met dit actiepunt.',
    allActions: 'Alle actiepunten van deze dataset',
    inEnglish: ' in het Engels',
    statuses: { new: 'nieuw', 'no-update': 'geen update', repeated: 'herhaald' } as Record<string, string>,
  },
  en: {
    contents: 'Contents',
    metadata: 'Metadata',
    downloads: 'Downloads',
    charts: 'At a glance',
    actions: 'Action points',
    publisher: 'Publisher',
    contact: 'Contact',
    licence: 'Licence',
    themes: 'Themes',
    keywords: 'Keywords',
    spatial: 'Area',
    period: 'Period',
    frequency: 'Frequency',
    issued: 'Issued',
    modified: 'Modified',
    identifier: 'Identifier',
    plan: 'Action plan',
    aboutPlan: 'About the action plan (in Dutch)',
    size: 'Size',
    sizeText: (actions: number, themes: number, updates: number) => `${actions} action points, ${themes} themes, ${updates} ${updates === 1 ? 'update' : 'updates'}`,
    downloadsIntro: 'All files are UTF-8. CSV files have a header row and a CSVW description; the RDF files describe the same data as the tables. The texts in the data are in Dutch, as published.',
    files: (n: number) => `${n} files`,
    file: 'File',
    format: 'Format',
    mediaType: 'Media type',
    bytes: 'Size',
    download: 'Download',
    actionsIntro: (n: number) => `The ${n} action points with their latest status (titles in Dutch). Each action point has a page of its own with its updates and progress texts. Per theme:`,
    actionsCaption: (n: number) => `${n} action points`,
    actionsRange: (first: number, last: number, n: number) => `Action points ${first}–${last} of ${n}`,
    actionLists: 'Pages of action points',
    number: 'No.',
    action: 'Action point',
    theme: 'Theme',
    holders: 'Action holders',
    partners: 'Partners',
    latestStatus: 'Latest status',
    commitment: 'OGP commitment',
    themeHeading: (numeral: string, name: string) => `Theme ${numeral}: ${name}`,
    noTheme: 'Without a theme',
    published: ' · published: ',
    source: 'source',
    unknown: 'unknown',
    notBefore: 'not before ',
    notAfter: 'not after ',
    repeatsUpdate: (n: number) => ` (repeats update #${n})`,
    textFrom: ' (text of ',
    noText: 'No text in this update.',
    chartsIntro: 'The pictures show the same data as the tables on this page; below each picture the data is also given as text.',
    asTable: 'As a table',
    count: 'Count',
    chartFile: 'Picture as SVG',
    otherLanguage: 'Nederlands',
    footer: ['This page belongs to the release of ', 'the DCAT catalog', ' (also as ', ' and ', '). Made with ontsluit; the data are free to reuse.'],
    update: 'Update',
    actionPageTitle: (n: number, title: string, dataset: string) => `Action point ${n}: ${title} · ${dataset}`,
    actionPageDescription: (n: number, plan: string) => `Action point ${n} of the ${plan}: metadata, latest status and the progress per update.`,
    actionPageFileTitle: (n: number) => `Action point ${n}: page`,
    historyPageFileTitle: (n: number, from: number, to: number) => `Action point ${n}: updates #${from}–#${to}`,
    updates: 'Updates',
    updatesText: (n: number, first: number, last: number) => (n === 1 ? `1 update (#${first})` : `${n} updates (#${first} to #${last})`),
    actionProgress: 'Progress',
    progressAll: (n: number) => (n === 1 ? 'The only update of this action point.' : `All ${n} updates of this action point, oldest first.`),
    progressLatest: (k: number, n: number, per: number) => `The latest ${k} of ${n} updates of this action point, oldest first. Every update is on pages of ${per} update numbers each:`,
    rangeLabel: (from: number, to: number) => `Updates #${from}–#${to}`,
    historyPages: 'Every update, by page',
    historyIntro: (n: number, from: number, to: number) => `${n} ${n === 1 ? 'update' : 'updates'} of this action point in updates #${from} to #${to}, oldest first.`,
    latestUpdates: 'The latest updates',
    textsNote: ' The texts are in Dutch, as published.',
    noProgress: 'No update of this action point yet.',
    allActions: 'All action points of this dataset',
    inEnglish: ' in English',
    statuses: { new: 'new', 'no-update': 'no update', repeated: 'repeated' } as Record<string, string>,
  },
} satisfies Record<Lang, unknown>;

export type Words = (typeof TEXT)['nl'];

/** `2021-06-21` as "21 juni 2021" or "21 June 2021"; other values as they are. */
export function longDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? (lang === 'nl' ? MONTHS : MONTHS_EN)[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** Bytes as kilobytes (1 kB = 1000 bytes), one decimal, with the language's decimal sign: `12,3 kB`, `12.3 kB`. */
export function kilobytes(bytes: number, lang: Lang = 'nl'): string {
  const kb = Math.max(bytes > 0 ? 0.1 : 0, Math.round(bytes / 100) / 10).toFixed(1);
  return `${lang === 'nl' ? kb.replace('.', ',') : kb} kB`;
}

const EU = 'http://publications.europa.eu/resource/authority/';
const LABELS: Record<string, Bilingual> = {
  [`${EU}country/NLD`]: { nl: 'Nederland', en: 'the Netherlands' },
  [`${EU}frequency/IRREG`]: { nl: 'onregelmatig', en: 'irregular' },
  [`${EU}frequency/QUARTERLY`]: { nl: 'per kwartaal', en: 'quarterly' },
  [`${EU}frequency/MONTHLY`]: { nl: 'maandelijks', en: 'monthly' },
  [`${EU}frequency/ANNUAL`]: { nl: 'jaarlijks', en: 'annual' },
  [`${EU}frequency/WEEKLY`]: { nl: 'wekelijks', en: 'weekly' },
  [`${EU}frequency/DAILY`]: { nl: 'dagelijks', en: 'daily' },
  [`${EU}frequency/UNKNOWN`]: { nl: 'onbekend', en: 'unknown' },
  'http://creativecommons.org/publicdomain/zero/1.0/deed.nl': { nl: 'CC0 1.0 (publiek domein)', en: 'CC0 1.0 (public domain)' },
  'http://creativecommons.org/publicdomain/zero/1.0/': { nl: 'CC0 1.0 (publiek domein)', en: 'CC0 1.0 (public domain)' },
  'http://creativecommons.org/licenses/by/4.0/deed.nl': { nl: 'CC BY 4.0', en: 'CC BY 4.0' },
};

/** A label for a controlled-vocabulary IRI: the catalog's own labels, a few known ones, else the IRI's last segment. */
export function labelOf(uri: string, catalog: CatalogSpec, lang: Lang): string {
  return catalog.conceptLabels[uri]?.[lang] ?? LABELS[uri]?.[lang] ?? (uri.split(/[/#]/).filter(Boolean).at(-1) || uri);
}

const FORMATS: Record<string, string> = {
  CSV: 'CSV',
  JSON: 'JSON',
  RDF_TURTLE: 'Turtle',
  RDF_N_TRIPLES: 'N-Triples',
  JSON_LD: 'JSON-LD',
  RDF_XML: 'RDF/XML',
};

/** The name of an EU file type key (`RDF_TURTLE` → `Turtle`), as people know it. */
export const formatLabel = (fileType: string) => FORMATS[fileType] ?? fileType;
