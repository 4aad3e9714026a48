/**
 * A hostile page, ingested like any other (test/fixtures/security/xss-article.html: markup in
 * the title, author, section, tags and text, a javascript: link, real <script> and <img onerror>
 * elements), shown by the workbench in headless Chromium: nothing it carries runs, and its text
 * shows literally. Every payload sets `window.__pwned`, which must stay undefined.
 *
 * Without a Chromium at /usr/bin/chromium (or at $MARSAD_CHROMIUM) the test is skipped and
 * says so; CI installs it (`apt-get install chromium`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { TOKEN, quickFetcher } from '../../src/api/api.testkit.js';
import { serveApi, type ApiServer } from '../../src/api/serve.js';
import { ingest } from '../../src/app/ingest.js';
import { openStore } from '../../src/app/open-store.js';
import { fixturePath } from '../../src/model/paths.js';
import type { MarsadStore } from '../../src/store/store.js';
import { launchChromium, openView, SKIP, watchProblems, workbenchContext } from '../../src/web/browser.testkit.js';

if (SKIP) console.log(`skipping the workbench's XSS browser test: ${SKIP}`);

const TITLE_PAYLOAD = `<img src=x onerror="window.__pwned='title'">`;
const TEXT_PAYLOADS = [`<script>window.__pwned='text'</script>`, `<img src=x onerror="window.__pwned='snippet'">`];

describe('an XSS payload inside an ingested page, in the workbench', { skip: SKIP }, () => {
  let store: MarsadStore;
  let server: ApiServer;
  let browser: Browser;
  let page: Page;
  let id: string;
  const problems: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    if (SKIP) return;
    store = await openStore(':memory:');
    for await (const r of ingest([fixturePath('security', 'xss-article.html'), fixturePath('pages', 'news-article-utf8.html')], { store, fetcher: quickFetcher() })) {
      assert.equal(r.status, 'new', r.reason ?? '');
      if (r.source.endsWith('xss-article.html')) id = r.id!;
    }
    server = await serveApi({ store, port: 0, token: TOKEN });
    browser = await launchChromium();
    page = await (await workbenchContext(browser)).newPage();
    watchProblems(page, problems);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  /** What must hold on every view: nothing ran, no element or handler came from the page's text. */
  async function assertInert(view: string): Promise<void> {
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, `${view}: a payload ran`);
    const injected = await page.evaluate(() =>
      [...document.querySelectorAll('#view *')]
        .filter((el) => ['SCRIPT', 'IMG', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'B'].includes(el.tagName.toUpperCase()) || [...el.attributes].some((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)))
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    assert.deepEqual(injected, [], `${view}: elements built from scraped text`);
    assert.deepEqual(dialogs, [], `${view}: a dialog opened`);
    assert.deepEqual(problems, [], `${view}: no script error, CSP report or stray request (an <img src=x> would ask for /x)`);
  }

  it('lists the article on the home page with its title as text', async () => {
    await openView(page, `${server.url}/#/`);
    const titles = await page.locator('.article-list a').allTextContents();
    assert.ok(titles.some((t) => t.includes(TITLE_PAYLOAD)), titles.join(' | '));
    await assertInert('home');
  });

  it('shows search snippets with the payload as text and only <mark> as markup', async () => {
    await openView(page, `${server.url}/#/search?q=${encodeURIComponent('الأوضاع')}`);
    const snippet = page.locator('.result .snippet').filter({ hasText: 'onerror' }).first();
    assert.ok((await snippet.textContent())!.includes(TEXT_PAYLOADS[1]!));
    assert.ok((await snippet.locator('mark').count()) >= 1, 'the match is highlighted');
    await assertInert('search');
  });

  it('shows the article: title, author, section, tags and text literally, nothing runs', async () => {
    await openView(page, `${server.url}/#/article/${encodeURIComponent(id)}`);
    const view = (await page.locator('#view').textContent())!;
    for (const shown of [TITLE_PAYLOAD, `<svg onload="window.__pwned='author'">`, `<b onmouseover="window.__pwned='section'">سياسة</b>`, `<script>window.__pwned='tag'</script>`, ...TEXT_PAYLOADS]) {
      assert.ok(view.includes(shown), `shows ${shown} as text`);
    }
    assert.ok(view.includes('الضغط هنا'), 'the javascript: link keeps its words, not its link');
    await page.locator('#view').hover();
    await assertInert('article');
  });
});
