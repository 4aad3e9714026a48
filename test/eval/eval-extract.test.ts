/**
 * The title comparison and the title diagnostics of scripts/eval-extract.ts on hand-made
 * inputs (no shared data).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { light, titleTruthClass } from '../../scripts/eval-extract.js';

const src = (pairs: [string, string][]) => pairs.map(([source, value]) => ({ source, value }));

test('light: curly quotes, dashes and case unified', () => assert.equal(light('Gardener’s Guide — Part 2'), light("gardener's guide - part 2")));
test('light: "--" between words is a dash', () => assert.equal(light('Seeds--Then Soil'), light('Seeds—Then Soil')));
test('light: "--" before an option is kept', () => assert.notEqual(light('Use --force'), light('Use -force')));
test('truth class: an h1 and a metadata title both', () => assert.equal(titleTruthClass(src([['og', 'Garlic in autumn | Garden Notes'], ['h1#0', 'Garlic in autumn']]), 'Garlic in autumn'), 'h1+meta'));
test('truth class: the h1 only', () => assert.equal(titleTruthClass(src([['og', 'Garlic tips'], ['h1#0', 'How to plant garlic']]), 'How to plant garlic'), 'h1'));
test('truth class: a whole metadata title only', () => assert.equal(titleTruthClass(src([['title', 'Garlic tips | Garden Notes'], ['h1#0', 'Garlic tips']]), 'Garlic tips | Garden Notes'), 'meta'));
test('truth class: a part of a metadata title only', () => assert.equal(titleTruthClass(src([['og', 'Garlic tips - Planting in autumn - Garden Notes'], ['h1#0', 'Garlic']]), 'Garlic tips - Planting in autumn'), 'meta-part'));
test('truth class: the site name', () => assert.equal(titleTruthClass(src([['site', 'Garden Notes'], ['og', 'Garlic tips']]), 'Garden Notes'), 'site'));
test('truth class: no candidate (unreachable)', () => assert.equal(titleTruthClass(src([['og', 'Garlic tips'], ['h1#0', 'Garlic']]), 'Onion tips'), 'none'));
