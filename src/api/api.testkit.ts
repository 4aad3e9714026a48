/**
 * Helpers for the API tests: an in-memory store filled by the real ingest pipeline from the
 * fixture pages, and assertions about problem documents.
 */
import assert from 'node:assert/strict';
import { ingest } from '../app/ingest.js';
import { openStore } from '../app/open-store.js';
import { fixturePath } from '../model/paths.js';
import { Fetcher } from '../sources/fetcher.js';
import type { MarsadStore } from '../store/store.js';
import { createApi, type ApiOptions } from './app.js';
import { JobRegistry } from './jobs.js';

/** The pages every API test store holds: 4 articles, 14 entities, 5 quotes (4 by William Burns). */
export const FIXTURE_PAGES = [
  fixturePath('entities', 'cia-director-rabat.html'),
  fixturePath('entities', 'burns-spelling-variant.html'),
  fixturePath('pages', 'news-article-utf8.html'),
  fixturePath('api', 'burns-statements.html'),
];

export const TOKEN = 'test-token';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

/** A fetcher that never waits between requests; fixture servers are on loopback, allowed explicitly here only. */
export function quickFetcher(): Fetcher {
  return new Fetcher({ delayMs: 0, retries: 0, timeoutMs: 5000, allowHosts: ['127.0.0.1'] });
}

/**
 * An in-memory store holding the fixture pages, ingested as `marsad ingest` would.
 * @example const store = await filledStore(); // 4 articles
 */
export async function filledStore(): Promise<MarsadStore> {
  const store = await openStore(':memory:');
  for await (const r of ingest(FIXTURE_PAGES, { store, fetcher: quickFetcher() })) {
    assert.equal(r.status, 'new', `fixture ${r.source} should ingest: ${r.reason ?? ''}`);
  }
  return store;
}

/**
 * The API over a filled store, with the test token and a registry the test can wait on.
 * @example const { app, store, jobs } = await testApi();
 */
export async function testApi(options: Partial<ApiOptions> = {}) {
  const store = options.store ?? (await filledStore());
  const jobs = options.jobs ?? new JobRegistry();
  const app = createApi({ token: TOKEN, fetcher: quickFetcher(), ...options, store, jobs });
  return { app, store, jobs };
}

/** The JSON body of a response, after checking its status and JSON content type. */
export async function jsonOf<T = any>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  return JSON.parse(text) as T;
}

/**
 * Checks that a response is an RFC 9457 problem with this status, code and param.
 * @example await expectProblem(await app.request('/api/articles/x'), 404, 'ARTICLE_NOT_FOUND', 'id')
 */
export async function expectProblem(res: Response, status: number, code: string, param?: string | null): Promise<any> {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  const body = JSON.parse(text);
  assert.equal(body.status, status);
  assert.equal(body.code, code);
  assert.equal(body.type, `urn:marsad:error:${code}`);
  assert.equal(typeof body.title, 'string');
  assert.ok(body.title.length > 0);
  assert.equal(typeof body.detail, 'string');
  assert.ok(body.detail.length > 0);
  if (param !== undefined) assert.equal(body.param, param);
  return body;
}

/** A JSON request with the test token. */
export function postJson(body: unknown, headers: Record<string, string> = AUTH): RequestInit {
  return { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}
