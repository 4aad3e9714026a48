import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countryActors, ploverCountry } from './countries.js';

test('countries: one curated place per ISO code, with Arabic names and the English label', () => {
  const all = countryActors();
  const ma = all.find((c) => c.country === 'MA')!;
  assert.equal(ma.type, 'LOCATION');
  assert.equal(ma.label_en, 'Morocco');
  assert.ok([ma.label, ...ma.aliases].includes('المغرب'));
  assert.equal(new Set(all.map((c) => c.key)).size, all.length, 'keys are unique');
  assert.ok(all.length > 200);
});

test('countries: PLOVER actor country codes are ISO 3166-1 alpha-3', () => {
  const cases: Array<[string | null, string | null, string]> = [
    ['MA', 'MAR', 'Morocco'],
    ['us', 'USA', 'lower case accepted'],
    ['PS', 'PSE', 'Palestine'],
    ['EG', 'EGY', 'Egypt'],
    ['ZZ', null, 'unknown code'],
    [null, null, 'no country'],
  ];
  for (const [alpha2, alpha3, label] of cases) assert.equal(ploverCountry(alpha2), alpha3, label);
  // every country of the gazetteer has its alpha-3 form, but for the codes ISO only reserves
  // (Ascension, Clipperton, Sark, Diego Garcia, Ceuta and Melilla, Canaries, Tristan da Cunha)
  const reserved = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA']);
  const missing = countryActors().filter((c) => !ploverCountry(c.country) && !reserved.has(c.country!)).map((c) => c.country);
  assert.deepEqual(missing, [], `no alpha-3 code for ${missing.join(', ')}`);
});
