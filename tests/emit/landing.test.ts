// The dataset landing page: built from the real release, every action, theme and file on it, schema.org JSON-LD in
// the head, and all data escaped (a `<script>` in the data stays text, in the body and in the JSON-LD).
import { load } from 'cheerio';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetSpec } from '../../pipeline/config.js';
import { landingPage, schemaOrg, scriptJson, textBlocks, type LandingInput } from '../../pipeline/emit/landing.js';
import { pageOfParts, serialised, splitAt } from '../../pipeline/emit/landing-shell.js';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { Iris } from '../../pipeline/iris.js';
import { span, type Manifest } from '../../pipeline/manifest.js';
import type { Dataset } from '../../pipeline/model.js';
import { runPipeline } from '../../pipeline/run.js';
import { project, runOptions } from '../helpers.js';
import { BASE, CLOCK, SLUG } from './release.js';

const release = await runPipeline(runOptions({ out: join(mkdtempSync(join(tmpdir(), 'ontsluit-landing-')), 'release'), clock: CLOCK }));
if (!release.report.valid || release.files.length === 0) throw new Error(`release not built: ${JSON.stringify(release.report.errors)}`);
const bytesOf = (path: string) => release.files.find((f) => f.path === path)!.bytes;
const { config } = project();
const spec = config.catalog.datasets.find((d) => d.slug === SLUG)!;
const dataset = JSON.parse(bytesOf(`${SLUG}/dataset.json`).toString('utf8')) as Dataset;
const manifest = JSON.parse(bytesOf('manifest.json').toString('utf8')) as Manifest;
/** The files of the dataset the page lists: everything under the slug but pages. */
const dataFiles = release.files.filter((f) => f.path.startsWith(`${SLUG}/`) && !/\.(html|svg)$/.test(f.path));
const PAGE = `${SLUG}/index.html`;

function inputFor(overrides: { dataset?: Dataset; spec?: DatasetSpec; pagePath?: string; lang?: 'nl' | 'en' } = {}): LandingInput {
  return {
    dataset: overrides.dataset ?? dataset,
    spec: overrides.spec ?? spec,
    catalog: config.catalog,
    iris: new Iris(config.catalog.baseUrl),
    files: dataFiles.map((f) => ({ path: f.path, title: f.title, mediaType: f.mediaType, bytes: f.bytes.length, fileType: f.fileType })),
    dates: span(dataFiles.map((f) => manifest.files[f.path]!)),
    publisherName: config.organisations.find((o) => o.id === config.catalog.publisher)!.name,
    pagePath: overrides.pagePath ?? PAGE,
    ...(overrides.lang ? { lang: overrides.lang } : {}),
  };
}

const html = landingPage(inputFor());
const $ = load(html);
const jsonLdText = () => $('head script[type="application/ld+json"]').text();

describe('landing page of the real release', () => {
  it('is a Dutch HTML document with charset, title and the RDF alternates in the head', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect($('html').attr('lang')).toBe('nl');
    expect($('head meta[charset]').attr('charset')).toBe('utf-8');
    expect($('head title').text()).toBe(spec.title.nl);
    expect($('h1').text()).toBe(spec.title.nl);
    const alternates = $('head link[rel="alternate"][type]').map((_, el) => `${$(el).attr('type')} ${$(el).attr('href')}`).get();
    expect(alternates).toEqual(['text/turtle dataset.ttl', 'application/ld+json dataset.jsonld', 'application/n-triples dataset.nt']);
  });

  it('lists all 13 actions with number, title (linking to its page), theme, holders and partners by name, and the OGP commitment link', () => {
    const rows = $('#actiepunten tbody tr');
    expect(dataset.actions).toHaveLength(13);
    expect(rows).toHaveLength(13);
    const names = new Map(dataset.organisations.map((o) => [o.id, o.name]));
    rows.each((i, row) => {
      const action = dataset.actions[i]!;
      const cells = $(row).children('td');
      expect(cells.eq(0).text()).toBe(String(action.actionNumber));
      expect(cells.eq(1).text()).toBe(action.title);
      expect(cells.eq(1).find('a').attr('href')).toBe(`actiepunt/${action.actionNumber}/index.html`);
      expect(cells.eq(2).text()).toBe(`${action.themeNumeral} ${dataset.themes.find((t) => t.numeral === action.themeNumeral)!.name}`);
      for (const id of action.actionHolders) expect(cells.eq(3).text()).toContain(names.get(id));
      for (const id of action.partners) expect(cells.eq(4).text()).toContain(names.get(id));
      expect(cells.eq(5).text()).toContain('nieuw');
      expect(cells.eq(6).find('a').attr('href')).toBe(action.ogpCommitmentUrl);
      expect(cells.eq(6).text()).toBe(action.ogpCommitmentId);
    });
    expect(cells(rows, 3).join(' ')).not.toMatch(/ministerie-van-/); // names, not ids
    expect($('#actiepunten nav.pages')).toHaveLength(0); // 13 actions: one list
  });

  it('holds no progress text: the timelines are on the action pages', () => {
    expect($('#voortgang, ol.timeline, article.action')).toHaveLength(0);
    const text = dataset.progress.find((p) => p.actionNumber === 4)!.text;
    expect(html).not.toContain(text.slice(0, 60));
    expect($('header nav a').map((_, a) => $(a).attr('href')).get()).toEqual(['#gegevens', '#downloads', '#actiepunten']);
  });

  it('links every data file of the dataset from the downloads table, relative to the page, with format, media type and size', () => {
    expect(dataFiles.length).toBeGreaterThanOrEqual(15);
    const rows = $('#downloads tbody tr');
    expect(rows).toHaveLength(dataFiles.length);
    const linked = rows.map((_, row) => posix.join(posix.dirname(PAGE), $(row).find('a').attr('href')!)).get();
    expect(linked.sort()).toEqual(dataFiles.map((f) => f.path).sort());
    for (const [i, file] of dataFiles.entries()) {
      const cells = rows.eq(i).children('td');
      expect(cells.eq(0).text()).toBe(file.title.nl);
      expect(cells.eq(2).text()).toBe(file.mediaType);
      expect(cells.eq(3).find('data').attr('value')).toBe(String(file.bytes.length));
      expect(cells.eq(3).text()).toMatch(/^\d+,\d kB$/);
      expect(cells.eq(4).find('a').attr('href')).not.toMatch(/^(\/|https?:)/);
    }
    const csv = rows.filter((_, row) => $(row).find('a').attr('href') === 'actions.csv');
    expect(csv.children('td').eq(1).text()).toBe('CSV');
  });

  it('makes links relative to wherever the page sits', () => {
    const atRoot = load(landingPage(inputFor({ pagePath: 'index.html' })));
    expect(atRoot('#downloads a').first().attr('href')).toBe(`${SLUG}/${posix.basename(dataFiles[0]!.path)}`);
    expect(atRoot('head link[type="text/turtle"]').attr('href')).toBe(`${SLUG}/dataset.ttl`);
    expect($('footer a').first().attr('href')).toBe('../catalog.ttl');
  });

  it('carries the metadata: publisher, contact, licence, themes, keywords, spatial, temporal, frequency, dates, identifier, OGP plan', () => {
    const meta = Object.fromEntries($('dl.meta dt').map((_, dt) => [[$(dt).text(), $(dt).next('dd')]]).get() as [string, ReturnType<typeof $>][]);
    const { contactPoint } = config.catalog;
    const dates = inputFor().dates;
    expect(meta['Uitgever']!.text()).toBe('Ministerie van Binnenlandse Zaken en Koninkrijksrelaties');
    expect(meta['Contact']!.find('a').map((_, a) => $(a).attr('href')).get()).toEqual([`mailto:${contactPoint.email}`, `tel:${contactPoint.telephone.replace(/\s+/g, '')}`]);
    expect(meta['Licentie']!.find('a').attr('href')).toBe(spec.license);
    expect(meta['Licentie']!.text()).toContain('CC0 1.0');
    expect(meta['Thema’s']!.text()).toBe('Bestuur, Overheid en publieke sector');
    expect(meta['Trefwoorden']!.find('li').map((_, li) => $(li).text()).get()).toEqual(spec.keywords.nl);
    expect(meta['Gebied']!.text()).toBe('Nederland');
    expect(meta['Periode']!.text()).toBe('2020 – 2022');
    expect(meta['Frequentie']!.text()).toBe('onregelmatig');
    expect(meta['Uitgegeven']!.find('time').attr('datetime')).toBe(dates.issued);
    expect(meta['Gewijzigd']!.find('time').attr('datetime')).toBe(dates.modified);
    expect(meta['Identificatie']!.text()).toBe(`${BASE}/id/dataset/${SLUG}`);
    expect(meta['Actieplan']!.text()).toContain(dataset.plan.ogpActionPlan);
  });

  it('has a schema.org Dataset in JSON-LD in the head, with a DataDownload per file', () => {
    const doc = JSON.parse(jsonLdText()) as Record<string, unknown> & { distribution: Record<string, unknown>[] };
    expect(doc['@context']).toBe('https://schema.org/');
    expect(doc['@type']).toBe('Dataset');
    expect(doc).toMatchObject({
      name: spec.title.nl,
      description: spec.description.nl,
      url: `${BASE}/${SLUG}/`,
      identifier: `${BASE}/id/dataset/${SLUG}`,
      keywords: spec.keywords.nl,
      license: spec.license,
      creator: { '@type': 'Organization', name: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties' },
      publisher: { '@type': 'Organization', name: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties' },
      temporalCoverage: '2020/2022',
      spatialCoverage: 'Nederland',
    });
    expect(doc.distribution.length).toBeGreaterThanOrEqual(1);
    expect(doc.distribution).toHaveLength(dataFiles.length);
    for (const [i, file] of dataFiles.entries())
      expect(doc.distribution[i]).toEqual({ '@type': 'DataDownload', name: file.title.nl, contentUrl: `${BASE}/${file.path}`, encodingFormat: file.mediaType, contentSize: `${file.bytes.length} B` });
  });

  it('is self-contained: inline CSS, no JavaScript, no external assets', () => {
    expect($('style')).toHaveLength(1);
    expect($('script')).toHaveLength(1);
    expect($('script').attr('type')).toBe('application/ld+json');
    expect($('[src]')).toHaveLength(0);
    expect($('link[rel="stylesheet"]')).toHaveLength(0);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('is deterministic: the same input gives the same bytes, with no date but the given ones', () => {
    expect(landingPage(inputFor())).toBe(html);
    const dates = new Set(html.match(/\b\d{4}-\d{2}-\d{2}\b/g));
    const allowed = new Set([...Object.values(inputFor().dates), ...dataset.updates.flatMap((u) => [u.published, u.publishedNotBefore, u.publishedNotAfter]), ...dataset.progress.map((p) => p.repeatedFrom)]);
    for (const date of dates) expect(allowed, date).toContain(date);
  });
});

describe('escaping', () => {
  const PAYLOAD = '<script>alert(1)</script>';
  const text = `Voor ${PAYLOAD} staat "dit" & dat.\n\n- een <b>lijst</b> & meer\n- </p></li></ol><script>alert(2)</script>`;
  const title = `${PAYLOAD} "Titel" & <!-- commentaar -->`;
  const hostile: Dataset = structuredClone(dataset);
  hostile.progress[0] = { ...hostile.progress[0]!, text };
  hostile.actions[0] = { ...hostile.actions[0]!, title };
  hostile.organisations = hostile.organisations.map((o, i) => (i === 0 ? { ...o, name: `Org "${PAYLOAD}" & co` } : o));
  const hostileSpec: DatasetSpec = {
    ...spec,
    title: { ...spec.title, nl: `${spec.title.nl} </title>${PAYLOAD}` },
    description: { ...spec.description, nl: `Beschrijving "met" & </script><script>alert(3)</script><!--` },
    keywords: { ...spec.keywords, nl: [...spec.keywords.nl, '</SCRIPT>', 'a&b'] },
  };
  const page = landingPage(inputFor({ dataset: hostile, spec: hostileSpec }));
  const $h = load(page);

  it('leaves no executable markup from the data in the HTML', () => {
    // The dataset's texts never go into attributes: not even the characters `<script>alert` are in the page.
    const fromData = landingPage(inputFor({ dataset: hostile }));
    expect(fromData).not.toContain('<script>alert');
    expect(fromData).not.toContain('<b>lijst');
    expect(fromData.match(/<script/gi)).toHaveLength(1);
    // The spec's description is also a meta attribute: in a double-quoted value `<` is plain text (only `"` and `&`
    // are escaped there), so outside attribute values there is none.
    const outsideAttributes = page.replace(/="[^"]*"/g, '=""');
    expect(outsideAttributes).not.toContain('<script>alert');
    expect(outsideAttributes).not.toContain('<b>lijst');
    expect(outsideAttributes.match(/<script/gi)).toHaveLength(1);
    expect($h('script')).toHaveLength(1);
    expect($h('b')).toHaveLength(0);
  });

  it('shows the text literally, in text and in attributes', () => {
    expect($h('#actiepunten tbody tr').first().children('td').eq(1).text()).toBe(title);
    expect($h('head title').text()).toBe(hostileSpec.title.nl);
    expect($h('head meta[name="description"]').attr('content')).toBe(hostileSpec.description.nl);
    expect($h('body').text()).toContain(`Org "${PAYLOAD}" & co`);
  });

  it('keeps the JSON-LD inside its own script element, and its values intact', () => {
    const open = '<script type="application/ld+json">';
    const start = page.indexOf(open) + open.length;
    const end = page.indexOf('</script>', start);
    const block = page.slice(start, end);
    expect(block).not.toMatch(/<\/script|<!--|<script/i);
    expect(page.slice(end, end + '</script></head>'.length)).toBe('</script></head>');
    const doc = JSON.parse(block) as { name: string; description: string; keywords: string[] };
    expect(doc.name).toBe(hostileSpec.title.nl);
    expect(doc.description).toBe(hostileSpec.description.nl);
    expect(doc.keywords).toContain('</SCRIPT>');
    expect(JSON.parse($h('script[type="application/ld+json"]').text())).toEqual(JSON.parse(JSON.stringify(schemaOrg(inputFor({ dataset: hostile, spec: hostileSpec })))));
  });

  it('serialises a shared fragment as the library writes it in place, escaped once, nested fragments too', () => {
    const when = h('p', { className: ['when'] }, `${PAYLOAD} & "x"`);
    const inPlace = toHtml(h('li', { id: 'update-1' }, [when, 'na < voor']));
    expect(inPlace).not.toContain('<script');
    expect((serialised(h('li', { id: 'update-1' }, [serialised(when), 'na < voor'])) as unknown as { value: string }).value).toBe(inPlace);
    expect(toHtml(h('ol', [serialised(h('li', [serialised(when)]))]), { allowDangerousHtml: true })).toBe(`<ol>${inPlace.replace(' id="update-1"', '').replace('na &#x3C; voor', '')}</ol>`);
  });

  it('writes a page from its parts as the UTF-8 of the parts joined, and finds its marker only once', () => {
    const parts = ['<p>één ‘twee’</p>', '', '<li>😀 & 3</li>'];
    const page = pageOfParts('a/index.html', parts, { nl: 'a', en: 'a' });
    expect(page.bytes!.equals(Buffer.from(parts.join(''), 'utf8'))).toBe(true);
    expect(page.html).toBe(parts.join(''));
    expect(splitAt('<a><!--m--></a>', '<!--m-->')).toEqual(['<a>', '</a>']);
    expect(() => splitAt('<a></a>', '<!--m-->')).toThrow('expected the marker <!--m--> once in the page');
    expect(() => splitAt('<!--m--><!--m-->', '<!--m-->')).toThrow('expected the marker <!--m--> once in the page');
  });

  it('escapes < > & and the JS line separators in script JSON without changing the value', () => {
    const value = { a: '</script><!-- & \u2028\u2029 >' };
    const out = scriptJson(value);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe('textBlocks', () => {
  const render = (value: string) => textBlocks(value).map((el) => `${el.tagName}:${JSON.stringify(el.children.map((c) => (c.type === 'element' ? (c.children[0] as { value: string }).value : (c as { value: string }).value)))}`);
  it('splits on blank lines; "- " lines are list items; single line breaks join a paragraph', () => {
    expect(render('Een\ntwee\n\n- a\n- b\nna\n\n\n\nslot')).toEqual(['p:["Een twee"]', 'ul:["a","b"]', 'p:["na"]', 'p:["slot"]']);
  });
  it('says so when there is no text', () => {
    expect(render('  \n')).toEqual(['p:["Geen tekst in deze update."]']);
  });
});

function cells(rows: ReturnType<typeof $>, index: number): string[] {
  return rows.map((_, row) => $(row).children('td').eq(index).text()).get();
}

describe('the landing pages of the release: Dutch and English, with charts', () => {
  const nl = load(bytesOf(PAGE).toString('utf8'));
  const en = load(bytesOf(`${SLUG}/index.en.html`).toString('utf8'));
  const pageBase = `${BASE}/${SLUG}/`;

  it('has an English page beside the Dutch one, each with its lang, title and description', () => {
    expect(en('html').attr('lang')).toBe('en');
    expect(en('head title').text()).toBe(spec.title.en);
    expect(en('h1').text()).toBe(spec.title.en);
    expect(en('.lead').text()).toBe(spec.description.en);
    expect(en('head link[rel="canonical"]').attr('href')).toBe(`${pageBase}index.en.html`);
    expect(nl('head link[rel="canonical"]').attr('href')).toBe(pageBase);
  });

  it('links the two both ways with hreflang, Dutch as x-default, and offers the other language in the header', () => {
    for (const $ of [nl, en]) {
      const links = $('head link[hreflang]').map((_, el) => `${$(el).attr('hreflang')} ${$(el).attr('href')}`).get();
      expect(links).toEqual([`nl ${pageBase}`, `en ${pageBase}index.en.html`, `x-default ${pageBase}`]);
    }
    expect(nl('header .lang a').attr('href')).toBe('index.en.html');
    expect(nl('header .lang a').attr('hreflang')).toBe('en');
    expect(en('header .lang a').attr('href')).toBe('index.html');
    expect(en('header .lang a').attr('lang')).toBe('nl');
  });

  it('speaks English on the English page: labels, statuses, dates, sizes, keywords, JSON-LD', () => {
    const meta = Object.fromEntries(en('dl.meta dt').map((_, dt) => [[en(dt).text(), en(dt).next('dd')]]).get() as [string, ReturnType<typeof en>][]);
    expect(Object.keys(meta)).toEqual(['Publisher', 'Contact', 'Licence', 'Themes', 'Keywords', 'Area', 'Period', 'Frequency', 'Issued', 'Modified', 'Identifier', 'Action plan', 'Size']);
    expect(meta['Themes']!.text()).toBe('Government, Government and public sector');
    expect(meta['Frequency']!.text()).toBe('irregular');
    expect(meta['Keywords']!.find('li').map((_, el) => en(el).text()).get()).toEqual(spec.keywords.en);
    expect(en('#actiepunten tbody tr').first().find('td').eq(1).find('a').attr('href')).toBe('actiepunt/1/index.en.html');
    expect(en('#downloads tbody tr').first().find('td').eq(3).text()).toMatch(/^\d+\.\d kB$/);
    const doc = JSON.parse(en('head script[type="application/ld+json"]').text()) as { inLanguage: string; name: string; keywords: string[] };
    expect(doc).toMatchObject({ inLanguage: 'en', name: spec.title.en, keywords: spec.keywords.en });
  });

  it('shows both charts as images next to the page, each with alt text, a caption and the data as a table', () => {
    for (const [$, suffix] of [[nl, ''], [en, '.en']] as const) {
      const images = $('#in-beeld figure img');
      expect(images.map((_, el) => $(el).attr('src')).get()).toEqual([`status${suffix}.svg`, `themes${suffix}.svg`]);
      images.each((_, el) => {
        expect($(el).attr('alt')).toMatch(/.{30,}/);
        expect(bytesOf(`${SLUG}/${$(el).attr('src')}`)?.toString('utf8')).toMatch(/^<svg /);
        expect($(`#${$(el).attr('aria-describedby')}`).is('table')).toBe(true);
      });
      expect($('#grafiek-status-tabel tbody tr')).toHaveLength(dataset.actions.length);
      expect($('#grafiek-themes-tabel tbody tr')).toHaveLength(dataset.themes.length);
    }
    expect(nl('#grafiek-status figcaption').text()).toContain('Status van 13 actiepunten in 1 update: 13 nieuw.');
    expect(en('#grafiek-status figcaption').text()).toContain('Status of 13 action points in 1 update: 13 new.');
  });

  it('loads nothing from another origin: every src and stylesheet is relative', () => {
    for (const $ of [nl, en]) {
      expect($('[src]').map((_, el) => $(el).attr('src')).get().every((src) => !/^[a-z]+:|^\/\//i.test(src))).toBe(true);
      expect($('link[rel="stylesheet"], script[src], iframe, object, embed')).toHaveLength(0);
    }
  });
});
