import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEvents, timexDays } from './events.js';
import { eventWords, triggerDetails } from '../analyse/event-triggers.js';
import type { MentionCluster } from './entity-coref.js';
import type { EntityType } from '../model/entity.js';
import type { Timex } from '../analyse/timexes.js';

/** Clusters for the names given, each mention found by its text (every occurrence). */
function clustersOf(text: string, names: [string, EntityType][]): MentionCluster[] {
  return names.map(([name, type]) => {
    const mentions = [];
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) mentions.push({ type, text: name, start: i, end: i + name.length, source: 'rule' as const });
    assert.ok(mentions.length, `'${name}' is in the text`);
    return { type, label: name, mentions, roles: [] };
  });
}

function events(text: string, names: [string, EntityType][], timexes: Timex[] = []) {
  const clusters = clustersOf(text, names);
  const refs = clusters.map((c, i) => ({ id: `e${i}`, label: c.label }));
  return buildEvents(text, triggerDetails(text, eventWords(text)), clusters, refs, timexes, 'art');
}

const pairs = (evs: ReturnType<typeof events>) => evs.map((e) => `${e.type}${e.mode ? '/' + e.mode : ''} ${e.source.label} → ${e.target?.label ?? '-'}${e.status ? ' [' + e.status + ']' : ''}`);
const timex = (text: string, s: string, value: string, granularity: Timex['granularity'] = 'day'): Timex => ({ text: s, start: text.indexOf(s), end: text.indexOf(s) + s.length, value, granularity });

test('استقبل X Y: the host is the target, the visitor the source', () => {
  assert.deepEqual(pairs(events('استقبل الملك محمد السادس الرئيس الموريتاني محمد ولد الغزواني.', [['محمد السادس', 'PERSON'], ['محمد ولد الغزواني', 'PERSON']])), ['CONSULT/visit محمد ولد الغزواني → محمد السادس']);
});

test('زار X بلدا: the country is the target and the place', () => {
  const [e] = events('زار رئيس الوزراء الإسباني بيدرو سانشيز المغرب.', [['بيدرو سانشيز', 'PERSON'], ['المغرب', 'LOCATION']]);
  assert.equal(`${e!.source.label} → ${e!.target?.label}`, 'بيدرو سانشيز → المغرب');
  assert.equal(e!.location?.label, 'المغرب');
});

test('التقى X بـY with a title between: one event, source X, target Y', () => {
  assert.deepEqual(pairs(events('التقى ناصر بوريطة بوزير الخارجية الفرنسي ستيفان سيجورنيه.', [['ناصر بوريطة', 'PERSON'], ['ستيفان سيجورنيه', 'PERSON']])), ['CONSULT ناصر بوريطة → ستيفان سيجورنيه']);
});

test('أجرى X اتصالا هاتفيا مع Y and Z: one phone event per recipient', () => {
  assert.deepEqual(pairs(events('أجرى أحمد عطاف اتصالا هاتفيا مع بدر عبد العاطي وفيصل بن فرحان.', [['أحمد عطاف', 'PERSON'], ['بدر عبد العاطي', 'PERSON'], ['فيصل بن فرحان', 'PERSON']])), [
    'CONSULT/phone أحمد عطاف → بدر عبد العاطي',
    'CONSULT/phone أحمد عطاف → فيصل بن فرحان',
  ]);
});

test('خلال / أثناء زيارة إلى X with no genitive: the visit is made by the subject of the clause', () => {
  const text = 'حذر وزير الخارجية الفرنسي فيليب دوست بلازي أثناء زيارة قصيرة قام بها إلى لبنان من تدهور الوضع.';
  assert.ok(pairs(events(text, [['فيليب دوست بلازي', 'PERSON'], ['لبنان', 'LOCATION']])).includes('CONSULT/visit فيليب دوست بلازي → لبنان'));
});

test('protesters as the subject of a verb of going out or gathering tell a protest; saying is not protesting', () => {
  assert.deepEqual(pairs(events('خرج مساء أمس آلاف المتظاهرين في شوارع المدينة.', [])), ['PROTEST/demo آلاف المتظاهرين → -']);
  assert.deepEqual(pairs(events('وقال المتظاهرون إنهم سيعودون.', [])), []);
  // the verb after them, a count in the singular, شارك
  assert.ok(pairs(events('مليون متظاهر خرجوا تحت حماية البوليس.', [])).some((e) => e.startsWith('PROTEST')));
  assert.ok(pairs(events('وشارك 300 متظاهر في تظاهرة امس.', [])).some((e) => e.startsWith('PROTEST/demo 300 متظاهر')));
  // a relative clause tells of protesters, it reports no protest
  assert.deepEqual(pairs(events('وطوقت القوات المتظاهرين الذين خرجوا رغم الحظر.', [])).filter((e) => e.startsWith('PROTEST')), []);
});

test('clashes between two generic sides: one attack between them, whatever tells that they happened', () => {
  for (const text of ['وقعت اشتباكات بين الشرطة والمتظاهرين.', 'واندلعت مواجهات عنيفة بين الشرطة والمتظاهرين امس.', 'كما شهدت المدن مظاهرات أدت الى اشتباكات بين الشرطة والمتظاهرين.']) {
    assert.ok(pairs(events(text, [])).includes('ASSAULT الشرطة → المتظاهرين'), text);
  }
});

test('قتل / جرح before one noun phrase and an adjunct is the passive: the phrase is the victim, the killer untold', () => {
  const evs = pairs(events('قتل جندي أمريكي في انفجار عبوة ناسفة.', []));
  assert.ok(evs.some((e) => e.startsWith('ASSAULT') && e.endsWith('→ جندي أمريكي')), evs.join(' | '));
  assert.ok(!evs.some((e) => e.includes('ASSAULT جندي أمريكي')), evs.join(' | '));
  // the active verb, its subject then its object, stays active
  assert.ok(pairs(events('قتل مسلحون جنديا امس.', [])).some((e) => e.startsWith('ASSAULT مسلحون')));
  assert.deepEqual(pairs(events('واعتقل محمد أحمد في القاهرة امس.', [['محمد أحمد', 'PERSON'], ['القاهرة', 'LOCATION']])), ['COERCE/arrest  → محمد أحمد']);
  assert.deepEqual(pairs(events('اعتقل الجيش محمد أحمد.', [['محمد أحمد', 'PERSON']])), ['COERCE/arrest الجيش → محمد أحمد']);
  // اغتيل is passive whatever follows
  assert.deepEqual(pairs(events('ولكن خلال شهر واحد اغتيل كرامي في متفجرة.', [['كرامي', 'PERSON']])), ['ASSAULT/assassinate  → كرامي']);
  // "قتل X … قتله Y": one killing, by Y
  assert.deepEqual(pairs(events('قتل الإمام علي في الكوفة، قتله عبدالرحمن بن ملجم.', [['علي', 'PERSON'], ['عبدالرحمن بن ملجم', 'PERSON']])), ['ASSAULT عبدالرحمن بن ملجم → علي']);
});

test('أدان X الهجوم على Y: Y suffered the condemned act, it is not who is condemned', () => {
  assert.deepEqual(pairs(events('وأدان الأردن الهجوم على لبنان.', [['الأردن', 'LOCATION'], ['لبنان', 'LOCATION']])), ['ACCUSE الأردن → -']);
  assert.deepEqual(pairs(events('واتهم الأردن إسرائيل بشن هجوم على لبنان.', [['الأردن', 'LOCATION'], ['إسرائيل', 'LOCATION'], ['لبنان', 'LOCATION']])), ['ACCUSE الأردن → إسرائيل']);
});

test('تم + the verbal noun of an act done to someone: a passive, its genitive the target, the actor untold', () => {
  assert.deepEqual(pairs(events('وتم اعتقال محمد أحمد في القاهرة.', [['محمد أحمد', 'PERSON'], ['القاهرة', 'LOCATION']])), ['COERCE/arrest  → محمد أحمد']);
  assert.deepEqual(pairs(events('وتم توقيع الاتفاقية أمس.', [])), []);
});

test('a car bomb or planted charge that went off is an attack, casualties told or not; one found is none', () => {
  assert.equal(pairs(events('واوضح المصدر ان سيارة مفخخة متوقفة امام المديرية انفجرت صباحا.', [])).filter((e) => e.startsWith('ASSAULT')).length, 1);
  assert.deepEqual(pairs(events('وعثرت الشرطة على سيارة مفخخة قرب السوق.', [])).filter((e) => e.startsWith('ASSAULT')), []);
});

test('a participle of manner after its clause (مطالبا، داعيا، متهما Y) is the act of the clause\'s subject toward Y', () => {
  assert.deepEqual(pairs(events('وأكد محمد أحمد أن الوضع خطير، مطالبا الحكومة المصرية بالتدخل.', [['محمد أحمد', 'PERSON'], ['الحكومة المصرية', 'ORG']])), ['REQUEST محمد أحمد → الحكومة المصرية']);
  assert.deepEqual(pairs(events('وقال محمد أحمد إن الوضع خطير داعيا مصر إلى التدخل.', [['محمد أحمد', 'PERSON'], ['مصر', 'LOCATION']])), ['REQUEST محمد أحمد → مصر']);
});

test('a verb of arrival then في زيارة: the country arrived at (إلى / بـ) is the target when no other is named', () => {
  assert.deepEqual(pairs(events('ومن المنتظر أن يحل المالكي الثلاثاء بالولايات المتحدة، في زيارة رسمية.', [['المالكي', 'PERSON'], ['الولايات المتحدة', 'LOCATION']])).map((e) => e.replace(/ \[.*\]$/, '')), ['CONSULT/visit المالكي → الولايات المتحدة']);
});

test('a named person\'s هجوم on a person or an organisation is verbal: ACCUSE', () => {
  assert.deepEqual(pairs(events('شن النائب وليد جنبلاط هجوما عنيفا على حزب الله.', [['وليد جنبلاط', 'PERSON'], ['حزب الله', 'ORG']])), ['ACCUSE وليد جنبلاط → حزب الله']);
});

test('a visit told as background in a relative clause is historical, with its dates and place', () => {
  const text = 'جاء اللقاء في إطار الزيارة التي قام بها كمال الدين خلال يومي 3 و4 مايو 2021 إلى القاهرة.';
  const [e, ...rest] = events(text, [['كمال الدين', 'PERSON'], ['القاهرة', 'LOCATION']], [timex(text, 'يومي 3 و4 مايو 2021', '2021-05-03/2021-05-04', 'range')]);
  assert.equal(rest.length, 0);
  assert.equal(e!.status, 'historical');
  assert.equal(e!.source.label, 'كمال الدين');
  assert.equal(e!.target?.label, 'القاهرة', 'a visit with no host named has the place visited as its recipient (gold.README.md), a city too');
  assert.equal(e!.location?.label, 'القاهرة');
  assert.deepEqual(e!.date, { start: '2021-05-03', end: '2021-05-04', text: 'يومي 3 و4 مايو 2021' });
  assert.equal(text.slice(e!.evidence.start, e!.evidence.end), e!.evidence.text);
  assert.equal(e!.id, 'art:1');
});

test('a dropped subject takes the actor of the event before; a list gives one event per person; the visit is one event per host', () => {
  const text = 'زار سامي العلوي تونس يوم 3 مايو 2021. والتقى فيها بكل من هشام النوري، ومنير الصالحي.';
  const evs = events(text, [['سامي العلوي', 'PERSON'], ['تونس', 'LOCATION'], ['هشام النوري', 'PERSON'], ['منير الصالحي', 'PERSON']], [timex(text, 'يوم 3 مايو 2021', '2021-05-03')]);
  assert.deepEqual(pairs(evs), [
    'CONSULT/visit سامي العلوي → هشام النوري',
    'CONSULT/visit سامي العلوي → منير الصالحي',
  ]);
  assert.deepEqual(evs.map((e) => `${e.location?.label} ${e.date.start}`), ['تونس 2021-05-03', 'تونس 2021-05-03'], 'the meetings take the visit\'s place and date');
});

test('a denied meeting is negated; the subject may stand before the verb', () => {
  assert.deepEqual(pairs(events('نفت الرئاسة أن يكون عبد المجيد تبون قد التقى ناصر بوريطة.', [['عبد المجيد تبون', 'PERSON'], ['ناصر بوريطة', 'PERSON']])), ['CONSULT عبد المجيد تبون → ناصر بوريطة [negation]']);
});

test('no actor, no event: a trigger with no name around it, or inside a name', () => {
  assert.deepEqual(events('وجاء اللقاء في أجواء ودية.', [['أجواء', 'ORG']]).length, 0);
  assert.ok(!events('التقى مدير مكتب التحقيقات الفيدرالي.', [['مكتب التحقيقات الفيدرالي', 'ORG']]).some((e) => e.type === 'ACCUSE'), 'التحقيقات inside the name is no trigger');
});

test('a city is never an actor; the date is the nearest in the sentence, the place the one after في', () => {
  const text = 'التقى ناصر بوريطة مع أحمد عطاف في الرباط يوم الإثنين 11 مارس 2024.';
  const [e] = events(text, [['ناصر بوريطة', 'PERSON'], ['أحمد عطاف', 'PERSON'], ['الرباط', 'LOCATION']], [timex(text, 'يوم الإثنين 11 مارس 2024', '2024-03-11')]);
  assert.equal(e!.target?.label, 'أحمد عطاف');
  assert.equal(e!.location?.label, 'الرباط');
  assert.deepEqual(e!.date, { start: '2024-03-11', end: '2024-03-11', text: 'يوم الإثنين 11 مارس 2024' });
  assert.equal(events('ترى الرباط أن التعاون مهم.', [['الرباط', 'LOCATION']]).length, 0);
  const [undated] = events('التقى ناصر بوريطة مع أحمد عطاف.', [['ناصر بوريطة', 'PERSON'], ['أحمد عطاف', 'PERSON']]);
  assert.deepEqual(undated!.date, { start: null, end: null, text: null }, 'never invented');
});

test('timex values become first and last days', () => {
  assert.deepEqual(timexDays('2022-06'), { start: '2022-06-01', end: '2022-06-30' });
  assert.deepEqual(timexDays('2024'), { start: '2024-01-01', end: '2024-12-31' });
  assert.deepEqual(timexDays('2022-06-13/2022-06-14'), { start: '2022-06-13', end: '2022-06-14' });
  assert.deepEqual(timexDays(null), { start: null, end: null });
});

/**
 * One-line regression cases for the argument rules, written for these tests: text, names
 * [name, type], expected events as `pairs` prints them, label.
 */
const P = 'PERSON', O = 'ORG', L = 'LOCATION';
const argumentCases: [string, [string, EntityType][], string[], string][] = [
  ['وهاجم مسلحون مقر حزب العمال.', [['حزب العمال', O]], ['ASSAULT مسلحون → حزب العمال'], 'an actor noun (مسلحون) is no event of its own but a generic actor'],
  ['وترأس كريم الفاسي اجتماعا مطولا.', [['كريم الفاسي', P]], [], 'a meeting with no one named is no event'],
  ['وتحدث كريم الفاسي أمام البرلمان الأوروبي ودعا إلى وقف التصعيد.', [['كريم الفاسي', P], ['البرلمان الأوروبي', O]], ['REQUEST كريم الفاسي → -'], 'a name after أمام is no recipient; the coordinated verb keeps the subject'],
  ['وداهمت قوة من الجيش الوطني منزلا في القرية.', [['الجيش الوطني', O]], ['COERCE/arrest الجيش الوطني → -'], 'partitive: قوة من X acts as X'],
  ['والتقى سمير بدران المسؤول عن الملف الأمني رامي حداد.', [['سمير بدران', P], ['رامي حداد', P]], ['CONSULT سمير بدران → رامي حداد'], 'عن inside a title (المسؤول عن) is no topic'],
  ['وتظاهر الطلاب ضد خالد منصور، الذي يزور تونس.', [['خالد منصور', P], ['تونس', L]], ['PROTEST/demo الطلاب → خالد منصور', 'CONSULT/visit خالد منصور → تونس'], 'a verb after الذي has the name before it as subject'],
  ['المقترحات التي قدمها الاتحاد الأفريقي رفضتها الحكومة السودانية.', [['الاتحاد الأفريقي', O], ['الحكومة السودانية', O]], ['REJECT الحكومة السودانية → الاتحاد الأفريقي'], 'object pronoun: the name after the verb is its subject, the one before the recipient'],
  ['وانتقد نادر سليم حركة التجديد واتهمها بالتحريض.', [['نادر سليم', P], ['حركة التجديد', O]], ['ACCUSE نادر سليم → حركة التجديد'], 'a verb after و with a pronoun: the subject of the clause before, the pronoun its object; one event per pair'],
  ['وكان عادل فهمي وسالم بن راشد ملك الجزيرة قد عقدا مباحثات في القاهرة.', [['عادل فهمي', P], ['سالم بن راشد', P], ['الجزيرة', L], ['القاهرة', L]], ['CONSULT عادل فهمي → سالم بن راشد'], 'a joint subject of a dual light verb; the office after a name is its title'],
  ['عمر الشريف في لقاء مع هاني الزين.', [['عمر الشريف', P], ['هاني الزين', P]], ['CONSULT عمر الشريف → هاني الزين'], 'caption: X في لقاء مع Y'],
  ['قطر تستقبل نبيل العربي.', [['قطر', L], ['نبيل العربي', P]], ['CONSULT/visit نبيل العربي → قطر'], 'host before the verb, visitor after it'],
  ['وطالب مجلس الأمن بنزع سلاح حزب النهضة.', [['مجلس الأمن', O], ['حزب النهضة', O]], ['REQUEST مجلس الأمن → -'], 'what is asked for is no event and names no recipient'],
  ['وأكد أنه طلب من إسرائيل تسليم الخرائط. ', [['إسرائيل', L]], [], 'no subject in reach, no event'],
  ['وطلب أحمد رشيد من فرنسا تسليم الخرائط.', [['أحمد رشيد', P], ['فرنسا', L]], ['REQUEST أحمد رشيد → فرنسا'], 'a request is addressed to the name after من'],
  ['وأجرى يوسف القاسم نائب وزير خارجية الأردن محادثات مع سعد الحريري.', [['يوسف القاسم', P], ['الأردن', L], ['سعد الحريري', P]], ['CONSULT يوسف القاسم → سعد الحريري'], 'a light verb six words back, the subject and its title in between'],
  ['ويتحرك التعاون بين المغرب وإسبانيا نحو آفاق جديدة.', [['المغرب', L], ['إسبانيا', L]], [], 'a cooperation noun with no act (light verb, verb) is a relation, not an event'],
  ['وهدد إقليم كردستان العراق بالانفصال.', [['كردستان', L], ['العراق', L]], ['THREATEN كردستان → -'], 'a country right after a place says where the place is: it is no actor (the region named as a إقليم is, gold anercorp-3215)'],
  ['وفرض مجلس الأمن وقف إطلاق النار.', [['مجلس الأمن', O]], [], 'فرض is a light verb for sanctions, not for a ceasefire'],
  ['ومن المقرر أن يلتقي وليد عيسى سامر حداد حيث يتوقع أن يطلب منه الدعم.', [['وليد عيسى', P], ['سامر حداد', P]], ['CONSULT وليد عيسى → سامر حداد [future]', 'REQUEST وليد عيسى → سامر حداد [future]'], 'a verb after "يتوقع أن" takes the subject of the event told before in the sentence (gold anercorp-2560); منه the nearest other name'],
  ['وقال ماجد ناصر «إن المستوطنين هاجموا القرية واعتدوا على السكان».', [['ماجد ناصر', P]], ['ASSAULT/beat المستوطنين → السكان'], 'the speaker is not the subject of the verbs he reports (the recipient is the second verb\'s, اعتدوا على)'],
  ['وهاجم مستوطنون السكان قرب الحقول.', [], ['ASSAULT مستوطنون → السكان'], 'two generic phrases of one sector (CVL) are two actors'],
  ['وهاجمت الشرطة مسلحي العشيرة في الحي.', [], ['ASSAULT الشرطة → مسلحي العشيرة'], 'a plural in the construct state (cs) takes the noun after it'],
  ['وهاجم مسلحو العشيرة الشرطة في الحي.', [], ['ASSAULT مسلحو العشيرة → الشرطة'], 'the nominative construct state (مسلحو) likewise'],
  ['وقال مراد يوسف إن العشرات من مستوطني التلة هاجموا الأهالي.', [['مراد يوسف', P]], ['ASSAULT العشرات من مستوطني التلة → الأهالي'], 'construct state after a count; the speaker is no recipient'],
  ['ودعا الرئيس فؤاد كامل المجتمع الدولي إلى التدخل العاجل.', [['فؤاد كامل', P]], ['REQUEST فؤاد كامل → المجتمع الدولي'], 'المجتمع الدولي is a generic actor (IGO)'],
  ['واعتقلت الشرطة 12 شخصا يشتبه بتورطهم في هجمات ضد قوات الأمن.', [], ['COERCE/arrest الشرطة → -'], 'a count fills the object: a phrase after it belongs to another clause'],
  ['وكان طيران الاحتلال قد شن سلسلة غارات على البلدة.', [], ['ASSAULT/heavy-weapons طيران الاحتلال → -'], 'a verbal noun after a light verb (شن) takes a generic actor as its subject'],
  ['وأطلقت الطائرات الحربية صباح أمس ثلاثة صواريخ على الموقع.', [], ['ASSAULT/heavy-weapons الطائرات الحربية → -'], 'أطلق is a light verb of attacks'],
  ['وجددت سوريا قصفها للبلدة وكان جيش الاحتلال قد شن غارات.', [['سوريا', L]], ['ASSAULT/heavy-weapons سوريا → -', 'ASSAULT/heavy-weapons جيش الاحتلال → -'], 'a bare generic phrase after a verbal noun opens the next clause: no recipient'],
  ['ووقعت وزارة الصحة ( WHO ) اتفاقية مع شرطة المدينة.', [['وزارة الصحة', O], ['WHO', O]], ['AGREE وزارة الصحة → شرطة'], 'a light verb before the acronym in brackets; a generic recipient after مع'],
  ['ووقعت مصر اتفاقية تعاون مع فرنسا.', [['مصر', L], ['فرنسا', L]], ['AGREE مصر → فرنسا'], 'a gapped verb phrase (وقعت … اتفاقية) holding its subject; اتفاقية تعاون is one event'],
  ['هل تدعم حكومة كابل حركة طالبان؟', [['حكومة كابل', O], ['حركة طالبان', O]], [], 'a question (هل) tells no event'],
  ['وهل يرى المعلق في هجوم حركة الفجر على القرية عملا بطوليا؟', [['حركة الفجر', O]], [], 'a question opened by هل and closed by ؟ tells no event anywhere in it'],
  ['وكانت هذه حلقة في مسلسل حوادث خطف العمال الأجانب في البلاد.', [], [], 'a verb form after a noun of occurrence (حوادث خطف) is its verbal noun: the genitive is the victim, not the actor'],
  ['وجددت المحكمة حبس المتهم بقتل سلمى فؤاد.', [['سلمى فؤاد', P]], [], 'the genitive of قتل is the victim, and a verbal noun after بـ takes only قام/بدأ as light verb: the court killed no one'],
  ['وأكد الملك سالم الأول خلال لقائه الرئيس نادر فهمي أهمية الحوار.', [['سالم الأول', P], ['نادر فهمي', P]], ['CONSULT سالم الأول → نادر فهمي'], 'a verbal noun with a possessive pronoun (لقائه X): the pronoun is the subject before, the name after it the object'],
  ['وأشاد كمال صبري بعد استقباله عادل نصر بجهود الوساطة.', [['كمال صبري', P], ['عادل نصر', P]], ['SUPPORT كمال صبري → -', 'CONSULT/visit عادل نصر → كمال صبري'], 'استقباله X: the owner hosts, X visits'],
  ['ووقع الهجوم صباح أمس قرب مطار المدينة.', [], ['ASSAULT  → -'], 'an attack told as having happened (وقع الهجوم) with no attacker named: the unknown actor'],
  ['وتبنت الحركة الهجوم الذي وقع قرب الحدود.', [], [], 'an attack in a relative clause (الهجوم الذي وقع) refers back: no agentless event'],
  ['وخرجت مظاهرات حاشدة في عدة مدن أمس.', [], ['PROTEST/demo  → -'], 'a protest told as having happened (خرجت مظاهرات) with no protester named: the unknown actor'],
  ['وقامت جماعة الفجر بقتل سلمى فؤاد.', [['جماعة الفجر', O], ['سلمى فؤاد', P]], ['ASSAULT جماعة الفجر → سلمى فؤاد'], 'قام بـ + verbal noun: the subject acts, the genitive is the victim'],
  ['وأدانت الحكومة الليبية الهجوم الذي انتهى بقتل الجنود.', [], ['ACCUSE الحكومة الليبية → -'], 'a verb form with بـ attached (بقتل) is a verbal noun: الجنود are the killed, not the killers'],
  ['وقتل مسلحون مجهولون ثلاثة جنود في الهجوم.', [], ['ASSAULT مسلحون مجهولون → -'], 'a verb after و still opens its clause'],
  ['وأكد حلف شمال الأطلسي أنه قتل عددا من قادة حركة طالبان.', [['حلف شمال الأطلسي', O], ['حركة طالبان', O]], ['ASSAULT حلف شمال الأطلسي → حركة طالبان'], 'the pronoun of أنه after a reporting verb is the speaker, the subject of the verb after it'],
  ['وقالت الشرطة إن المهاجم فجر نفسه قرب السوق.', [], ['ASSAULT/suicide-attack المهاجم → -'], 'المهاجم is a generic actor (UAF)'],
  ['وقال الجيش إن قوات التحالف وجهت ضربة جوية استهدفت اجتماعا لتنظيم الفجر.', [['تنظيم الفجر', O]], ['ASSAULT/heavy-weapons قوات → تنظيم الفجر'], 'وجه is a light verb of attacks (ضربة جوية), not of the meeting after another verb; an accusative object (اجتماعا) is no purpose adjunct'],
  ['وخرج المتظاهرون الغاضبون إلى الشوارع في العاصمة.', [], ['PROTEST/demo المتظاهرون الغاضبون → -'], 'خرج … إلى الشوارع with its subject in the gap'],
  ['وكان السفير عادل نصر قد أعرب عن « صدمته » من تصريحات سامي وهبة واتهمه بالتسرع.', [['عادل نصر', P], ['سامي وهبة', P]], ['ACCUSE عادل نصر → سامي وهبة'], 'a scare quote closed before the verb does not end the main clause'],
  ['وقال مراد يوسف «إن مستوطنين هاجموا القرية واعتدوا عليهم بالضرب».', [['مراد يوسف', P]], ['ASSAULT مستوطنين → -'], 'a pronoun inside a quote does not stand for the speaker before it'],
  ['واتهم كمال صبري حركة الإصلاح بالعمل لمصلحة فرنسا.', [['كمال صبري', P], ['حركة الإصلاح', O], ['فرنسا', L]], ['ACCUSE كمال صبري → حركة الإصلاح'], 'what one is accused of (after بـ) names no recipient'],
  ['واتهم كمال صبري بالعمل لمصلحة فرنسا.', [['كمال صبري', P], ['فرنسا', L]], ['ACCUSE كمال صبري → -'], 'the charge after بـ: no recipient at all rather than a wrong one'],
  ['ومددت المحكمة العسكرية اعتقال النائب سالم حداد.', [['سالم حداد', P]], ['COERCE/arrest المحكمة العسكرية → سالم حداد'], 'مدد is a light verb of detention; the genitive of اعتقال is the detainee'],
  ['وأدان المجلس اغتيال الصحفي نبيل شاكر.', [['نبيل شاكر', P]], [], 'the genitive of اغتيال is the victim, never the attacker: no attacker named, no event'],
  ['وتم اغتيال نبيل شاكر على يد جماعة الفجر في وضح النهار.', [['نبيل شاكر', P], ['جماعة الفجر', O]], ['ASSAULT/assassinate جماعة الفجر → نبيل شاكر'], 'the victim in the genitive, the attacker after على يد'],
  ['وتجمع نحو 50 متظاهرا أمام السفارة للاحتجاج على زيارة الرئيس حسن داود.', [['حسن داود', P]], ['PROTEST/demo نحو 50 متظاهرا → حسن داود'], 'a purpose adjunct (للاحتجاج على X): the clause subject protests against X'],
  ['وتوقف العمال عن العمل احتجاجا على قرار وزارة المالية.', [['وزارة المالية', O]], ['PROTEST/demo العمال → وزارة المالية'], 'احتجاجا على X: the purpose adjunct has no genitive actor; the clause subject is its actor'],
  ['وتجمع مئات المتظاهرين للاحتجاج على زيارة الوزير، على ما أفاد مراسل وكالة الأنباء الفرنسية.', [['وكالة الأنباء الفرنسية', O]], ['PROTEST/demo مئات المتظاهرين → -'], 'the recipient of a purpose adjunct is inside it, before a comma'],
  ['ووافقت الحكومة على وقف اعتداءاتها على حركة النهضة.', [['حركة النهضة', O]], [], 'a verbal noun with a pronoun (اعتداءاتها) is no accusative purpose adjunct'],
  ['وفي البصرة جنوب العراق اعتقلت الشرطة ستة أشخاص.', [['البصرة', L], ['العراق', L]], ['COERCE/arrest الشرطة → -'], 'a country after a place and a word of direction says where the place lies: no subject'],
  ['وهدد العمال بالإضراب بعد مظاهرات تم قمعها من طرف حركة الفجر.', [['حركة الفجر', O]], ['THREATEN العمال → -', 'COERCE حركة الفجر → -'], 'من طرف X is the agent of the nearest act before it, not of one across other triggers; قمع is COERCE'],
  ['وقال مصدر إن جنديا قتل في هجوم مسلح قرب السوق.', [], ['ASSAULT  → -'], 'هجوم مسلح: the actor noun is the adjective of the attack; جنديا قتل في is a passive, its victim a count'],
  ['وتظاهر الطلاب أمام الوزارة وطالبوا الحكومة بالإصلاح.', [], ['PROTEST/demo الطلاب → -', 'REQUEST الطلاب → الحكومة'], 'a verb with the plural suffix وا holds its subject, the phrase after it is its object; it opens a clause of its own'],
  ['وكان سالم حداد قد اعتقل في منزله.', [['سالم حداد', P]], ['COERCE/arrest  → سالم حداد'], 'a verb of an act done to someone with no object after it is passive: its subject is the one it was done to'],
  ['واتهمت الحكومة حركة الفجر بعمليات قتل وخطف.', [['حركة الفجر', O]], ['ACCUSE الحكومة → حركة الفجر'], 'بعمليات قتل وخطف: nouns of a list, with its governing noun\'s clitics, are no verbs'],
  ['واقتحم مسلحون مبنى البلدية وخطفوا موظفين اثنين.', [], ['ASSAULT/abduct مسلحون → -'], 'a و the segmenter leaves on the verb still opens a clause; a cardinal after the noun (اثنين) counts'],
  ['وقتل ثلاثة مدنيين في هجوم على السوق.', [], ['ASSAULT  → -'], 'a count right after a verb of killing is who was killed (a passive), not the killer'],
  ['وأصيب سالم حداد بجروح في الهجوم.', [['سالم حداد', P]], ['ASSAULT  → سالم حداد'], 'أصيب is passive: the name after it was wounded'],
  ['وفي نابلس قام مسلحون مقنعون بخطف سالم حداد من سيارته.', [['نابلس', L], ['سالم حداد', P]], ['ASSAULT/abduct مسلحون → سالم حداد'], 'قام + بخطف (a preposition the segmenter leaves on a short noun): the subject acts, the genitive is the victim'],
  ['وتصاعدت احتجاجات المعارضة ضد الحكومة في العاصمة أمس.', [], ['PROTEST/demo المعارضة → الحكومة'], 'a verbal noun told as happening (تصاعدت) takes a generic genitive as its actor'],
  ['وأقدم متظاهرون غاضبون في البلدة على قطع الطريق الدولية.', [], ['PROTEST/obstruct متظاهرون غاضبون → -'], 'أقدم على is a light verb; a generic phrase does not count toward its reach'],
  ['وبدأت النيابة العامة التحقيق في حوادث الشغب بالمدينة.', [], ['ACCUSE النيابة العامة → -'], 'a light verb supports its nearest verbal noun, not the riot in its complement'],
  ['وقال السفير إن الزيارة تهدف لتجديد مساندة فنزويلا لسوريا.', [['فنزويلا', L], ['سوريا', L]], ['SUPPORT فنزويلا → سوريا'], 'مساندة is SUPPORT; تجديد is a light verb'],
  ['واعتصم عشرات المواطنين أمام ضريح الرئيس رفيق الحريري، مطالبين بتولي سعد الحريري رئاسة الحكومة.', [['رفيق الحريري', P], ['سعد الحريري', P]], ['PROTEST/demo عشرات المواطنين → -'], 'a name closing a construct chain after أمام is part of the place; a participle after a comma opens a clause of manner'],
  ['وتظاهر نحو مائتي شخص أمام مقر نقابة الصحافيين.', [], ['PROTEST/demo نحو مائتي شخص → -'], 'شخص is a generic noun of counting; مائتي a quantity; الصحافيين after أمام مقر نقابة is no actor'],
  ['واعتقلت شرطة بنغلاديش نحو 200 شخص قبل المسيرات.', [['بنغلاديش', L]], ['COERCE/arrest شرطة بنغلاديش → -'], 'a generic head in the construct state before a country is that country\'s force: one actor'],
  ['ولم تدع سوريا إلى المؤتمر، بل حمل عليها الرئيس جورج بوش واتهمها بتهديد المنطقة.', [['سوريا', L], ['جورج بوش', P]], ['ACCUSE جورج بوش → سوريا'], 'بل opens a main clause of its own: its subject is the dropped subject of the verb after و'],
  ['وقتل شخص بعد تعرضه للضرب.', [], ['ASSAULT  → -'], 'an indefinite noun of counting after a verb of killing is the one killed'],
  ['وقال نصر إنه تعرض خلال الاستجواب للتعذيب.', [['نصر', P]], ['ASSAULT/torture  → نصر'], 'تعرض X لـ…: X underwent the act, its target (here the speaker of إنه); the actor is unknown'],
  ['وأفاد بيان بأن القوات الاميركية تعرضت لهجوم في الرمادي.', [], ['ASSAULT  → القوات الاميركية'], 'تعرض with a generic subject'],
  ['وتعرضت بناته للاعتقال.', [], ['COERCE/arrest  → بناته'], 'a relative with its pronoun (بناته) is a person an act is done to (gold arabic-html-ass-17)'],
  ['وتعرضت الأوضاع للتدهور.', [], [], 'تعرض with no one named as having undergone it: no event'],
  ['ورفع المتظاهرون صور زوجها وطالبوا الحكومة بالإفراج عنه.', [], ['REQUEST المتظاهرون → الحكومة'], 'a relative with its pronoun is never an actor (most often a genitive: صور زوجها)'],
  ['وأعلن وزير الدفاع الياس المر أنه طلب من الوفد الدولي أجوبة واضحة.', [['الياس المر', P]], ['REQUEST الياس المر → الوفد الدولي'], 'a delegation is a generic actor'],
  ['والتقى وفد من حركة حماس الرئيس محمود عباس.', [['محمود عباس', P], ['حركة حماس', O]], ['CONSULT حركة حماس → محمود عباس'], 'وفد من X acts as X (partitive; وفد is not و + فد)'],
  ['وتظاهر أنصار حزب العمال أمام البرلمان.', [], [], 'a generic head right after the noun of an organisation (حزب العمال) is its name: the workers are no actor'],
  ['وتلقى جلالته اتصالا هاتفيا من سامي فهمي.', [['سامي فهمي', P]], ['CONSULT/phone سامي فهمي → جلالته'], 'an honorific with its pronoun (جلالته) is a generic actor: the receiver of the call'],
  ['كما تلقي سعادة النائب الأول الليلة الماضية اتصالا هاتفيا من سعادة السيد عمرو موسى.', [['عمرو موسى', P]], ['CONSULT/phone عمرو موسى → سعادة النائب الأول'], 'an honorific and the title after it is an actor; تلقي is تلقى; an honorific before a name takes no part in its marker'],
  ['وكان جلالة الملك قد استقبل أمس سفراء الاتحاد الأوروبي في إطار الجهود التي يقوم بها جلالته لحشد الدعم الدولي.', [['الاتحاد الأوروبي', O]], ['CONSULT/visit الاتحاد الأوروبي → جلالة الملك'], 'the unnamed host by his honorific; حشد الدعم is no demonstration'],
  ['ورفض كمال صبري الإجراءات التي اتخذتها الحكومة الليبية بعد الأحداث.', [['كمال صبري', P]], ['REJECT كمال صبري → الحكومة الليبية'], 'a stance toward a thing someone did is toward them: the subject of the relative clause on the object'],
  ['وشن الجيش هجوما عنيفا على حركة الفجر.', [['حركة الفجر', O]], ['ASSAULT الجيش → حركة الفجر'], 'a two-letter light verb with و (وشن) is still a light verb'],
  ['وشن المندوب سامي فهمي هجوما عنيفا على أمين الأمم المتحدة.', [['سامي فهمي', P], ['الأمم المتحدة', O]], ['ACCUSE سامي فهمي → أمين الأمم المتحدة'], 'an attack with no weapon by a person on a person or an official is verbal: ACCUSE'],
  ['وقال سامي فهمي بعد لقاء نظيره الفرنسي في باريس إن الجانبين متفقان.', [['سامي فهمي', P], ['باريس', L]], ['CONSULT سامي فهمي → نظيره الفرنسي'], 'a counterpart (نظيره) as the genitive of a meeting is met by the one its pronoun names, the subject told before'],
  ['والتقى ناصر بوريطة بنظرائه الأمريكان في واشنطن.', [['ناصر بوريطة', P], ['واشنطن', L]], ['CONSULT ناصر بوريطة → نظرائه الأمريكان'], 'a counterpart with بـ the segmenter leaves on the word; a broken plural of nationality (الأمريكان)'],
  ['وهددت إيران بوقف التعاون مع الوكالة الدولية إن فرض مجلس الأمن عليها عقوبات.', [['إيران', L], ['الوكالة الدولية', O], ['مجلس الأمن', O]], ['THREATEN إيران → الوكالة الدولية', 'SANCTION مجلس الأمن → إيران'], 'a pronoun after a preposition between a light verb and its noun is the recipient: the subject of the sentence\'s event before'],
  ['وقال الجيش التركي في بيان إن طائراته قصفت مجموعة من المتمردين قرب الحدود.', [], ['ASSAULT/heavy-weapons الجيش التركي → المتمردين'], 'a force with its pronoun (طائراته) acts for its owner, the nearest actor before it; "مجموعة من X" is X (partitive)'],
  ['وقالت مصادر إن طائراته قصفت القرية.', [], [], 'a force with its pronoun and no owner before it: no event'],
  ['وهنأ الملك محمد السادس الرئيس عبد المجيد تبون في اتصال هاتفي بفوزه.', [['محمد السادس', P], ['عبد المجيد تبون', P]], ['CONSULT/phone محمد السادس → عبد المجيد تبون'], 'a call as the manner of a verb that is no trigger ("في اتصال هاتفي"): its subject called its object'],
  ['وزار عبد المجيد تبون الرباط. ثم التقى الأخير رئيس الحكومة عزيز أخنوش.', [['عبد المجيد تبون', P], ['الرباط', L], ['عزيز أخنوش', P]], ['CONSULT/visit عبد المجيد تبون → عزيز أخنوش'], '"الأخير" as a noun (after a verb) is the actor named last before it'],
  ['وقال عبد المجيد تبون إن اللقاء الأخير مع عزيز أخنوش كان مثمرا.', [['عبد المجيد تبون', P], ['عزيز أخنوش', P]], [], '"الأخير" after a definite noun is its adjective, no actor'],
  ['وتظاهر الطلاب احتجاجا على الاعتداء الذي تعرض له سالم حداد من طرف حركة الفجر.', [['سالم حداد', P], ['حركة الفجر', O]], ['PROTEST/demo الطلاب → حركة الفجر', 'ASSAULT حركة الفجر → سالم حداد [historical]'], 'a protest against an act is against its agent (من طرف); the relative clause after a preposition is the act\'s, not the protest\'s'],
  ['واندلعت مظاهرات عنيفة في المدينة احتجاجا على الاعتداء الذي تعرض له سالم حداد من طرف حركة الفجر.', [['سالم حداد', P], ['حركة الفجر', O]], ['PROTEST/demo  → حركة الفجر', 'ASSAULT حركة الفجر → سالم حداد [historical]'], 'a protest told as happening, with no actor, takes the recipient of its purpose adjunct'],
  ['وأكدت قطر أنه لا يمكنها تأييد النص.', [['قطر', L]], ['SUPPORT قطر → - [negation]'], 'a verbal noun after a verb of ability is an act (SUPPORT needs one); its actor the speaker of أنه'],
  ['وقرر سالم حداد دعم حركة الفجر.', [['سالم حداد', P], ['حركة الفجر', O]], ['SUPPORT سالم حداد → حركة الفجر'], 'a verbal noun after a verb of intent, the subject named between them'],
  ['وأضرب العرب في إسرائيل أمس احتجاجا على قرار الحكومة.', [['إسرائيل', L]], ['PROTEST/strike-lim العرب → الحكومة'], 'a people no single state names (العرب) is a generic actor (CVL)'],
  ['وقامت امرأة بلجيكية اعتنقت الإسلام بتفجير نفسها مستهدفة دورية للقوات الأمريكية.', [], ['ASSAULT/explosives امرأة بلجيكية → القوات الأمريكية'], 'امرأة counts a person (CVL), who may act; قامت reaches its noun across the subject\'s description'],
  ['وهدد إقليم كردستان العراق بالانفصال إذا لم تستجب حكومة بغداد لمطالبه.', [['كردستان', L], ['العراق', L], ['بغداد', L]], ['THREATEN كردستان → حكومة بغداد'], 'a region named as a إقليم is a polity that acts; the country after it says where it lies'],
  ['واعتقلت الشرطة في إقليم كردستان سالم حداد.', [['كردستان', L], ['سالم حداد', P]], ['COERCE/arrest الشرطة → سالم حداد'], 'after في, إقليم X is where it happens, no actor'],
  ['واعتصم العمال أمام المصنع حيث أغلق المتظاهرون الطريق وبدأوا بإحراق الإطارات ورشق قوات الأمن بالحجارة.', [], ['PROTEST/demo العمال → -', 'ASSAULT/primitive المتظاهرون → قوات الأمن'], 'رشق (pelting) is an ASSAULT; a verb form joined by و to a list of verbal nouns after "بدأوا بـ" is a verbal noun of it; حيث opens a clause whose subject the dropped one is'],
  ['وشن المندوب دان حداد هجوما عنيفا على أمين الأمم المتحدة.', [['دان حداد', P], ['الأمم المتحدة', O]], ['ACCUSE دان حداد → أمين الأمم المتحدة'], 'a trigger inside a name (دان "condemned") takes no part in any rule: the attack is no complement of it'],
  ['وصل الرئيس سالم حداد ظهر أمس إلى نواكشوط في زيارة رسمية لموريتانيا تستغرق ثلاثة أيام.', [['سالم حداد', P], ['نواكشوط', L], ['موريتانيا', L]], ['CONSULT/visit سالم حداد → موريتانيا'], 'a visit as the manner of a verb of arrival (وصل … في زيارة) is made by its subject'],
  ['بل حمل عليهما الرئيس سالم حداد واتهمهما بتهديد المنطقة.', [['سالم حداد', P]], [], 'a dual pronoun with no two names before it: no event'],
  ['ولم تدع سوريا وحليفتها إيران إلى المؤتمر، بل حمل عليهما الرئيس سالم حداد واتهمهما بتهديد المنطقة.', [['سوريا', L], ['إيران', L], ['سالم حداد', P]], ['ACCUSE سالم حداد → سوريا', 'ACCUSE سالم حداد → إيران'], 'a dual object pronoun (اتهمهما) stands for the two names before it'],
  ['ووصف سالم حداد الذي قام بجولة شملت لبنان وإسرائيل الوضع بأنه مروع.', [['سالم حداد', P], ['لبنان', L], ['إسرائيل', L]], ['CONSULT/visit سالم حداد → لبنان', 'CONSULT/visit سالم حداد → إسرائيل'], 'a tour (جولة) with a light verb is a visit to each place it took in; a light verb after الذي has the name before it as subject'],
  ['وجرت جولة الإعادة بين سالم حداد وعادل نصر.', [['سالم حداد', P], ['عادل نصر', P]], [], 'جولة is a tour only with a light verb (framed): a run-off is no visit'],
  ['وكان سالم حداد اعتقل في بغداد، ووجهت إليه إحدى المحاكم العسكرية تهمة التآمر.', [['سالم حداد', P], ['بغداد', L]], ['COERCE/arrest  → سالم حداد', 'ACCUSE إحدى المحاكم العسكرية → سالم حداد'], 'a charge brought by a light verb (وجهت … تهمة) is an accusation; the pronoun between them stands for the one the passive before was done to'],
  ['واعتقلت الشرطة سالم حداد بتهمة التجسس لصالح إسرائيل.', [['سالم حداد', P], ['إسرائيل', L]], ['COERCE/arrest الشرطة → سالم حداد'], '"بتهمة" (on a charge of) brings no accusation'],
  ['وأكد طه أن المخابرات المصرية اتصلت يوم الجمعة بقيادة حركة حماس.', [['المخابرات المصرية', O], ['حماس', O]], ['CONSULT المخابرات المصرية → حماس'], 'اتصل بـ (contacted) is a CONSULT'],
  ['وطالبت ألمانيا روسيا بسحب قواتها، ولما لم تمتثل روسيا للمطالب الألمانية أعلنت ألمانيا الحرب.', [['ألمانيا', L], ['روسيا', L]], ['REQUEST ألمانيا → روسيا'], 'the same pair told twice in one sentence is one event, whatever the status of the second telling'],
  ['ماذا وراء زيارة سالم حداد المفاجئة لدمشق؟', [['سالم حداد', P], ['دمشق', L]], ['CONSULT/visit سالم حداد → دمشق'], 'a visit with no host named: the city visited is its recipient'],
  ['وأجرى سالم حداد مباحثات مع نظرائه في الولايات المتحدة حول التحديات الأمنية.', [['سالم حداد', P], ['الولايات المتحدة', L]], ['CONSULT سالم حداد → الولايات المتحدة'], 'counterparts placed in a country by في are that country\'s officials: the country is the recipient'],
  ['عرضت الحكومة على سالم حداد منصب الرئيس ولكن سالم حداد رفض هذا العرض.', [['سالم حداد', P]], ['REJECT سالم حداد → الحكومة'], 'a stance toward a demonstrative phrase (هذا العرض) is toward the act told before it: its actor'],
  ['واتهمت الصين الإدارة الأميركية بعرقلة الحوار.', [['الصين', L]], ['ACCUSE الصين → الإدارة الأميركية'], 'an administration with its nationality (الإدارة الأميركية) is a government, a generic actor'],
  ['وانتقد سالم حداد إدارة الشركة.', [['سالم حداد', P]], ['ACCUSE سالم حداد → -'], 'an administration with no nationality is no actor'],
  ['والتقى سالم حداد مشايخ العشائر في الرمادي.', [['سالم حداد', P], ['الرمادي', L]], ['CONSULT سالم حداد → مشايخ'], 'tribal notables (مشايخ، وجهاء، أعيان) are a generic actor (CVL)'],
  ['وتم اعتقال سالم حداد في بغداد.', [['سالم حداد', P], ['بغداد', L]], ['COERCE/arrest  → سالم حداد'], 'a coercive act after تم is an impersonal passive: done to its genitive by an unknown actor'],
  ['وجرت مصادرة صحيفة الفجر من طرف حركة النهضة.', [['صحيفة الفجر', O], ['حركة النهضة', O]], ['COERCE/confiscate حركة النهضة → صحيفة الفجر'], 'an impersonal passive names its actor after من طرف'],
  ['وقال عادل نصر إن اعتقال سالم حداد جاء بعد ساعات.', [['عادل نصر', P], ['سالم حداد', P]], [], 'an arrest named as a topic, with no تم, tells no event'],
  ['وقال عادل نصر إن سالم حداد رفض هذا العرض.', [['عادل نصر', P], ['سالم حداد', P]], ['REJECT سالم حداد → -'], 'not across reported speech: the speaker made no offer'],
];

for (const [text, names, expected, label] of argumentCases) {
  test(`arguments: ${label}`, () => {
    assert.deepEqual(pairs(events(text, names)), expected);
  });
}

test('an office standing for its official is labelled with the title; the id stays the office\'s', () => {
  const [e] = events('والتقى كريم الفاسي بمدير الاستخبارات الوطنية.', [['كريم الفاسي', 'PERSON'], ['الاستخبارات الوطنية', 'ORG']]);
  assert.deepEqual(e!.target, { id: 'e1', label: 'مدير الاستخبارات الوطنية' });
});

test('a title with its complement before a name: the ambassador is the person, not the country', () => {
  assert.deepEqual(pairs(events('واتهم سفير الأردن لدى الأمم المتحدة سليم حداد الحكومة السورية.', [['الأردن', 'LOCATION'], ['الأمم المتحدة', 'ORG'], ['سليم حداد', 'PERSON'], ['الحكومة السورية', 'ORG']])), ['ACCUSE سليم حداد → الحكومة السورية']);
});

test('the same act told again without its recipient (headline, then body) is one event', () => {
  assert.deepEqual(pairs(events('إيران تهدد. وهددت إيران الوكالة الدولية بوقف التعاون.', [['إيران', 'LOCATION'], ['الوكالة الدولية', 'ORG']])), ['THREATEN إيران → الوكالة الدولية']);
});

test('generic actors: "اعتقلت الشرطة المتظاهرين" → COP source, CVL target', () => {
  const [e] = events('واعتقلت الشرطة المتظاهرين أمس.', []);
  assert.equal(`${e!.type} ${e!.source.id}:${e!.source.label} → ${e!.target?.id}:${e!.target?.label}`, 'COERCE generic:COP:الشرطة → generic:CVL:المتظاهرين');
});

test('generic actors: a nationality adjective gives the country ("الخارجية الروسية" → generic:GOV:RU)', () => {
  const [e] = events('وأصدرت الخارجية الروسية بيانا دعت فيه إلى وقف فوري لإطلاق النار.', []);
  assert.equal(`${e!.type} ${e!.source.id} ${e!.source.label}`, 'REQUEST generic:GOV:RU الخارجية الروسية');
});

test('generic actors: a counterpart is a GOV official of the country its nationality names, and an actor only with its pronoun', () => {
  const [e] = events('والتقى سامي فهمي نظيره الفرنسي في باريس.', [['سامي فهمي', 'PERSON'], ['باريس', 'LOCATION']]);
  assert.equal(e!.target?.id, 'generic:GOV:FR');
  assert.deepEqual(pairs(events('والتقى سامي فهمي نظير خدماته وفدا.', [['سامي فهمي', 'PERSON']])), []);
});

test('generic actors: a named entity still wins over a generic phrase', () => {
  assert.deepEqual(pairs(events('اعتقلت الشرطة المغربية أحمد الزفزافي.', [['أحمد الزفزافي', 'PERSON']])), ['COERCE/arrest الشرطة المغربية → أحمد الزفزافي']);
});

test('generic actors: a count is no recipient ("اعتقلت خمسة مواطنين")', () => {
  const [e] = events('واعتقلت قوات الأمن خمسة مواطنين.', []);
  assert.equal(`${e!.source.id} ${e!.target}`, 'generic:COP null');
});

test('generic actors: "قوات مشتركة للجيش والشرطة" is one phrase', () => {
  const [e] = events('واعتقلت قوات مشتركة للجيش والشرطة 19 شخصا.', []);
  assert.equal(`${e!.source.id} ${e!.source.label}`, 'generic:MIL قوات مشتركة للجيش والشرطة');
});

test('generic actors: a head after a title word is the title ("وزير الخارجية") and a head with a pronoun is none', () => {
  assert.deepEqual(events('وقال وزير الخارجية إن طائراته قصفت المواقع.', []).map((e) => e.source.id), []);
});

test('generic actors: an attacker noun before the attack in its clause ("انتحاريا يقود شاحنة مفخخة فجر نفسه")', () => {
  const evs = events('وقالت مصادر إن انتحاريا يقود شاحنة مفخخة فجر نفسه وسط سوق.', []);
  assert.deepEqual(evs.filter((e) => e.type === 'ASSAULT').map((e) => `${e.source.id} ${e.source.label}`), ['generic:UAF انتحاريا']);
});

test('agentless attack with casualties: one ASSAULT from an unknown attacker (generic:UNK, empty label)', () => {
  const evs = events('وكانت أعنف العمليات انفجار سيارة مفخخة في سوق شعبي أسفر عن مقتل 34 شخصا وجرح 73 آخرين.', []);
  assert.deepEqual(evs.map((e) => `${e.type} ${e.source.id} "${e.source.label}" ${e.target}`), ['ASSAULT generic:UNK "" null']);
});

test('no agentless attack without casualties or with a negated report', () => {
  assert.deepEqual(events('ووقع انفجار في السوق.', []).map((e) => e.type), []);
  assert.deepEqual(events('ولم يقع أي انفجار ولا قتلى.', []).map((e) => e.type), []);
});

test('the place after a place noun with its clitics ("بالعاصمة المغربية الرباط", "للعاصمة", "بمدينة") is the meeting\'s place', () => {
  const cases: Array<[string, string, string]> = [
    ['التقى ناصر بوريطة جوزيب بوريل في اجتماع جمعهما بالعاصمة المغربية الرباط.', 'الرباط', 'ب + ال, an adjective between'],
    ['التقى ناصر بوريطة جوزيب بوريل بالعاصمة الرباط.', 'الرباط', 'ب + ال'],
    ['التقى ناصر بوريطة جوزيب بوريل بمدينة طنجة.', 'طنجة', 'ب without ال'],
    ['التقى ناصر بوريطة جوزيب بوريل في العاصمة الرباط.', 'الرباط', 'في + العاصمة'],
  ];
  for (const [text, place, label] of cases) {
    const [e] = events(text, [['ناصر بوريطة', 'PERSON'], ['جوزيب بوريل', 'PERSON'], [place, 'LOCATION']]);
    assert.equal(e?.location?.label, place, label);
  }
});
