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
      const denied = await fetch(`${server.url}/api/entities/x/merge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"from":"y"}' });
      assert.equal(denied.status, 403, 'no token configured: writes are refused');
    } finally {
      assert.equal(await server.stop(), 0, 'a clean exit on SIGTERM');
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
