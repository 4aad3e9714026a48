import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCursor, encodeCursor, page, PageQuery } from './pagination.js';

describe('cursors', () => {
  it('round-trip offsets as opaque url-safe strings', () => {
    for (const n of [0, 1, 50, 12345]) {
      assert.match(encodeCursor(n), /^[A-Za-z0-9_-]+$/);
      assert.equal(decodeCursor(encodeCursor(n)), n);
    }
  });

  it('refuse anything this server did not make', () => {
    for (const bad of ['', 'abc', '!!', Buffer.from('o:-1').toString('base64url'), Buffer.from('o:01').toString('base64url'), Buffer.from('x:5').toString('base64url'), 'A'.repeat(100)]) {
      assert.equal(decodeCursor(bad), null, bad);
    }
  });
});

describe('PageQuery', () => {
  it('defaults to the first page of 50', () => {
    assert.deepEqual(PageQuery.parse({}), { cursor: 0, limit: 50 });
  });

  it('decodes the cursor and coerces the limit', () => {
    assert.deepEqual(PageQuery.parse({ cursor: encodeCursor(10), limit: '5' }), { cursor: 10, limit: 5 });
  });
});

describe('page', () => {
  it('asks for one more item than it returns, to know whether there is a next page', async () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    const fetch = async (limit: number, offset: number) => items.slice(offset, offset + limit);
    assert.deepEqual(await page(fetch, { cursor: 0, limit: 3 }), { items: [0, 1, 2], next_cursor: encodeCursor(3) });
    assert.deepEqual(await page(fetch, { cursor: 6, limit: 3 }), { items: [6], next_cursor: null });
    assert.deepEqual(await page(fetch, { cursor: 4, limit: 3 }), { items: [4, 5, 6], next_cursor: null });
  });
});
