import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalEntity, KnownActor } from '../model/entity.js';
import { byMember, deriveAffiliations, holdsAt, rollUp } from './affiliations.js';

const actor = (key: string, type: KnownActor['type'], label: string, more: Partial<KnownActor> = {}): KnownActor => ({
  key, type, label, label_en: key, aliases: [], country: null, sectors: [], wikidata: null, roles: [], ...more,
});
const entity = (id: string, type: CanonicalEntity['type'], label: string, roles: [string, string, string][] = []): CanonicalEntity => ({
  id, type, label, label_en: null, aliases: [], country: null, sectors: [], wikidata: null, articles: 1, cooccurring: [], blocked_keys: [],
  roles: roles.map(([role, first, last]) => ({ role, first_seen: first, last_seen: last, count: 1 })),
});

const ACTORS = [
  actor('cia', 'ORG', 'وكالة الاستخبارات المركزية الأمريكية', { aliases: ['وكالة الاستخبارات المركزية'], country: 'US' }),
  actor('state', 'ORG', 'وزارة الخارجية الأمريكية', { country: 'US' }),
  actor('rubio', 'PERSON', 'ماركو روبيو', { country: 'US', roles: ['وزير الخارجية الأمريكي'], member_of: [{ key: 'state', from: '2025-01-21', to: null }] }),
  actor('bourita', 'PERSON', 'ناصر بوريطة', { country: 'MA' }),
];

test('curated: member_of with its dates, an organisation to its country, a person without organisation to the country', () => {
  const affs = deriveAffiliations({ actors: ACTORS, entities: [] });
  const pairs = affs.map((a) => `${a.member}>${a.of}:${a.origin}:${a.from ?? ''}`);
  assert.deepEqual(pairs.sort(), ['bourita>country-ma:curated:', 'cia>country-us:curated:', 'rubio>state:curated:2025-01-21', 'state>country-us:curated:'].sort());
});

test('roles: one naming an organisation, one holding a curated office; a former office and an unknown one give nothing', () => {
  const people = [
    entity('e1', 'PERSON', 'وليام بيرنز', [['مدير وكالة الاستخبارات المركزية', '2022-06-20T10:00:00Z', '2023-02-01T08:00:00Z']]),
    entity('e2', 'PERSON', 'تود روبنسون', [['مساعد وزير الخارجية الأمريكي المكلف بمكافحة المخدرات', '2023-11-14T00:00:00Z', '2023-11-14T00:00:00Z']]),
    entity('e3', 'PERSON', 'جون دو', [['مدير وكالة الاستخبارات المركزية السابق', '2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z']]),
    entity('e4', 'PERSON', 'فيليب ماركوني', [['مستشار السفارة الأمريكية', '2024-06-11T00:00:00Z', '2024-06-11T00:00:00Z']]),
  ];
  const roles = deriveAffiliations({ actors: ACTORS, entities: people }).filter((a) => a.origin === 'role');
  assert.deepEqual(
    roles.map((a) => [a.member, a.of, a.from, a.to]),
    [['e1', 'cia', '2022-06-20', '2023-02-01'], ['e2', 'state', '2023-11-14', '2023-11-14']],
  );
  assert.equal(roles[0]!.basis, 'مدير وكالة الاستخبارات المركزية');
});

test('an affiliation holds on the days that meet its window; a role-inferred one also on the day of the reporting article', () => {
  const curated = { member: 'p', of: 'o', from: '2021-03', to: '2025-01-20', origin: 'curated', basis: null, by: null, at: null } as const;
  assert.equal(holdsAt(curated, ['2021-03-01', '2021-03-01']), true, 'a month covers its first day');
  assert.equal(holdsAt(curated, ['2025-01-21', '2025-01-22']), false);
  assert.equal(holdsAt(curated, null, '2022-01-01'), false, 'a curated office says nothing of an undated event');
  const role = { ...curated, origin: 'role', from: '2023-11-14', to: '2023-11-14' } as const;
  assert.equal(holdsAt(role, ['2023-11-12', '2023-11-21']), true);
  assert.equal(holdsAt(role, ['2022-06-13', '2022-06-14'], '2023-11-14T10:00'), true, 'the article that gives the role reports the event');
  assert.equal(holdsAt(role, ['2022-06-13', '2022-06-14'], '2022-07-01'), false);
});

test('roll-up follows person → organisation → country as deep as asked, on the date', () => {
  const affs = deriveAffiliations({ actors: ACTORS, entities: [] });
  const m = byMember(affs);
  assert.deepEqual([...rollUp(m, 'rubio', ['2025-02-01', '2025-02-01'], null, 2).keys()], ['rubio', 'state', 'country-us']);
  assert.deepEqual([...rollUp(m, 'rubio', ['2025-02-01', '2025-02-01'], null, 1).keys()], ['rubio', 'state']);
  assert.deepEqual([...rollUp(m, 'rubio', ['2024-02-01', '2024-02-01'], null, 2).keys()], ['rubio'], 'before his office he counts for no one');
});

test('the actors file: member_of must name another actor of the file, with dates or null', async () => {
  const { validateActors, loadKnownActors } = await import('./knowledge.js');
  const doc = (memberOf: unknown) => ({
    source: 's', licence: 'l',
    actors: [
      { key: 'cia', type: 'ORG', label: 'س', label_en: 'CIA', aliases: [], country: 'US', sectors: ['SPY'], wikidata: null, roles: [] },
      { key: 'p', type: 'PERSON', label: 'ص', label_en: 'P', aliases: [], country: 'US', sectors: [], wikidata: null, roles: [], member_of: memberOf },
    ],
  });
  assert.deepEqual(validateActors(doc([{ key: 'cia', from: '2021-03', to: null }]), 'x.json')[1]!.member_of, [{ key: 'cia', from: '2021-03', to: null }]);
  assert.throws(() => validateActors(doc([{ key: 'fbi', from: null, to: null }]), 'x.json'), (e: any) => e.code === 'DATA_FILE_INVALID' && /fbi/.test(e.message));
  assert.throws(() => validateActors(doc([{ key: 'cia', from: 'March 2021', to: null }]), 'x.json'), (e: any) => e.code === 'DATA_FILE_INVALID');
  // the project's file: every person with an agency of the seeds has it
  const actors = new Map(loadKnownActors().map((a) => [a.key, a]));
  for (const [person, org] of [['abdellatif-hammouchi', 'dgsn'], ['william-burns', 'cia'], ['avril-haines', 'odni'], ['christopher-wray', 'fbi']]) {
    assert.ok(actors.get(person)?.member_of?.some((m) => m.key === org), `${person} → ${org}`);
  }
});
