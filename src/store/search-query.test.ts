import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, type QueryNode } from './search-query.js';
import { thrownError } from '../model/errors.testkit.js';

/** A compact rendering of the tree, so each case fits on one line. */
function show(n: QueryNode | null): string {
  if (!n) return '∅';
  switch (n.kind) {
    case 'term':
      return n.word + (n.prefix ? '*' : '');
    case 'phrase':
      return `"${n.words.join(' ')}"`;
    case 'and':
      return `(${n.children.map(show).join(' & ')})`;
    case 'or':
      return `(${n.children.map(show).join(' | ')})`;
    case 'not':
      return `!${show(n.child)}`;
  }
}

const PARSES: Array<[string, string, string]> = [
  ['حموشي', 'حموشي', 'one word'],
  ['حموشي بيرنز', '(حموشي & بيرنز)', 'words are all required'],
  ['"مكتب التحقيقات الفيدرالي"', '"مكتب التحقيقات الفيدرالي"', 'exact phrase'],
  ['«مكتب التحقيقات»', '"مكتب التحقيقات"', 'Arabic guillemets quote a phrase'],
  ['الرباط OR واشنطن', '(الرباط | واشنطن)', 'OR'],
  ['حموشي -واشنطن', '(حموشي & !واشنطن)', 'minus excludes'],
  ['حموشي NOT واشنطن', '(حموشي & !واشنطن)', 'NOT excludes'],
  ['استخبار*', 'استخبار*', 'prefix'],
  ['(الرباط OR واشنطن) حموشي', '((الرباط | واشنطن) & حموشي)', 'brackets group'],
  ['CIA OR "إف بي آي"', '(CIA | "إف بي آي")', 'Latin acronym or Arabic phrase'],
  ['المغرب-الجزائر', 'المغرب-الجزائر', 'a hyphen inside a word is not a minus'],
  ['حموشي ، .', 'حموشي', 'lone punctuation is ignored'],
];

for (const [q, expected, label] of PARSES) {
  test(`parseQuery: ${label}`, () => assert.equal(show(parseQuery(q).match), expected));
}

test('parseQuery: filters come out of the text query', () => {
  const q = parseQuery('حموشي site:Hespress.com from:2022 to:2022-06');
  assert.equal(show(q.match), 'حموشي');
  assert.deepEqual(q.filters, { site: ['hespress.com'], from: '2022-01-01', to: '2022-06-30' });
});

test('parseQuery: a filter alone is a valid query', () => {
  assert.deepEqual(parseQuery('from:٢٠٢٣-١١-١٤').filters.from, '2023-11-14');
});

const REJECTS: Array<[string, RegExp, string]> = [
  ['', /empty query/, 'empty'],
  ['   ', /empty query/, 'blank'],
  ['"مكتب التحقيقات', /quote opened at position 1 and never closed/, 'unclosed quote'],
  ['(الرباط OR واشنطن', /bracket opened at position 1/, 'unclosed bracket'],
  ['الرباط)', /unexpected "\)"/, 'stray closing bracket'],
  ['OR الرباط', /OR with nothing before it/, 'leading OR'],
  ['الرباط OR', /OR with nothing after it/, 'trailing OR'],
  ['-واشنطن', /only words to exclude/, 'only a negation'],
  ['from:yesterday', /not a date/, 'bad date'],
  ['from:2023-02-30', /not a real date/, 'impossible date'],
  ['from:2024 to:2023', /after to:/, 'reversed range'],
  ['site:', /site: with no value/, 'empty filter'],
  ['*', /a \* needs letters/, 'bare star'],
  ['('.repeat(20_000) + 'الرباط', /nested more than 32 deep/, 'brackets 20,000 deep (fuzzing, issue #8: was a stack overflow)'],
  ['NOT '.repeat(5_000) + 'الرباط', /nested more than 32 deep/, 'NOT 5,000 deep'],
];

for (const [q, message, label] of REJECTS) {
  test(`parseQuery rejects: ${label}`, () => {
    const err = thrownError(() => parseQuery(q));
    assert.equal(err.code, 'BAD_QUERY');
    assert.match(err.message, message);
    assert.ok(err.message.includes(JSON.stringify(q)), 'the message names the query');
  });
}
