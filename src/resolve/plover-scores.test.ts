import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_TYPES } from '../model/event.js';
import { eventScore, ploverScores } from './plover-scores.js';

test('every PLOVER type Marsad codes has its quad class and a score; cooperation scores above zero, conflict below', () => {
  const table = ploverScores();
  for (const type of EVENT_TYPES) {
    const t = table.types.get(type);
    assert.ok(t, type);
    assert.equal(t.score > 0, t.quad.endsWith('cooperation'), `${type}: ${t.score} ${t.quad}`);
  }
  // PLOVER's quad table (README), with REQUEST/ACCUSE for DEMAND/DISAPPROVE
  assert.deepEqual(['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE'].map((x) => table.types.get(x)!.quad), Array(4).fill('verbal_cooperation'));
  assert.deepEqual(['REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'SANCTION'].map((x) => table.types.get(x)!.quad), Array(5).fill('verbal_conflict'));
  assert.deepEqual(['PROTEST', 'MOBILIZE', 'COERCE', 'ASSAULT'].map((x) => table.types.get(x)!.quad), Array(4).fill('material_conflict'));
  assert.match(table.source, /PLOVER documents no numeric intensity/);
});

test("a mode with a CAMEO sub-code has its value; any other mode takes its type's score; an unknown type none", () => {
  const table = ploverScores();
  assert.equal(eventScore(table, 'CONSULT', 'visit'), 1.9);
  assert.equal(eventScore(table, 'CONSULT', null), 1.0);
  assert.equal(eventScore(table, 'COOPERATE', 'training'), 6.0, 'a Marsad extension mode');
  assert.equal(eventScore(table, 'ASSAULT', 'assassinate'), -10);
  assert.equal(eventScore(table, 'FIGHT', null), null);
});
