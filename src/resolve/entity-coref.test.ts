import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Mention } from '../model/entity.js';
import { clusterMentions } from './entity-coref.js';

/** Mentions of the given names, found in order in the text. */
function mentions(text: string, names: [string, Mention['type']?][]): Mention[] {
  let from = 0;
  return names.map(([name, type = 'PERSON']) => {
    const start = text.indexOf(name, from);
    assert.ok(start >= 0, `"${name}" is in the text`);
    from = start + name.length;
    return { type, text: name, start, end: start + name.length, source: 'tagger' };
  });
}

test('clusterMentions: the four ways one article writes Hammouchi are one entity', () => {
  const text = 'استقبل عبد اللطيف حموشي الوفد. وأكد حموشي أن التعاون مستمر، وقال الحموشي إن الرباط ... وختم عبداللطيف الحموشي.';
  const ms = mentions(text, [['عبد اللطيف حموشي'], ['حموشي'], ['الحموشي'], ['الرباط', 'LOCATION'], ['عبداللطيف الحموشي']]);
  const cs = clusterMentions(text, ms);
  assert.equal(cs.length, 2);
  assert.deepEqual(cs[0]!.mentions.map((m) => m.text), ['عبد اللطيف حموشي', 'حموشي', 'الحموشي', 'عبداللطيف الحموشي']);
  assert.equal(cs[0]!.label, 'عبداللطيف الحموشي');
  assert.equal(cs[1]!.label, 'الرباط');
});

test('clusterMentions: a family name before the full name joins it; a short name goes to the most recent compatible one', () => {
  const text = 'قال بايدن ثم قال جو بايدن ثم هانتر بايدن ثم بايدن';
  const cs = clusterMentions(text, mentions(text, [['بايدن'], ['جو بايدن'], ['هانتر بايدن'], ['بايدن']]));
  assert.deepEqual(cs.map((c) => c.label), ['جو بايدن', 'هانتر بايدن']);
  assert.deepEqual(cs[0]!.mentions.map((m) => m.start), [4, 17]);
  assert.equal(cs[1]!.mentions.length, 2, 'the last بايدن follows هانتر بايدن');
});

test('clusterMentions: two people sharing a first name stay apart; a common name alone joins nobody', () => {
  const text = 'محمد بن سلمان ومحمد بن زايد ثم محمد';
  const cs = clusterMentions(text, mentions(text, [['محمد بن سلمان'], ['محمد بن زايد'], ['محمد']]));
  assert.equal(cs.length, 3);
});

test('clusterMentions: roles are collected, cleaned and distinct; types never mix', () => {
  const text = 'وزير الخارجية ناصر بوريطة ... ووزير الخارجية بوريطة ... بوريطة';
  const ms = mentions(text, [['ناصر بوريطة'], ['بوريطة'], ['بوريطة', 'ORG']]);
  ms[0]!.role = { text: 'وزير الخارجية', start: 0, end: 13 };
  ms[1]!.role = { text: 'ووزير الخارجية', start: 30, end: 44 };
  const cs = clusterMentions(text, ms);
  assert.equal(cs.length, 2);
  assert.deepEqual(cs[0]!.roles, ['وزير الخارجية']);
  assert.equal(cs[1]!.type, 'ORG');
});

test('clusterMentions: deterministic, ordered by first mention, whatever the input order', () => {
  const text = 'الرباط ثم حموشي ثم عبد اللطيف حموشي';
  const ms = mentions(text, [['الرباط', 'LOCATION'], ['حموشي'], ['عبد اللطيف حموشي']]);
  const a = clusterMentions(text, ms);
  const b = clusterMentions(text, [...ms].reverse());
  assert.deepEqual(a, b);
  assert.deepEqual(a.map((c) => c.label), ['الرباط', 'عبد اللطيف حموشي']);
});
