import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventsCsv, ploverRecord } from './render.js';
import type { StoredEvent } from '../model/event.js';

const ev: StoredEvent = {
  id: 'a:1', type: 'COOPERATE', mode: 'intelligence-sharing', status: null,
  source: { id: 'x', label: 'Agency "A", Rabat' }, target: null, location: null,
  date: { start: null, end: null, text: null }, contexts: ['intelligence'],
  evidence: { text: 'line one\nline, two', start: 0, end: 18 }, article: 'a', title: null, published: '2024-01-02T10:00',
};

test('events CSV quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
  const csv = eventsCsv([ev]);
  assert.ok(csv.endsWith('\r\n'));
  assert.match(csv, /,"Agency ""A"", Rabat",/);
  assert.match(csv, /,"line one\nline, two"\r\n$/);
});

test('PLOVER export maps Marsad extension modes back to plain PLOVER', () => {
  const p = ploverRecord(ev, { type: 'ORG', label_en: 'Agency', country: 'MA', sectors: ['SPY'] }, null, null);
  assert.equal(p.event_type, 'COOPERATE');
  assert.equal(p.mode, null);
  assert.equal(p.marsad_mode, 'intelligence-sharing');
  assert.equal(p.source_country, 'MAR');
  assert.deepEqual(p.source_agent, ['SPY']);
  assert.equal(p.publication_date, '2024-01-02');
});
