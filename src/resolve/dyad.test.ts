import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Affiliation } from '../model/affiliation.js';
import type { StoredEvent } from '../model/event.js';
import { computeDyad, periodOf } from './dyad.js';
import { mergeEvents } from './event-merge.js';
import { ploverScores } from './plover-scores.js';

test('periods: ISO weeks (a year-end week belongs to the year of its Thursday), months, years', () => {
  assert.equal(periodOf('2022-06-13', 'week'), '2022-W24');
  assert.equal(periodOf('2021-01-03', 'week'), '2020-W53');
  assert.equal(periodOf('2024-12-30', 'week'), '2025-W01');
  assert.equal(periodOf('2022-06-13', 'month'), '2022-06');
  assert.equal(periodOf('2022-06-13', 'year'), '2022');
});

const ev = (article: string, n: number, type: string, src: string, tgt: string, day: string | null, more: Partial<StoredEvent> = {}): StoredEvent => ({
  id: `${article}:${n}`, type, mode: null, status: null,
  source: { id: src, label: src }, target: { id: tgt, label: tgt }, location: null,
  date: { start: day, end: day, text: day }, contexts: [], evidence: { text: 'جملة.', start: 0, end: 5 },
  article, title: null, published: day ? `${day}T10:00` : null, ...more,
});
const aff = (member: string, of: string, from: string | null = null, to: string | null = null): Affiliation => ({ member, of, from, to, origin: 'curated', basis: null, by: null, at: null });

test('weekly series over merged events: direction both ways, gaps and zero weeks, negated events listed but not counted', () => {
  const events = [
    ev('a1', 1, 'CONSULT', 'p-ma', 'p-us', '2024-01-02'),
    ev('a2', 1, 'CONSULT', 'p-us', 'p-ma', '2024-01-02'), // the same meeting, written the other way round
    ev('a3', 1, 'ACCUSE', 'p-us', 'org-ma', '2024-01-17'),
    ev('a3', 2, 'AID', 'org-ma', 'p-us', '2024-01-17', { status: 'negation' }),
    ev('a4', 1, 'CONSULT', 'p-ma', 'p-xx', '2024-01-17'),
  ];
  const info = new Map(['a1', 'a2', 'a3', 'a4'].map((id) => [id, { source: `${id}.html`, site: id, published: null, story: null }]));
  const merged = mergeEvents(events, info);
  const r = computeDyad({
    a: { id: 'country-ma', label: 'المغرب', type: 'LOCATION' },
    b: { id: 'country-us', label: 'الولايات المتحدة', type: 'LOCATION' },
    level: 'country',
    by: 'week',
    events: merged,
    affiliations: [aff('p-ma', 'org-ma'), aff('org-ma', 'country-ma'), aff('p-us', 'country-us', '2023-01-01', '2024-12-31')],
    articlesByDay: [{ day: '2024-01-02', articles: 1 }, { day: '2024-01-03', articles: 1 }, { day: '2024-01-17', articles: 1 }],
    entities: new Map([['p-xx', { label: 'مجهول', type: 'PERSON', roles: [] }]]),
    quotes: [],
    scores: ploverScores(),
  });
  assert.equal(r.events.length, 3, 'the meeting once, the accusation, the negated aid');
  assert.equal(r.events[0]!.num_articles, 2);
  assert.deepEqual(r.events.map((e) => e.direction), ['a>b', 'b>a', 'a>b']);
  assert.deepEqual(r.series.map((s) => [s.period, s.gap, s.score]), [['2024-W01', false, 1], ['2024-W02', true, null], ['2024-W03', false, -2]]);
  assert.deepEqual(r.series[2]!.counts, { ACCUSE: 1 }, 'the negated aid is not counted');
  assert.equal(r.series[2]!.quad.verbal_conflict, 1);
  assert.deepEqual(r.unrolled.map((u) => u.id), ['p-xx']);
});
