import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import iconv from 'iconv-lite';

import { decodePage } from './decode.js';
import { thrownError } from '../model/errors.testkit.js';

const SENTENCE = 'أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرباط لخدمة آلاف المواطنين.';
const html = (body: string, head = '') => `<!DOCTYPE html><html><head>${head}<title>خبر</title></head><body><p>${body}</p></body></html>`;


describe('decodePage', () => {
  it('reads undeclared windows-1256 Arabic as Unicode', () => {
    const page = decodePage(iconv.encode(html(SENTENCE), 'windows-1256'), { source: 'a.html' });
    assert.equal(page.encoding, 'windows-1256');
    assert.ok(page.content.includes(SENTENCE));
    assert.equal(page.kind, 'html');
    assert.equal(page.source, 'a.html');
    assert.equal(page.url, null);
  });

  it('reads windows-1256 declared in <meta http-equiv>', () => {
    const head = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">';
    const page = decodePage(iconv.encode(html(SENTENCE, head), 'windows-1256'), { source: 'a.html' });
    assert.equal(page.encoding, 'windows-1256');
    assert.ok(page.content.includes(SENTENCE));
  });

  it('reads ISO-8859-6 Arabic, declared by HTTP header or not declared at all', () => {
    const bytes = iconv.encode(html(SENTENCE), 'iso-8859-6');
    const declared = decodePage(bytes, { source: 'u', contentType: 'text/html; charset=ISO-8859-6' });
    assert.equal(declared.encoding, 'iso-8859-6');
    assert.ok(declared.content.includes(SENTENCE));
    const guessed = decodePage(bytes, { source: 'u' });
    assert.equal(guessed.encoding, 'iso-8859-6');
    assert.ok(guessed.content.includes(SENTENCE));
  });

  it('reads UTF-8 with and without a BOM, and strips the BOM', () => {
    const plain = Buffer.from(html(SENTENCE, '<meta charset="utf-8">'), 'utf8');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html(SENTENCE), 'utf8')]);
    for (const bytes of [plain, withBom]) {
      const page = decodePage(bytes, { source: 'a.html' });
      assert.equal(page.encoding, 'utf-8');
      assert.ok(page.content.includes(SENTENCE));
      assert.ok(page.content.startsWith('<!DOCTYPE'), 'no BOM left at the start');
    }
  });

  it('overrides a declared charset the bytes contradict', () => {
    const cp1256 = iconv.encode(html(SENTENCE, '<meta charset="iso-8859-1">'), 'windows-1256');
    const latin = decodePage(cp1256, { source: 'a.html' });
    assert.equal(latin.encoding, 'windows-1256');
    assert.ok(latin.content.includes(SENTENCE));

    const fakeUtf8 = decodePage(iconv.encode(html(SENTENCE), 'windows-1256'), { source: 'u', contentType: 'text/html; charset=utf-8' });
    assert.equal(fakeUtf8.encoding, 'windows-1256');
    assert.ok(fakeUtf8.content.includes(SENTENCE));

    const realUtf8 = decodePage(Buffer.from(html(SENTENCE, '<meta charset="windows-1256">')), { source: 'u' });
    assert.equal(realUtf8.encoding, 'utf-8');
    assert.ok(realUtf8.content.includes(SENTENCE));

    // ISO-8859-6 leaves byte values unassigned that windows-1256 Arabic uses.
    const wrongArabic = decodePage(iconv.encode(html(SENTENCE), 'windows-1256'), { source: 'u', contentType: 'text/html; charset=iso-8859-6' });
    assert.equal(wrongArabic.encoding, 'windows-1256');
    assert.ok(wrongArabic.content.includes(SENTENCE));

    const swapped = decodePage(iconv.encode(html(SENTENCE, '<meta charset="windows-1256">'), 'iso-8859-6'), { source: 'u' });
    assert.equal(swapped.encoding, 'iso-8859-6');
    assert.ok(swapped.content.includes(SENTENCE));
  });

  it('keeps genuine Latin-1 French text as declared', () => {
    const text = 'Le ministère a annoncé une réforme économique très attendue à Rabat.';
    const page = decodePage(iconv.encode(html(text, '<meta charset="iso-8859-1">'), 'latin1'), { source: 'fr.html' });
    assert.equal(page.encoding, 'windows-1252');
    assert.ok(page.content.includes(text));
  });

  it('normalises CRLF to LF and tells text from HTML', () => {
    const page = decodePage(Buffer.from('سطر أول\r\nسطر ثان\r\n'), { source: 'a.txt' });
    assert.equal(page.content, 'سطر أول\nسطر ثان\n');
    assert.equal(page.kind, 'text');
    assert.equal(decodePage(Buffer.from('<p>x</p>'), { source: 'b' }).kind, 'html');
    assert.equal(decodePage(Buffer.from('plain'), { source: 'c', contentType: 'text/html' }).kind, 'html');
  });

  it('rejects an empty or whitespace-only page with INPUT_EMPTY', () => {
    assert.equal(thrownError(() => decodePage(new Uint8Array(0), { source: 'empty.html' })).code, 'INPUT_EMPTY');
    const err = thrownError(() => decodePage(Buffer.from(' \n\t\r\n'), { source: 'blank.html' }));
    assert.equal(err.code, 'INPUT_EMPTY');
    assert.match(err.message, /blank\.html/);
  });

  it('rejects binary input with INPUT_BINARY, naming the input', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const err = thrownError(() => decodePage(png, { source: 'photo.html' }));
    assert.equal(err.code, 'INPUT_BINARY');
    assert.match(err.message, /photo\.html/);
    assert.match(err.message, /PNG/);
    const noise = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 7) % 32 || 1));
    assert.equal(thrownError(() => decodePage(noise, { source: 'noise' })).code, 'INPUT_BINARY');
    assert.equal(thrownError(() => decodePage(Buffer.from('abc\0def'), { source: 'nul' })).code, 'INPUT_BINARY');
  });
});
