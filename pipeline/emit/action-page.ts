// The page of each action (`<slug>/actiepunt/<n>/index.html`, `index.en.html`): its metadata, latest status and the timeline of its latest
// updates with their progress texts; older updates on history pages of fixed update ranges, so that no page grows with the history.
import type { Element, ElementContent } from 'hast';
import { h } from '../vendor/html.js';
import type { ActionRow, ProgressRow, UpdateRow } from '../model.js';
import { organisationList, organisationNames, publication, repeated, statusBadge, text, textBlocks, navItem } from './landing-parts.js';
import { ACTIONS_PER_LIST, LATEST_ON_ACTION_PAGE, UPDATES_PER_HISTORY_PAGE, actionListPath, actionPagePath, historyPagePath, historyRanges, inRange, landingPath, type UpdateRange } from './landing-paths.js';
import { htmlOf, marker, page, pageOfParts, relativeTo, serialised, serialisedAll, splitAt, type PageFile, type PagesInput } from './landing-shell.js';
import { TEXT, type Words } from './landing-text.js';
import type { Bilingual, Lang } from './lang.js';

/** Everything the pages of one action are made from, looked up once for the whole dataset. */
interface Context extends PagesInput {
  t: Words;
  names: Map<string, string>;
  updates: Map<number, UpdateRow>;
  themes: Map<string, { numeral: string; name: string }>;
  /** The first line of a timeline entry, serialised, by what it shows: it recurs for every action with that update and status. */
  whenLines: Map<string, ElementContent>;
  /** The progress texts of the action at hand, serialised, shared by its pages in every language (a text is in Dutch on all of them). */
  texts: Map<ProgressRow, ElementContent>;
}

/**
 * The pages of every action of the dataset in one language, one at a time (so each can be written out and
 * let go): its own page, and its history pages when it has more than LATEST_ON_ACTION_PAGE updates.
 */
export function actionPages(input: PagesInput): Generator<PageFile> {
  return actionPagesIn([input]);
}

/**
 * `actionPages` of one dataset in each of the inputs' languages, an action at a time: the pages of the first
 * action in every language, then of the next. Each progress text is serialised once for all of them.
 */
export function* actionPagesIn(inputs: PagesInput[]): Generator<PageFile> {
  const [first] = inputs;
  if (!first) return;
  const { dataset } = first;
  // The dataset's lookups serve every language; the words and serialised first lines are each language's own.
  const shared = {
    names: organisationNames(dataset),
    updates: new Map(dataset.updates.map((u) => [u.updateNumber, u])),
    themes: new Map(dataset.themes.map((theme) => [theme.numeral, theme])),
    texts: new Map<ProgressRow, ElementContent>(),
  };
  const { texts } = shared;
  const contexts: Context[] = inputs.map((input) => ({ ...input, ...shared, t: TEXT[input.lang], whenLines: new Map() }));
  const byAction = new Map<number, ProgressRow[]>();
  for (const p of dataset.progress) {
    const list = byAction.get(p.actionNumber);
    if (list) list.push(p);
    else byAction.set(p.actionNumber, [p]);
  }
  for (const [index, action] of dataset.actions.entries()) {
    const entries = [...(byAction.get(action.actionNumber) ?? [])].sort((a, b) => a.updateNumber - b.updateNumber);
    const ranges = entries.length > LATEST_ON_ACTION_PAGE ? historyRanges(entries.map((e) => e.updateNumber)) : [];
    const listPage = Math.floor(index / ACTIONS_PER_LIST) + 1;
    for (const context of contexts) {
      yield actionPage(context, action, entries, ranges, listPage);
      for (const range of ranges) yield historyPage(context, action, entries, ranges, range, listPage);
    }
    texts.clear();
  }
}

function actionPage(c: Context, action: ActionRow, entries: ProgressRow[], ranges: UpdateRange[], listPage: number): PageFile {
  const { t, lang, spec } = c;
  const n = action.actionNumber;
  const pagePath = actionPagePath(spec.slug, n, lang);
  const rel = relativeTo(pagePath);
  const latest = entries.slice(-LATEST_ON_ACTION_PAGE);
  const intro = ranges.length ? t.progressLatest(latest.length, entries.length, UPDATES_PER_HISTORY_PAGE) : entries.length ? t.progressAll(entries.length) : t.noProgress;
  const html = shell(c, action, pagePath, { nl: actionPagePath(spec.slug, n, 'nl'), en: actionPagePath(spec.slug, n, 'en') }, listPage, [
    h('nav', { ariaLabel: t.contents }, h('ul', {}, [navItem('#gegevens', t.metadata), navItem('#voortgang', t.actionProgress)])),
  ], [
    metadataSection(c, action, entries),
    h('section', { id: 'voortgang', ariaLabelledBy: 'voortgang-kop' }, [
      h('h2', { id: 'voortgang-kop' }, t.actionProgress),
      h('p', {}, `${intro}${entries.length ? t.textsNote : ''}`),
      ...(ranges.length ? [rangeNav(c, n, ranges, rel)] : []),
      ...(latest.length ? [TIMELINE] : []),
    ]),
  ]);
  return withEntries(c, pagePath, html, latest, fileTitle(c, TEXT.nl.actionPageFileTitle(n), TEXT.en.actionPageFileTitle(n)));
}

function historyPage(c: Context, action: ActionRow, entries: ProgressRow[], ranges: UpdateRange[], range: UpdateRange, listPage: number): PageFile {
  const { t, lang, spec } = c;
  const n = action.actionNumber;
  const pagePath = historyPagePath(spec.slug, n, range, lang);
  const rel = relativeTo(pagePath);
  const shown = entries.filter((e) => inRange(e.updateNumber, range));
  const html = shell(c, action, pagePath, { nl: historyPagePath(spec.slug, n, range, 'nl'), en: historyPagePath(spec.slug, n, range, 'en') }, listPage, [], [
    h('section', { id: 'voortgang', ariaLabelledBy: 'voortgang-kop' }, [
      h('h2', { id: 'voortgang-kop' }, t.rangeLabel(range.from, range.to)),
      h('p', {}, [text(`${t.historyIntro(shown.length, range.from, range.to)}${t.textsNote} `), h('a', { href: rel(actionPagePath(spec.slug, n, lang)) }, t.latestUpdates), text('.')]),
      rangeNav(c, n, ranges, rel, range),
      TIMELINE,
    ]),
  ]);
  return withEntries(c, pagePath, html, shown, fileTitle(c, TEXT.nl.historyPageFileTitle(n, range.from, range.to), TEXT.en.historyPageFileTitle(n, range.from, range.to)));
}

/** The frame of an action's pages: the dataset as kicker (a link to its landing page), the action as heading, its theme as lead. */
function shell(c: Context, action: ActionRow, pagePath: string, languages: Record<Lang, string>, listPage: number, nav: Element[], main: Element[]): string {
  const { t, lang, spec, dataset } = c;
  const rel = relativeTo(pagePath);
  const theme = action.themeNumeral ? c.themes.get(action.themeNumeral) : undefined;
  const plan = lang === 'nl' ? dataset.plan.title : dataset.plan.titleEn;
  return page({
    iris: c.iris,
    lang,
    pagePath,
    languages,
    title: t.actionPageTitle(action.actionNumber, action.title, spec.title[lang]),
    description: t.actionPageDescription(action.actionNumber, plan),
    header: [
      h('p', { className: ['kicker'] }, h('a', { href: rel(landingPath(spec.slug, lang)) }, spec.title[lang])),
      h('h1', {}, [h('span', { className: ['numeral'] }, String(action.actionNumber)), ` ${action.title}`]),
      h('p', { className: ['lead'] }, theme ? t.themeHeading(theme.numeral, theme.name) : t.noTheme),
      ...nav,
    ],
    main,
    footer: [h('p', {}, h('a', { href: `${rel(actionListPath(spec.slug, listPage, lang))}#actie-${action.actionNumber}` }, t.allActions))],
  });
}

function metadataSection(c: Context, action: ActionRow, entries: ProgressRow[]): Element {
  const { t, iris, dataset } = c;
  const theme = action.themeNumeral ? c.themes.get(action.themeNumeral) : undefined;
  const iri = iris.action(dataset.plan.id, action.actionNumber);
  const rows: [string, ElementContent | ElementContent[] | string][] = [
    [t.theme, text(theme ? `${theme.numeral} ${theme.name}` : (action.themeNumeral ?? '–'))],
    [t.holders, organisationList(action.actionHolders, c.names)],
    [t.partners, organisationList(action.partners, c.names)],
    [t.latestStatus, [statusBadge(action.latestStatus, t), text(` update #${action.latestUpdate}`)]],
    [t.commitment, action.ogpCommitmentUrl ? h('a', { href: action.ogpCommitmentUrl }, action.ogpCommitmentId ?? action.ogpCommitmentUrl) : text(action.ogpCommitmentId ?? '–')],
    [t.identifier, h('a', { href: iri }, h('code', {}, iri))],
    [t.updates, text(entries.length ? t.updatesText(entries.length, entries[0]!.updateNumber, entries.at(-1)!.updateNumber) : '–')],
  ];
  return h('section', { id: 'gegevens', ariaLabelledBy: 'gegevens-kop' }, [
    h('h2', { id: 'gegevens-kop' }, t.metadata),
    h('dl', { className: ['meta'] }, rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, Array.isArray(value) ? value : [typeof value === 'string' ? text(value) : value])])),
  ]);
}

/** Links to every history page of the action, by update range; the current one marked. */
function rangeNav(c: Context, action: number, ranges: UpdateRange[], rel: (path: string) => string, current?: UpdateRange): Element {
  const items = ranges.map((range) => {
    const link = h('a', { href: rel(historyPagePath(c.spec.slug, action, range, c.lang)), ...(range === current ? { ariaCurrent: 'page' } : {}) }, `#${range.from}–#${range.to}`);
    return h('li', {}, link);
  });
  return h('nav', { className: ['pages'], ariaLabel: c.t.historyPages }, h('ul', {}, items));
}

/**
 * The timeline in the page's tree: its entries stand in as a marker while the page around them is
 * serialised, then each is serialised on its own into the page's bytes (`pageOfParts`).
 */
const ENTRIES = marker('timeline');
const TIMELINE = h('ol', { className: ['timeline'] }, [ENTRIES.node]);
const TIMELINE_HTML = htmlOf(TIMELINE);
const [OPEN_TIMELINE, CLOSE_TIMELINE] = splitAt(TIMELINE_HTML, ENTRIES.html);

/** The page `html` with `entries` in its timeline, as bytes; a page without a timeline as it is. */
function withEntries(c: Context, path: string, html: string, entries: ProgressRow[], title: Bilingual): PageFile {
  if (entries.length === 0) return { path, html, title };
  const [before, after] = splitAt(html, TIMELINE_HTML);
  return pageOfParts(path, [before, OPEN_TIMELINE, ...entries.map((entry) => htmlOf(timelineEntry(c, entry))), CLOSE_TIMELINE, after], title);
}

function timelineEntry(c: Context, entry: ProgressRow): Element {
  const key = JSON.stringify([entry.updateNumber, entry.status, entry.repeatsUpdate, entry.repeatedFrom]);
  let when = c.whenLines.get(key);
  if (!when) c.whenLines.set(key, (when = serialised(whenLine(entry, c.updates.get(entry.updateNumber), c.t, c.lang))));
  return h('li', { id: `update-${entry.updateNumber}` }, [when, ...entryText(c, entry)]);
}

/** The progress text of an entry as paragraphs and lists; a text with words is serialised once for every language, an empty one says so in the page's. */
function entryText(c: Context, entry: ProgressRow): ElementContent[] {
  if (!/\S/.test(entry.text)) return textBlocks(entry.text, c.t.noText);
  let html = c.texts.get(entry);
  if (!html) c.texts.set(entry, (html = serialisedAll(textBlocks(entry.text))));
  return [html];
}

/** "Update #3 · gepubliceerd: 1 maart 2021 · nieuw", and the source when it is a web page: all from the entry's update, status and repetition. */
function whenLine(entry: ProgressRow, update: UpdateRow | undefined, t: Words, lang: Lang): Element {
  const source = update && /^https?:\/\//.test(update.source) ? [text(' · '), h('a', { href: update.source }, t.source)] : [];
  return h('p', { className: ['when'] }, [h('strong', {}, `Update #${entry.updateNumber}`), text(t.published), ...publication(update, t, lang), text(' · '), statusBadge(entry.status, t), ...repeated(entry, t, lang), ...source]);
}

/** A page's title for the manifest: the Dutch page as is, the English one marked as such. */
function fileTitle(c: Context, nl: string, en: string): Bilingual {
  return c.lang === 'nl' ? { nl, en } : { nl: `${nl}${TEXT.nl.inEnglish}`, en: `${en}${TEXT.en.inEnglish}` };
}
