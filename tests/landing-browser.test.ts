// The landing pages in a real browser: headless Chromium (playwright-core) loads them from a small loopback server,
// shows the charts, switches language, goes to an action's page and back, follows a download link, reads the JSON-LD,
// and shows `<script>` in the data as text without running it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionPages } from '../pipeline/emit/action-page.js';
import { landingPage, type LandingInput } from '../pipeline/emit/landing.js';
import { Iris } from '../pipeline/iris.js';
import { span, type Manifest } from '../pipeline/manifest.js';
import type { Dataset } from '../pipeline/model.js';
import { runPipeline } from '../pipeline/run.js';
import { ROOT, project, runOptions } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SLUG = 'actieplan-open-overheid-2020-2022';
const PAGE = `${SLUG}/index.html`;
const FIXTURE = `${SLUG}/escape.html`;
const ACTION_FIXTURE = `${SLUG}/actiepunt/1/escape.html`;
const PAYLOAD = '<script>alert(1)</script>';
const SCREENSHOT = join(ROOT, 'test-output', 'landing-page.png');
const CHARTS_SCREENSHOT = join(ROOT, 'test-output', 'landing-charts.png');
const ENGLISH_SCREENSHOT = join(ROOT, 'test-output', 'landing-page.en.png');
const ACTION_SCREENSHOT = join(ROOT, 'test-output', 'action-page.png');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.jsonld': 'application/ld+json',
  '.ttl': 'text/turtle; charset=utf-8',
  '.nt': 'application/n-triples',
  '.rdf': 'application/rdf+xml',
  '.svg': 'image/svg+xml',
};

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`landing-browser: skipped, no Chromium at ${CHROMIUM} (CI installs it with apt-get install chromium)`);

describe.skipIf(!hasChromium)(`landing page in headless Chromium (${CHROMIUM})`, () => {
  let root: string;
  let server: Server;
  let origin: string;
  let browser: Browser;
  let title: string;
  let actionTitle: string;
  const served: { path: string; status: number }[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ontsluit-landing-browser-'));
    const release = await runPipeline(runOptions({ out: join(root, 'unused'), clock: () => new Date('2026-11-29T12:00:00Z') }));
    if (!release.report.valid) throw new Error(`release not built: ${JSON.stringify(release.report.errors)}`);
    const site = join(root, 'site');
    for (const file of release.files) {
      mkdirSync(dirname(join(site, file.path)), { recursive: true });
      writeFileSync(join(site, file.path), file.bytes);
    }
    const { config } = project();
    const spec = config.catalog.datasets.find((d) => d.slug === SLUG)!;
    const bytesOf = (path: string) => release.files.find((f) => f.path === path)!.bytes;
    const dataset = JSON.parse(bytesOf(`${SLUG}/dataset.json`).toString('utf8')) as Dataset;
    const manifest = JSON.parse(bytesOf('manifest.json').toString('utf8')) as Manifest;
    const files = release.files.filter((f) => f.path.startsWith(`${SLUG}/`) && !/\.(html|svg)$/.test(f.path));
    const input: LandingInput = {
      dataset,
      spec,
      catalog: config.catalog,
      iris: new Iris(config.catalog.baseUrl),
      files: files.map((f) => ({ path: f.path, title: f.title, mediaType: f.mediaType, bytes: f.bytes.length, fileType: f.fileType })),
      dates: span(files.map((f) => manifest.files[f.path]!)),
      publisherName: config.organisations.find((o) => o.id === config.catalog.publisher)!.name,
      pagePath: PAGE,
    };
    title = spec.title.nl;
    // The same page with hostile data: a script element in a progress text, an action title and the description.
    const hostile = structuredClone(dataset);
    hostile.progress[0]!.text = `Voor ${PAYLOAD} staat "dit" & dat.\n\n- ${PAYLOAD}`;
    hostile.actions[0]!.title = `${PAYLOAD} "Titel" & meer`;
    const hostileSpec = { ...spec, description: { ...spec.description, nl: `Beschrijving </script><script>alert(3)</script> & "meer"` } };
    writeFileSync(join(site, FIXTURE), landingPage({ ...input, dataset: hostile, spec: hostileSpec, pagePath: FIXTURE }));
    // The first action's page with the same data, beside the real one.
    const [hostileAction] = [...actionPages({ dataset: hostile, spec, catalog: config.catalog, iris: input.iris, lang: 'nl' })];
    writeFileSync(join(site, ACTION_FIXTURE), hostileAction!.html);
    actionTitle = dataset.actions.find((a) => a.actionNumber === 7)!.title;

    server = createServer((req, res) => {
      void (async () => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        let file = normalize(join(site, path));
        if (!file.startsWith(site + sep) && file !== site) return send(403);
        if (path.endsWith('/')) file = join(file, 'index.html');
        try {
          const body = await readFile(file);
          served.push({ path, status: 200 });
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
          res.end(body);
        } catch {
          send(404);
        }
        function send(status: number) {
          served.push({ path, status });
          res.writeHead(status, { 'content-type': 'text/plain' });
          res.end(String(status));
        }
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function open(path: string): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${origin}/${path}`);
    expect(response?.status()).toBe(200);
    return { page, dialogs, errors };
  }

  it('shows the title and the 13 actions, and carries a schema.org Dataset', async () => {
    const { page, errors } = await open(PAGE);
    try {
      expect(await page.locator('h1').textContent()).toBe(title);
      expect(await page.title()).toBe(title);
      await expect(page.locator('#actiepunten tbody tr').count()).resolves.toBe(13);
      const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
      const doc = JSON.parse(jsonLd ?? '') as { '@type': string; distribution: { '@type': string }[] };
      expect(doc['@type']).toBe('Dataset');
      expect(doc.distribution.length).toBeGreaterThan(0);
      expect(doc.distribution.every((d) => d['@type'] === 'DataDownload')).toBe(true);
      // No JavaScript on the page: the only script element is the JSON-LD data block.
      await expect(page.locator('script').count()).resolves.toBe(1);
      expect(errors).toEqual([]);
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      rmSync(SCREENSHOT, { force: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    } finally {
      await page.context().close();
    }
  }, 15_000);

  it('shows both charts from the release, with their text alternative, and asks no other origin for anything', async () => {
    const { page, errors } = await open(PAGE);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    try {
      await page.reload();
      const images = page.locator('#in-beeld figure img');
      await expect(images.count()).resolves.toBe(2);
      for (const image of await images.all()) {
        await image.scrollIntoViewIfNeeded();
        const drawn = await image.evaluate((img) => { const i = img as unknown as { complete: boolean; naturalWidth: number; naturalHeight: number; alt: string }; return { complete: i.complete, width: i.naturalWidth, height: i.naturalHeight, alt: i.alt }; });
        expect(drawn.complete).toBe(true);
        expect(drawn.width).toBeGreaterThan(200);
        expect(drawn.height).toBeGreaterThan(150);
        expect(drawn.alt.length).toBeGreaterThan(30);
      }
      expect(served).toContainEqual({ path: `/${SLUG}/status.svg`, status: 200 });
      expect(served).toContainEqual({ path: `/${SLUG}/themes.svg`, status: 200 });
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
      expect(errors).toEqual([]);
      mkdirSync(dirname(CHARTS_SCREENSHOT), { recursive: true });
      rmSync(CHARTS_SCREENSHOT, { force: true });
      await page.locator('#in-beeld').screenshot({ path: CHARTS_SCREENSHOT });
      expect(statSync(CHARTS_SCREENSHOT).size).toBeGreaterThan(10_000);
    } finally {
      await page.context().close();
    }
  }, 15_000);

  it('has the page in English, and each language links to the other', async () => {
    const { page, errors } = await open(`${SLUG}/index.en.html`);
    try {
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await expect(page.locator('#in-beeld h2').textContent()).resolves.toBe('At a glance');
      await expect(page.locator('#in-beeld img').first().getAttribute('src')).resolves.toBe('status.en.svg');
      rmSync(ENGLISH_SCREENSHOT, { force: true });
      await page.screenshot({ path: ENGLISH_SCREENSHOT, fullPage: true });
      expect(statSync(ENGLISH_SCREENSHOT).size).toBeGreaterThan(10_000);
      await page.locator('header .lang a').click();
      await page.waitForURL(`${origin}/${PAGE}`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
      await expect(page.locator('h1').textContent()).resolves.toBe(title);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 15_000);

  it('goes from the landing page to the page of an action, reads its timeline, and comes back', async () => {
    const { page, errors } = await open(PAGE);
    try {
      await page.locator('#actie-7 td a').first().click();
      await page.waitForURL(`${origin}/${SLUG}/actiepunt/7/index.html`);
      await expect(page.locator('h1').innerText()).resolves.toBe(`7 ${actionTitle}`);
      await expect(page.title()).resolves.toBe(`Actiepunt 7: ${actionTitle} · ${title}`);
      const entries = page.locator('ol.timeline > li');
      await expect(entries.count()).resolves.toBe(1);
      await expect(entries.first().locator('.when').innerText()).resolves.toMatch(/^Update #2 · gepubliceerd: /);
      await expect(entries.first().locator('p:not(.when)').first().isVisible()).resolves.toBe(true);
      await expect(page.locator('script').count()).resolves.toBe(0);
      mkdirSync(dirname(ACTION_SCREENSHOT), { recursive: true });
      rmSync(ACTION_SCREENSHOT, { force: true });
      await page.screenshot({ path: ACTION_SCREENSHOT, fullPage: true });
      expect(statSync(ACTION_SCREENSHOT).size).toBeGreaterThan(10_000);
      // The other language of the same action, and back.
      await page.locator('header .lang a').click();
      await page.waitForURL(`${origin}/${SLUG}/actiepunt/7/index.en.html`);
      await expect(page.locator('#voortgang h2').innerText()).resolves.toBe('Progress');
      await page.goBack();
      await page.waitForURL(`${origin}/${SLUG}/actiepunt/7/index.html`);
      // Back to the action's row in the list, then to the landing page by the browser's own back button from a second action.
      await page.locator('footer a').first().click();
      await page.waitForURL(`${origin}/${PAGE}#actie-7`);
      await expect(page.locator('h1').innerText()).resolves.toBe(title);
      await expect(page.locator('#actie-7').isVisible()).resolves.toBe(true);
      await page.locator('#actie-8 td a').first().click();
      await page.waitForURL(`${origin}/${SLUG}/actiepunt/8/index.html`);
      await page.locator('header .kicker a').click();
      await page.waitForURL(`${origin}/${PAGE}`);
      await page.goBack();
      await page.waitForURL(`${origin}/${SLUG}/actiepunt/8/index.html`);
      await expect(page.locator('h1 .numeral').innerText()).resolves.toBe('8');
      expect(served).toContainEqual({ path: `/${SLUG}/actiepunt/7/index.html`, status: 200 });
      expect(served.filter((s) => s.status !== 200 && s.path !== '/favicon.ico')).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 20_000);

  it('downloads the CSV when its link is clicked', async () => {
    const { page } = await open(PAGE);
    try {
      const link = page.locator('#downloads a[href="actions.csv"]');
      await expect(link.count()).resolves.toBe(1);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.url()).toBe(`${origin}/${SLUG}/actions.csv`);
      expect(download.suggestedFilename()).toBe('actions.csv');
      const bytes = await readFile((await download.path())!);
      expect(bytes.toString('utf8')).toMatch(/^\uFEFFplan,action_number,/);
      expect(served).toContainEqual({ path: `/${SLUG}/actions.csv`, status: 200 });
    } finally {
      await page.context().close();
    }
  }, 15_000);

  it('shows <script> in the data as text on the landing page and runs none of it', async () => {
    const { page, dialogs, errors } = await open(FIXTURE);
    try {
      await expect(page.locator('#actiepunten tbody tr').first().locator('td').nth(1).innerText()).resolves.toBe(`${PAYLOAD} "Titel" & meer`);
      await expect(page.locator('script').count()).resolves.toBe(1);
      const doc = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '') as { description: string };
      expect(doc.description).toBe(`Beschrijving </script><script>alert(3)</script> & "meer"`);
      await page.waitForTimeout(200);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 15_000);

  it('shows <script> in the title and progress text of an action as text on its page, and runs none of it', async () => {
    const { page, dialogs, errors } = await open(ACTION_FIXTURE);
    try {
      await expect(page.locator('h1').innerText()).resolves.toBe(`1 ${PAYLOAD} "Titel" & meer`);
      await expect(page.getByText(`Voor ${PAYLOAD} staat "dit" & dat.`, { exact: true }).isVisible()).resolves.toBe(true);
      await expect(page.locator('ol.timeline li li').innerText()).resolves.toBe(PAYLOAD);
      await expect(page.locator('script').count()).resolves.toBe(0);
      await page.waitForTimeout(200);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 15_000);
});
