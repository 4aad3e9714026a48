import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { ingest } from './ingest.js';
import { openStore } from './open-store.js';
import { dyadOf, refreshAffiliations, resolveEntityRef, type DyadOptions } from './dyad.js';
import { dyadBefore } from './dyad-before.testkit.js';
import { fixturePath } from '../model/paths.js';
import { Fetcher } from '../sources/fetcher.js';
import { dyadCsv } from '../resolve/dyad.js';
import type { MarsadStore } from '../store/store.js';

// The fixture corpus (test/fixtures/dyad/README.md): March 2024, one meeting of Hammouchi and
// Wray reported by two outlets; April, no article at all; May, an article on other actors;
// June, Wray visits Morocco, and Hammouchi meets an embassy adviser nobody has affiliated.
async function fixtureStore(): Promise<MarsadStore> {
  const store = await openStore(':memory:');
  const dir = fixturePath('dyad');
  const pages = readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => `${dir}/${f}`);
  for await (const r of ingest(pages, { store, fetcher: new Fetcher({ delayMs: 0, retries: 0 }) })) assert.equal(r.status, 'new', r.reason ?? r.source);
  return store;
}

test('dyad: persons roll up to their agencies and countries; both directions; one meeting reported by two outlets is one event', async () => {
  const store = await fixtureStore();
  try {
    const r = await dyadOf(store, { a: 'المغرب', b: 'الولايات المتحدة', by: 'month', from: '2024-03-01', to: '2024-06-30' });
    assert.deepEqual(r.a, { id: 'country-ma', label: 'المغرب', country: 'MAR' });
    assert.equal(r.b.id, 'country-us');
    assert.equal(r.level, 'country');
    const march = r.events.filter((e) => e.period === '2024-03');
    assert.equal(march.length, 1, 'the meeting is one event');
    assert.equal(march[0]!.num_sources, 2, 'reported by two outlets');
    assert.equal(march[0]!.direction, 'a>b');
    assert.deepEqual(march[0]!.links.source.via, ['dgsn'], 'Hammouchi counts for the DGSN, hence Morocco');
    assert.deepEqual(march[0]!.links.target.via, ['fbi'], 'Wray counts for the FBI, hence the United States');
    const june = r.events.filter((e) => e.period === '2024-06');
    assert.deepEqual(june.map((e) => [e.direction, e.source.id, e.target?.id, e.mode]), [['b>a', 'christopher-wray', 'country-ma', 'visit']]);
    const carriers = new Map(r.actors.map((c) => [c.id, c]));
    assert.equal(carriers.get('abdellatif-hammouchi')?.side, 'a');
    assert.equal(carriers.get('christopher-wray')?.side, 'b');
    assert.deepEqual(carriers.get('christopher-wray')?.via.map((v) => v.id), ['fbi']);
    // the adviser has no known affiliation: he is listed, and his meeting does not count
    assert.deepEqual(r.unrolled.map((u) => u.label), ['فيليب ماركوني']);
    assert.ok(r.quotes.some((q) => q.party === 'third-party' && q.text.includes('متانة الشراكة')), 'the expert speaks as a third party');
  } finally {
    await store.close();
  }
});

test('dyad: a month without any article is a gap, a month with articles but no event scores 0', async () => {
  const store = await fixtureStore();
  try {
    const r = await dyadOf(store, { a: 'country-ma', b: 'country-us', by: 'month', from: '2024-03-01', to: '2024-06-30' });
    const row = new Map(r.series.map((s) => [s.period, s]));
    assert.deepEqual([...row.keys()], ['2024-03', '2024-04', '2024-05', '2024-06']);
    assert.deepEqual(row.get('2024-03')!.counts, { CONSULT: 1 });
    assert.equal(row.get('2024-03')!.quad.verbal_cooperation, 1);
    assert.equal(row.get('2024-03')!.score, 1, 'CONSULT without a mode scores 1.0');
    assert.equal(row.get('2024-04')!.gap, true);
    assert.equal(row.get('2024-04')!.score, null);
    assert.equal(row.get('2024-05')!.gap, false);
    assert.equal(row.get('2024-05')!.score, 0);
    assert.equal(row.get('2024-05')!.articles, 1);
    assert.equal(row.get('2024-06')!.score, 1.9, 'a visit scores 1.9');
    const csv = dyadCsv(r).split('\r\n');
    assert.equal(csv[0], 'period,gap,articles,score,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict,CONSULT');
    assert.equal(csv[2], '2024-04,true,0,,,,,,', 'a gap leaves its counts empty, not zero');
    assert.equal(csv[3], '2024-05,false,1,0,0,0,0,0,0');
  } finally {
    await store.close();
  }
});

test("dyad: an analyst's affiliation counts the unrolled adviser; an analyst's removal takes an agency's person out", async () => {
  const store = await fixtureStore();
  try {
    const adviser = await resolveEntityRef(store, 'فيليب ماركوني');
    await store.affiliate({ member: adviser.id, of: 'country-us', from: '2024-01-01', to: null, basis: 'embassy staff list' }, 'analyst1');
    const r = await dyadOf(store, { a: 'المغرب', b: 'الولايات المتحدة', from: '2024-06-01', to: '2024-06-30' });
    assert.deepEqual(r.unrolled, []);
    assert.ok(r.events.some((e) => e.target?.id === adviser.id && e.direction === 'a>b'));
    // at organisation level only agencies count: DGSN–FBI holds the March meeting
    const orgs = await dyadOf(store, { a: 'dgsn', b: 'fbi' });
    assert.equal(orgs.level, 'org');
    assert.deepEqual(orgs.events.map((e) => e.period), ['2024-03']);
    await store.unaffiliate('christopher-wray', 'fbi', 'analyst1');
    assert.deepEqual((await dyadOf(store, { a: 'dgsn', b: 'fbi' })).events, [], 'Wray no longer counts for the FBI');
    assert.ok((await refreshAffiliations(store)).every((a) => !(a.member === 'christopher-wray' && a.of === 'fbi')), 'deriving again does not bring it back');
  } finally {
    await store.close();
  }
});

test('dyad: names and ids resolve as search does; the same entity twice is refused', async () => {
  const store = await fixtureStore();
  try {
    assert.equal((await resolveEntityRef(store, 'حموشي')).id, 'abdellatif-hammouchi');
    assert.equal((await resolveEntityRef(store, 'fbi')).id, 'fbi');
    await assert.rejects(resolveEntityRef(store, 'لا أحد بهذا الاسم إطلاقا'), (e: any) => e.code === 'ENTITY_NOT_FOUND');
    await assert.rejects(dyadOf(store, { a: 'المغرب', b: 'country-ma' }), (e: any) => e.code === 'BAD_ARGUMENT');
    const persons = await dyadOf(store, { a: 'حموشي', b: 'كريستوفر راي' });
    assert.equal(persons.level, 'person');
    assert.deepEqual(persons.events.map((e) => e.period), ['2024-03'], 'at person level only their own meeting');
  } finally {
    await store.close();
  }
});

test('dyad: reading only its own actors’ affiliations and facts gives what every entity and every affiliation give, before and after analysts’ corrections', async () => {
  const store = await fixtureStore();
  try {
    const asks: DyadOptions[] = [
      { a: 'المغرب', b: 'الولايات المتحدة', by: 'month', from: '2024-03-01', to: '2024-06-30' },
      { a: 'country-ma', b: 'country-us', by: 'week' },
      { a: 'country-us', b: 'country-ma', level: 'org' },
      { a: 'dgsn', b: 'fbi', by: 'year' },
      { a: 'حموشي', b: 'كريستوفر راي' },
      { a: 'المغرب', b: 'fbi' },
      { a: 'country-ma', b: 'country-us', quotesLimit: 1 },
      { a: 'country-ma', b: 'country-us', quotesLimit: 0 },
    ];
    const same = async (when: string) => {
      for (const o of asks) {
        const now = await dyadOf(store, o);
        assert.deepEqual(now, await dyadBefore(store, o), `${when}: ${JSON.stringify(o)}`);
      }
    };
    await same('as ingested');
    const whole = await dyadOf(store, asks[1]!);
    assert.ok(whole.quotes.length >= 1 && whole.quotes_total === whole.quotes.length, `the fixture’s quotes, all under the default limit: ${whole.quotes.length} of ${whole.quotes_total}`);
    const none = await dyadOf(store, asks[7]!);
    assert.deepEqual([none.quotes, none.quotes_total], [[], whole.quotes_total], 'none listed, all counted');
    assert.ok((await dyadOf(store, asks[0]!)).events.some((e) => e.links.source.via.length > 0), 'some events rolled up through affiliations');
    const adviser = await resolveEntityRef(store, 'فيليب ماركوني');
    await store.affiliate({ member: adviser.id, of: 'country-us', from: '2024-01-01', to: null, basis: 'embassy staff list' }, 'analyst1');
    await same('an analyst’s affiliation');
    // a speaker quoted in the dyad's articles who acts in none of its events
    const speaker = await resolveEntityRef(store, 'محمد الطيبي');
    await store.affiliate({ member: speaker.id, of: 'dgsn', from: null, to: null, basis: 'spokesman' }, 'analyst1');
    await same('a speaker affiliated');
    assert.deepEqual((await dyadOf(store, asks[1]!)).quotes.filter((q) => q.speaker?.id === speaker.id).map((q) => q.party), ['a'], 'speaks for Morocco through the DGSN');
    await store.unaffiliate('christopher-wray', 'fbi', 'analyst1');
    await same('an analyst’s removal');
  } finally {
    await store.close();
  }
});
