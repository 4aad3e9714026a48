/** Two annotations of the same units compared (scripts/eval-events-agreement.ts), on hand-made units. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agreement, annotationAsPrediction } from '../../scripts/eval-events-agreement.js';
import { quoteMatches, type GoldUnit } from '../../scripts/eval-events.js';

const TEXT = 'استقبل الملك محمد السادس وزير الخارجية الأمريكي أمس، وقال الوزير "إن العلاقات ممتازة" يوم 3 مارس 2024.';
const unit = (over: Partial<GoldUnit>): GoldUnit => ({
  id: 'u1', ref: { kind: 'anercorp', file: 'x', index: 0 }, checksum: '00000000', anchor: null, events: [], quotes: [], timexes: [], ...over,
});
const consult = { type: 'CONSULT', mode: 'visit', source: 'وزير الخارجية الأمريكي', target: 'محمد السادس', date: null, location: null };

test('agreement: the same annotation agrees fully, events, quotes and timexes', () => {
  const a = unit({ events: [consult], quotes: [{ start_words: 'إن العلاقات', speaker: 'الوزير' }], timexes: [{ text: '3 مارس 2024', value: '2024-03-03' }] });
  const s = agreement([a], [a], new Map([['u1', TEXT]]));
  assert.equal(s.events.f1, 1);
  assert.equal(s.quotes.f1, 1);
  assert.equal(s.timexes.accuracy, 1);
});

test('agreement: an event only one reader saw is a miss, a reversed one a miss and a spurious', () => {
  const a = unit({ events: [consult, { ...consult, type: 'ACCUSE', mode: null }] });
  const b = unit({ events: [{ ...consult, source: 'محمد السادس', target: 'وزير الخارجية الأمريكي' }] });
  const s = agreement([a], [b], new Map([['u1', TEXT]]));
  assert.deepEqual([s.events.tp, s.events.fp, s.events.fn], [0, 1, 2]);
});

test('agreement: start words of different lengths still meet; a different speaker counts against', () => {
  const a = unit({ quotes: [{ start_words: 'إن العلاقات ممتازة', speaker: 'الوزير' }] });
  const b = unit({ quotes: [{ start_words: 'إن العلاقات', speaker: 'محمد السادس' }] });
  assert.ok(quoteMatches(a.quotes[0]!, annotationAsPrediction(b, TEXT).quotes[0]!), 'B\'s quote read from the text starts with A\'s three words');
  const s = agreement([a], [b], new Map([['u1', TEXT]]));
  assert.equal(s.quotes.tp, 1);
  assert.equal(s.speakers.accuracy, 0);
});

test('agreement: a timex value read differently counts against', () => {
  const a = unit({ timexes: [{ text: 'أمس', value: null }] });
  const b = unit({ timexes: [{ text: 'أمس', value: '2024-03-02' }] });
  assert.equal(agreement([a], [b], new Map([['u1', TEXT]])).timexes.accuracy, 0);
});
