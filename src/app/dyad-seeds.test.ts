import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from './ingest.js';
import { openStore } from './open-store.js';
import { dyadOf } from './dyad.js';
import { dyadBefore } from './dyad-before.testkit.js';
import { SHARED_DIR } from '../model/paths.js';
import { Fetcher } from '../sources/fetcher.js';

const SEEDS = join(SHARED_DIR, 'seeds');

test('dyad over the five seeds: Morocco–United States security cooperation, people rolled up to their agencies', { skip: existsSync(SEEDS) ? false : `seed pages not found at ${SEEDS}` }, async () => {
  const store = await openStore(':memory:');
  try {
    const pages = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => join(SEEDS, f));
    for await (const r of ingest(pages, { store, fetcher: new Fetcher({ delayMs: 0, retries: 0 }) })) assert.equal(r.status, 'new', r.reason ?? r.source);
    const r = await dyadOf(store, { a: 'المغرب', b: 'الولايات المتحدة', by: 'month' });
    assert.deepEqual(r, await dyadBefore(store, { a: 'المغرب', b: 'الولايات المتحدة', by: 'month' }), 'what every entity and every affiliation give');
    assert.equal(r.a.id, 'country-ma');
    assert.equal(r.b.id, 'country-us');
    assert.deepEqual([r.a.country, r.b.country], ['MAR', 'USA'], 'PLOVER actor country codes');
    const find = (what: string, ok: (e: (typeof r.events)[number]) => boolean) => {
      const e = r.events.find(ok);
      assert.ok(e, `${what}: not among ${r.events.map((x) => `${x.type}/${x.mode} ${x.source.id}→${x.target?.id} ${x.date.start}`).join('; ')}`);
      return e!;
    };
    // the June 2022 meetings in Washington, each reported by several outlets
    for (const [who, agency] of [['william-burns', 'cia'], ['christopher-wray', 'fbi'], ['avril-haines', 'odni']] as const) {
      const e = find(`Hammouchi meets ${who} in June 2022`, (x) => x.source.id === 'abdellatif-hammouchi' && x.target?.id === who && x.date.start === '2022-06-13' && x.num_sources >= 2);
      assert.equal(e.direction, 'a>b');
      assert.deepEqual(e.links.target.via, [agency], `${who} counts for ${agency}, hence the United States`);
    }
    assert.equal(r.series.find((s) => s.period === '2022-06')?.gap, false);
    // Burns's visit, hosted in Morocco by Hammouchi: the other direction
    const burns = find("Burns's visit hosted by Hammouchi", (x) => x.source.id === 'william-burns' && x.target?.id === 'abdellatif-hammouchi' && x.mode === 'visit');
    assert.equal(burns.direction, 'b>a');
    assert.deepEqual(burns.links.source.via, ['cia']);
    // Haines's meeting in Rabat
    // the Rabat article carries no date at all: its events are listed, counted as undated
    assert.ok(r.undated >= 1);
    find("Haines's meeting in Rabat", (x) => [x.source.id, x.target?.id].includes('avril-haines') && x.location?.label === 'الرباط');
    // Robinson's announced visit, as future, dated by the article
    const robinson = find("Robinson's announced visit", (x) => x.source.label.includes('روبنسون') && x.target?.id === 'country-ma' && x.status === 'future');
    assert.equal(robinson.date.start, '2023-11-12');
    assert.equal(robinson.direction, 'b>a');
    assert.deepEqual(robinson.links.source.via, ['us-state-department'], 'his office (assistant to the Secretary of State) rolls him up to the State Department');
    const carriers = new Map(r.actors.map((c) => [c.id, c]));
    assert.equal(carriers.get('abdellatif-hammouchi')?.side, 'a');
    for (const id of ['william-burns', 'christopher-wray', 'avril-haines']) assert.equal(carriers.get(id)?.side, 'b', id);
    // the months between the 2022 and 2023 articles have no article at all: gaps, not zero
    const gaps = r.series.filter((s) => s.gap).map((s) => s.period);
    assert.ok(gaps.includes('2023-01') && !gaps.includes('2022-06') && !gaps.includes('2023-11'));
  } finally {
    await store.close();
  }
});
