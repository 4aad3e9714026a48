/**
 * Bearer tokens never leave the server: not in a response (body, problem detail, header), not
 * in a job record, not in anything the server writes to its logs — neither a wrong token a
 * client tried nor the configured one. The server runs in a child process on a free port of
 * loopback, so that everything it prints (stdout and stderr) can be searched.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';

const SECRET = 'configured-token-3f9a1c77e0b24d6e';

/** The server process: the test fixtures' store, served with SECRET as its token. */
const SERVER_SCRIPT = `
  const { filledStore } = await import(process.env.TESTKIT_URL);
  const { serveApi } = await import(process.env.SERVE_URL);
  const store = await filledStore();
  const server = await serveApi({ store, port: 0, token: process.env.MARSAD_API_TOKEN });
  console.log('LISTENING ' + server.url);
  process.on('SIGTERM', async () => { await server.close(); await store.close(); process.exit(0); });
`;

describe('tokens are never logged or echoed', () => {
  let child: ChildProcess;
  let url = '';
  let logs = '';
  /** Every token a test sent, to be looked for in the logs once the server has stopped. */
  const sentTokens = new Set<string>([SECRET]);

  before(async () => {
    child = spawn(process.execPath, ['--input-type=module', '-e', SERVER_SCRIPT], {
      env: {
        ...process.env,
        MARSAD_API_TOKEN: SECRET,
        TESTKIT_URL: new URL('../../src/api/api.testkit.js', import.meta.url).href,
        SERVE_URL: new URL('../../src/api/serve.js', import.meta.url).href,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (logs += d));
    child.stderr!.on('data', (d) => (logs += d));
    for (let i = 0; i < 600 && !url; i++) {
      url = /LISTENING (\S+)/.exec(logs)?.[1] ?? '';
      if (!url) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(url, `the server did not start:\n${logs}`);
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });

  // [what the client sends, the status it gets]; each wrong token is unique, to be searched for.
  const ATTEMPTS: Array<[string, RequestInit & { path: string }, number]> = [
    ['a wrong bearer token on an ingest', { path: '/api/ingest', method: 'POST', headers: { authorization: 'Bearer wrong-token-AAA111', 'content-type': 'application/json' }, body: '{"urls":[]}' }, 401],
    ['a wrong bearer token on a merge', { path: '/api/entities/e1/merge', method: 'POST', headers: { authorization: 'Bearer wrong-token-BBB222', 'content-type': 'application/json' }, body: '{"from":"e2"}' }, 401],
    ['a Basic credential', { path: '/api/ingest', method: 'POST', headers: { authorization: 'Basic wrong-token-CCC333', 'content-type': 'application/json' }, body: '{}' }, 401],
    ['a bearer token with a space in it', { path: '/api/ingest', method: 'POST', headers: { authorization: 'Bearer wrong-token-DDD444 wrong-token-EEE555' }, body: '{}' }, 401],
    ['the configured token with a prefix', { path: '/api/ingest', method: 'POST', headers: { authorization: `Bearer wrong-token-FFF666${SECRET}` } }, 401],
    ['a token in the query string', { path: '/api/ingest?token=wrong-token-GGG777', method: 'POST', body: '{}' }, 401],
    ['the right token with a malformed body', { path: '/api/ingest', method: 'POST', headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' }, body: '{"urls": "wrong-token-HHH888"' }, 400],
    ['the right token on a read', { path: '/api/stats', headers: { authorization: `Bearer ${SECRET}` } }, 200],
  ];

  for (const [what, { path, ...init }, status] of ATTEMPTS) {
    it(`${what} → ${status}, and no token in the response`, async () => {
      const sent = JSON.stringify(init) + path;
      // The malformed body's own text may be echoed back as the client's value; tokens from headers never.
      const tokens = [SECRET, ...(sent.match(/wrong-token-[A-Z]{3}\d{3}/g) ?? [])].filter((t) => t !== 'wrong-token-HHH888');
      for (const t of tokens) sentTokens.add(t);
      const res = await fetch(`${url}${path}`, init);
      const answer = `${res.status}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.text()}`;
      assert.equal(res.status, status, answer);
      for (const token of tokens) assert.ok(!answer.includes(token), `${token} in the response:\n${answer}`);
    });
  }

  it('a job started with the token keeps no trace of it', async () => {
    const res = await fetch(`${url}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ urls: ['http://127.0.0.1:9/none.html'] }),
    });
    assert.equal(res.status, 202);
    const { id } = (await res.json()) as { id: string };
    let job = '';
    for (let i = 0; i < 200; i++) {
      job = await (await fetch(`${url}/api/jobs/${id}`)).text();
      if (JSON.parse(job).finished_at) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(JSON.parse(job).finished_at, job);
    assert.ok(!job.includes(SECRET), job);
  });

  it('the server printed none of the tokens, from start to stop', async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    assert.ok(logs.includes('LISTENING'), 'the capture saw the server\'s output');
    for (const token of sentTokens) assert.ok(!logs.includes(token), `${token} in the server's output:\n${logs}`);
  });
});
