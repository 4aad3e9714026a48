/**
 * The matching and scoring rules of scripts/eval-events.ts on hand-made inputs (no shared data).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventMatches, labelMatches, locateTimexes, normLabel, prf, quoteMatches, score, speakerMatches, type GoldEvent, type GoldUnit } from '../../scripts/eval-events.js';

const ev = (e: Partial<GoldEvent>): GoldEvent => ({ type: 'CONSULT', mode: null, source: null, target: null, date: null, location: null, ...e });

test('labels match by folded whole-word containment, without ال, compound names joined', () => {
  assert.ok(labelMatches('حموشي', 'عبد اللطيف الحموشي'));
  assert.ok(labelMatches('عبداللطيف الحموشي', 'عبد اللطيف حموشي'));
  assert.ok(labelMatches('مدير الاستخبارات المركزية الأمريكية', 'الاستخبارات المركزية الامريكية'));
  assert.ok(labelMatches(['أبو مازن', 'محمود عباس'], 'محمود عباس'));
  assert.ok(!labelMatches('مصر', 'مصرف المغرب'));
  assert.ok(!labelMatches('حموشي', null));
  assert.equal(normLabel('الأمم المتحدة'), normLabel('للأمم المتحدة'));
});

test('events match on type, source and target; null source is a wildcard, null target is not; symmetric swaps', () => {
  const g = ev({ source: 'حموشي', target: 'بيرنز' });
  assert.ok(eventMatches(g, { type: 'CONSULT', source: { label: 'عبد اللطيف حموشي' }, target: { label: 'ويليام بيرنز' } }));
  assert.ok(!eventMatches(g, { type: 'AGREE', source: { label: 'حموشي' }, target: { label: 'بيرنز' } }));
  assert.ok(!eventMatches(g, { type: 'CONSULT', source: { label: 'بيرنز' }, target: { label: 'حموشي' } }));
  assert.ok(eventMatches({ ...g, symmetric: true }, { type: 'CONSULT', source: { label: 'بيرنز' }, target: { label: 'حموشي' } }));
  const agentless = ev({ type: 'ASSAULT' });
  assert.ok(eventMatches(agentless, { type: 'ASSAULT', source: { label: 'مسلحون' }, target: null }));
  assert.ok(!eventMatches(agentless, { type: 'ASSAULT', source: { label: 'مسلحون' }, target: { label: 'الجيش' } }));
});

test('an actor matches by its entity label or by a name the text gives it, never by another entity\'s name', () => {
  const g = ev({ source: 'برويز مشرف', target: 'بريطانيا' });
  const uk = (names: string[]) => ({ type: 'CONSULT', source: { label: 'برويز مشرف' }, target: { label: 'المملكة المتحدة', names } });
  assert.ok(eventMatches(g, uk(['بريطانيا'])));
  assert.ok(!eventMatches(g, uk([])));
  assert.ok(!eventMatches(g, uk(['لندن'])));
});

test('quotes match by their first words; speakers by label, null only with null', () => {
  assert.ok(quoteMatches({ start_words: 'هذا التعاون يتخذ', speaker: null }, { text: '“هذا التعاون يتخذ عدة وجوه', speaker: null }));
  assert.ok(quoteMatches({ start_words: 'الولايات المتحدة تعتبر،', speaker: null }, { text: 'الولايات المتحدة تعتبر، في كثير', speaker: null }));
  assert.ok(!quoteMatches({ start_words: 'هذا التعاون يتخذ', speaker: null }, { text: 'التعاون يتخذ عدة', speaker: null }));
  assert.ok(speakerMatches('الحافظي', { label: 'إحسان الحافظي' }));
  assert.ok(speakerMatches(null, null));
  assert.ok(!speakerMatches('الحافظي', null));
  assert.ok(speakerMatches('أنان', { label: 'كوفي عنان', names: ['أنان'] }), 'a speaker goes by the names the text gives it, as an actor does');
  assert.ok(!speakerMatches('أنان', { label: 'كوفي عنان', names: ['عنان'] }));
});

test('gold timexes are located in order, each after the end of the previous one', () => {
  const text = 'عقب 11 سبتمبر 2001 ثم أحداث 11 سبتمبر';
  const [a, b] = locateTimexes(text, [{ text: '11 سبتمبر 2001', value: '2001-09-11' }, { text: '11 سبتمبر', value: '2001-09-11' }]);
  assert.equal(text.slice(a!.start, a!.end), '11 سبتمبر 2001');
  assert.ok(b!.start > a!.end);
  assert.equal(locateTimexes('يوم أمس ثم اول من أمس', [{ text: 'اول من أمس', value: null }, { text: 'أمس', value: null }])[1]!.start, -1);
});

test('score counts events, dates, timexes, quotes and speakers', () => {
  const unit: GoldUnit = {
    id: 'u1', ref: { kind: 'anercorp', file: 'x', index: 0 }, checksum: '00000000', anchor: '2022-06-20',
    events: [ev({ source: 'حموشي', target: 'راي', date: { start: '2022-06-13', end: '2022-06-14' } }), ev({ type: 'AGREE', source: 'المغرب', target: 'فرنسا' })],
    quotes: [{ start_words: 'هذا التعاون يتخذ', speaker: 'الحافظي' }, { start_words: 'من المؤكد أيضا', speaker: 'الحافظي' }],
    timexes: [{ text: 'أمس', value: '2022-06-19' }, { text: 'غدا', value: '2022-06-21' }],
  };
  const text = 'التقى حموشي أمس راي وغدا';
  const s = score([{ unit, text, pred: {
    events: [{ type: 'CONSULT', source: { label: 'حموشي' }, target: { label: 'كريستوفر راي' }, date: { start: '2022-06-13', end: '2022-06-14' } }, { type: 'REJECT', source: { label: 'x' }, target: null }],
    quotes: [{ text: 'هذا التعاون يتخذ عدة', speaker: { label: 'إحسان الحافظي' } }],
    timexes: [{ text: 'أمس', start: 12, end: 15, value: '2022-06-19', granularity: 'day' }, { text: 'غدا', start: 21, end: 24, value: null, granularity: 'day' }],
  } }]);
  assert.deepEqual([s.events.tp, s.events.fp, s.events.fn], [1, 1, 1]);
  assert.equal(s.eventDates.accuracy, 1);
  assert.deepEqual([s.timexes.right, s.timexes.total], [1, 2]);
  assert.deepEqual([s.quotes.tp, s.quotes.fp, s.quotes.fn], [1, 0, 1]);
  assert.equal(s.speakers.accuracy, 1);
  assert.equal(prf(0, 0, 3).f1, 0);
  const none = score([{ unit, text, pred: { events: null, quotes: [], timexes: [] } }]);
  assert.equal(none.events.available, false);
  assert.equal(none.events.fn, 2);
});
