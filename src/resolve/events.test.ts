import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEvents, timexDays } from './events.js';
import { eventWords, triggerDetails } from '../analyse/event-triggers.js';
import type { MentionCluster } from './entity-coref.js';
import type { EntityType } from '../model/entity.js';
import type { Timex } from '../analyse/timexes.js';

/** Clusters for the names given, each mention found by its text (every occurrence). */
function clustersOf(text: string, names: [string, EntityType][]): MentionCluster[] {
  return names.map(([name, type]) => {
    const mentions = [];
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) mentions.push({ type, text: name, start: i, end: i + name.length, source: 'rule' as const });
    assert.ok(mentions.length, `'${name}' is in the text`);
    return { type, label: name, mentions, roles: [] };
  });
}

function events(text: string, names: [string, EntityType][], timexes: Timex[] = []) {
  const clusters = clustersOf(text, names);
  const refs = clusters.map((c, i) => ({ id: `e${i}`, label: c.label }));
  return buildEvents(text, triggerDetails(text, eventWords(text)), clusters, refs, timexes, 'art');
}

const pairs = (evs: ReturnType<typeof events>) => evs.map((e) => `${e.type}${e.mode ? '/' + e.mode : ''} ${e.source.label} → ${e.target?.label ?? '-'}${e.status ? ' [' + e.status + ']' : ''}`);
const timex = (text: string, s: string, value: string, granularity: Timex['granularity'] = 'day'): Timex => ({ text: s, start: text.indexOf(s), end: text.indexOf(s) + s.length, value, granularity });

test('استقبل X Y: the host is the target, the visitor the source', () => {
  assert.deepEqual(pairs(events('استقبل الملك محمد السادس الرئيس الموريتاني محمد ولد الغزواني.', [['محمد السادس', 'PERSON'], ['محمد ولد الغزواني', 'PERSON']])), ['CONSULT/visit محمد ولد الغزواني → محمد السادس']);
});

test('زار X بلدا: the country is the target and the place', () => {
  const [e] = events('زار رئيس الوزراء الإسباني بيدرو سانشيز المغرب.', [['بيدرو سانشيز', 'PERSON'], ['المغرب', 'LOCATION']]);
  assert.equal(`${e!.source.label} → ${e!.target?.label}`, 'بيدرو سانشيز → المغرب');
  assert.equal(e!.location?.label, 'المغرب');
});

test('التقى X بـY with a title between: one event, source X, target Y', () => {
  assert.deepEqual(pairs(events('التقى ناصر بوريطة بوزير الخارجية الفرنسي ستيفان سيجورنيه.', [['ناصر بوريطة', 'PERSON'], ['ستيفان سيجورنيه', 'PERSON']])), ['CONSULT ناصر بوريطة → ستيفان سيجورنيه']);
});

test('أجرى X اتصالا هاتفيا مع Y and Z: one phone event per recipient', () => {
  assert.deepEqual(pairs(events('أجرى أحمد عطاف اتصالا هاتفيا مع بدر عبد العاطي وفيصل بن فرحان.', [['أحمد عطاف', 'PERSON'], ['بدر عبد العاطي', 'PERSON'], ['فيصل بن فرحان', 'PERSON']])), [
    'CONSULT/phone أحمد عطاف → بدر عبد العاطي',
    'CONSULT/phone أحمد عطاف → فيصل بن فرحان',
  ]);
});

test('a visit told as background in a relative clause is historical, with its dates and place', () => {
  const text = 'جاء اللقاء في إطار الزيارة التي قام بها كمال الدين خلال يومي 3 و4 مايو 2021 إلى القاهرة.';
  const [e, ...rest] = events(text, [['كمال الدين', 'PERSON'], ['القاهرة', 'LOCATION']], [timex(text, 'يومي 3 و4 مايو 2021', '2021-05-03/2021-05-04', 'range')]);
  assert.equal(rest.length, 0);
  assert.equal(e!.status, 'historical');
  assert.equal(e!.source.label, 'كمال الدين');
  assert.equal(e!.target, null, 'a city is a place, not a recipient');
  assert.equal(e!.location?.label, 'القاهرة');
  assert.deepEqual(e!.date, { start: '2021-05-03', end: '2021-05-04', text: 'يومي 3 و4 مايو 2021' });
  assert.equal(text.slice(e!.evidence.start, e!.evidence.end), e!.evidence.text);
  assert.equal(e!.id, 'art:1');
});

test('a dropped subject takes the actor of the event before; a list gives one event per person', () => {
  const text = 'زار سامي العلوي تونس. والتقى فيها بكل من هشام النوري، ومنير الصالحي.';
  assert.deepEqual(pairs(events(text, [['سامي العلوي', 'PERSON'], ['تونس', 'LOCATION'], ['هشام النوري', 'PERSON'], ['منير الصالحي', 'PERSON']])), [
    'CONSULT/visit سامي العلوي → تونس',
    'CONSULT سامي العلوي → هشام النوري',
    'CONSULT سامي العلوي → منير الصالحي',
  ]);
});

test('a denied meeting is negated; the subject may stand before the verb', () => {
  assert.deepEqual(pairs(events('نفت الرئاسة أن يكون عبد المجيد تبون قد التقى ناصر بوريطة.', [['عبد المجيد تبون', 'PERSON'], ['ناصر بوريطة', 'PERSON']])), ['CONSULT عبد المجيد تبون → ناصر بوريطة [negation]']);
});

test('no actor, no event: a trigger with no name around it, or inside a name', () => {
  assert.deepEqual(events('وجاء اللقاء في أجواء ودية.', [['أجواء', 'ORG']]).length, 0);
  assert.ok(!events('التقى مدير مكتب التحقيقات الفيدرالي.', [['مكتب التحقيقات الفيدرالي', 'ORG']]).some((e) => e.type === 'ACCUSE'), 'التحقيقات inside the name is no trigger');
});

test('a city is never an actor; the date is the nearest in the sentence, the place the one after في', () => {
  const text = 'التقى ناصر بوريطة مع أحمد عطاف في الرباط يوم الإثنين 11 مارس 2024.';
  const [e] = events(text, [['ناصر بوريطة', 'PERSON'], ['أحمد عطاف', 'PERSON'], ['الرباط', 'LOCATION']], [timex(text, 'يوم الإثنين 11 مارس 2024', '2024-03-11')]);
  assert.equal(e!.target?.label, 'أحمد عطاف');
  assert.equal(e!.location?.label, 'الرباط');
  assert.deepEqual(e!.date, { start: '2024-03-11', end: '2024-03-11', text: 'يوم الإثنين 11 مارس 2024' });
  assert.equal(events('ترى الرباط أن التعاون مهم.', [['الرباط', 'LOCATION']]).length, 0);
  const [undated] = events('التقى ناصر بوريطة مع أحمد عطاف.', [['ناصر بوريطة', 'PERSON'], ['أحمد عطاف', 'PERSON']]);
  assert.deepEqual(undated!.date, { start: null, end: null, text: null }, 'never invented');
});

test('timex values become first and last days', () => {
  assert.deepEqual(timexDays('2022-06'), { start: '2022-06-01', end: '2022-06-30' });
  assert.deepEqual(timexDays('2024'), { start: '2024-01-01', end: '2024-12-31' });
  assert.deepEqual(timexDays('2022-06-13/2022-06-14'), { start: '2022-06-13', end: '2022-06-14' });
  assert.deepEqual(timexDays(null), { start: null, end: null });
});
