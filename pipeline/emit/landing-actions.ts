// The list of a dataset's actions with their latest status, each linked to its own page: on the landing page, and on further list pages when there are many.
import type { Element } from 'hast';
import { h } from '../vendor/html.js';
import type { Dataset } from '../model.js';
import { organisationList, organisationNames, statusBadge, th } from './landing-parts.js';
import { ACTIONS_PER_LIST, actionListPath, actionPagePath, landingPath } from './landing-paths.js';
import { page, relativeTo, type PageFile, type PagesInput } from './landing-shell.js';
import { TEXT } from './landing-text.js';
import type { Lang } from './lang.js';

interface ListInput {
  dataset: Dataset;
  slug: string;
  lang: Lang;
  /** Which list page (1: the landing page). */
  page: number;
  rel: (releasePath: string) => string;
}

/** How many list pages the actions take (at least one: the landing page). */
export const listCount = (dataset: Dataset) => Math.max(1, Math.ceil(dataset.actions.length / ACTIONS_PER_LIST));

/** The actions section: the themes with their counts, the pages of the list when there are several, and one page of the table. */
export function actionsSection({ dataset, slug, lang, page: current, rel }: ListInput): Element {
  const t = TEXT[lang];
  const names = organisationNames(dataset);
  const themes = new Map(dataset.themes.map((theme) => [theme.numeral, theme]));
  const rows = dataset.actions.slice((current - 1) * ACTIONS_PER_LIST, current * ACTIONS_PER_LIST);
  const pages = listCount(dataset);
  const caption = pages > 1 && rows.length ? t.actionsRange(rows[0]!.actionNumber, rows.at(-1)!.actionNumber, dataset.actions.length) : t.actionsCaption(dataset.actions.length);
  return h('section', { id: 'actiepunten', ariaLabelledBy: 'actiepunten-kop' }, [
    h('h2', { id: 'actiepunten-kop' }, t.actions),
    h('p', {}, t.actionsIntro(dataset.actions.length)),
    h('ul', { className: ['themes'] }, dataset.themes.map((theme) => h('li', {}, [h('span', { className: ['numeral'] }, theme.numeral), ` ${theme.name} (${theme.actionCount})`]))),
    ...(pages > 1 ? [pager(dataset, slug, lang, current, rel)] : []),
    h('div', { className: ['scroll'] }, [
      h('table', { className: ['actions'] }, [
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, [th(t.number, ['num']), th(t.action), th(t.theme), th(t.holders), th(t.partners), th(t.latestStatus), th(t.commitment)])),
        h(
          'tbody',
          {},
          rows.map((action) => {
            const theme = action.themeNumeral ? themes.get(action.themeNumeral) : undefined;
            return h('tr', { id: `actie-${action.actionNumber}` }, [
              h('td', { className: ['num'] }, String(action.actionNumber)),
              h('td', {}, h('a', { href: rel(actionPagePath(slug, action.actionNumber, lang)) }, action.title)),
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

/** Links to every list page, by the numbers of the actions on it; the current one marked. */
function pager(dataset: Dataset, slug: string, lang: Lang, current: number, rel: (releasePath: string) => string): Element {
  const t = TEXT[lang];
  const items = Array.from({ length: listCount(dataset) }, (_, i) => {
    const on = dataset.actions.slice(i * ACTIONS_PER_LIST, (i + 1) * ACTIONS_PER_LIST);
    const label = `${on[0]!.actionNumber}–${on.at(-1)!.actionNumber}`;
    return h('li', {}, h('a', { href: rel(actionListPath(slug, i + 1, lang)), ...(i + 1 === current ? { ariaCurrent: 'page' } : {}) }, label));
  });
  return h('nav', { className: ['pages'], ariaLabel: t.actionLists }, h('ul', {}, items));
}

/** List pages 2, 3, … of the actions (none for up to ACTIONS_PER_LIST actions): the same table, linked from the landing page. */
export function actionListPages({ dataset, spec, iris, lang }: PagesInput): PageFile[] {
  const t = TEXT[lang];
  const out: PageFile[] = [];
  for (let current = 2; current <= listCount(dataset); current++) {
    const pagePath = actionListPath(spec.slug, current, lang);
    const rel = relativeTo(pagePath);
    const rows = dataset.actions.slice((current - 1) * ACTIONS_PER_LIST, current * ACTIONS_PER_LIST);
    const range = t.actionsRange(rows[0]!.actionNumber, rows.at(-1)!.actionNumber, dataset.actions.length);
    const html = page({
      iris,
      lang,
      pagePath,
      languages: { nl: actionListPath(spec.slug, current, 'nl'), en: actionListPath(spec.slug, current, 'en') },
      title: `${range} · ${spec.title[lang]}`,
      description: spec.description[lang],
      header: [h('p', { className: ['kicker'] }, h('a', { href: rel(landingPath(spec.slug, lang)) }, spec.title[lang])), h('h1', {}, range)],
      main: [actionsSection({ dataset, slug: spec.slug, lang, page: current, rel })],
    });
    const rangeNl = TEXT.nl.actionsRange(rows[0]!.actionNumber, rows.at(-1)!.actionNumber, dataset.actions.length);
    const rangeEn = TEXT.en.actionsRange(rows[0]!.actionNumber, rows.at(-1)!.actionNumber, dataset.actions.length);
    out.push({ path: pagePath, html, title: lang === 'nl' ? { nl: rangeNl, en: rangeEn } : { nl: `${rangeNl} (Engels)`, en: `${rangeEn} (English)` } });
  }
  return out;
}
