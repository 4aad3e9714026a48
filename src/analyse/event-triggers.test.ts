import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventContexts, eventWords, findEventTriggers, triggerDetails, triggerEntries } from './event-triggers.js';

/**
 * One-line regression cases, written for these tests: text, expected triggers as
 * [type, mode, span text, status], label.
 */
type Expected = [string, string | null, string, string | null];
const cases: [string, Expected[], string][] = [
  ['والتقى وزير الخارجية المغربي نظيره الإسباني في الرباط.', [['CONSULT', null, 'التقى', null]], 'perfect verb after و; the span leaves the conjunction out'],
  ['وسيزور الرئيس الجزائر الأسبوع المقبل.', [['CONSULT', 'visit', 'يزور', 'future']], 'future prefix سـ'],
  ['ومن المقرر أن يستقبل الملك الوفد الأمريكي.', [['CONSULT', 'visit', 'يستقبل', 'future']], 'future cue من المقرر'],
  ['وأجرى الوزيران مباحثات تناولت التعاون الأمني.', [['CONSULT', null, 'أجرى الوزيران مباحثات', null], ['COOPERATE', null, 'التعاون الأمني', null]], 'gap form أجرى … مباحثات, then COOPERATE'],
  ['وتلقى الرئيس اتصالا هاتفيا من العاهل الأردني.', [['CONSULT', 'phone', 'اتصالا هاتفيا', null]], 'phone mode, accusative'],
  ['وقعت الحكومتان مذكرة تفاهم لتبادل المعلومات الاستخباراتية.', [['AGREE', 'mou', 'وقعت الحكومتان مذكرة', null], ['COOPERATE', 'intelligence-sharing', 'تبادل المعلومات الاستخباراتية', null]], 'AGREE/mou and a security-cooperation mode'],
  ['وطالب النواب بفتح تحقيق في الحادث.', [['REQUEST', null, 'طالب', null], ['ACCUSE', null, 'تحقيق', null]], 'طالب as a verb'],
  ['وتسلم الطالب جائزته.', [], 'الطالب "the student" is no REQUEST'],
  ['وحمّل الوزير الحكومة السابقة المسؤولية عن الأزمة.', [['ACCUSE', null, 'حمّل الوزير الحكومة السابقة المسؤولية', null]], 'gap form حمل … المسؤولية'],
  ['ونددت الأحزاب بالقرار، وهددت بمقاطعة الانتخابات.', [['ACCUSE', null, 'نددت', null], ['THREATEN', null, 'هددت', null], ['PROTEST', 'boycott', 'مقاطعة', null]], 'ندد is a condemnation (ACCUSE, as شجب); THREATEN'],
  ['لم يتظاهر أحد في المدينة أمس.', [['PROTEST', 'demo', 'يتظاهر', 'negation']], 'negation by لم'],
  ['ونفت الشرطة أن تكون قد اعتقلت أي صحفي.', [['COERCE', 'arrest', 'اعتقلت', 'negation']], 'denial verb earlier in the sentence'],
  ['وإذا تظاهر الطلاب فإن الجامعة ستغلق أبوابها.', [['PROTEST', 'demo', 'تظاهر', 'hypothetical']], 'hypothetical إذا'],
  ['وقد يهاجم المتمردون القرية.', [['ASSAULT', null, 'يهاجم', 'hypothetical']], 'قد + imperfect'],
  ['وقد تظاهر المئات أمام البرلمان احتجاجاً على الغلاء.', [['PROTEST', 'demo', 'تظاهر', null], ['PROTEST', 'demo', 'احتجاجاً', null]], 'قد + perfect is not hypothetical; tanween alif'],
  ['وأحيا السكان ذكرى اغتيال الزعيم.', [['ASSAULT', 'assassinate', 'اغتيال', 'historical']], 'historical: ذكرى'],
  ['ونظم المعتصمون وقفة احتجاجية أمام مقر الولاية.', [['PROTEST', 'demo', 'المعتصمون', null], ['PROTEST', 'demo', 'وقفة احتجاجية', null]], 'participle with the article; two-word noun form'],
  ['وشهدت المدينة مظاهر الاحتفال بالعيد.', [], 'مظاهر "appearances" is no مظاهرة (exact form)'],
  ['قتل خمسة أشخاص في انفجار سيارة مفخخة ببغداد.', [['ASSAULT', null, 'قتل', null], ['ASSAULT', 'explosives', 'انفجار سيارة مفخخة', null]], 'longest form wins'],
  ['وأطلق مسلحون النار على دورية للشرطة.', [['ASSAULT', 'firearms', 'أطلق مسلحون النار', null]], 'gap form أطلق … النار'],
  ['واعتقلت السلطات ثلاثة أشخاص وطردت صحفيا أجنبيا.', [['COERCE', 'arrest', 'اعتقلت', null], ['COERCE', 'deport', 'طردت', null]], 'COERCE modes'],
  ['وانسحبت القوات من المدينة وأفرجت عن الأسرى.', [['RETREAT', 'withdraw', 'انسحبت', null], ['RETREAT', 'release', 'أفرجت', null]], 'RETREAT modes'],
  ['وطالبوا بإعادة فتح المعبر.', [['REQUEST', null, 'طالبوا', null]], 'a verb form never ends in ة: إعادة is no أعاد'],
  ['ونشر الناشطون الخبر على مواقع التواصل الاجتماعي.', [], 'a nisba adjective (الاجتماعي) is not its noun (اجتماع)'],
  ['وأفاد بيان صادر عن الوزارة بأن الوضع هادئ.', [], 'idiom: صادر عن "issued by" is no confiscation'],
  ['وتسعى الحكومة لمواجهة الأزمة الاقتصادية.', [], 'مواجهة "facing" is no clash; only مواجهات is'],
  ['والتقيا في العاصمة.', [['CONSULT', null, 'التقيا', null]], 'a dual verb whose own reading has ال'],
  ['وهو ما طالب به النواب.', [['REQUEST', null, 'طالب', null]], 'ما after هو is a relative, not a negation'],
  ['ودان الوزير الهجوم على السفارة.', [['ACCUSE', null, 'دان', null], ['ASSAULT', null, 'الهجوم', null]], 'دان "condemned"'],
  ['ووصل الرئيس إلى الجزائر.', [['CONSULT', 'visit', 'وصل الرئيس إلى', null]], 'arrival as a visit (weak)'],
  ['وقام مسلحون بخطف رئيس البلدية.', [['ASSAULT', 'firearms', 'مسلحون', null], ['ASSAULT', 'abduct', 'خطف', null]], 'a noun form behind a preposition the segmenter leaves on a short word (بخطف); the span starts after it'],
  ['وأقدم المحتجون على قطع الطريق الدولية.', [['PROTEST', 'demo', 'المحتجون', null], ['PROTEST', 'obstruct', 'قطع الطريق', null]], 'قطع الطريق is PROTEST/obstruct'],
  ['وتظاهر الأهالي بعد مظاهرات تم قمعها.', [['PROTEST', 'demo', 'تظاهر', null], ['PROTEST', 'demo', 'مظاهرات', null], ['COERCE', null, 'قمعها', null]], 'قمع is COERCE'],
  ['وحذر من أن الوضع في الجنوب هش.', [], 'idiom: حذر من أن warns of a state of affairs, no threat'],
  ['ويحل الرئيس ضيفا على تونس.', [], 'the gap is not allowed: حل ضيفا must be consecutive'],
  ['وسيحل ضيفا على تونس.', [['CONSULT', 'visit', 'يحل ضيفا', 'future']], 'future visit سيحل ضيفا: a سـ the segmenter leaves on the word'],
  ['وينتظر أن يبحث الوزير مع نظيره الملف.', [['CONSULT', null, 'يبحث', 'future']], 'imperfect يبحث; future cue ينتظر أن'],
  ['واعتبر الخبراء الاتفاقية خطوة مهمة.', [['AGREE', null, 'الاتفاقية', null]], 'a noun the table lists (اتفاقية) is no nisba of another (اتفاق)'],
  ['وأكدت المصادر أن الاجتماع تأجل.', [['CONSULT', null, 'الاجتماع', null]], 'المصادر "the sources" is no مصادرة (exact form)'],
  ['ووقع الهجوم فجر أمس في المنطقة.', [['ASSAULT', null, 'الهجوم', null]], 'فجر أمس "at dawn yesterday" is no detonation (idiom)'],
  ['وشنت الطائرات ضربات جوية على مواقع المتمردين.', [['ASSAULT', 'heavy-weapons', 'ضربات جوية', null]], 'ضربات جوية are air strikes, not beatings'],
];

for (const [text, expected, label] of cases) {
  test(`triggers: ${label}`, () => {
    const got = findEventTriggers(text);
    for (const t of got) assert.equal(text.slice(t.start, t.end), t.text, 'span');
    for (const t of got) assert.equal(t.negated, t.status === 'negation');
    assert.deepEqual(got.map((t) => [t.type, t.mode, t.text, t.status]), expected);
  });
}

test('trigger table: loads, every PLOVER type asked for is there', () => {
  const types = new Set(triggerEntries().map((e) => e.type));
  for (const t of ['CONSULT', 'AGREE', 'SUPPORT', 'COOPERATE', 'AID', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT', 'RETREAT']) {
    assert.ok(types.has(t), t);
  }
  assert.ok(triggerEntries().length > 300);
});

test('contexts: cued in the trigger\'s sentence only', () => {
  const text = 'اعتقلت الشرطة عناصر خلية إرهابية تنشط في تهريب المخدرات. وزار الوزير السفارة.';
  const [arrest, visit] = findEventTriggers(text);
  assert.ok(arrest && visit);
  assert.deepEqual(eventContexts(text, arrest.start, arrest.end), ['terrorism', 'illegal_drugs']);
  assert.deepEqual(eventContexts(text, visit.start, visit.end), ['diplomatic']);
  assert.deepEqual(eventContexts('وتظاهر المهاجرون أمام المحكمة.', 0, 6), ['migration', 'legal']);
});

test('an actor noun (مسلحون, tagged actor) is reported as such', () => {
  const text = 'وهاجم مسلحون مركزا للشرطة.';
  const got = triggerDetails(text, eventWords(text)).map((t) => [t.text, t.actor]);
  assert.deepEqual(got, [['هاجم', false], ['مسلحون', true]]);
});
