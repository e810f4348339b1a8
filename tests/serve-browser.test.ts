// End to end in a real browser: an update whose text holds <script> and markup goes through the whole
// pipeline, is served by `ontsluit serve`, and headless Chromium shows it as text without running it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRelease } from '../pipeline/release.js';
import { createServer } from '../pipeline/serve/server.js';
import { DATA, ROOT, cli, fixture } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SLUG = 'actieplan-open-overheid-2020-2022';
const SCREENSHOT = join(ROOT, 'test-output', 'landing-page-served.png');

describe.skipIf(!existsSync(CHROMIUM))('a hostile update, served and opened in Chromium', () => {
  let server: Awaited<ReturnType<typeof createServer>>;
  let origin = '';
  let browser: Browser;

  beforeAll(async () => {
    const data = mkdtempSync(join(tmpdir(), 'ontsluit-hostile-'));
    cpSync(DATA, data, { recursive: true });
    cpSync(fixture('script-and-markup-in-update-text.txt'), join(data, 'updates', 'update-02-actieplan-open-overheid-2020-2022.txt'));
    const out = join(data, 'release');
    const run = await cli(['run', '--data', data, '--out', out, '--state-dir', join(data, 'state'), '--url-check', 'none']);
    if (run.status !== 0) throw new Error(run.stderr);
    server = await createServer({ release: await openRelease(out) });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    await server?.store.close();
  });

  it('shows the text literally, runs no script, and keeps the page whole', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${origin}/${SLUG}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(response?.headers()['content-type']).toContain('text/html');
    await page.waitForLoadState('load');
    expect(dialogs).toEqual([]);
    const body = await page.locator('body').innerText();
    expect(body).toContain('Actieve openbaarmaking <Rijk> & "co"');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '');
    expect(jsonLd['@type']).toBe('Dataset');
    expect(await page.locator('a[href$="actions.csv"]').count()).toBeGreaterThan(0);
    // The inline style applies under the Content-Security-Policy (allowed by its hash), and nothing is blocked.
    expect(await page.evaluate("getComputedStyle(document.querySelector('h1')).color")).toBe('rgb(21, 66, 115)');
    expect(violations).toEqual([]);
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    // The progress text is on the page of its action (4), reached from the landing page, under the same policy.
    await page.locator('#actie-4 td a').first().click();
    await page.waitForURL(`${origin}/${SLUG}/actiepunt/4/index.html`);
    expect(await page.locator('body').innerText()).toContain('<script>alert("ontsluit")</script> & <img src=x onerror=alert(2)>');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate("getComputedStyle(document.querySelector('h1')).color")).toBe('rgb(21, 66, 115)');
    expect(dialogs).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the /doc/ page of the action escapes its title too', async () => {
    const page = await browser.newPage();
    let fired = false;
    page.on('dialog', async (dialog) => {
      fired = true;
      await dialog.dismiss();
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${origin}/id/actieplan/2020-2022/actiepunt/5`);
    expect(response?.status()).toBe(200);
    expect(await page.evaluate("getComputedStyle(document.querySelector('th')).textAlign")).toBe('left');
    expect(violations).toEqual([]);
    expect(page.url()).toBe(`${origin}/doc/actieplan/2020-2022/actiepunt/5`);
    expect(await page.locator('body').innerText()).toContain('Actieve openbaarmaking <Rijk> & "co"');
    expect(fired).toBe(false);
    await page.close();
  });
});
