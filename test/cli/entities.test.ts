import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES, jsonLines, runCli, tempDir } from './run-cli.js';

const page = (name: string) => join(FIXTURES, 'entities', name);
const RABAT = page('cia-director-rabat.html');
const CAIRO = page('burns-spelling-variant.html');

const named = (entities: any[], re: RegExp) => entities.find((e) => e.mentions.some((m: any) => re.test(m.text)));

test('analyze --json adds entities with the contract fields and spans into article.text', async () => {
  const { code, out } = await runCli(['analyze', RABAT, '--json']);
  assert.equal(code, 0);
  const [line] = jsonLines(out);
  assert.ok(Array.isArray(line.entities) && line.entities.length > 0);
  for (const e of line.entities) {
    assert.deepEqual(Object.keys(e).sort(), ['id', 'label', 'label_en', 'mentions', 'roles', 'type']);
    assert.ok(['PERSON', 'ORG', 'LOCATION'].includes(e.type));
    for (const m of e.mentions) assert.equal(line.article.text.slice(m.start, m.end), m.text, 'a mention is the text at its offsets');
  }
  const hammouchi = named(line.entities, /حموشي/);
  assert.equal(hammouchi.type, 'PERSON');
  assert.ok(hammouchi.mentions.length >= 3, 'full name and الحموشي are one entity');
  assert.ok(hammouchi.roles.some((r: string) => /مراقبة التراب الوطني/.test(r)), 'the office the text gives');
  assert.equal(named(line.entities, /^الرباط$/)?.type, 'LOCATION');
  assert.deepEqual(
    line.timexes.map((t: any) => [t.text, t.value, line.article.text.slice(t.start, t.end)]),
    [['يوم الثلاثاء', '2023-11-14', 'يوم الثلاثاء']],
    'a weekday resolves against the publication date (a Tuesday)',
  );
});

test('analyze on two pages gives one person one id across spellings (بيرنز / بورنز)', async () => {
  const { out } = await runCli(['analyze', RABAT, CAIRO, '--json']);
  const [a, b] = jsonLines(out);
  const burnsA = named(a.entities, /بيرنز/);
  const burnsB = named(b.entities, /بورنز/);
  assert.ok(burnsA && burnsB);
  assert.equal(burnsB.id, burnsA.id);
  assert.equal(named(b.entities, /حموشي/).id, named(a.entities, /حموشي/).id, 'عبداللطيف الحموشي / عبد اللطيف حموشي');
  assert.notEqual(named(b.entities, /عباس كامل/)?.id, burnsA.id);
  assert.equal(b.quotes.length, 1);
  const [q] = b.quotes;
  assert.deepEqual(Object.keys(q).sort(), ['cue', 'end', 'speaker', 'start', 'text']);
  assert.equal(b.article.text.slice(q.start, q.end), q.text);
  assert.match(q.text, /^نحن نعمل بلا توقف/);
  assert.equal(q.cue, 'قال');
  assert.equal(q.speaker.id, burnsA.id, 'the speaker is the entity, by id');
});

test('ingested entities are listed and shown; analyst merge and split survive reprocess', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    assert.equal((await runCli(['--db', db, 'ingest', RABAT, CAIRO])).code, 0);
    const listed = jsonLines((await runCli(['--db', db, 'entities', '--json'])).out);
    const burns = listed.find((e) => e.aliases.some((x: any) => /بيرنز/.test(x.text)));
    assert.ok(burns, 'Burns is listed');
    assert.equal(burns.articles, 2);
    assert.deepEqual(
      jsonLines((await runCli(['--db', db, 'entities', '--type', 'PERSON', '--json'])).out).map((e) => e.type).filter((t) => t !== 'PERSON'),
      [],
    );
    const quotes = jsonLines((await runCli(['--db', db, 'quotes', '--speaker', burns.id, '--json'])).out);
    assert.equal(quotes.length, 1, 'the stored quote is listed under its speaker');
    assert.match(quotes[0].text, /^نحن نعمل/);
    assert.equal(quotes[0].speaker.id, burns.id);
    const shownArticle = jsonLines((await runCli(['--db', db, 'show', quotes[0].article_id, '--json'])).out)[0];
    assert.equal(shownArticle.quotes.length, 1);
    assert.ok(shownArticle.entities.some((e: any) => e.id === burns.id));
    const shown = jsonLines((await runCli(['--db', db, 'entity', burns.id, '--json'])).out)[0];
    assert.equal(shown.id, burns.id);
    assert.ok(shown.roles.some((r: any) => /وكالة/.test(r.role) && r.first_seen));

    // The analyst says the Cairo spelling is someone else (split), then changes their mind (merge).
    const alias = shown.aliases.find((x: any) => /بورنز/.test(x.text)).text;
    const split = await runCli(['--db', db, 'entity', 'split', burns.id, '--alias', alias, '--by', 'analyst', '--json']);
    assert.equal(split.code, 0, split.err);
    const other = jsonLines(split.out)[0];
    assert.notEqual(other.id, burns.id);
    assert.equal((await runCli(['--db', db, 'reprocess'])).code, 0);
    const afterSplit = jsonLines((await runCli(['--db', db, 'entity', burns.id, '--json'])).out)[0];
    assert.ok(!afterSplit.aliases.some((x: any) => x.text === alias), 'a split alias stays split after reprocess');

    const merge = await runCli(['--db', db, 'entity', 'merge', burns.id, other.id, '--by', 'analyst']);
    assert.equal(merge.code, 0, merge.err);
    assert.equal((await runCli(['--db', db, 'reprocess'])).code, 0);
    const afterMerge = jsonLines((await runCli(['--db', db, 'entity', other.id, '--json'])).out)[0];
    assert.equal(afterMerge.id, burns.id, 'a merged id answers as the kept entity after reprocess');
    assert.equal(afterMerge.articles, 2);
  } finally {
    cleanup();
  }
});

test('entity commands name what is wrong: unknown id, unknown alias, bad type', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'm.db');
    await runCli(['--db', db, 'ingest', RABAT]);
    const missing = await runCli(['--db', db, 'entity', 'e-nope']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /e-nope.*expected the id of a stored entity/);
    const [e] = jsonLines((await runCli(['--db', db, 'entities', '--json'])).out);
    const noAlias = await runCli(['--db', db, 'entity', 'split', e.id, '--alias', 'اسم غير موجود']);
    assert.equal(noAlias.code, 1);
    assert.match(noAlias.err, /اسم غير موجود/);
    const badType = await runCli(['--db', db, 'entities', '--type', 'ANIMAL']);
    assert.equal(badType.code, 2);
    assert.match(badType.err, /--type.*ANIMAL.*PERSON, ORG, LOCATION/);
  } finally {
    cleanup();
  }
});

test('analyze --lines analyses each line on its own and resolves identities across lines', async () => {
  const { code, out } = await runCli(['analyze', '--lines', page('sentences.txt'), '--json']);
  assert.equal(code, 0);
  const lines = jsonLines(out);
  assert.deepEqual(lines.map((l) => l.line), [1, 3, 4], 'blank lines are skipped, numbers are the file lines');
  for (const l of lines) for (const e of l.entities) for (const m of e.mentions) assert.equal(l.text.slice(m.start, m.end), m.text);
  const biden1 = named(lines[0].entities, /بايدن/);
  const biden3 = named(lines[1].entities, /بايدن/);
  assert.equal(biden3.id, biden1.id, 'the family name alone on another line is the same person');
  assert.equal(biden1.label_en, 'Joe Biden');
  assert.equal(named(lines[1].entities, /أردن/).label, 'الأردن', 'after لل the label gets its article back');
  assert.equal(named(lines[2].entities, /بوريطة/).type, 'PERSON');
});

test('analyze --lines names a missing file, and refuses page inputs beside it', async () => {
  const missing = await runCli(['analyze', '--lines', page('no-such.txt')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no-such\.txt/);
  const both = await runCli(['analyze', '--lines', page('sentences.txt'), RABAT]);
  assert.equal(both.code, 2);
});
