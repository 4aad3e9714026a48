/**
 * URLs sent to the API's ingest endpoint go through the same address policy as the command
 * line: a server with default settings refuses loopback, private and metadata targets (each
 * result naming the refused address), and reaches them only when the operator allow-lists them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/app/open-store.js';
import { createApi } from '../../src/api/app.js';
import { jsonOf, postJson } from '../../src/api/api.testkit.js';
import { JobRegistry, type Job } from '../../src/api/jobs.js';
import { Fetcher } from '../../src/sources/fetcher.js';
import { startHttpFixture, type HttpFixture } from '../../src/sources/http-fixture.js';
import { fixturePath } from '../../src/model/paths.js';
import { readFileSync } from 'node:fs';
import type { MarsadStore } from '../../src/store/store.js';
import { runCli } from '../cli/run-cli.js';

async function finished(app: ReturnType<typeof createApi>, id: string): Promise<Job> {
  for (let i = 0; i < 400; i++) {
    const job = await jsonOf<Job>(await app.request(`/api/jobs/${id}`));
    if (job.finished_at) return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('SSRF through the ingest API', () => {
  let store: MarsadStore;
  let site: HttpFixture;
  const jobs: JobRegistry[] = [];
  const savedEnv = process.env.MARSAD_ALLOW_HOSTS;
  before(async () => {
    delete process.env.MARSAD_ALLOW_HOSTS; // the default server: nothing allowed
    store = await openStore(':memory:');
    const html = readFileSync(fixturePath('entities', 'cia-director-rabat.html'));
    site = await startHttpFixture({ '/cia.html': (_q, s) => s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html) });
  });
  after(async () => {
    if (savedEnv !== undefined) process.env.MARSAD_ALLOW_HOSTS = savedEnv;
    await Promise.all(jobs.map((j) => j.close()));
    await site.close();
    await store.close();
  });

  function api(fetcher?: Fetcher) {
    const registry = new JobRegistry();
    jobs.push(registry);
    return createApi({ store, token: 't0ken', jobs: registry, ...(fetcher ? { fetcher } : {}) });
  }

  it('a server with default settings refuses loopback, metadata and private targets, naming each address', async () => {
    const app = api();
    const port = new URL(site.origin).port;
    const urls = [`${site.origin}/cia.html`, `http://localhost:${port}/cia.html`, 'http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/latest/', 'http://10.0.0.1/admin'];
    const auth = { authorization: 'Bearer t0ken' };
    const job = await jsonOf<Job>(await app.request('/api/ingest', postJson({ urls }, auth)), 202);
    const done = await finished(app, job.id);
    assert.deepEqual(done.results.map((r) => [r.status, r.code]), urls.map(() => ['failed', 'FETCH_FORBIDDEN_ADDRESS']));
    for (const [address, r] of [['127.0.0.1', done.results[0]], ['localhost', done.results[1]], ['169.254.169.254', done.results[2]], ['fd00:ec2::254', done.results[3]], ['10.0.0.1', done.results[4]]] as const) {
      assert.ok(r!.reason!.includes(address), `${address}: ${r!.reason}`);
    }
    assert.equal(site.requests.length, 0, 'nothing reached the local server');
  });

  it('an operator who allow-lists loopback can ingest from it', async () => {
    const app = api(new Fetcher({ stateStore: store, delayMs: 0, retries: 0, allowHosts: ['127.0.0.1'] }));
    const job = await jsonOf<Job>(await app.request('/api/ingest', postJson({ urls: [`${site.origin}/cia.html`] }, { authorization: 'Bearer t0ken' })), 202);
    const done = await finished(app, job.id);
    assert.equal(done.results[0]!.status, 'new', done.results[0]!.reason ?? '');
  });

  it('the command line refuses an allow-list entry that is not a host, an address or a block', async () => {
    const r = await runCli(['--db', ':memory:', 'ingest', '--allow-host', '10.0.0.0/99', 'http://10.0.0.1/']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--allow-host.*10\.0\.0\.0\/99/);
  });
});
