// The charts: SVG made in Node from the real dataset, with every action title and status, a text alternative, nothing from elsewhere, the same bytes every time.
import { load } from 'cheerio';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUSES, datasetCharts, statusAlt, themesAlt } from '../../pipeline/emit/charts.js';
import type { Dataset } from '../../pipeline/model.js';
import { ROOT } from '../helpers.js';
import { SLUG, buildRelease } from './release.js';

const release = await buildRelease();
const bytesOf = (path: string) => release.files.find((f) => f.path === path)?.bytes;
const dataset = JSON.parse(bytesOf(`${SLUG}/dataset.json`)!.toString('utf8')) as Dataset;
const [status, themes] = await datasetCharts(dataset, 'nl');
const svg = (text: string) => load(text, { xml: true });

describe('status chart (actions × updates, coloured by status)', () => {
  it('has one cell per action and update, labelled with the full action title, the update and the status', () => {
    const cells = svg(status!.svg)('path[role="graphics-symbol"]').map((_, el) => el.attribs['aria-label']).get();
    expect(dataset.progress).toHaveLength(13);
    expect(cells).toHaveLength(dataset.progress.length);
    for (const p of dataset.progress) {
      const title = dataset.actions.find((a) => a.actionNumber === p.actionNumber)!.title;
      expect(cells).toContain(`Update: #${p.updateNumber}; Actiepunt: ${p.actionNumber}. ${title}; Status: ${STATUSES.find((s) => s.status === p.status)!.nl}`);
    }
  });

  it('writes every action title as an axis label, untruncated', () => {
    const labels = svg(status!.svg)('text').map((_, el) => svg(status!.svg)(el).text()).get();
    for (const a of dataset.actions) expect(labels).toContain(`${a.actionNumber}. ${a.title}`);
  });

  it('colours each status with its own colour, the same in every language', async () => {
    const $ = svg(status!.svg);
    const fills = new Set($('path[role="graphics-symbol"]').map((_, el) => el.attribs.fill).get());
    expect(fills).toEqual(new Set([STATUSES.find((s) => s.status === 'new')!.colour]));
    const [english] = await datasetCharts(dataset, 'en');
    expect(english!.svg).toContain('Status: new');
    expect(english!.svg).toContain('Action point: 1.');
  });
});

describe('themes chart (actions per theme)', () => {
  it('has one bar per theme, as long as its number of actions, with the number beside it', () => {
    const $ = svg(themes!.svg);
    const bars = $('g.mark-rect path[role="graphics-symbol"]').map((_, el) => el.attribs['aria-label']).get();
    expect(bars).toEqual(dataset.themes.map((t) => `Aantal actiepunten: ${t.actionCount}; Thema: ${t.numeral} ${t.name}`));
  });
});

describe('every chart', () => {
  const all = [status!, themes!];

  it('carries its text alternative in the file (role img, title, desc) and as alt text', () => {
    expect(status!.alt).toBe(statusAlt(dataset, 'nl'));
    expect(status!.alt).toBe('Status van 13 actiepunten in 1 update: 13 nieuw.');
    expect(themes!.alt).toBe(themesAlt(dataset, 'nl'));
    for (const chart of all) {
      const $ = svg(chart.svg);
      expect($('svg').attr('role')).toBe('img');
      expect($('svg > title').text()).toBe(chart.title.nl);
      expect($('svg > desc').text()).toBe(chart.alt);
    }
  });

  it('loads nothing: no link, image, script or style sheet from anywhere', () => {
    for (const chart of all) {
      expect(chart.svg).not.toMatch(/<(script|image|use|foreignObject|style)\b/);
      expect(chart.svg).not.toMatch(/\b(href|src)=/);
      expect(chart.svg.match(/https?:\/\/[^"]+/g)).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']);
    }
  });

  it('is byte-identical when made again, and the same as the committed release (made in another process)', async () => {
    const again = await datasetCharts(dataset, 'nl');
    expect(again.map((c) => c.svg)).toEqual(all.map((c) => c.svg));
    for (const chart of all) {
      expect(bytesOf(`${SLUG}/${chart.name}`)?.toString('utf8')).toBe(chart.svg);
      expect(readFileSync(join(ROOT, 'dist', SLUG, chart.name), 'utf8')).toBe(chart.svg);
    }
  });
});
