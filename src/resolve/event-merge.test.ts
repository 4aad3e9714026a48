import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StoredEvent } from '../model/event.js';
import { dayRange, happeningKey, mergeEvents, type EventArticleInfo } from './event-merge.js';

const H = { id: 'h', label: 'حموشي' };
const B = { id: 'b', label: 'بيرنز' };
const T = { id: 't', label: 'تبون' };

function ev(article: string, n: number, type: string, source: StoredEvent['source'], target: StoredEvent['target'], start: string | null, end = start, more: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id: `${article}:${n}`, type, mode: null, status: null, source, target, location: null,
    date: { start, end, text: start }, contexts: [], evidence: { text: 'جملة.', start: 0, end: 5 },
    article, title: null, published: null, ...more,
  };
}

function infos(rows: [string, string | null, string | null, string | null][]): Map<string, EventArticleInfo> {
  return new Map(rows.map(([id, site, published, story]) => [id, { source: `${id}.html`, site, published, story }]));
}

test('date ranges: days, months and years cover their days; no date is null', () => {
  assert.deepEqual(dayRange({ start: '2022-06-13', end: '2022-06-14', text: null }), ['2022-06-13', '2022-06-14']);
  assert.deepEqual(dayRange({ start: '2024-02', end: '2024-02', text: null }), ['2024-02-01', '2024-02-29']);
  assert.deepEqual(dayRange({ start: '2023', end: null, text: null }), ['2023-01-01', '2023-12-31']);
  assert.equal(dayRange({ start: null, end: null, text: 'أمس' }), null);
});

test('CONSULT pairs match in either order; other types keep their direction', () => {
  assert.equal(happeningKey(ev('a', 1, 'CONSULT', H, B, null)), happeningKey(ev('b', 1, 'CONSULT', B, H, null)));
  assert.notEqual(happeningKey(ev('a', 1, 'ACCUSE', H, B, null)), happeningKey(ev('b', 1, 'ACCUSE', B, H, null)));
  assert.notEqual(happeningKey(ev('a', 1, 'CONSULT', H, B, null)), happeningKey(ev('b', 1, 'CONSULT', H, B, null, null, { status: 'negation' })));
});

test('two outlets reporting the same meeting on overlapping days give one event with both sources', () => {
  const events = [ev('a', 1, 'CONSULT', H, B, '2022-06-13', '2022-06-14'), ev('b', 1, 'CONSULT', B, H, '2022-06-14')];
  const merged = mergeEvents(events, infos([['a', 'هسبريس', '2022-06-15', null], ['b', 'فبراير', '2022-06-14', null]]));
  assert.equal(merged.length, 1);
  assert.equal(merged[0]!.num_sources, 2);
  assert.equal(merged[0]!.num_articles, 2);
  assert.equal(merged[0]!.id, 'b:1', 'the earliest report represents the event');
  assert.deepEqual(merged[0]!.sources, [
    { article: 'b', source: 'b.html', site: 'فبراير' },
    { article: 'a', source: 'a.html', site: 'هسبريس' },
  ]);
});

test('events whose dates conflict are never merged, even through a third undated one in the same story', () => {
  const events = [
    ev('a', 1, 'CONSULT', H, B, '2022-06-13'),
    ev('c', 1, 'CONSULT', H, B, null),
    ev('b', 1, 'CONSULT', H, B, '2023-11-14'),
  ];
  const merged = mergeEvents(events, infos([['a', 'x', '2022-06-14', 's'], ['b', 'y', '2023-11-15', 's'], ['c', 'z', '2022-06-15', 's']]));
  assert.equal(merged.length, 2);
  assert.deepEqual(merged.map((m) => m.sources.map((s) => s.article).sort()), [['a', 'c'], ['b']]);
});

test('an undated event merges only within the same story', () => {
  const events = [ev('a', 1, 'CONSULT', H, B, '2022-06-13'), ev('b', 1, 'CONSULT', H, B, null), ev('c', 1, 'CONSULT', H, B, null)];
  const merged = mergeEvents(events, infos([['a', 'x', null, 's1'], ['b', 'y', null, 's1'], ['c', 'z', null, 's2']]));
  assert.deepEqual(merged.map((m) => m.sources.map((s) => s.article)), [['a', 'b'], ['c']]);
  assert.equal(merged[0]!.id, 'a:1', 'a dated report represents the event');
  const noStory = mergeEvents(events, infos([['a', 'x', null, null], ['b', 'y', null, null], ['c', 'z', null, null]]));
  assert.equal(noStory.length, 3, 'without a story, an unknown date is no evidence');
});

test('events of one article, of other actors, types or statuses stay apart', () => {
  const events = [
    ev('a', 1, 'CONSULT', H, B, '2022-06-13'),
    ev('a', 2, 'CONSULT', B, H, '2022-06-13'),
    ev('b', 1, 'CONSULT', H, T, '2022-06-13'),
    ev('b', 2, 'AGREE', H, B, '2022-06-13'),
    ev('b', 3, 'CONSULT', H, B, '2022-06-13', '2022-06-13', { status: 'negation' }),
    ev('c', 1, 'CONSULT', H, B, '2022-06-13', '2022-06-13', { status: 'historical' }),
  ];
  const merged = mergeEvents(events, infos([['a', 'x', null, 's'], ['b', 'y', null, 's'], ['c', 'z', null, 's']]));
  assert.deepEqual(merged.map((m) => m.sources.map((s) => s.article).join('+')), ['a+c', 'a', 'b', 'b', 'b']);
});

test('two articles of one outlet count as one source', () => {
  const events = [ev('a', 1, 'CONSULT', H, B, '2022-06-13'), ev('b', 1, 'CONSULT', H, B, '2022-06-13')];
  const merged = mergeEvents(events, infos([['a', 'Hespress', null, null], ['b', 'hespress', null, null]]));
  assert.equal(merged[0]!.num_articles, 2);
  assert.equal(merged[0]!.num_sources, 1);
});

test('attacks by unnamed actors on one day merge only within one story', () => {
  const unk = { id: 'generic:UNK', label: '' };
  const events = [ev('a', 1, 'ASSAULT', unk, null, '2007-10-26'), ev('b', 1, 'ASSAULT', unk, null, '2007-10-26'), ev('c', 1, 'ASSAULT', unk, null, '2007-10-26')];
  const merged = mergeEvents(events, infos([['a', 'x', '2007-10-26', 's1'], ['b', 'y', '2007-10-26', 's2'], ['c', 'z', '2007-10-26', 's1']]));
  assert.deepEqual(merged.map((m) => m.sources.map((s) => s.article)), [['a', 'c'], ['b']]);
});
