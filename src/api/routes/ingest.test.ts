import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { openStore } from '../../app/open-store.js';
import { fixturePath } from '../../model/paths.js';
import { startHttpFixture, type HttpFixture } from '../../sources/http-fixture.js';
import type { MarsadStore } from '../../store/store.js';
import { AUTH, expectProblem, jsonOf, postJson, testApi } from '../api.testkit.js';
import type { Job, JobRegistry } from '../jobs.js';
import { MAX_URLS, safeName } from './ingest.js';

const page = (dir: string, name: string) => readFileSync(fixturePath(dir, name));

/** Follows a job through the API until it is over. */
async function finished(app: OpenAPIHono, id: string): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const job = await jsonOf<Job>(await app.request(`/api/jobs/${id}`));
    if (job.finished_at) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job ${id} did not finish`);
}

function upload(files: Array<[name: string, bytes: Uint8Array]>, fields: Record<string, string> = {}): RequestInit {
  const form = new FormData();
  for (const [name, bytes] of files) form.append('file', new File([new Uint8Array(bytes)], name, { type: 'text/html' }));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return { method: 'POST', body: form, headers: AUTH };
}

describe('POST /api/ingest with URLs', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  let jobs: JobRegistry;
  let site: HttpFixture;
  before(async () => {
    store = await openStore(':memory:');
    ({ app, jobs } = await testApi({ store }));
    site = await startHttpFixture({
      '/cia.html': (_q, s) => s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('entities', 'cia-director-rabat.html')),
      '/burns.html': (_q, s) => s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('entities', 'burns-spelling-variant.html')),
    });
  });
  after(async () => {
    await jobs.close();
    await site.close();
    await store.close();
  });

  it('answers 202 with a queued job and its Location, then reports one result per page', async () => {
    const urls = [`${site.origin}/cia.html`, `${site.origin}/missing.html`, `${site.origin}/burns.html`];
    const res = await app.request('/api/ingest', postJson({ urls }));
    const job = await jsonOf<Job>(res, 202);
    assert.equal(res.headers.get('location'), `/api/jobs/${job.id}`);
    assert.ok(['queued', 'running'].includes(job.status));
    assert.deepEqual(job.inputs, urls);

    const done = await finished(app, job.id);
    assert.equal(done.status, 'done');
    assert.equal(done.processed, 3);
    assert.equal(done.discovered, 3);
    assert.deepEqual(done.counts, { new: 2, updated: 0, unchanged: 0, skipped: 0, failed: 1 });
    assert.deepEqual(done.results.map((r) => [r.source, r.status]), [
      [urls[0], 'new'],
      [urls[1], 'failed'],
      [urls[2], 'new'],
    ]);
    assert.equal(done.results[1]!.code, 'FETCH_HTTP_STATUS');
    assert.ok(done.started_at && done.finished_at);

    const stored = await jsonOf(await app.request(`/api/articles/${done.results[0]!.id}`));
    assert.equal(stored.article.title, 'مدير المخابرات الأمريكية يزور الرباط');
    assert.ok(stored.entities.some((e: { id: string }) => e.id === 'abdellatif-hammouchi'));
  });

  it('runs jobs one after another, and an unchanged page is reported as such', async () => {
    const a = await jsonOf<Job>(await app.request('/api/ingest', postJson({ urls: [`${site.origin}/cia.html`] })), 202);
    const b = await jsonOf<Job>(await app.request('/api/ingest', postJson({ urls: [`${site.origin}/burns.html`] })), 202);
    const [doneA, doneB] = [await finished(app, a.id), await finished(app, b.id)];
    assert.ok(doneA.finished_at! <= doneB.started_at!);
    assert.deepEqual([doneA.results[0]!.status, doneB.results[0]!.status], ['unchanged', 'unchanged']);
  });

  for (const [body, param] of [
    [{ urls: [] }, 'urls'],
    [{ urls: ['file:///etc/passwd'] }, 'urls[0]'],
    [{ urls: ['https://example.org/a', 'not a url'] }, 'urls[1]'],
    [{ urls: 'https://example.org/a' }, 'urls'],
    [{ urls: Array.from({ length: MAX_URLS + 1 }, (_, i) => `https://example.org/${i}`) }, 'urls'],
    [{ urls: ['https://example.org/a'], any_language: 'yes' }, 'any_language'],
  ] as const) {
    it(`refuses ${JSON.stringify(body).slice(0, 60)} with a 400 problem naming ${param}`, async () => {
      await expectProblem(await app.request('/api/ingest', postJson(body)), 400, 'BAD_ARGUMENT', param);
    });
  }

  it('refuses a JSON body without urls naming urls, and no body at all naming the body', async () => {
    await expectProblem(await app.request('/api/ingest', postJson({ feeds: [] })), 400, 'BAD_ARGUMENT', 'urls');
    await expectProblem(await app.request('/api/ingest', { method: 'POST', headers: AUTH }), 400, 'BAD_ARGUMENT', 'body');
  });

  it('refuses another media type with 415', async () => {
    const res = await app.request('/api/ingest', { method: 'POST', body: 'https://example.org/a', headers: { ...AUTH, 'content-type': 'text/plain' } });
    await expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'body');
  });
});

describe('POST /api/ingest with uploaded files', () => {
  let store: MarsadStore;
  let app: OpenAPIHono;
  let jobs: JobRegistry;
  before(async () => {
    store = await openStore(':memory:');
    ({ app, jobs } = await testApi({ store }));
  });
  after(async () => {
    await jobs.close();
    await store.close();
  });

  it('ingests each uploaded file, reporting it under its own name', async () => {
    const res = await app.request(
      '/api/ingest',
      upload([
        ['../../rabat visit.html', page('entities', 'cia-director-rabat.html')],
        ['english.html', page('pages', 'english-page.html')],
      ]),
    );
    const job = await jsonOf<Job>(res, 202);
    assert.deepEqual(job.inputs, ['rabat_visit.html', 'english.html']);
    const done = await finished(app, job.id);
    assert.deepEqual(done.results.map((r) => [r.source, r.status, r.code]), [
      ['upload:rabat_visit.html', 'new', undefined],
      ['upload:english.html', 'failed', 'NOT_ARABIC'],
    ]);
    assert.match(done.results[1]!.reason!, /^upload:english\.html: /);
    const stats = await jsonOf(await app.request('/api/stats'));
    assert.equal(stats.articles, 1);
  });

  it('stores a page in another language when any_language is true', async () => {
    const job = await jsonOf<Job>(await app.request('/api/ingest', upload([['english.html', page('pages', 'english-page.html')]], { any_language: 'true' })), 202);
    const done = await finished(app, job.id);
    assert.equal(done.results[0]!.status, 'new');
  });

  it('reports an empty file as failed, without failing the job', async () => {
    const job = await jsonOf<Job>(await app.request('/api/ingest', upload([['empty.html', new Uint8Array()]])), 202);
    const done = await finished(app, job.id);
    assert.equal(done.status, 'done');
    assert.equal(done.results[0]!.status, 'failed');
  });

  it('refuses a form whose file field is not a file, naming file', async () => {
    const form = new FormData();
    form.append('file', 'just text');
    await expectProblem(await app.request('/api/ingest', { method: 'POST', body: form, headers: AUTH }), 400, 'BAD_ARGUMENT', 'file');
  });

  it('refuses a form without files, naming file', async () => {
    const form = new FormData();
    form.append('note', 'nothing');
    await expectProblem(await app.request('/api/ingest', { method: 'POST', body: form, headers: AUTH }), 400, 'BAD_ARGUMENT', 'file');
  });
});

describe('POST /api/ingest on a server whose jobs use worker threads', () => {
  it('reports every uploaded page in order and stores what a job without threads stores', async () => {
    const files: Array<[string, Uint8Array]> = [
      ['rabat.html', page('entities', 'cia-director-rabat.html')],
      ['english.html', page('pages', 'english-page.html')],
      ['visit.html', page('events', 'visit.html')],
      ['arrests.html', page('events', 'police-arrests.html')],
    ];
    const run = async (ingestThreads: number) => {
      const store = await openStore(':memory:');
      const { app, jobs } = await testApi({ store, ingestThreads });
      try {
        const job = await jsonOf<Job>(await app.request('/api/ingest', upload(files)), 202);
        const done = await finished(app, job.id);
        // ids are made from each upload's temporary path: compare what the events say
        const { items } = await jsonOf<{ items: Array<{ type: string; source: { label: string }; target: { label: string } | null; text: string }> }>(
          await app.request('/api/events?limit=100'),
        );
        const events = items.map((e) => [e.type, e.source.label, e.target?.label ?? null, e.text]);
        return { results: done.results.map((r) => [r.source, r.status, r.code ?? null]), events };
      } finally {
        await jobs.close();
        await store.close();
      }
    };
    const threaded = await run(2);
    assert.deepEqual(threaded.results, [
      ['upload:rabat.html', 'new', null],
      ['upload:english.html', 'failed', 'NOT_ARABIC'],
      ['upload:visit.html', 'new', null],
      ['upload:arrests.html', 'new', null],
    ]);
    assert.ok(threaded.events.length >= 2, 'the pages have events to compare');
    assert.deepEqual(threaded, await run(0));
  });
});

describe('GET /api/jobs/{id}', () => {
  it('answers an unknown job with a 404 problem naming id', async () => {
    const store = await openStore(':memory:');
    try {
      const { app } = await testApi({ store });
      await expectProblem(await app.request('/api/jobs/nope'), 404, 'JOB_NOT_FOUND', 'id');
    } finally {
      await store.close();
    }
  });
});

describe('safeName', () => {
  it('keeps the last segment in safe characters, any script', () => {
    assert.equal(safeName('../خبر عاجل.html', 0), 'خبر_عاجل.html');
    assert.equal(safeName('C:\\Users\\a\\page.htm', 0), 'page.htm');
    assert.equal(safeName('..', 2), 'upload-3.html');
    assert.equal(safeName('', 0), 'upload-1.html');
  });
});
