import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argumentFeatures } from './event-argument-features.js';
import { eventWords, triggerDetails } from './event-triggers.js';

// Sentences written for these tests.
const features = (s: string, type = 'PROTEST'): string[] => {
  const words = eventWords(s);
  return argumentFeatures(words, triggerDetails(s, words), type);
};

test('argument features: a crowd-act verb before the protesters, with a count', () => {
  const f = features('وتجمع نحو 500 متظاهر أمام مقر المحكمة.');
  assert.ok(f.includes('arg:act:L'), f.join(' '));
  assert.ok(f.includes('arg:qty:L'), f.join(' '));
});

test('argument features: the verb read with its suffix and its conjunction', () => {
  assert.ok(features('وأغلقوا الطريق، وخرجت مئات المتظاهرات إلى الساحة.').includes('arg:act:L'));
  assert.ok(features('وأغلق المتظاهرون الطريق الدولية.').includes('arg:act:L'));
});

test('argument features: a verb after the protesters (subject first)', () => {
  assert.ok(features('المتظاهرون رفعوا لافتات كبيرة.').includes('arg:act:R'));
});

test('argument features: protesters as the object of the police have no crowd-act verb', () => {
  const f = features('وفرقت الشرطة المتظاهرين بالقوة.');
  assert.ok(!f.includes('arg:act:L') && !f.includes('arg:act:R'), f.join(' '));
});

test('argument features: the look-back stops at a clause boundary', () => {
  assert.ok(features('وتجمع الناس فوصل المتظاهرين.').includes('arg:act:L'));
  const f = features('وتجمع الناس، فوصل المتظاهرين.');
  assert.ok(!f.includes('arg:act:L'), f.join(' '));
});

test('argument features: only the triggers of the type asked for', () => {
  assert.deepEqual(features('وتجمع نحو 500 متظاهر أمام مقر المحكمة.', 'ASSAULT'), []);
  assert.deepEqual(features('وقال الوزير إن الاقتصاد ينمو.'), []);
});
