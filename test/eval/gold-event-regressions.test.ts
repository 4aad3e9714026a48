/**
 * Regression cases for the event argument rules on real Arabic news text: units of the gold
 * set (data/events/gold.jsonl) and rows of the event GSR (../shared/data/events), read from
 * ../shared by reference — the repository holds no text of theirs. Each case names its text,
 * events that must be found and events that must not, and what rule it guards.
 *
 * Events are written "TYPE SOURCE → TARGET": "-" is no target, "?" any source (the unknown
 * actor included); labels match as the evaluator matches them (scripts/eval-events.ts,
 * labelMatches). The analysis is the pure one (no store, so labels are as written).
 *
 * Skipped, saying so, when ../shared is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText } from '../../src/app/analyse.js';
import { buildEvents } from '../../src/resolve/events.js';
import { checksum, eventMatches, quoteMatches, readGold, speakerMatches, TextResolver, type GoldEvent, type GoldRef } from '../../scripts/eval-events.js';
import { dataFile, SHARED_DIR, sharedPath } from '../../src/model/paths.js';

interface Case {
  /** a gold unit id, or a GSR row as "assault:ID" / "protest:ID" */
  text: string;
  has: string[];
  not: string[];
  label: string;
}

const cases: Case[] = [
  { text: 'anercorp-1202', has: ['COERCE الجيش العراقي → -'], not: ['COERCE العراق → الجيش العراقي'], label: 'a country after a place and a word of direction ("البصرة جنوب العراق") is where the place lies, no subject' },
  { text: 'gsr-assault-AAW_ARB_20080923.0005-1', has: [], not: ['ASSAULT مجهولين → باكستان', 'ASSAULT باكستان → -'], label: '"بيشاور شمال غرب باكستان": no actor, no recipient' },
  { text: 'anercorp-1454', has: ['THREATEN المتظاهرون → -', 'COERCE البوليساريو → -'], not: ['THREATEN البوليساريو → المتظاهرون', 'PROTEST البوليساريو → -'], label: '"من طرف X" is the agent of the nearest act before it (قمعها), not of one across other triggers; قمع is COERCE' },
  { text: 'gsr-assault-AAW_ARB_20070602.0033-10', has: [], not: ['ASSAULT ? → مسلح'], label: '"هجوم مسلح": the actor noun after an attack noun is its adjective, no one it was done to' },
  { text: 'gsr-assault-AAW_ARB_20081111.0051-18', has: ['ASSAULT مسلحون → -'], not: ['ASSAULT الصومال → -', 'ASSAULT ? → كينيين'], label: '"وخطفوا": the و the segmenter left on the verb opens a clause whose subject is told before; "في وسط الصومال" is a place; "طيارين كينيين اثنين" is a count' },
  { text: 'anercorp-2557', has: ['REQUEST أنان → -'], not: ['THREATEN أنان → -'], label: '"وحذر من أن الوضع …" warns of a state of affairs: no threat' },
  { text: 'gsr-protest-AAW_ARB_20080115.0013-8', has: ['REQUEST المتظاهرون → الحكومة المصرية'], not: ['REQUEST الحكومة المصرية → -'], label: '"وطالبوا الحكومة المصرية": a verb with the plural suffix holds its subject; the phrase after it is its object' },
  { text: 'anercorp-1176', has: ['COERCE ? → الدويك'], not: ['COERCE الدويك → -'], label: '"وكان الدويك قد اعتقل في …": with no object after it, the verb is passive and its subject the detainee' },
  { text: 'anercorp-109', has: ['COERCE ? → حمدان'], not: ['COERCE حمدان → -'], label: 'a passive with the detainee before a comma apposition ("حمدان ، السائق السابق …، اعتقل في")' },
  { text: 'assault:AAW_ARB_20071009.0035-1', has: [], not: ['ASSAULT ? → السلطات', 'ASSAULT السلطات → -'], label: '"بعمليات قتل وخطف": a verb form joined by و to a verbal noun is a verbal noun of the list' },
  { text: 'assault:AAW_ARB_20061207.0054-1', has: ['ASSAULT ? → -'], not: [], label: 'casualties told by a plural passive ("قتلوا") make a suicide attack with no attacker named an event' },
  { text: 'gsr-assault-AAW_ARB_20070107.0002-7', has: ['ASSAULT مسلحون → مهدي حنبلي'], not: [], label: '"قام مسلحون مقنعون بخطف X": a noun form behind a preposition the segmenter leaves on a short word (بخطف) is found; قام بـ supports it' },
  { text: 'gsr-protest-AAW_ARB_20081126.0025-1', has: ['PROTEST المعارضة → الحكومة'], not: [], label: '"تصاعدت احتجاجات المعارضة ضد الحكومة": a verbal noun told as happening takes a generic genitive as its actor' },
  { text: 'gsr-protest-AAW_ARB_20080917.0044-1', has: ['PROTEST متظاهرون غاضبون → -'], not: [], label: '"أقدم متظاهرون غاضبون … على قطع الطريق": أقدم is a light verb, قطع الطريق PROTEST/obstruct; generic phrases do not count toward the light verb\'s reach' },
  { text: 'protest:AAW_ARB_20080408.0029-3', has: [], not: ['PROTEST النيابة العامة → -'], label: '"بدأت النيابة العامة التحقيق في حوادث الشغب": a light verb supports its nearest verbal noun, not one in that noun\'s complement' },
  { text: 'anercorp-2502', has: ['SUPPORT فنزويلا → سوريا'], not: [], label: '"تهدف لتجديد مساندة فنزويلا لسوريا": مساندة is SUPPORT, تجديد a light verb' },
  { text: 'gsr-protest-e6874d82…6e516fc333_1', has: ['PROTEST عشرات المواطنين → -'], not: ['PROTEST عشرات المواطنين → رفيق الحريري', 'PROTEST عشرات المواطنين → سعد الحريري'], label: '"اعتصم … أمام ضريح الرئيس رفيق الحريري …، مطالبين بتولي سعد الحريري": a name in a construct chain after أمام is part of the place; a participle after a comma opens a clause of manner' },
  { text: 'gsr-protest-AAW_ARB_20080115.0013-8', has: ['PROTEST نحو مائتي شخص → بوش'], not: ['PROTEST الصحافيين → بوش'], label: '"تظاهر نحو مائتي شخص أمام مقر نقابة الصحافيين": شخص counts people; a phrase in a construct chain after أمام is no actor' },
  { text: 'anercorp-788', has: ['COERCE شرطة بنغلاديش → -'], not: ['COERCE شرطة → بنغلاديش'], label: '"اعتقلت شرطة بنغلاديش نحو 200 شخص": a generic head in the construct state before a country is one actor' },
  { text: 'gsr-assault-AAW_ARB_20070627.0063-16', has: ['ASSAULT ? → نصر'], not: [], label: '"ويقول نصر انه تعرض … للتعذيب": تعرض X لـ… makes X the target, here the speaker of انه' },
  { text: 'assault:AAW_ARB_20070203.0016-6', has: ['ASSAULT ? → القوات الاميركية'], not: [], label: '"بأن القوات الاميركية تعرضت لهجوم": the forces underwent the attack' },
  { text: 'anercorp-2128', has: ['REQUEST الياس المر → الوفد الدولي'], not: [], label: '"طلب من الوفد الدولي": a delegation is a generic actor' },
  { text: 'gsr-assault-AAW_ARB_20070726.0052-1', has: ['PROTEST محمد عبد العليم داود → -'], not: ['PROTEST الوفد → محمد عبد العليم داود'], label: '"نائب حزب الوفد": a generic head after the noun of an organisation is its name' },
  { text: 'anercorp-17', has: ['ACCUSE دان غيلرمان → أمين الأمم المتحدة'], not: ['ASSAULT دان غيلرمان → أمين الأمم المتحدة'], label: '"وشن المندوب الإسرائيلي دان غيلرمان هجوما عنيفا على أمين الأمم المتحدة": وشن is a light verb, دان inside the name no trigger, a person\'s attack on a person verbal (ACCUSE)' },
  { text: 'anercorp-709', has: ['CONSULT محمد حسني مبارك → جلالته'], not: [], label: '"تلقى جلالته اتصالا هاتفيا من فخامة الرئيس المصري محمد حسني مبارك": the unnamed receiver by his honorific; فخامة before the title keeps من as the caller\'s marker' },
  { text: 'anercorp-2937', has: ['CONSULT عمرو موسي → النائب الأول'], not: [], label: '"تلقي سعادة النائب الأول … من سعادة السيد عمرو موسي": تلقي is تلقى; honorific and title as an actor' },
  { text: 'anercorp-708', has: ['CONSULT سفراء الاتحاد الاوروبي → الملك'], not: ['PROTEST ? → -'], label: '"استقبل جلالة الملك سفراء الاتحاد الاوروبي … لحشد الدعم الدولي": the unnamed host; حشد الدعم is no protest' },
  { text: 'anercorp-110', has: ['REJECT حمدان → السلطات الاميركية'], not: ['REJECT حمدان → -'], label: '"رفض حمدان الاجراءات التي اتخذتها السلطات الاميركية": the rejection is of those who took the measures' },
  { text: 'anercorp-515', has: ['ACCUSE جورج بوش → إيران'], not: ['ACCUSE سوريا → جورج بوش'], label: '"… بل حمل عليهما الرئيس الأميركي جورج بوش واتهمهما": بل opens a main clause, whose subject the verb after و takes' },
  { text: 'anercorp-29', has: ['CONSULT سعود الفيصل → نظيره الفرنسي', 'ACCUSE سعود الفيصل → إسرائيل'], not: [], label: '"بعد لقاء نظيره الفرنسي": a counterpart is an actor, met by the subject its pronoun names' },
  { text: 'anercorp-2560', has: ['REQUEST أنان → بشار الأسد'], not: [], label: '"حيث يتوقع أن يطلب منه": the verb after a word of expectation takes the subject of the event before; منه the other name' },
  { text: 'anercorp-2865', has: ['SANCTION مجلس الأمن → إيران'], not: ['SANCTION مجلس الأمن → -'], label: '"إن فرض مجلس الأمن عليها عقوبات": the pronoun between the light verb and its noun is the recipient, the subject of the threat before' },
  { text: 'gsr-assault-AAW_ARB_20080425.0039-1', has: ['ASSAULT الجيش التركي → مجموعة من المتمردين الاكراد'], not: [], label: '"قال الجيش التركي … ان طائراته قصفت مجموعة من المتمردين": a force with its pronoun acts for its owner; مجموعة من is partitive' },
  { text: 'anercorp-982', has: ['CONSULT أولمرت → كوفي أنان'], not: [], label: '"أن الأخير أبلغ … كوفي أنان في اتصال هاتفي": "the latter" is the actor named last; a call as the manner of the clause\'s verb' },
  { text: 'anercorp-1456', has: ['PROTEST ? → مليشيا البوليساريو'], not: ['PROTEST ? → -'], label: '"مظاهرات عنيفة اندلعت … احتجاجا على الاعتداء الذي تعرض له X من طرف Y": the protest is against the act\'s agent' },
  { text: 'anercorp-2675', has: ['SUPPORT قطر → -'], not: [], label: '"واكدت قطر … انه لا يمكنها تأييد النص": a verbal noun after a verb of ability is an act, its actor the speaker of انه' },
  { text: 'gsr-protest-AAW_ARB_20080202.0052-3', has: ['PROTEST العرب في اسرائيل → القضاء الاسرائيلي'], not: [], label: '"أضرب العرب في اسرائيل … احتجاجا على رفض القضاء الاسرائيلي": a people (العرب) is a generic actor' },
  { text: 'gsr-assault-AAW_ARB_20070227.0015-20', has: ['ASSAULT امرأة بلجيكية → دورية للقوات الاميركية'], not: [], label: '"قامت امرأة بلجيكية … بتفجير نفسها مستهدفة دورية للقوات الاميركية": امرأة is a counted person who acts' },
  { text: 'anercorp-3215', has: ['THREATEN إقليم كردستان → الحكومة العراقية'], not: [], label: '"هدد إقليم كردستان العراق بالانفصال إذا لم تستجب الحكومة العراقية": a region named as a إقليم acts' },
  { text: 'gsr-protest-AAW_ARB_20061231.0042-12', has: ['ASSAULT المتظاهرون الغاضبون → الجنود الإثيوبيين'], not: ['ASSAULT الجنود الإثيوبيين → -'], label: '"حيث أغلق المتظاهرون … وبدأوا بإحراق إطارات السيارات ورشق الجنود الإثيوبيين بالحجارة": رشق in a list of verbal nouns after بدأوا بـ, its subject the clause\'s after حيث' },
  { text: 'arabic-html-ass-17', has: ['COERCE ? → بناته'], not: [], label: '"وقد تعرضت بناته للاعتقال": a relative with its pronoun is a person who underwent the act' },
];

/** Speakers: [gold unit, the quote's first words, the speaker as the gold names it, rule guarded]. */
const speakerCases: [string, string, string, string][] = [
  ['seed-001-1-2', 'متابعة تنزيل مخرجات', 'بلاغ صحافي', 'a quote without a cue, no speaker heard before: the communiqué that opens a sentence before it'],
  ['anercorp-15', 'مجموعة من الإرهابيين', 'السفير الأميركي', 'a participle (قائلا): the title right after the sentence\'s verb is the subject, not the name in the genitive after it (اقتراح أنان)'],
];

const parse = (s: string): GoldEvent => {
  const m = /^(\S+) (.*?) → (.*)$/.exec(s);
  if (!m) throw new Error(`bad case event '${s}'`);
  return { type: m[1]!, mode: null, source: m[2] === '?' ? null : m[2]!, target: m[3] === '-' ? null : m[3]!, date: null, location: null };
};

const shared = sharedPath('data');
const gold = new Map(readGold(dataFile('events/gold.jsonl')).map((u) => [u.id, u]));

for (const c of cases) {
  test(`gold regression ${c.text}: ${c.label}`, { skip: shared ? false : `../shared is absent (${SHARED_DIR}): no real text to read` }, async () => {
    const resolver = new TextResolver(SHARED_DIR);
    let ref: GoldRef;
    let anchor: string | null = null;
    const row = /^(assault|protest):(.+)$/.exec(c.text);
    if (row) ref = { kind: 'event-gsr', file: `data/events/${row[1]}-dev.csv`, id: row[2]! };
    else {
      const unit = gold.get(c.text);
      assert.ok(unit, `${c.text} is a gold unit`);
      ref = unit.ref;
      anchor = unit.anchor;
    }
    const text = await resolver.text(ref);
    if (!row) assert.equal(checksum(text), gold.get(c.text)!.checksum, 'the shared text is the one annotated');
    const found = analyseText({ title: null, published: anchor, author: null, site: null, section: null, tags: [], url: null, lang: 'ar', text });
    const events = buildEvents(text, found.triggers, found.clusters, found.clusters.map(() => null), found.timexes, 'case');
    const shown = events.map((e) => `${e.type} ${e.source.label || '?'} → ${e.target?.label ?? '-'}`);
    for (const h of c.has) assert.ok(events.some((e) => eventMatches(parse(h), e)), `expected ${h}; got ${JSON.stringify(shown)}`);
    for (const n of c.not) assert.ok(!events.some((e) => eventMatches(parse(n), e)), `unexpected ${n}; got ${JSON.stringify(shown)}`);
  });
}

for (const [id, startWords, speaker, label] of speakerCases) {
  test(`gold regression ${id} (speaker): ${label}`, { skip: shared ? false : `../shared is absent (${SHARED_DIR}): no real text to read` }, async () => {
    const unit = gold.get(id);
    assert.ok(unit, `${id} is a gold unit`);
    const text = await new TextResolver(SHARED_DIR).text(unit.ref);
    assert.equal(checksum(text), unit.checksum, 'the shared text is the one annotated');
    const found = analyseText({ title: null, published: unit.anchor, author: null, site: null, section: null, tags: [], url: null, lang: 'ar', text });
    const q = found.quotes.find((x) => quoteMatches({ start_words: startWords, speaker: null }, x));
    assert.ok(q, `a quote opening with ${startWords}`);
    assert.ok(speakerMatches(speaker, q.speaker), `speaker ${speaker}; got ${q.speaker?.label ?? null}`);
  });
}
