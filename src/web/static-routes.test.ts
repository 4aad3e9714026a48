import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { openStore } from '../app/open-store.js';
import { createApi } from '../api/app.js';
import type { MarsadStore } from '../store/store.js';
import { REPO_ROOT } from '../model/paths.js';
import { CONTENT_SECURITY_POLICY, mountWeb, STATIC_DIR, VENDOR_FILES, vendorPath } from './static-routes.js';

describe('the web interface’s static routes', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => {
    store = await openStore(':memory:');
    app = createApi({ store, token: 't' });
    mountWeb(app);
  });
  after(() => store.close());

  it('serves the interface at /, right to left and Arabic first, with a strict CSP', async () => {
    const res = await app.request('/');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const html = await res.text();
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /<script type="module" src="\/web\/app\.js"><\/script>/);
  });

  it('serves the assets under /web with their types', async () => {
    for (const [path, type] of [
      ['/web/app.js', /javascript/],
      ['/web/i18n.js', /javascript/],
      ['/web/app.css', /^text\/css/],
    ] as const) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', type, path);
      assert.equal(await res.text(), readFileSync(join(STATIC_DIR, path.slice('/web/'.length)), 'utf8'));
    }
  });

  it('serves the library files it names from node_modules, pinned, and no other file there', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    for (const [name, { pkg: dep, file }] of Object.entries(VENDOR_FILES)) {
      assert.match(pkg.dependencies[dep] ?? '', /^\d+\.\d+\.\d+$/, `${dep} is a runtime dependency pinned to one version`);
      const path = vendorPath(name)!;
      assert.ok(path.endsWith(join('node_modules', dep, file)), path);
      const res = await app.request(`/web/vendor/${name}`);
      assert.equal(res.status, 200, name);
      assert.match(res.headers.get('content-type') ?? '', /javascript/, name);
      assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
      const body = await res.text();
      assert.equal(body, readFileSync(path, 'utf8'), name);
      // An ES module the browser loads as it is: no bare import it could not resolve.
      assert.doesNotMatch(body.slice(0, 2000), /^\s*import\s.*from\s*['"][^./]/m, name);
    }
    assert.equal(vendorPath('echarts/echarts.js'), null);
    for (const path of [
      '/web/vendor/echarts/echarts.js',
      '/web/vendor/echarts/package.json',
      '/web/vendor/echarts/../../package.json',
      '/web/vendor/%2e%2e/%2e%2e/package.json',
      '/web/vendor/hono/package.json',
      '/web/vendor/echarts%2fecharts.esm.min.mjs',
    ]) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
    }
  });

  it('serves nothing outside the static folder, and leaves the API as it was', async () => {
    for (const path of ['/web/../../package.json', '/web/%2e%2e/%2e%2e/package.json', '/web/nope.js', '/package.json', '/static-routes.ts']) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /"name": "marsad"/, path);
    }
    const stats = await app.request('/api/stats');
    assert.equal(stats.status, 200);
    // The API keeps its own, stricter policy (test/security/headers.test.ts), not the interface's.
    assert.notEqual(stats.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal((await app.request('/openapi.json')).status, 200);
  });
});

describe('the interface’s labels', () => {
  it('exist in Arabic and English alike, and cover every label of the page', async () => {
    const { DICT, LANGS, translate } = await import(pathToFileURL(join(STATIC_DIR, 'i18n.js')).href);
    assert.deepEqual(LANGS, ['ar', 'en']);
    assert.deepEqual(Object.keys(DICT.en).sort(), Object.keys(DICT.ar).sort());
    for (const lang of LANGS) for (const [key, text] of Object.entries(DICT[lang])) assert.ok(String(text).trim(), `${lang} ${key}`);
    const html = readFileSync(join(STATIC_DIR, 'index.html'), 'utf8');
    const app = readFileSync(join(STATIC_DIR, 'app.js'), 'utf8');
    const used = [
      ...[...html.matchAll(/data-i18n(?:-title)?="([^"]+)"/g)].map((m) => m[1]!),
      ...[...app.matchAll(/\bt\('([a-z_]+\.[a-z_.]+)'/g)].map((m) => m[1]!),
    ];
    assert.ok(used.length > 50);
    for (const key of used) assert.ok(key in DICT.ar, `label ${key} is in the dictionary`);
    assert.equal(translate('en', 'search.count', { n: 3 }), '3 results on this page');
    assert.equal(translate('ar', 'search.count', { n: 3 }), '3 نتيجة في هذه الصفحة');
  });

  it('never writes HTML into the page', () => {
    for (const file of ['app.js', 'charts.js']) {
      const code = readFileSync(join(STATIC_DIR, file), 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
      assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/, file);
    }
    // The charts' tooltips are painted on the canvas, not written as HTML.
    const charts = readFileSync(join(STATIC_DIR, 'charts.js'), 'utf8');
    assert.equal(charts.match(/tooltip: \{/g)?.length, charts.match(/renderMode: 'richText'/g)?.length);
  });

  it('labels every event type, status and known mode in both languages', async () => {
    const { DICT } = await import(pathToFileURL(join(STATIC_DIR, 'i18n.js')).href);
    const { EVENT_TYPES } = await import('../model/event.js');
    const { TYPE_COLORS } = await import(pathToFileURL(join(STATIC_DIR, 'charts.js')).href);
    for (const type of EVENT_TYPES) {
      assert.ok(`evtype.${type}` in DICT.ar, type);
      assert.ok(type in TYPE_COLORS, `${type} has a colour`);
    }
    for (const status of ['historical', 'future', 'hypothetical', 'negation']) assert.ok(`status.${status}` in DICT.ar, status);
    const triggers = readFileSync(join(REPO_ROOT, 'data', 'events', 'triggers.ar.tsv'), 'utf8');
    const modes = new Set(triggers.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')[2]).filter((m) => m && m !== '-'));
    assert.ok(modes.size > 30);
    for (const mode of modes) assert.ok(`mode.${mode}` in DICT.ar, `mode ${mode} has a label`);
    const contexts = readFileSync(join(REPO_ROOT, 'data', 'events', 'contexts.ar.tsv'), 'utf8');
    for (const c of new Set(contexts.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')[1]).filter(Boolean))) {
      assert.ok(`context.${c}` in DICT.ar, `context ${c} has a label`);
    }
  });
});
