/**
 * The ingest page as a person uses it, in real headless Chromium: arrive with the token
 * `marsad start` hands over in the address, upload saved pages and watch them appear (a page not in Arabic refused with its reason), paste a
 * URL served on loopback, and see a mistyped URL or a wrong token refused with a reason. The
 * server runs over an empty in-memory store.
 *
 * Without a Chromium at /usr/bin/chromium (or at $MARSAD_CHROMIUM) the tests are skipped and
 * say so; CI installs it (`apt-get install chromium`).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { quickFetcher, TOKEN } from '../../src/api/api.testkit.js';
import { serveApi, type ApiServer } from '../../src/api/serve.js';
import { openStore } from '../../src/app/open-store.js';
import { fixturePath } from '../../src/model/paths.js';
import type { MarsadStore } from '../../src/store/store.js';
import { launchChromium, openView, SCREENSHOTS, SKIP, watchProblems, workbenchContext } from '../../src/web/browser.testkit.js';

if (SKIP) console.log(`skipping the ingest page's browser tests: ${SKIP}`);

const ARABIC_1256 = fixturePath('pages', 'news-article-windows-1256.html');
const ENGLISH = fixturePath('pages', 'english-page.html');
const SERVED = fixturePath('entities', 'cia-director-rabat.html');

describe('the ingest page in headless Chromium', { skip: SKIP }, () => {
  let store: MarsadStore;
  let server: ApiServer;
  let pages: Server;
  let pagesUrl: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    if (SKIP) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    store = await openStore(':memory:');
    server = await serveApi({ store, port: 0, token: TOKEN, fetcher: quickFetcher() });
    // a news site on loopback for the paste-a-URL path
    pages = createServer((req, res) => {
      if (req.url === '/news/rabat.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(readFileSync(SERVED));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => pages.listen(0, '127.0.0.1', r));
    pagesUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await (await workbenchContext(browser)).newPage();
    watchProblems(page, problems);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((r) => (pages ? pages.close(r) : r(null)));
    await store?.close();
  });

  /**
   * Goes to a view inside the page, as its links do: the token typed is kept in memory only,
   * so a reload (which `openView` does for the address already on screen) would forget it.
   */
  async function go(hash: string): Promise<void> {
    const current = await page.evaluate(() => location.hash);
    if (current === hash) return;
    const ready = await page.evaluate(() => document.body.dataset.ready ?? '');
    await page.evaluate((h) => (location.hash = h), hash);
    await page.waitForFunction((prev) => document.body.dataset.ready && document.body.dataset.ready !== prev, ready);
  }

  /** Waits until the job on screen has finished, and returns its status. */
  async function jobFinished(): Promise<string> {
    await page.waitForSelector('section.job[data-status="done"], section.job[data-status="failed"], section.job[data-status="cancelled"]');
    return (await page.getAttribute('section.job', 'data-status'))!;
  }

  it('takes the token from the address and clears it from the address bar', async () => {
    await openView(page, `${server.url}/#/ingest?token=${TOKEN}`);
    assert.equal(await page.inputValue('input[name="token"]'), TOKEN);
    assert.ok(!page.url().includes(TOKEN), `the token should leave the address: ${page.url()}`);
    assert.equal(await page.textContent('h1'), 'إضافة مصادر');
  });

  it('uploads saved pages and shows each one stored or skipped, with a link to the new article', async () => {
    await go('#/ingest');
    assert.equal(await page.inputValue('input[name="token"]'), TOKEN, 'the token stays for the session');
    await page.setInputFiles('input[name="file"]', [ARABIC_1256, ENGLISH]);
    await page.click('form[data-form="files"] button[type="submit"]');
    assert.equal(await jobFinished(), 'done');
    const statuses = await page.$$eval('.job-results li', (lis) => lis.map((li) => (li as HTMLElement).dataset.status));
    assert.deepEqual(statuses.sort(), ['failed', 'new'], 'the Arabic page is stored, the English one refused');
    const refused = (await page.textContent('.job-results li[data-status="failed"]'))!;
    assert.match(refused, /english-page\.html/, 'the refused file is named');
    assert.match(refused, /[A-Z_]{5,}: \S/, `its error code and reason are shown: ${refused}`);
    assert.equal(await page.getAttribute('progress', 'value'), '2');
    assert.doesNotMatch((await page.textContent('section.job'))!, /null|undefined/, 'no absent value is written out');
    await page.screenshot({ path: join(SCREENSHOTS, 'ingest.png'), fullPage: true });

    const link = page.locator('.job-results li[data-status="new"] a');
    const title = (await link.textContent())!.trim();
    assert.ok(title.length > 0, 'the new article is named by its title');
    await link.click();
    await page.waitForFunction(() => document.getElementById('view')?.dataset.view === 'article');
    assert.equal((await page.textContent('#view h1'))!.trim(), title);
    assert.equal((await store.list()).length, 1, 'one article stored');
  });

  it('uploading the same page again stores it once', async () => {
    await go('#/ingest');
    await page.setInputFiles('input[name="file"]', [ARABIC_1256]);
    await page.click('form[data-form="files"] button[type="submit"]');
    assert.equal(await jobFinished(), 'done');
    assert.deepEqual(await page.$$eval('.job-results li', (lis) => lis.map((li) => (li as HTMLElement).dataset.status)), ['unchanged']);
    assert.equal((await store.list()).length, 1);
  });

  it('fetches a pasted URL and the article appears on the home page', async () => {
    await go('#/ingest');
    await page.fill('textarea[name="urls"]', `${pagesUrl}/news/rabat.html\n`);
    await page.click('form[data-form="urls"] button[type="submit"]');
    assert.equal(await jobFinished(), 'done');
    assert.deepEqual(await page.$$eval('.job-results li', (lis) => lis.map((li) => (li as HTMLElement).dataset.status)), ['new']);
    await go('#/');
    assert.equal(await page.textContent('[data-stat="articles"] .stat-n'), '2');
  });

  it('refuses a line that is not a URL before sending anything, and names the line', async () => {
    await openView(page, `${server.url}/#/ingest`);
    let posted = 0;
    const count = (req: { method(): string; url(): string }) => void (req.method() === 'POST' && req.url().endsWith('/api/ingest') && posted++);
    page.on('request', count);
    await page.fill('textarea[name="urls"]', `${pagesUrl}/news/rabat.html\nwww.example.com/no-scheme`);
    await page.click('form[data-form="urls"] button[type="submit"]');
    const problem = (await page.textContent('.ingest-outcome .problem'))!;
    page.off('request', count);
    assert.match(problem, /: 2\.$/, 'the second line, and only it, is named');
    assert.equal(posted, 0);
  });

  it('shows the API’s refusal of a wrong token', async () => {
    await openView(page, `${server.url}/#/ingest`);
    await page.fill('input[name="token"]', 'not-the-token');
    await page.fill('textarea[name="urls"]', `${pagesUrl}/news/rabat.html`);
    await page.click('form[data-form="urls"] button[type="submit"]');
    assert.match((await page.textContent('.ingest-outcome .problem'))!, /UNAUTHORIZED/);
    assert.equal((await store.list()).length, 2, 'nothing more stored');
  });

  it('met no script error, CSP refusal or failed request', () => {
    assert.deepEqual(problems, []);
  });
});
