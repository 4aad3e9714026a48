import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliticVariants, G_COUNTRY, G_GIVEN, G_LOC_HEAD, G_NATIONALITY, G_ORG_HEAD, G_TITLE, gazKey, loadGazetteers, matchGazetteer, wordFlags } from './gazetteer.js';

const keys = (s: string): string[] => s.split(' ').map(gazKey);

test('multi-word names match longest first, with clitics on the first word', () => {
  const g = loadGazetteers();
  const m = matchGazetteer(g, keys('وصل وفد الولايات المتحدة الأمريكية إلى مقر الأمم المتحدة وحلف شمال الأطلسي'));
  assert.deepEqual(m.map((x) => [x.start, x.end, x.entry.type, x.entry.key]), [
    [2, 5, 'LOCATION', 'US'],
    [7, 9, 'ORG', 'UN'],
    [9, 12, 'ORG', 'NATO'],
  ]);
  assert.equal(matchGazetteer(g, keys('زار للمغرب'))[0]?.entry.key, 'MA');
  assert.equal(matchGazetteer(g, keys('أميركا وأمريكا')).length, 2, 'both spellings are listed');
});

test('Latin acronyms keep their case', () => {
  const g = loadGazetteers();
  assert.ok(g.acronyms.has('CIA'));
  assert.equal(matchGazetteer(g, ['CIA'])[0]?.entry.key, 'CIA');
  assert.equal(matchGazetteer(g, ['who']).length, 0);
});

test('single-word flags: countries, given names, titles under clitics', () => {
  const g = loadGazetteers();
  assert.ok(wordFlags(g, gazKey('ومصر')) & G_COUNTRY);
  assert.ok(wordFlags(g, gazKey('وليد')) & G_GIVEN);
  assert.ok(wordFlags(g, gazKey('والرئيس')) & G_TITLE);
  assert.deepEqual(cliticVariants('وللمغرب'), ['وللمغرب', 'للمغرب', 'لمغرب', 'المغرب']);
});

test('head words of organisation and place names, nationality adjectives, foreign given names', () => {
  const g = loadGazetteers();
  assert.ok(wordFlags(g, gazKey('وزارة')) & G_ORG_HEAD);
  assert.ok(wordFlags(g, gazKey('والبنك')) & G_ORG_HEAD);
  assert.ok(wordFlags(g, gazKey('محافظة')) & G_LOC_HEAD);
  assert.ok(wordFlags(g, gazKey('البرازيلي')) & G_NATIONALITY);
  assert.ok(wordFlags(g, gazKey('ديفيد')) & G_GIVEN);
  assert.equal(wordFlags(g, gazKey('قال')), 0);
});
