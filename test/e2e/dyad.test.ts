/**
 * The workbench's dyad view in real headless Chromium (Debian's `chromium`, driven by
 * playwright-core), over the real server and an in-memory store filled by the real pipeline
 * from the dyad fixtures (test/fixtures/dyad/README.md). Screenshot: test-output/screenshots/dyad.png.
 *
 * Without a Chromium at /usr/bin/chromium (or at $MARSAD_CHROMIUM) the test is skipped.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { quickFetcher, TOKEN } from '../../src/api/api.testkit.js';
import { serveApi, type ApiServer } from '../../src/api/serve.js';
import { ingest } from '../../src/app/ingest.js';
import { openStore } from '../../src/app/open-store.js';
import { fixturePath } from '../../src/model/paths.js';
import type { MarsadStore } from '../../src/store/store.js';
import { launchChromium, openView, SCREENSHOTS, SKIP, watchProblems, workbenchContext } from '../../src/web/browser.testkit.js';

if (SKIP) console.log(`skipping the dyad view's browser test: ${SKIP}`);

describe('workbench: the dyad view', { skip: SKIP }, () => {
  let store: MarsadStore;
  let server: ApiServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    if (SKIP) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    store = await openStore(':memory:');
    const dir = fixturePath('dyad');
    const pages = readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => join(dir, f));
    for await (const r of ingest(pages, { store, fetcher: quickFetcher() })) assert.equal(r.status, 'new');
    server = await serveApi({ store, port: 0, token: TOKEN });
    browser = await launchChromium();
    page = await (await workbenchContext(browser)).newPage();
    watchProblems(page, problems);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  it('picks two actors and shows their relationship: stacked series with a gap, events with sources, people, commentary', async () => {
    await openView(page, `${server.url}/#/dyad`);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await page.locator('.dyad-form input[name=a]').fill('المغرب');
    await page.locator('.dyad-form input[name=b]').fill('الولايات المتحدة');
    await page.locator('.dyad-form input[name=from]').fill('2024-03');
    await page.locator('.dyad-form input[name=to]').fill('2024-06');
    const prev = await page.evaluate(() => document.body.dataset.ready ?? '');
    await page.locator('.dyad-form button[type=submit]').click();
    await page.waitForFunction((p) => document.body.dataset.ready && document.body.dataset.ready !== p && document.querySelector('.dyad-chart')?.getAttribute('data-drawn') === 'true', prev);

    assert.match(await page.locator('.dyad-pair').innerText(), /المغرب ⇄ الولايات المتحدة/);
    // the chart: one bar stack a period by quad class, the gap month shaded
    const option = await page.locator('.dyad-chart').evaluate(async (el) => {
      const echarts: any = await import('/web/vendor/echarts/echarts.esm.min.mjs' as string);
      const o = echarts.getInstanceByDom(el).getOption();
      return JSON.parse(JSON.stringify({ series: o.series, xAxis: o.xAxis }));
    });
    assert.deepEqual(option.xAxis[0].data, ['2024-03', '2024-04', '2024-05', '2024-06']);
    assert.equal(option.xAxis[0].inverse, true, 'right to left');
    assert.deepEqual(option.series[0].data, [1, null, 0, 1], 'verbal cooperation: none drawn in the gap');
    const gap = option.series.find((x: { type: string; silent?: boolean }) => x.type === 'bar' && x.silent);
    assert.deepEqual(gap.data, [null, 1, null, null], 'the gap month is a grey band, the others are not');
    assert.equal(await page.locator('.dyad-table tr.gap').getAttribute('data-period'), '2024-04');
    // the events, each way, with their outlets
    assert.deepEqual(await page.locator('.dyad-events .event').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.direction)), ['b>a', 'a>b']);
    assert.equal(await page.locator('.dyad-events .event[data-direction="a>b"] .ev-count').getAttribute('data-sources'), '2');
    // who carried it, who stayed unrolled, what was said
    assert.match(await page.locator('.dyad-actors li[data-actor="christopher-wray"]').innerText(), /مكتب التحقيقات الفيدرالي/);
    assert.match(await page.locator('.dyad-unrolled').innerText(), /فيليب ماركوني/);
    assert.match(await page.locator('.dyad-quotes li[data-party="third-party"]').first().innerText(), /متانة الشراكة/);
    await page.screenshot({ path: join(SCREENSHOTS, 'dyad.png'), fullPage: true });

    // English labels, the same data
    const before = await page.evaluate(() => document.body.dataset.ready ?? '');
    await page.locator('#lang-toggle').click();
    await page.waitForFunction((p) => document.body.dataset.ready !== p, before);
    assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
    assert.equal(await page.locator('.dyad-series h2').textContent(), 'The relationship over time');
    assert.equal(await page.locator('.dyad-table tr.gap .gap-cell').textContent(), 'No coverage: no article in this period');
  });

  it('shows an unknown actor as a problem naming the parameter', async () => {
    await openView(page, `${server.url}/#/dyad?a=country-ma&b=nobody-at-all-xyz`);
    assert.match(await page.locator('.problem').innerText(), /b/);
  });

  it('ran without a script error, a CSP refusal or a blocked resource', () => {
    assert.deepEqual(problems.filter((p) => !/\/api\/dyad\?a=country-ma&b=nobody/.test(p)), []);
  });
});
