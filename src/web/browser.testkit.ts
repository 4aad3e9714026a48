/**
 * Helpers for the workbench's browser tests (test/e2e): where Chromium is, how it is started,
 * when the tests skip, where screenshots go, and a page watcher that collects what should
 * never happen (a script error, a refused resource, a CSP report on the console).
 *
 * Without a Chromium at /usr/bin/chromium (or at $MARSAD_CHROMIUM) the tests are skipped and
 * say so; CI installs it (`apt-get install chromium`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../model/paths.js';

export const CHROMIUM = process.env.MARSAD_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** false when Chromium is there; otherwise why the browser tests are skipped. */
export const SKIP: false | string = existsSync(CHROMIUM)
  ? false
  : `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set MARSAD_CHROMIUM to run the browser tests`;

export const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'screenshots');

/** Starts headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

/**
 * Records on `problems` every script error, console error (a CSP refusal shows there), 404,
 * server error and failed request of the page. The 4xx answers a test provokes on purpose are
 * logged by Chromium as console errors too: those are left to the response listener.
 */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() === 404 || res.status() >= 500) problems.push(`${res.status()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => problems.push(`failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
}

/**
 * Opens a view of the workbench by its URL and waits until it has rendered (the app sets
 * `body[data-ready]` once a view and its charts are on screen). The URL on screen already is
 * reloaded, since going to it again would render nothing.
 */
export async function openView(page: Page, url: string): Promise<void> {
  await page.evaluate(() => {
    if (document.body) document.body.dataset.ready = '';
  });
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.waitForFunction(() => Boolean(document.body?.dataset.ready));
}

/**
 * A browser context as the workbench tests use it: a desktop viewport, Arabic locale, and
 * a 15 s limit on each step.
 * @example const context = await workbenchContext(browser); const page = await context.newPage();
 */
export async function workbenchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
  context.setDefaultTimeout(15_000);
  return context;
}
