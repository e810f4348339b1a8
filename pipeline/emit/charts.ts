// Charts of one dataset as SVG, made at build time with Vega-Lite (no browser, no canvas): status per action and latest updates, actions per theme.
import { View, compile, parse, type TopLevelSpec } from '../vendor/charts.js';
import type { Dataset } from '../model.js';
import type { Bilingual, Lang } from './lang.js';

/** One chart: its file name inside the dataset folder, the SVG, and its short text alternative. */
export interface Chart {
  kind: 'status' | 'themes';
  /** `status.svg`, `status.en.svg`, `themes.svg`, `themes.en.svg`. */
  name: string;
  svg: string;
  /** One sentence that says what the picture shows (the `alt` text). */
  alt: string;
  /** The title shown above the picture and as the file's title. */
  title: Bilingual;
}

/** The statuses a progress entry can have, in legend order, with their labels and colours (as on the page). */
export const STATUSES: { status: string; nl: string; en: string; colour: string }[] = [
  { status: 'new', nl: 'nieuw', en: 'new', colour: '#2e8540' },
  { status: 'no-update', nl: 'geen update', en: 'no update', colour: '#d8a31a' },
  { status: 'repeated', nl: 'herhaald', en: 'repeated', colour: '#8a9099' },
];

const TEXT = {
  nl: { update: 'Update', action: 'Actiepunt', status: 'Status', theme: 'Thema', actions: 'Aantal actiepunten', statusTitle: 'Status per actiepunt en update', countsTitle: 'Actiepunten per status en update', themesTitle: 'Actiepunten per thema' },
  en: { update: 'Update', action: 'Action point', status: 'Status', theme: 'Theme', actions: 'Number of action points', statusTitle: 'Status per action point and update', countsTitle: 'Action points per status and update', themesTitle: 'Action points per theme' },
};

/** Fixed look, so that the output does not depend on defaults of the machine (fonts are only named, never measured). */
const CONFIG = {
  font: 'Arial, Helvetica, sans-serif',
  background: '#ffffff',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1b1b1b', titleColor: '#1b1b1b', domainColor: '#555555', tickColor: '#555555' },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: 'bottom' as const },
};

const statusLabel = (status: string, lang: Lang) => STATUSES.find((s) => s.status === status)?.[lang] ?? status;

/** Renders a Vega-Lite spec to an SVG string in Node (`renderer: 'none'`: no canvas, text widths estimated). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none', logLevel: 0 });
  try {
    return `${withTitle(await view.toSVG(), spec.title as string, spec.description ?? '')}\n`;
  } finally {
    view.finalize();
  }
}

const xml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Gives the SVG file its own text alternative: `role="img"`, a `<title>` and a `<desc>` as first children. */
function withTitle(svg: string, title: string, description: string): string {
  return svg.replace(/^<svg ([^>]*)>/, (_, attributes: string) => `<svg ${attributes} role="img" aria-labelledby="chart-title chart-desc"><title id="chart-title">${xml(title)}</title><desc id="chart-desc">${xml(description)}</desc>`);
}

/** The status chart shows at most this many updates: the latest ones (so its width is bounded). */
export const CHART_UPDATES = 12;
/** Up to this many actions the status chart has one row per action; with more, it counts the actions per status and update. */
export const CHART_ACTIONS = 60;

/** What the status chart shows: which updates (the latest, ascending), out of how many, and as a grid or as counts. */
export interface StatusView {
  kind: 'grid' | 'counts';
  updates: number[];
  /** How many updates the dataset has. */
  total: number;
}

export function statusView(dataset: Dataset): StatusView {
  const all = [...new Set(dataset.progress.map((p) => p.updateNumber))].sort((a, b) => a - b);
  return { kind: dataset.actions.length <= CHART_ACTIONS ? 'grid' : 'counts', updates: all.slice(-CHART_UPDATES), total: all.length };
}

/** The number of progress entries of each status in each shown update: `counts.get(update)!.get(status)`. */
export function statusCounts(dataset: Dataset, updates: number[]): Map<number, Map<string, number>> {
  const counts = new Map(updates.map((u) => [u, new Map<string, number>()]));
  for (const p of dataset.progress) {
    const row = counts.get(p.updateNumber);
    if (row) row.set(p.status, (row.get(p.status) ?? 0) + 1);
  }
  return counts;
}

/** The status chart: one row per action and one column per shown update, each cell coloured by status; for many actions, stacked bars of the counts. */
export function statusSpec(dataset: Dataset, lang: Lang): TopLevelSpec {
  const t = TEXT[lang];
  const view = statusView(dataset);
  const shown = new Set(view.updates);
  const updates = view.updates.map((n) => `#${n}`);
  const color = { field: 'status', type: 'nominal' as const, title: t.status, scale: { domain: STATUSES.map((s) => s[lang]), range: STATUSES.map((s) => s.colour) } };
  const x = { field: 'update', type: 'ordinal' as const, title: t.update, sort: updates, axis: { labelAngle: 0, orient: 'top' as const } };
  const common = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', description: statusAlt(dataset, lang), config: CONFIG };
  if (view.kind === 'counts') {
    const counts = statusCounts(dataset, view.updates);
    const values = view.updates.flatMap((u) => STATUSES.filter((s) => counts.get(u)!.has(s.status)).map((s) => ({ update: `#${u}`, status: s[lang], count: counts.get(u)!.get(s.status)! })));
    return {
      ...common,
      title: t.countsTitle,
      data: { values },
      width: Math.max(120, updates.length * 40),
      height: 240,
      mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1 },
      encoding: { x: { ...x, axis: { labelAngle: 0 } }, y: { field: 'count', type: 'quantitative', title: t.actions, stack: 'zero', axis: { tickMinStep: 1, format: 'd' } }, color, order: { field: 'rank', type: 'quantitative' } },
      transform: [{ calculate: `indexof(${JSON.stringify(STATUSES.map((s) => s[lang]))}, datum.status)`, as: 'rank' }],
    };
  }
  const titles = new Map(dataset.actions.map((a) => [a.actionNumber, `${a.actionNumber}. ${a.title}`]));
  const values = dataset.progress
    .filter((p) => shown.has(p.updateNumber))
    .sort((a, b) => a.actionNumber - b.actionNumber || a.updateNumber - b.updateNumber)
    .map((p) => ({ action: titles.get(p.actionNumber) ?? String(p.actionNumber), update: `#${p.updateNumber}`, status: statusLabel(p.status, lang) }));
  return {
    ...common,
    title: t.statusTitle,
    data: { values },
    width: Math.max(60, updates.length * 48),
    height: { step: 24 },
    mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 2 },
    encoding: {
      x,
      y: { field: 'action', type: 'ordinal', title: t.action, sort: [...titles.values()], axis: { labelLimit: 600 } },
      color,
    },
  };
}

/** Actions per theme: one bar per theme (numeral and name), its length the number of actions. */
export function themesSpec(dataset: Dataset, lang: Lang): TopLevelSpec {
  const t = TEXT[lang];
  const values = dataset.themes.map((theme) => ({ theme: `${theme.numeral} ${theme.name}`, actions: theme.actionCount }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t.themesTitle,
    description: themesAlt(dataset, lang),
    data: { values },
    width: 360,
    height: { step: 26 },
    layer: [
      { mark: { type: 'bar', color: '#154273' } },
      { mark: { type: 'text', align: 'left', dx: 4, color: '#1b1b1b' }, encoding: { text: { field: 'actions', type: 'quantitative' } } },
    ],
    encoding: {
      y: { field: 'theme', type: 'ordinal', title: t.theme, sort: values.map((v) => v.theme), axis: { labelLimit: 320 } },
      x: { field: 'actions', type: 'quantitative', title: t.actions, axis: { tickMinStep: 1, format: 'd' } },
    },
    config: CONFIG,
  };
}

/** The status chart in one sentence: how many entries of each status, over how many actions and (which) updates. */
export function statusAlt(dataset: Dataset, lang: Lang): string {
  const view = statusView(dataset);
  const shown = new Set(view.updates);
  const tally = new Map<string, number>();
  for (const p of dataset.progress) if (shown.has(p.updateNumber)) tally.set(p.status, (tally.get(p.status) ?? 0) + 1);
  const parts = STATUSES.filter((s) => tally.get(s.status)).map((s) => `${tally.get(s.status)} ${s[lang]}`).join(', ');
  const n = view.total;
  const [first, last] = [view.updates[0], view.updates.at(-1)];
  const scope =
    n > view.updates.length
      ? lang === 'nl'
        ? `de laatste ${view.updates.length} van ${n} updates (#${first} tot en met #${last})`
        : `the latest ${view.updates.length} of ${n} updates (#${first} to #${last})`
      : `${n} ${n === 1 ? 'update' : 'updates'}`;
  const how = view.kind === 'counts' ? (lang === 'nl' ? ', geteld per update' : ', counted per update') : '';
  return lang === 'nl'
    ? `Status van ${dataset.actions.length} actiepunten in ${scope}${how}: ${parts || 'geen gegevens'}.`
    : `Status of ${dataset.actions.length} action points in ${scope}${how}: ${parts || 'no data'}.`;
}

/** The theme chart in one sentence: each theme with its number of actions. */
export function themesAlt(dataset: Dataset, lang: Lang): string {
  const parts = dataset.themes.map((t) => `${t.numeral} ${t.name}: ${t.actionCount}`).join('; ');
  return lang === 'nl' ? `Aantal actiepunten per thema. ${parts}.` : `Number of action points per theme. ${parts}.`;
}

/** The title of the status chart: per action and update, or (many actions) counted per status and update. */
export function statusTitle(dataset: Dataset): Bilingual {
  return statusView(dataset).kind === 'grid' ? { nl: TEXT.nl.statusTitle, en: TEXT.en.statusTitle } : { nl: TEXT.nl.countsTitle, en: TEXT.en.countsTitle };
}

/** Both charts of a dataset in one language. */
export async function datasetCharts(dataset: Dataset, lang: Lang): Promise<Chart[]> {
  const suffix = lang === 'nl' ? '' : `.${lang}`;
  return [
    { kind: 'status', name: `status${suffix}.svg`, svg: await renderSvg(statusSpec(dataset, lang)), alt: statusAlt(dataset, lang), title: statusTitle(dataset) },
    { kind: 'themes', name: `themes${suffix}.svg`, svg: await renderSvg(themesSpec(dataset, lang)), alt: themesAlt(dataset, lang), title: { nl: TEXT.nl.themesTitle, en: TEXT.en.themesTitle } },
  ];
}
