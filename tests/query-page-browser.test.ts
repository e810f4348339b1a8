// The query page in Chromium: open GET /sparql, pick an example, run it, read the table, download CSV, all from the one origin and under script-src 'self'.
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDist, type Listening } from './support/http.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!existsSync(CHROMIUM))('the query page in Chromium', () => {
  let server: Listening;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveDist();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('picks an example, runs it, shows the table and downloads it as CSV', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const requested: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(`${message.text()} ${message.location().url}`));
    // The server's own policy: no inline script, its style by hash, nothing from another origin.
    const response = await page.goto(`${server.origin}/sparql`);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    await page.selectOption('#example', 'actions-per-theme');
    expect(await page.locator('#example-description').innerText()).toContain('How many actions does each theme');
    expect(await page.inputValue('#query')).toContain('SELECT ?theme ?name ?actions');
    await page.click('#run');
    await page.locator('#results table tbody tr').first().waitFor({ timeout: 10_000 });

    const headers = await page.locator('#results thead th').allInnerTexts();
    expect(headers).toEqual(['theme', 'name', 'actions']);
    const rows = await page.locator('#results tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => Number(r[2]))).toEqual([3, 2, 1, 2, 1, 3, 1]);
    expect(await page.locator('#status').innerText()).toContain('7');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click('#download-csv')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('theme,name,actions');
    expect(csv.trim().split(/\r?\n/)).toHaveLength(8);

    // Chromium asks for /favicon.ico by itself; the release has none, and the page does not ask for it.
    expect(errors.filter((e) => !e.endsWith('/favicon.ico'))).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith('blob:'))).toEqual([]);
    await context.close();
  });
});
