// The pages of each action (its metadata and the timeline of its updates) and the lists that link them: built from the real
// release, every link between the pages resolving to a file, one style for all, the data escaped, and paged when long.
import { load } from 'cheerio';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionPages } from '../../pipeline/emit/action-page.js';
import { CSS } from '../../pipeline/emit/landing-style.js';
import { datasetPages, landingPages, type LandingInput, type PageFile } from '../../pipeline/emit/landing.js';
import { ACTIONS_PER_LIST, LATEST_ON_ACTION_PAGE, historyRanges } from '../../pipeline/emit/landing-paths.js';
import { Iris } from '../../pipeline/iris.js';
import type { Dataset } from '../../pipeline/model.js';
import { styleHashes } from '../../pipeline/serve/security.js';
import { project } from '../helpers.js';
import { largeDataset } from '../support/large-dataset.js';
import { BASE, SLUG, buildRelease, datasetOf, textOf } from './release.js';

const release = await buildRelease();
const dataset = datasetOf(release);
const { config } = project();
const spec = config.catalog.datasets.find((d) => d.slug === SLUG)!;
const iris = new Iris(config.catalog.baseUrl);
const paths = new Set(release.files.map((f) => f.path));
const pageOf = (path: string) => load(textOf(release, path));
const actionPath = (n: number, suffix = '') => `${SLUG}/actiepunt/${n}/index${suffix}.html`;

/** What the pages of a (generated) dataset are made from, in one language. */
const inputOf = (data: Dataset, lang: 'nl' | 'en'): LandingInput => ({ dataset: data, spec, catalog: config.catalog, iris, files: [], dates: { issued: '2026-11-29', modified: '2026-11-29' }, publisherName: 'BZK', pagePath: `${SLUG}/index${lang === 'nl' ? '' : '.en'}.html`, lang });

/** Every page of a dataset in one language, from a (generated) dataset. */
function pagesOf(data: Dataset, lang: 'nl' | 'en' = 'nl'): PageFile[] {
  return [...landingPages(inputOf(data, lang))];
}

/** The release path a relative link of the page at `from` points to, without its fragment. */
const target = (from: string, href: string) => posix.normalize(posix.join(posix.dirname(from), href.split('#')[0]!));

describe('the page of each action in the real release', () => {
  it('exists for every action in Dutch and English, in the manifest, and is no distribution in the catalog', () => {
    const manifest = JSON.parse(textOf(release, 'manifest.json')) as { files: Record<string, unknown> };
    for (const action of dataset.actions)
      for (const suffix of ['', '.en']) {
        expect(paths, actionPath(action.actionNumber, suffix)).toContain(actionPath(action.actionNumber, suffix));
        expect(Object.keys(manifest.files)).toContain(actionPath(action.actionNumber, suffix));
      }
    expect(textOf(release, 'catalog.ttl')).not.toContain('/actiepunt/1/index');
  });

  it('shows the action: heading, theme, holders and partners by name, latest status, OGP commitment and its IRI', () => {
    const names = new Map(dataset.organisations.map((o) => [o.id, o.name]));
    for (const action of dataset.actions) {
      const $ = pageOf(actionPath(action.actionNumber));
      expect($('h1').text()).toBe(`${action.actionNumber} ${action.title}`);
      expect($('head title').text()).toBe(`Actiepunt ${action.actionNumber}: ${action.title} · ${spec.title.nl}`);
      const meta = Object.fromEntries($('dl.meta dt').map((_, dt) => [[$(dt).text(), $(dt).next('dd')]]).get() as [string, ReturnType<typeof $>][]);
      for (const id of action.actionHolders) expect(meta['Actiehouders']!.text()).toContain(names.get(id));
      for (const id of action.partners) expect(meta['Partners']!.text()).toContain(names.get(id));
      expect(meta['Laatste status']!.text()).toBe(`nieuw update #${action.latestUpdate}`);
      expect(meta['OGP-commitment']!.find('a').attr('href')).toBe(action.ogpCommitmentUrl);
      expect(meta['Identificatie']!.text()).toBe(`${BASE}/id/actieplan/2020-2022/actiepunt/${action.actionNumber}`);
      expect($('ol.timeline > li')).toHaveLength(dataset.progress.filter((p) => p.actionNumber === action.actionNumber).length);
    }
  });

  it('dates an update without a publication date by what the text supports', () => {
    const when = pageOf(actionPath(1))('ol.timeline > li .when').first();
    expect(when.text()).toBe('Update #2 · gepubliceerd: onbekend (niet vóór 21 juni 2021) · nieuw');
    expect(when.find('time').attr('datetime')).toBe('2021-06-21');
    expect(pageOf(actionPath(1, '.en'))('ol.timeline > li .when').first().text()).toBe('Update #2 · published: unknown (not before 21 June 2021) · new');
  });

  it('turns the progress text into paragraphs and list items', () => {
    const $ = pageOf(actionPath(4));
    const entry = $('ol.timeline > li#update-2');
    expect(entry.children('p:not(.when)').map((_, p) => $(p).text()).get()).toEqual([
      expect.stringMatching(/^Het Open Wob project/),
      'We staan nu voor de zomervakantie en in het laatste overleg willen we:',
      'Na de zomer gaan we met nieuwe energie verder met het aansluiten van de Wob informatie op PLOOI.',
    ]);
    expect(entry.find('ul > li').map((_, li) => $(li).text()).get()).toEqual(['de nieuwe werkgroep leden op gang helpen;', 'een concept plan van aanpak opleveren;', 'de nieuwe detailplanning doornemen met de deelnemers.']);
  });

  it('links the two languages with hreflang (Dutch the x-default, served as the directory) and offers the other in the header', () => {
    const pageBase = `${BASE}/${SLUG}/actiepunt/7/`;
    const nl = pageOf(actionPath(7));
    const en = pageOf(actionPath(7, '.en'));
    expect(nl('html').attr('lang')).toBe('nl');
    expect(en('html').attr('lang')).toBe('en');
    expect(nl('head link[rel="canonical"]').attr('href')).toBe(pageBase);
    expect(en('head link[rel="canonical"]').attr('href')).toBe(`${pageBase}index.en.html`);
    for (const $ of [nl, en]) expect($('head link[hreflang]').map((_, el) => `${$(el).attr('hreflang')} ${$(el).attr('href')}`).get()).toEqual([`nl ${pageBase}`, `en ${pageBase}index.en.html`, `x-default ${pageBase}`]);
    expect(nl('header .lang a').attr('href')).toBe('index.en.html');
    expect(en('header .lang a').attr('href')).toBe('index.html');
    expect(en('#voortgang > p').first().text()).toContain('The texts are in Dutch, as published.');
  });

  it('resolves every relative link of every dataset page to a file of the release (and every fragment to an element)', () => {
    const pages = release.files.filter((f) => f.path.startsWith(`${SLUG}/`) && f.path.endsWith('.html'));
    expect(pages).toHaveLength(2 + 2 * dataset.actions.length);
    let links = 0;
    for (const { path } of pages) {
      const $ = pageOf(path);
      $('a[href], link[href], img[src]').each((_, el) => {
        const href = $(el).attr('href') ?? $(el).attr('src')!;
        if (/^[a-z]+:/i.test(href)) return;
        links++;
        if (href.startsWith('#')) return void expect($(`[id="${href.slice(1)}"]`).length, `${path} ${href}`).toBe(1);
        const file = target(path, href);
        expect(paths, `${path} → ${href}`).toContain(file);
        const fragment = href.split('#')[1];
        if (fragment) expect(pageOf(file)(`[id="${fragment}"]`).length, `${path} → ${href}`).toBe(1);
      });
    }
    expect(links).toBeGreaterThan(200);
    // From the landing page to the action and back to its row.
    const landing = pageOf(`${SLUG}/index.html`);
    expect(target(`${SLUG}/index.html`, landing('#actie-7 a').first().attr('href')!)).toBe(actionPath(7));
    expect(pageOf(actionPath(7))('footer a').first().attr('href')).toBe('../../index.html#actie-7');
    expect(pageOf(actionPath(7))('header .kicker a').attr('href')).toBe('../../index.html');
  });

  it('has one style for every page (so one hash in the Content-Security-Policy) and no script at all', () => {
    const landing = textOf(release, `${SLUG}/index.html`);
    for (const action of dataset.actions)
      for (const suffix of ['', '.en']) {
        const html = textOf(release, actionPath(action.actionNumber, suffix));
        const $ = load(html);
        expect($('style')).toHaveLength(1);
        expect($('style').text()).toBe(CSS);
        expect(styleHashes(html)).toEqual(styleHashes(landing));
        expect($('script, [src], link[rel="stylesheet"]')).toHaveLength(0);
        expect(html).not.toMatch(/\son[a-z]+=/i);
      }
  });
});

describe('escaping on the action pages', () => {
  const PAYLOAD = '<script>alert(1)</script>';
  const hostile: Dataset = structuredClone(dataset);
  hostile.progress[0] = { ...hostile.progress[0]!, text: `Voor ${PAYLOAD} staat "dit" & dat.\n\n- een <b>lijst</b> & meer\n- </p></li></ol><script>alert(2)</script>` };
  hostile.actions[0] = { ...hostile.actions[0]!, title: `${PAYLOAD} "Titel" & <!-- commentaar -->` };
  hostile.organisations = hostile.organisations.map((o) => (o.id === hostile.actions[0]!.actionHolders[0] ? { ...o, name: `Org "${PAYLOAD}" & co` } : o));
  const [page] = [...actionPages({ dataset: hostile, spec, catalog: config.catalog, iris, lang: 'nl' })];
  const $ = load(page!.html);

  it('leaves no markup from the data in the page, and shows it as text', () => {
    expect(page!.html).not.toContain('<script');
    expect(page!.html).not.toContain('<b>lijst');
    expect($('script, b')).toHaveLength(0);
    expect($('h1').text()).toBe(`1 ${hostile.actions[0]!.title}`);
    expect($('head title').text()).toContain(hostile.actions[0]!.title);
    expect($('ol.timeline > li').first().children('p:not(.when)').first().text()).toBe(`Voor ${PAYLOAD} staat "dit" & dat.`);
    expect($('ol.timeline > li ul > li').map((_, li) => $(li).text()).get()).toEqual(['een <b>lijst</b> & meer', '</p></li></ol><script>alert(2)</script>']);
    expect($('dl.meta').text()).toContain(`Org "${PAYLOAD}" & co`);
  });
});

describe('an action with a long history', () => {
  // Two actions in 120 updates (generated from the real dataset): the latest 50 on the page, all of them on pages of 50 update numbers.
  const long = largeDataset(dataset, 120, 2);
  const pages = pagesOf(long);
  const byPath = new Map(pages.map((p) => [p.path, load(p.html)]));
  const entries = (path: string) => byPath.get(path)!('ol.timeline > li strong').map((_, el) => Number(byPath.get(path)!(el).text().replace('Update #', ''))).get();

  it('shows the latest updates on the action page and links every history page', () => {
    expect(historyRanges([1, 50, 51, 120])).toEqual([{ from: 1, to: 50 }, { from: 51, to: 100 }, { from: 101, to: 150 }]);
    const $ = byPath.get(actionPath(1))!;
    expect(entries(actionPath(1))).toEqual(Array.from({ length: LATEST_ON_ACTION_PAGE }, (_, i) => 71 + i));
    expect($('#voortgang > p').first().text()).toMatch(/^De laatste 50 van 120 updates met dit actiepunt/);
    expect($('#voortgang nav.pages a').map((_, a) => `${$(a).attr('href')} ${$(a).text()}`).get()).toEqual(['updates-1-50.html #1–#50', 'updates-51-100.html #51–#100', 'updates-101-150.html #101–#150']);
  });

  it('has every update exactly once over the history pages, each page marking itself and linking back', () => {
    const seen: number[] = [];
    for (const [from, to] of [[1, 50], [51, 100], [101, 150]] as const) {
      const path = `${SLUG}/actiepunt/1/updates-${from}-${to}.html`;
      const $ = byPath.get(path)!;
      expect($('h2').text()).toBe(`Updates #${from}–#${to}`);
      expect($('nav.pages a[aria-current="page"]').attr('href')).toBe(`updates-${from}-${to}.html`);
      expect($('#voortgang > p a').attr('href')).toBe('index.html');
      expect($('head link[hreflang="en"]').attr('href')).toBe(`${BASE}/${path.replace(/\.html$/, '.en.html')}`);
      seen.push(...entries(path));
    }
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(pages.filter((p) => p.path.includes('/updates-'))).toHaveLength(6);
  });

  it("gives each entry the first line of its own update, status and repetition (a line shared by the actions' pages)", () => {
    // The two actions repeat different updates (15 % of the entries, by a formula of action and update): the line is made once per
    // update, status and repeated update, and each page must still show its own.
    const entryOf = (action: number, update: number) => long.progress.find((p) => p.actionNumber === action && p.updateNumber === update)!;
    let compared = 0;
    const statuses = new Set<string>();
    for (const action of [1, 2])
      for (const [path, $] of byPath) {
        if (!path.startsWith(`${SLUG}/actiepunt/${action}/`)) continue;
        $('ol.timeline > li').each((_, li) => {
          const update = Number($(li).attr('id')!.replace('update-', ''));
          const entry = entryOf(action, update);
          const when = $(li).children('p.when');
          expect(when.find('strong').text()).toBe(`Update #${update}`);
          expect(when.find('span.status').attr('class')).toBe(entry.status === 'repeated' ? 'status status-repeated' : 'status status-new');
          expect(when.text().includes(`(herhaling van update #${update - 1})`)).toBe(entry.status === 'repeated');
          statuses.add(`${update}/${entry.status}`);
          compared++;
        });
      }
    // Each entry of both actions, on the action page or a history page; some updates repeated by one action and new for the other.
    expect(compared).toBe(2 * 120 + 2 * LATEST_ON_ACTION_PAGE);
    const mixed = [...Array(120).keys()].filter((u) => statuses.has(`${u + 1}/new`) && statuses.has(`${u + 1}/repeated`));
    expect(mixed.length).toBeGreaterThan(0);
  });
});

describe('the pages of both languages made together', () => {
  // Three actions in 60 updates (history pages too); one entry without words, which each language says in its own.
  const data = largeDataset(dataset, 60, 3);
  const blank = data.progress.findIndex((p) => p.actionNumber === 2 && p.updateNumber === 60);
  data.progress[blank] = { ...data.progress[blank]!, text: ' \n\u00a0\n' };
  const together = [...datasetPages([inputOf(data, 'nl'), inputOf(data, 'en')])];

  it("are each language's pages made alone, byte for byte, an action at a time in both languages", () => {
    const alone = [...pagesOf(data, 'nl'), ...pagesOf(data, 'en')];
    expect(together.map((p) => p.path).sort()).toEqual(alone.map((p) => p.path).sort());
    const html = new Map(alone.map((p) => [p.path, p.html]));
    for (const page of together) expect(page.html, page.path).toBe(html.get(page.path));
    // An action's pages in both languages (its page and history pages), then the next action's.
    const actions = together.map((p) => /\/actiepunt\/(\d+)\//.exec(p.path)?.[1]).filter((n) => n !== undefined).map(Number);
    expect(actions).toEqual([...actions].sort((a, b) => a - b));
    const first = together.filter((p) => p.path.includes('/actiepunt/1/')).map((p) => p.path.replace(/.*\//, ''));
    expect(first).toEqual(['index.html', 'updates-1-50.html', 'updates-51-100.html', 'index.en.html', 'updates-1-50.en.html', 'updates-51-100.en.html']);
  });

  it('shares a progress text between the languages, and says an empty one in each language', () => {
    const entry = (path: string, update: number) => load(together.find((p) => p.path === path)!.html)(`#update-${update}`);
    const words = data.progress.find((p) => p.actionNumber === 2 && p.updateNumber === 59)!.text;
    expect(words.trim()).not.toBe('');
    expect(entry(actionPath(2), 59).children('p:not(.when)').first().text()).toBe(entry(actionPath(2, '.en'), 59).children('p:not(.when)').first().text());
    expect(entry(actionPath(2), 60).find('p.empty').text()).toBe('Geen tekst in deze update.');
    expect(entry(actionPath(2, '.en'), 60).find('p.empty').text()).toBe('No text in this update.');
  });
});

describe('a plan with more actions than one list holds', () => {
  const many = largeDataset(dataset, 1, 2 * ACTIONS_PER_LIST + 50);
  const pages = pagesOf(many, 'en');
  const byPath = new Map(pages.map((p) => [p.path, load(p.html)]));

  it('lists the first actions on the landing page and the rest on list pages, each linking all lists', () => {
    const lists = [`${SLUG}/index.en.html`, `${SLUG}/actiepunten/2.en.html`, `${SLUG}/actiepunten/3.en.html`];
    expect(lists.map((path) => byPath.get(path)!('#actiepunten tbody tr').length)).toEqual([ACTIONS_PER_LIST, ACTIONS_PER_LIST, 50]);
    expect(byPath.get(lists[2]!)!('#actiepunten caption').text()).toBe(`Action points 401–450 of 450`);
    for (const [i, path] of lists.entries()) {
      const $ = byPath.get(path)!;
      const links = $('#actiepunten nav.pages a').map((_, a) => target(path, $(a).attr('href')!)).get();
      expect(links).toEqual(lists);
      expect(target(path, $('nav.pages a[aria-current="page"]').attr('href')!)).toBe(path);
      expect($('#actiepunten tbody tr').first().attr('id')).toBe(`actie-${i * ACTIONS_PER_LIST + 1}`);
    }
  });

  it('links each action page back to the list that holds it', () => {
    const $ = byPath.get(`${SLUG}/actiepunt/401/index.en.html`)!;
    const back = $('footer a').first().attr('href')!;
    expect(back).toBe('../../actiepunten/3.en.html#actie-401');
    expect(byPath.get(target(`${SLUG}/actiepunt/401/index.en.html`, back))!('#actie-401')).toHaveLength(1);
  });
});
