// The public record format of one parsed update (described by schemas/update.schema.json).
import type { SourceFormat } from './config.js';

export type ActionStatus = 'new' | 'no-update' | 'repeated';

export interface ThemeRecord {
  numeral: string;
  name: string;
  /** Text between the theme heading and its first action, when the page has any. */
  description?: string;
  sourceLine: number;
}

export interface ActionRecord {
  number: number;
  title: string;
  theme: string | null;
  actionHolders: string[];
  partners: string[];
  actionHoldersLine: string;
  partnersLine: string | null;
  duration?: string;
  status: ActionStatus;
  repeatedFrom: string | null;
  text: string;
  mentionedDates: string[];
  sourceLines: [number, number];
  /** Links in the action's text (their text stays in `text`). */
  links: { text: string; href: string }[];
}

export interface UpdateRecord {
  plan: string;
  updateNumber: number | null;
  title: string;
  published: string | null;
  publishedRange?: { notBefore: string | null; notAfter: string | null; note?: string };
  intro: string;
  footer: string;
  themes: ThemeRecord[];
  actions: ActionRecord[];
  source: { place: string; format: SourceFormat; sha256: string; lines: number };
}
