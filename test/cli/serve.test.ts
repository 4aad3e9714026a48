import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURES, ROOT, tempDir } from './run-cli.js';

/** Runs `marsad ARGS` as a real process until it prints the workbench address. */
function startMarsad(args: string[]): Promise<{ url: string; stop: () => Promise<number | null>; output: () => string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'marsad.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address within 30 s; output:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d;
      const m = /Marsad workbench: (http:\/\/\S+?)\/\s/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          output: () => out,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`marsad exited with ${code} before serving; output:\n${out}`));
    });
  });
}

test('start ingests the sources given, then serves the API and workbench until stopped', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const server = await startMarsad(['--db', join(dir, 'm.db'), 'start', join(FIXTURES, 'entities', 'cia-director-rabat.html'), '--port', '0']);
    try {
      assert.match(server.output(), /1 page: 1 new/);
      const stats = await (await fetch(`${server.url}/api/stats`)).json();
      assert.equal(stats.articles, 1);
      // no token configured: start makes one up for this run and prints it with the ingest page's address
      const line = await eventually(() => /Add sources in the browser: (\S+)#\/ingest\?token=(\S+)/.exec(server.output()));
      assert.equal(line[1], `${server.url}/`);
      const merge = (headers: Record<string, string>) =>
        fetch(`${server.url}/api/entities/x/merge`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"from":"y"}' });
      assert.equal((await merge({})).status, 401, 'a write without the token is refused');
      assert.equal((await merge({ authorization: `Bearer ${line[2]}` })).status, 404, 'with it, the write is let through (to an unknown entity)');
    } finally {
      assert.equal(await server.stop(), 0, 'a clean exit on SIGTERM');
    }
  } finally {
    cleanup();
  }
});

/** Waits up to 3 s for `find` to return something (output arrives in pieces). */
async function eventually<T>(find: () => T | null | undefined): Promise<T> {
  for (let waited = 0; ; waited += 50) {
    const found = find();
    if (found) return found;
    if (waited > 3000) assert.fail('not seen within 3 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('serve without a token refuses writes and prints no token', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const server = await startMarsad(['--db', join(dir, 'm.db'), 'serve', '--port', '0']);
    try {
      const denied = await fetch(`${server.url}/api/entities/x/merge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"from":"y"}' });
      assert.equal(denied.status, 403, 'no token configured: writes are refused');
      assert.doesNotMatch(server.output(), /token=/);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  } finally {
    cleanup();
  }
});

test('serve refuses a port that is taken, naming it', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const first = await startMarsad(['--db', join(dir, 'a.db'), 'serve', '--port', '0']);
    try {
      const port = new URL(first.url).port;
      const second = spawn(process.execPath, [join(ROOT, 'bin', 'marsad.js'), '--db', join(dir, 'b.db'), 'serve', '--port', port], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      second.stderr.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
      assert.equal(code, 2);
      assert.match(err, new RegExp(`127\\.0\\.0\\.1:${port}.*already in use`));
    } finally {
      await first.stop();
    }
  } finally {
    cleanup();
  }
});
