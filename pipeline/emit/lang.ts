// The release's two languages, and a text given in both.

export type Lang = 'nl' | 'en';

/** A title, label or description in Dutch and in English. */
export type Bilingual = Record<Lang, string>;

/** The languages of the pages, Dutch first (the x-default). */
export const LANGS: Lang[] = ['nl', 'en'];
