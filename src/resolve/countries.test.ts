import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countryActors } from './countries.js';

test('countries: one curated place per ISO code, with Arabic names and the English label', () => {
  const all = countryActors();
  const ma = all.find((c) => c.country === 'MA')!;
  assert.equal(ma.type, 'LOCATION');
  assert.equal(ma.label_en, 'Morocco');
  assert.ok([ma.label, ...ma.aliases].includes('المغرب'));
  assert.equal(new Set(all.map((c) => c.key)).size, all.length, 'keys are unique');
  assert.ok(all.length > 200);
});
