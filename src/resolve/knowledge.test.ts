import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTORS_FILE, loadKnownActors, validateActors } from './knowledge.js';

const good = {
  key: 'cia', type: 'ORG', label: 'وكالة الاستخبارات المركزية', label_en: 'CIA', aliases: ['CIA'],
  country: 'US', sectors: ['SPY'], wikidata: 'Q37230', roles: [],
};

test('loadKnownActors: the shipped file is valid, large enough, and has its header', () => {
  const actors = loadKnownActors();
  assert.ok(actors.length >= 80, `${actors.length} actors`);
  assert.ok(actors.some((a) => a.type === 'PERSON') && actors.some((a) => a.type === 'ORG'));
  assert.equal(new Set(actors.map((a) => a.key)).size, actors.length);
  assert.equal(loadKnownActors(), actors, 'read once');
});

/** a malformed document, and a word the error must contain */
const malformed: [unknown, string, string][] = [
  [[], 'JSON object', 'not an object'],
  [{ licence: 'CC0', actors: [] }, '"source"', 'no source'],
  [{ source: 's', actors: [] }, '"licence"', 'no licence'],
  [{ source: 's', licence: 'l', actors: {} }, '"actors"', 'actors not an array'],
  [{ source: 's', licence: 'l', actors: [{ ...good, type: 'PERS' }] }, 'actors[0] ("cia").type', 'bad type'],
  [{ source: 's', licence: 'l', actors: [{ ...good, country: 'USA' }] }, '.country', 'bad country'],
  [{ source: 's', licence: 'l', actors: [{ ...good, wikidata: '37230' }] }, '.wikidata', 'bad wikidata id'],
  [{ source: 's', licence: 'l', actors: [{ ...good, sectors: ['spy'] }] }, '.sectors', 'bad sector'],
  [{ source: 's', licence: 'l', actors: [{ ...good, aliases: 'CIA' }] }, '.aliases', 'aliases not an array'],
  [{ source: 's', licence: 'l', actors: [good, good] }, 'repeats a key', 'duplicate key'],
];
for (const [doc, needle, label] of malformed) {
  test(`validateActors: ${label} is refused, naming the file`, () => {
    assert.throws(() => validateActors(doc, '/x/actors.json'), (e: Error) => e.message.startsWith('/x/actors.json: ') && e.message.includes(needle));
  });
}

test('loadKnownActors: unreadable JSON fails naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-actors-'));
  const path = join(dir, 'actors.json');
  writeFileSync(path, '{ "source": ');
  assert.throws(() => loadKnownActors(path), (e: Error) => e.message.includes(path));
  assert.ok(ACTORS_FILE.endsWith(join('data', 'knowledge', 'actors.json')));
});
