import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES, runCli, tempDir } from './run-cli.js';

describe('marsad dyad and affiliations', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'm.db');
  const cli = (...args: string[]) => runCli(['--db', db, ...args]);
  before(async () => {
    const r = await cli('ingest', join(FIXTURES, 'dyad'));
    assert.equal(r.code, 0, r.err);
  });
  after(() => tmp.cleanup());

  it('--json: the contract of the issue (a, b, events as marsad events --json, series, actors, quotes)', async () => {
    const r = await cli('dyad', 'المغرب', 'الولايات المتحدة', '--from', '2024-03', '--to', '2024-06', '--json');
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out);
    assert.deepEqual(d.a, { id: 'country-ma', label: 'المغرب', country: 'MAR' });
    assert.deepEqual(Object.keys(d.b), ['id', 'label', 'country']);
    for (const key of ['events', 'series', 'actors', 'quotes', 'unrolled']) assert.ok(Array.isArray(d[key]), key);
    const events = JSON.parse((await cli('events', '--json', '--limit', '100')).out.split('\n')[0]);
    for (const key of Object.keys(events)) assert.ok(key in d.events[0], `dyad events carry '${key}' as marsad events --json does`);
    assert.deepEqual(Object.keys(d.series[0]).slice(0, 4), ['period', 'counts', 'quad', 'score']);
    assert.equal(d.quotes_total, d.quotes.length, 'every quote, under the default limit');
  });

  it('--quotes-limit: the newest quotes only, quotes_total counting them all; a bad number is refused', async () => {
    const whole = JSON.parse((await cli('dyad', 'country-ma', 'country-us', '--json')).out);
    assert.ok(whole.quotes.length >= 1);
    const none = await cli('dyad', 'country-ma', 'country-us', '--json', '--quotes-limit', '0');
    assert.equal(none.code, 0, none.err);
    assert.deepEqual(JSON.parse(none.out), { ...whole, quotes: [] });
    assert.match((await cli('dyad', 'country-ma', 'country-us', '--quotes-limit', '0')).out, new RegExp(`newest 0 of ${whole.quotes_total}`));
    const bad = await cli('dyad', 'country-ma', 'country-us', '--quotes-limit', 'all');
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /--quotes-limit/);
  });

  it('--csv: the series, one row a period; the human output names the sides, the gaps and the unrolled', async () => {
    const csv = await cli('dyad', 'country-ma', 'country-us', '--from', '2024-03', '--to', '2024-06', '--csv');
    assert.equal(csv.out.split('\r\n').filter(Boolean).length, 5, 'a header and four months');
    const text = (await cli('dyad', 'country-ma', 'country-us', '--from', '2024-03', '--to', '2024-06')).out;
    assert.match(text, /المغرب \(country-ma\)\s+⇄\s+الولايات المتحدة \(country-us\)/);
    assert.match(text, /2024-04 .*gap/);
    assert.match(text, /unrolled[\s\S]*فيليب ماركوني/);
  });

  it('entity show lists affiliations; affiliate and unaffiliate correct them, and the dyad follows', async () => {
    const show = await cli('entity', 'show', 'christopher-wray');
    assert.match(show.out, /member of\n\s+مكتب التحقيقات الفيدرالي \(fbi\)\s+2017-08-02 → 2025-01-19\s+\[curated\]/);
    const json = JSON.parse((await cli('entity', 'show', 'fbi', '--json')).out);
    assert.ok(json.affiliations.member_of.some((a: { of: string }) => a.of === 'country-us'));
    assert.ok(json.affiliations.members.some((a: { member: string }) => a.member === 'christopher-wray'));

    const set = await cli('entity', 'affiliate', 'فيليب ماركوني', 'الولايات المتحدة', '--from', '2024', '--by', 'tester', '--json');
    assert.equal(set.code, 0, set.err);
    assert.equal(JSON.parse(set.out).origin, 'analyst');
    const d = JSON.parse((await cli('dyad', 'country-ma', 'country-us', '--json')).out);
    assert.deepEqual(d.unrolled, []);
    assert.ok(d.events.some((e: { target: { label: string } }) => e.target.label === 'فيليب ماركوني'));

    assert.equal((await cli('entity', 'unaffiliate', 'christopher-wray', 'fbi')).code, 0);
    assert.doesNotMatch((await cli('entity', 'show', 'christopher-wray')).out, /\(fbi\)/);
    assert.deepEqual(JSON.parse((await cli('dyad', 'dgsn', 'fbi', '--json')).out).events, []);
  });

  it('refuses a bad level, period or date, and an unknown actor, saying what was expected', async () => {
    const by = await cli('dyad', 'country-ma', 'country-us', '--by', 'day');
    assert.notEqual(by.code, 0);
    assert.match(by.err, /week, month, year/);
    assert.notEqual((await cli('dyad', 'country-ma', 'country-us', '--level', 'city')).code, 0);
    assert.notEqual((await cli('dyad', 'country-ma', 'country-us', '--from', '2024-13')).code, 0);
    const unknown = await cli('dyad', 'country-ma', 'nobody-at-all-xyz');
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.err, /nobody-at-all-xyz/);
  });
});
