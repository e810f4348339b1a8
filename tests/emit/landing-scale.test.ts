// Every page of a dataset stays bounded whatever the size of the plan: many actions (the lists are paged) and
// long histories (the action pages show the latest updates, history pages fixed ranges), in both languages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { landingPages, type LandingInput, type PageFile } from '../../pipeline/emit/landing.js';
import { landingPath } from '../../pipeline/emit/landing-text.js';
import { LANGS } from '../../pipeline/emit/lang.js';
import { Iris } from '../../pipeline/iris.js';
import type { Dataset } from '../../pipeline/model.js';
import { ROOT, project } from '../helpers.js';
import { largeDataset } from '../support/large-dataset.js';

const SLUG = 'actieplan-open-overheid-2020-2022';
/** No page of a dataset may be larger than this, at any size. */
const BOUND = 250_000;
const seed = JSON.parse(readFileSync(join(ROOT, 'dist', SLUG, 'dataset.json'), 'utf8')) as Dataset;
const { config } = project();
const spec = config.catalog.datasets.find((d) => d.slug === SLUG)!;

function pages(dataset: Dataset, langs = LANGS): PageFile[] {
  return langs.flatMap((lang) => {
    const input: LandingInput = {
      dataset,
      spec,
      catalog: config.catalog,
      iris: new Iris(config.catalog.baseUrl),
      files: [],
      dates: { issued: '2026-11-29', modified: '2026-11-29' },
      publisherName: 'BZK',
      pagePath: landingPath(SLUG, lang),
      lang,
      // The charts' text alternatives (their tables) are on the landing page; the SVG files are tested in charts.test.ts.
      charts: (['status', 'themes'] as const).map((kind) => ({ kind, path: `${SLUG}/${kind}.svg`, alt: kind, title: kind })),
    };
    return [...landingPages(input)];
  });
}

const largest = (all: PageFile[]) => all.reduce((max, p) => (Buffer.byteLength(p.html) > max.bytes ? { path: p.path, bytes: Buffer.byteLength(p.html) } : max), { path: '', bytes: 0 });

describe(`every page under ${BOUND / 1000} kB`, () => {
  // The size of a list page depends on the actions it lists, that of an action page on its latest updates: 2000
  // actions with one update (in Dutch, to keep the test fast) and 3 actions with 3000 updates cover the 10⁵ shape of
  // the scale bench (2000 actions × 50 updates; measured by bench/pages.ts).
  it('with 2000 actions', () => {
    const all = pages(largeDataset(seed, 1, 2000), ['nl']);
    // The landing page, 9 further lists of 200 actions, 2000 action pages.
    expect(all).toHaveLength(1 + 9 + 2000);
    const max = largest(all);
    expect(max.bytes, max.path).toBeLessThan(BOUND);
    const landing = all.find((p) => p.path === `${SLUG}/index.html`)!;
    expect(Buffer.byteLength(landing.html)).toBeLessThan(BOUND);
    expect(landing.html).toContain('Actiepunten 1–200 van 2000');
    expect(landing.html.match(/<tr>/g)!.length).toBeLessThan(60); // the status table: counts of the latest 12 updates, not one row per action
  });

  it('with 3000 updates of an action (a history of 60 pages)', () => {
    const all = pages(largeDataset(seed, 3000, 1));
    // Per language: the landing page, the action page and its 60 history pages.
    expect(all).toHaveLength(2 * (1 + 61));
    const max = largest(all);
    expect(max.bytes, max.path).toBeLessThan(BOUND);
    const entries = all.filter((p) => p.path.includes('/actiepunt/1/updates-') && !p.path.endsWith('.en.html')).reduce((n, p) => n + (p.html.match(/<li id="update-/g) ?? []).length, 0);
    expect(entries).toBe(3000);
  });
});
