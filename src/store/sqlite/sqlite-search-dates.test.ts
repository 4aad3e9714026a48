/**
 * Date filters read the publication-date index (issue #8); a bound is a whole day, so an
 * article published at any time of the `to:` day is in, one published the next day is out,
 * and an undated article never matches a date filter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arabicSearchAnalyzer } from '../../arabic/search-keys.js';
import { parseQuery } from '../search-query.js';
import { article, input } from '../conformance.testkit.js';
import { openSqliteStore } from './sqlite-store.js';

test('date filters include the whole bounding days and never an undated article', async () => {
  const store = openSqliteStore(':memory:', arabicSearchAnalyzer);
  try {
    const put = async (name: string, published: string | null) =>
      (await store.put(input(`${name}.txt`, article({ published, text: `أعلنت الحكومة قرارها الجديد ${name} بشأن الميزانية.` })))).id;
    const eve = await put('eve', '2022-12-31T23:59:00Z');
    const newYear = await put('newyear', '2023-01-01');
    const newYearTime = await put('newyeartime', '2023-01-01T00:30:00+01:00');
    const later = await put('later', '2023-02-10');
    const undated = await put('undated', null);
    const ids = async (q: string) => (await store.search(parseQuery(q), { limit: 50 })).map((h) => h.id).sort();
    assert.deepEqual(await ids('الحكومة'), [eve, newYear, newYearTime, later, undated].sort());
    assert.deepEqual(await ids('الحكومة to:2022-12-31'), [eve]);
    assert.deepEqual(await ids('الحكومة from:2023-01-01'), [newYear, newYearTime, later].sort());
    assert.deepEqual(await ids('الحكومة from:2023-01-01 to:2023-01-01'), [newYear, newYearTime].sort());
    assert.deepEqual(await ids('from:2022-12 to:2023-01'), [eve, newYear, newYearTime].sort());
    assert.deepEqual(await ids('الحكومة to:2023'), [eve, newYear, newYearTime, later].sort());
  } finally {
    await store.close();
  }
});
