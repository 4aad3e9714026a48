import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodePage } from '../sources/decode.js';
import { Fetcher } from '../sources/fetcher.js';
import type { MarsadStore } from '../store/store.js';
import { analyseArticle, analyseText } from './analyse.js';
import { ingest, reprocess, type IngestResult } from './ingest.js';
import { openStore } from './open-store.js';
import { analysePage, pageAnalysisResult } from './page-analysis.js';

const FIXTURES = new URL('../../../test/fixtures/', import.meta.url);
const fixture = (path: string) => new URL(path, FIXTURES).pathname;

// In input order (files are read sorted): Arabic pages of stories and events, a windows-1256
// page, an English page, an empty file and a binary one among them.
const PAGES: [string, string][] = [
  ['01-harvest.html', 'stories/harvest.html'],
  ['02-meeting-atlas.html', 'stories/meeting-atlas.html'],
  ['03-english.html', 'pages/english-page.html'],
  ['04-meeting-mirror.html', 'stories/meeting-mirror.html'],
  ['05-police-arrests.html', 'events/police-arrests.html'],
  ['07-windows-1256.html', 'pages/news-article-windows-1256.html'],
  ['08-visit.html', 'events/visit.html'],
  ['09-utf8.html', 'pages/news-article-utf8.html'], // the same article as the windows-1256 page
];

function corpusFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-threads-'));
  for (const [name, from] of PAGES) copyFileSync(fixture(from), join(dir, name));
  writeFileSync(join(dir, '06-empty.html'), '');
  writeFileSync(join(dir, '06b-binary.html'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8, 0, 9]));
  return dir;
}

/** Runs `fn` with a fresh fixture folder and a folder for databases, both removed after. */
async function withCorpus(fn: (folder: string, dbs: string) => Promise<void>): Promise<void> {
  const folder = corpusFolder();
  const dbs = mkdtempSync(join(tmpdir(), 'marsad-threads-db-'));
  try {
    await fn(folder, dbs);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(dbs, { recursive: true, force: true });
  }
}

/** What a user sees of a stored corpus: every article's entities, quotes and events. */
async function contents(store: MarsadStore) {
  const out = [];
  for (const a of await store.list({ limit: 100 })) {
    out.push({
      id: a.id,
      entities: (await store.articleEntities(a.id)).map((e) => [e.label, e.type, e.roles, e.mentions.length]),
      quotes: await store.articleQuotes(a.id),
      events: await store.articleEvents(a.id),
    });
  }
  return out.sort((x, y) => x.id.localeCompare(y.id));
}

async function ingestWith(threads: number, folder: string, db: string) {
  const store = await openStore(db);
  try {
    const results: IngestResult[] = [];
    for await (const r of ingest([folder], { store, fetcher: new Fetcher({ respectRobots: false }), threads })) results.push(r);
    return { results, stored: await contents(store), stories: (await store.listStories({ limit: 100 })).map((s) => s.articles.length).sort() };
  } finally {
    await store.close();
  }
}

describe('ingest with analysis worker threads', () => {
  it('stores exactly what a one-thread ingest stores, reports every page in input order, and fails bad pages alone', async () => {
    await withCorpus(async (folder, dbs) => {
      const one = await ingestWith(0, folder, join(dbs, 'one.db'));
      const three = await ingestWith(3, folder, join(dbs, 'three.db'));
      const strip = (rs: IngestResult[]) => rs.map((r) => ({ ...r, source: r.source.slice(folder.length + 1) }));
      assert.deepEqual(strip(three.results), strip(one.results));
      assert.deepEqual(
        strip(three.results).map((r) => [r.source, r.status, r.code ?? null]),
        [
          ['01-harvest.html', 'new', null],
          ['02-meeting-atlas.html', 'new', null],
          ['03-english.html', 'failed', 'NOT_ARABIC'],
          ['04-meeting-mirror.html', 'new', null],
          ['05-police-arrests.html', 'new', null],
          ['06-empty.html', 'failed', 'INPUT_EMPTY'],
          ['06b-binary.html', 'failed', 'INPUT_BINARY'],
          ['07-windows-1256.html', 'new', null],
          ['08-visit.html', 'new', null],
          ['09-utf8.html', 'unchanged', null], // the windows-1256 page's article, in UTF-8
        ],
      );
      assert.ok(one.stored.some((a) => a.events.length > 0) && one.stored.some((a) => a.entities.length > 2), 'the fixtures have entities and events to compare');
      assert.deepEqual(three.stored, one.stored);
      assert.deepEqual(three.stories, one.stories);
    });
  });

  it('reprocess with threads stores what reprocess without them stores', async () => {
    await withCorpus(async (folder, dbs) => {
      const outcome = async (threads: number, db: string) => {
        await ingestWith(0, folder, db);
        const store = await openStore(db);
        try {
          const results: IngestResult[] = [];
          for await (const r of reprocess(store, { threads })) results.push(r);
          return { results: results.map((r) => [r.id, r.status, r.code ?? null]), stored: await contents(store) };
        } finally {
          await store.close();
        }
      };
      const one = await outcome(0, join(dbs, 'one.db'));
      const two = await outcome(2, join(dbs, 'two.db'));
      assert.equal(one.results.length, 6); // seven Arabic pages, two of them one article
      assert.ok(one.results.every(([, status]) => status === 'unchanged'), JSON.stringify(one.results));
      assert.deepEqual(two, one);
    });
  });

  it('a second ingest of the same pages with threads stores nothing twice', async () => {
    await withCorpus(async (folder, dbs) => {
      await ingestWith(2, folder, join(dbs, 'a.db'));
      const again = await ingestWith(2, folder, join(dbs, 'a.db'));
      assert.deepEqual(
        [...new Set(again.results.map((r) => r.status))].sort(),
        ['failed', 'unchanged'],
      );
    });
  });
});

describe('analysePage (the store-free part of a page, run in workers)', () => {
  const page = (file: string) => decodePage(new Uint8Array(readFileSync(fixture(file))), { source: file });

  it('returns an error as data, which pageAnalysisResult throws as the catalogued error naming the page', () => {
    const r = analysePage(page('pages/english-page.html'));
    assert.equal(r.ok, false);
    assert.throws(() => pageAnalysisResult(structuredClone(r)), (e: Error & { code?: string }) => e.code === 'NOT_ARABIC' && e.message.includes('english-page.html'));
  });

  it('survives a structured clone (a thread boundary): analysing with the clone stores what analysing in place stores', async () => {
    const r = analysePage(page('events/visit.html'));
    assert.ok(r.ok && r.text);
    const { article, text } = pageAnalysisResult(structuredClone(r));
    assert.deepEqual(text, analyseText(article));
    const a = await openStore(':memory:');
    const b = await openStore(':memory:');
    try {
      const raw = { bytes: new Uint8Array(), url: null, contentType: null, encoding: 'utf-8', kind: 'html' as const, fetchedAt: '2024-01-01T00:00:00Z' };
      const put = async (s: MarsadStore) => (await s.put({ source: 'visit.html', raw, article })).id;
      const viaClone = await analyseArticle(a, await put(a), article, text);
      const inPlace = await analyseArticle(b, await put(b), article);
      assert.ok(inPlace.events.length > 0, 'the page has events');
      assert.deepEqual(viaClone, inPlace);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
