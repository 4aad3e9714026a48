/**
 * Every response of the server carries the browser hardening headers: the workbench a strict
 * Content-Security-Policy with no inline script, everything else (JSON, problems, exports) one
 * that allows nothing; all of them nosniff and no-referrer, errors included.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { openStore } from '../../src/app/open-store.js';
import { createApi } from '../../src/api/app.js';
import { API_CONTENT_SECURITY_POLICY } from '../../src/api/security-headers.js';
import type { MarsadStore } from '../../src/store/store.js';
import { CONTENT_SECURITY_POLICY, mountWeb } from '../../src/web/static-routes.js';

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describe('security headers on every response', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  before(async () => {
    store = await openStore(':memory:');
    app = createApi({ store, token: 'secret-token' });
    mountWeb(app);
  });
  after(() => store.close());

  // [method, path, status, which policy]
  const CASES: Array<[string, string, number, 'ui' | 'api']> = [
    ['GET', '/', 200, 'ui'],
    ['GET', '/web/app.js', 200, 'ui'],
    ['GET', '/web/app.css', 200, 'ui'],
    ['GET', '/web/no-such-file.js', 404, 'ui'],
    ['GET', '/api/stats', 200, 'api'],
    ['GET', '/api/articles', 200, 'api'],
    ['GET', '/api/search?q=%22unclosed', 400, 'api'],
    ['GET', '/api/articles/no-such-id', 404, 'api'],
    ['GET', '/api/no-such-route', 404, 'api'],
    ['POST', '/api/entities/a/merge', 401, 'api'],
    ['GET', '/api/export?what=articles&format=csv', 200, 'api'],
    ['GET', '/openapi.json', 200, 'api'],
    ['GET', '/no-such-page', 404, 'api'],
  ];
  for (const [method, path, status, kind] of CASES) {
    it(`${method} ${path} → ${status}, ${kind} policy, nosniff, no-referrer`, async () => {
      const res = await app.request(path, { method });
      assert.equal(res.status, status, await res.text());
      assert.equal(res.headers.get('content-security-policy'), kind === 'ui' ? CONTENT_SECURITY_POLICY : API_CONTENT_SECURITY_POLICY);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    });
  }

  it('the workbench policy: same-origin only, no inline or eval script, no plugins, no framing, no <base>', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    assert.deepEqual(d.get('default-src'), ["'self'"]);
    assert.deepEqual(d.get('script-src'), ["'self'"]);
    assert.deepEqual(d.get('object-src'), ["'none'"]);
    assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(d.get('base-uri'), ["'none'"]);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|\*|https?:/);
  });

  it('the policy of everything else allows nothing to load, run or frame it', () => {
    const d = directives(API_CONTENT_SECURITY_POLICY);
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
  });
});
