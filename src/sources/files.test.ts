import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

import iconv from 'iconv-lite';

import { listInputFiles, readFilePage } from './files.js';
import { rejectedError } from '../model/errors.testkit.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'marsad-files-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});


describe('listInputFiles', () => {
  it('walks a folder recursively, sorted, skipping dotfiles, tool folders and non-pages', async () => {
    const root = join(dir, 'walk');
    for (const sub of ['b', 'a/deep', '.git', 'node_modules/pkg']) await mkdir(join(root, sub), { recursive: true });
    const files = ['z.html', 'b/page.htm', 'a/deep/story.txt', 'a/index.xhtml', 'a/saved', 'a/old.html.gz', '.hidden.html',
      '.git/HEAD', 'node_modules/pkg/readme.html', 'logo.png', 'style.css'];
    for (const f of files) await writeFile(join(root, f), '<p>x</p>');
    assert.deepEqual(await listInputFiles(root), [
      join(root, 'a/deep/story.txt'),
      join(root, 'a/index.xhtml'),
      join(root, 'a/old.html.gz'),
      join(root, 'a/saved'),
      join(root, 'b/page.htm'),
      join(root, 'z.html'),
    ]);
  });

  it('returns a file given explicitly, whatever its extension', async () => {
    const file = join(dir, 'notes.data');
    await writeFile(file, 'نص');
    assert.deepEqual(await listInputFiles(file), [file]);
  });

  it('fails with INPUT_NOT_FOUND for a missing path', async () => {
    assert.equal((await rejectedError(listInputFiles(join(dir, 'nope')))).code, 'INPUT_NOT_FOUND');
  });
});

describe('readFilePage', () => {
  it('reads a windows-1256 file as Arabic text', async () => {
    const file = join(dir, 'cp1256.html');
    await writeFile(file, iconv.encode('<html><body><p>انطلقت اليوم فعاليات المعرض الدولي للكتاب في القاهرة.</p></body></html>', 'windows-1256'));
    const page = await readFilePage(file);
    assert.equal(page.source, file);
    assert.equal(page.url, null);
    assert.equal(page.encoding, 'windows-1256');
    assert.match(page.content, /المعرض الدولي للكتاب/);
  });

  it('refuses a 25 MB file over the 20 MB cap before reading it', async () => {
    const file = join(dir, 'huge.html');
    await writeFile(file, '');
    await truncate(file, 25 * 1024 * 1024); // sparse: costs no disk
    const err = await rejectedError(readFilePage(file));
    assert.equal(err.code, 'INPUT_TOO_LARGE');
    assert.match(err.message, /25\.0 MB/);
    assert.match(err.message, /huge\.html/);
    assert.equal((await rejectedError(readFilePage(file, { maxBytes: 1024 }))).code, 'INPUT_TOO_LARGE');
  });

  it('gunzips .gz files', async () => {
    const file = join(dir, 'story.html.gz');
    await writeFile(file, gzipSync(Buffer.from('<p>خبر مضغوط</p>')));
    const page = await readFilePage(file);
    assert.equal(page.content, '<p>خبر مضغوط</p>');
  });

  it('reports missing, empty and binary files with their codes', async () => {
    assert.equal((await rejectedError(readFilePage(join(dir, 'missing.html')))).code, 'INPUT_NOT_FOUND');
    await writeFile(join(dir, 'empty.html'), '');
    assert.equal((await rejectedError(readFilePage(join(dir, 'empty.html')))).code, 'INPUT_EMPTY');
    await writeFile(join(dir, 'image.html'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
    assert.equal((await rejectedError(readFilePage(join(dir, 'image.html')))).code, 'INPUT_BINARY');
    assert.equal((await rejectedError(readFilePage(dir))).code, 'INPUT_UNREADABLE');
  });
});
