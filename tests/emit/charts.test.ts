// The charts: SVG made in Node from the real dataset, with every action title and status, a text alternative, nothing from elsewhere, the same bytes every time.
import { load } from 'cheerio';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_ACTIONS, CHART_UPDATES, STATUSES, datasetCharts, statusAlt, themesAlt } from '../../pipeline/emit/charts.js';
import type { Dataset } from '../../pipeline/model.js';
import { ROOT } from '../helpers.js';
import { largeDataset } from '../support/large-dataset.js';
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

describe('status chart of a large plan: bounded', () => {
  it(`shows the latest ${CHART_UPDATES} updates, and says so in its text alternative`, async () => {
    const mid = largeDataset(dataset, 30, 40);
    const [chart] = await datasetCharts(mid, 'nl');
    const $ = svg(chart!.svg);
    const cells = $('path[role="graphics-symbol"]').map((_, el) => el.attribs['aria-label']).get().filter((label) => label.startsWith('Update: '));
    expect(cells).toHaveLength(40 * CHART_UPDATES);
    expect(new Set(cells.map((label) => /^Update: (#\d+);/.exec(label)![1]))).toEqual(new Set(Array.from({ length: CHART_UPDATES }, (_, i) => `#${19 + i}`)));
    expect(chart!.alt).toMatch(/^Status van 40 actiepunten in de laatste 12 van 30 updates \(#19 tot en met #30\): \d+ nieuw, \d+ herhaald\.$/);
    expect($('svg > desc').text()).toBe(chart!.alt);
    const [english] = await datasetCharts(mid, 'en');
    expect(english!.alt).toMatch(/^Status of 40 action points in the latest 12 of 30 updates \(#19 to #30\)/);
  });

  it(`counts the actions per status and update beyond ${CHART_ACTIONS} actions, so the file stays small`, async () => {
    const large = largeDataset(dataset, 20, 500);
    const [chart] = await datasetCharts(large, 'nl');
    const $ = svg(chart!.svg);
    expect(chart!.title.nl).toBe('Actiepunten per status en update');
    const bars = $('path[role="graphics-symbol"]').map((_, el) => el.attribs['aria-label']).get();
    const shown = large.progress.filter((p) => p.updateNumber > 8);
    for (const status of ['new', 'repeated']) {
      const label = STATUSES.find((s) => s.status === status)!.nl;
      const mine = bars.filter((b) => b.includes(`Status: ${label}`));
      expect(mine).toHaveLength(CHART_UPDATES);
      const total = mine.reduce((n, b) => n + Number(/Aantal actiepunten: (\d+)/.exec(b)![1]), 0);
      expect(total).toBe(shown.filter((p) => p.status === status).length);
    }
    expect(chart!.svg).not.toContain('(500)'); // no row per action
    expect(chart!.alt).toMatch(/^Status van 500 actiepunten in de laatste 12 van 20 updates \(#9 tot en met #20\), geteld per update: \d+ nieuw, \d+ herhaald\.$/);
    expect(chart!.svg.length).toBeLessThan(40_000);
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
