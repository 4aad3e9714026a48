import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossValidatedAccuracy, titleChoiceFeatures, trainLogistic } from '../../scripts/eval-title-choice.js';

test('title choice: a feature separating the classes is learned and cross-validates perfectly', () => {
  const x = Array.from({ length: 20 }, (_, i) => [1, i % 2, (i % 5) / 5]);
  const y = x.map((r) => r[1]!);
  assert.ok(trainLogistic(x, y)[1]! > 0);
  assert.equal(crossValidatedAccuracy(x, y, 5), 1);
});

test('title choice: features see an h1 that the og:title contains, and a site-name part', () => {
  const f = titleChoiceFeatures([
    { source: 'og', value: 'Garlic in autumn | Garden Notes' },
    { source: 'site', value: 'Garden Notes' },
    { source: 'h1#0', value: 'Garlic in autumn' },
  ]);
  assert.equal(f.length, 17);
  assert.equal(f[3], 1, 'the h1 and the metadata title without its site name share every word');
  assert.equal(f[4], 1, 'the metadata title contains the h1');
  const g = titleChoiceFeatures([{ source: 'og', value: 'Recipes' }, { source: 'h1#0', value: 'Garlic in autumn' }]);
  assert.equal(g[3], 0);
  assert.equal(g[4], 0);
});
