import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openStore } from '../../app/open-store.js';
import { createApi } from '../app.js';
import { jsonOf, testApi } from '../api.testkit.js';

describe('GET /api/stats', () => {
  it('counts articles, entities by type and quotes', async () => {
    const { app, store } = await testApi();
    try {
      assert.deepEqual(await jsonOf(await app.request('/api/stats')), {
        articles: 4,
        entities: { total: 14, PERSON: 3, ORG: 4, LOCATION: 7 },
        quotes: 5,
      });
    } finally {
      await store.close();
    }
  });

  it('counts zero on an empty store', async () => {
    const store = await openStore(':memory:');
    try {
      const app = createApi({ store });
      assert.deepEqual(await jsonOf(await app.request('/api/stats')), {
        articles: 0,
        entities: { total: 0, PERSON: 0, ORG: 0, LOCATION: 0 },
        quotes: 0,
      });
    } finally {
      await store.close();
    }
  });
});
