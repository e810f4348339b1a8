// Where the pages of a dataset sit in the release (landing page, action lists, action pages, history pages) and how many rows each holds.
import type { Lang } from './lang.js';

/** Actions per list: the landing page lists the first ones, `<slug>/actiepunten/<k>.html` the next. */
export const ACTIONS_PER_LIST = 200;
/** Progress entries on an action's page: the latest ones; older ones are on its history pages. */
export const LATEST_ON_ACTION_PAGE = 50;
/** Update numbers per history page of an action: `updates-1-50.html`, `updates-51-100.html`, … */
export const UPDATES_PER_HISTORY_PAGE = 50;

const suffix = (lang: Lang) => (lang === 'nl' ? '' : `.${lang}`);

/** `<slug>/index.html`, `<slug>/index.en.html`. */
export function landingPath(slug: string, lang: Lang): string {
  return `${slug}/index${suffix(lang)}.html`;
}

/** List page k of the actions (1-based): the first is the landing page itself, then `<slug>/actiepunten/2.html`, … */
export function actionListPath(slug: string, page: number, lang: Lang): string {
  return page === 1 ? landingPath(slug, lang) : `${slug}/actiepunten/${page}${suffix(lang)}.html`;
}

/** The page of one action, served as `<slug>/actiepunt/<n>/` (like its IRI `/id/actieplan/<plan>/actiepunt/<n>`). */
export function actionPagePath(slug: string, action: number, lang: Lang): string {
  return `${slug}/actiepunt/${action}/index${suffix(lang)}.html`;
}

/** A range of update numbers on one history page: `from` to `to`, both included. */
export interface UpdateRange {
  from: number;
  to: number;
}

/** The history page of an action for a range of update numbers: `<slug>/actiepunt/<n>/updates-51-100.html`. */
export function historyPagePath(slug: string, action: number, range: UpdateRange, lang: Lang): string {
  return `${slug}/actiepunt/${action}/updates-${range.from}-${range.to}${suffix(lang)}.html`;
}

/**
 * The fixed ranges of update numbers (1–50, 51–100, …) that hold at least one of the given updates, in order.
 * Fixed, so a range page keeps its address and, once its updates are all out, its content.
 */
export function historyRanges(updateNumbers: number[]): UpdateRange[] {
  const starts = new Set(updateNumbers.map((u) => Math.floor((u - 1) / UPDATES_PER_HISTORY_PAGE) * UPDATES_PER_HISTORY_PAGE + 1));
  return [...starts].sort((a, b) => a - b).map((from) => ({ from, to: from + UPDATES_PER_HISTORY_PAGE - 1 }));
}

export const inRange = (update: number, range: UpdateRange) => update >= range.from && update <= range.to;
