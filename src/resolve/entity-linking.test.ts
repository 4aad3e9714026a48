import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalEntity } from '../model/entity.js';
import { clusterKeys, decideLink, lookupKeys, mentionKey, toAssignments } from './entity-linking.js';
import type { MentionCluster } from './entity-coref.js';

const sameKey: [string, string, string][] = [
  ['عبد اللطيف الحموشي', 'عبداللطيف حموشي', 'spacing in compound names and ال'],
  ['الحموشي', 'حموشي', 'ال prefix'],
  ['أردوغان', 'اردوغان', 'hamza on alef'],
  ['وزارة الخارجية', 'وزاره الخارجيه', 'ta marbuta'],
];
for (const [a, b, label] of sameKey) {
  test(`mentionKey: ${a} = ${b} (${label})`, () => assert.equal(mentionKey(a), mentionKey(b)));
}

test('mentionKey: different names keep different keys', () => {
  assert.notEqual(mentionKey('محمد بن سلمان'), mentionKey('محمد بن زايد'));
});

test('lookupKeys: a family name alone shares a key with the full name; common first names are no key on their own', () => {
  const full = lookupKeys('عبد اللطيف حموشي', 'PERSON');
  assert.ok(lookupKeys('حموشي', 'PERSON').some((k) => full.includes(k)));
  assert.ok(!lookupKeys('محمد بن سلمان', 'PERSON').includes('محمد'));
  assert.ok(lookupKeys('بورنز', 'PERSON').some((k) => lookupKeys('وليام بيرنز', 'PERSON').includes(k)), 'vowel-letter variant shares the skeleton');
});

test('lookupKeys: organisations are looked up by whole name, not by each word', () => {
  const keys = lookupKeys('وزارة الخارجية', 'ORG');
  assert.ok(!keys.includes('خارجيه'));
});

const cluster = (label: string, texts: string[], roles: string[] = []): MentionCluster => ({
  type: 'PERSON',
  label,
  roles,
  mentions: texts.map((text, i) => ({ type: 'PERSON', text, start: i * 20, end: i * 20 + text.length, source: 'tagger' })),
});

const entity = (id: string, label: string, more: Partial<CanonicalEntity> = {}): CanonicalEntity => ({
  id,
  type: 'PERSON',
  label,
  label_en: null,
  aliases: [{ text: label, count: 3 }],
  roles: [],
  country: null,
  sectors: [],
  wikidata: null,
  articles: 3,
  cooccurring: [],
  blocked_keys: [],
  ...more,
});

test('decideLink: a spelling variant links to the stored person', () => {
  const d = decideLink(cluster('وليام بورنز', ['وليام بورنز', 'بورنز']), [entity('e1', 'وليام بيرنز')], []);
  assert.equal(d.entityId, 'e1');
  assert.ok(d.score > 0);
});

test('decideLink: a different person with the same first name stays new', () => {
  const d = decideLink(cluster('محمد بن زايد', ['محمد بن زايد']), [entity('e1', 'محمد بن سلمان')], []);
  assert.equal(d.entityId, null);
});

test('decideLink: a name an analyst split off never links back', () => {
  const d = decideLink(cluster('محمد بن زايد', ['محمد بن زايد']), [entity('e1', 'محمد بن زايد', { blocked_keys: [mentionKey('محمد بن زايد')] })], []);
  assert.equal(d.entityId, null);
});

test('decideLink: another type never links', () => {
  const d = decideLink(cluster('المغرب', ['المغرب']), [entity('e1', 'المغرب', { type: 'LOCATION' })], []);
  assert.equal(d.entityId, null);
});

test('decideLink: two stored entities written exactly as the name — the most reported one, never a third copy', () => {
  const d = decideLink(cluster('أينشتاين', ['أينشتاين']), [entity('e1', 'أينشتاين', { articles: 2 }), entity('e2', 'اينشتاين', { articles: 9 })], []);
  assert.equal(d.entityId, 'e2');
});

test('decideLink: the entity written exactly as the name before a fuller name that contains it', () => {
  const d = decideLink(cluster('أينشتاين', ['أينشتاين']), [entity('e1', 'هيرمان أينشتاين', { articles: 9 }), entity('e2', 'أينشتاين', { articles: 2 })], []);
  assert.equal(d.entityId, 'e2');
});

test('decideLink: a family name shared by two different full names stays unlinked (which one is not known)', () => {
  const d = decideLink(cluster('بن زايد', ['بن زايد']), [entity('e1', 'محمد بن زايد'), entity('e2', 'عبدالله بن زايد')], []);
  assert.equal(d.entityId, null);
  assert.deepEqual(d.reasons, ['ambiguous between entities']);
});

test('toAssignments: two clusters linked to one entity become one assignment with every mention', () => {
  const a = cluster('جو بايدن', ['جو بايدن']);
  const b = cluster('بايدن', ['بايدن']);
  b.mentions[0]!.start = 100;
  b.mentions[0]!.end = 105;
  const out = toAssignments([a, b], [{ entityId: 'e1', score: 1, reasons: [] }, { entityId: 'e1', score: 1, reasons: [] }]);
  assert.equal(out.length, 1);
  assert.deepEqual(out[0]!.mentions.map((m) => m.text), ['جو بايدن', 'بايدن']);
  assert.ok(clusterKeys(b).every((k) => out[0]!.keys.includes(k)));
});

test('decideLink: a place links on its written name, never on a vowel-letter variant (أوروبا is not أروبا)', () => {
  const place = (label: string, texts: string[]): MentionCluster => ({ ...cluster(label, texts), type: 'LOCATION', mentions: cluster(label, texts).mentions.map((m) => ({ ...m, type: 'LOCATION' })) });
  const aruba = entity('country-aw', 'أروبا', { type: 'LOCATION' });
  assert.equal(decideLink(place('أوروبا', ['أوروبا']), [aruba], []).entityId, null);
  const morocco = entity('country-ma', 'المغرب', { type: 'LOCATION', aliases: [{ text: 'المملكة المغربية', count: 0 }] });
  assert.equal(decideLink(place('المملكة المغربية', ['المملكة المغربية']), [morocco], []).entityId, 'country-ma');
  assert.equal(decideLink(place('مغرب', ['مغرب']), [morocco], []).entityId, 'country-ma', 'the article after لل');
});
