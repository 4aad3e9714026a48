import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotes } from '../analyse/quotes.js';
import type { EntityType, Mention } from '../model/entity.js';
import type { MentionCluster } from './entity-coref.js';
import { attributeSpeakers } from './quote-speakers.js';

/** A cluster as written by hand: type, label, the surface forms of its mentions, its roles. */
type Spec = [EntityType, string, string[], string[]?];

/**
 * Clusters for a text: every occurrence of each form (a longer form of the same cluster wins
 * over a shorter one inside it); a role listed for the cluster is attached to a mention it
 * stands right before ("الوزير X") or after ("X، الباحث …", "X الباحث …").
 */
function clusters(text: string, specs: Spec[]): MentionCluster[] {
  return specs.map(([type, label, forms, roles = []]) => {
    const mentions: Mention[] = [];
    for (const form of [...forms].sort((a, b) => b.length - a.length)) {
      let from = 0;
      for (let at = text.indexOf(form, from); at >= 0; at = text.indexOf(form, from)) {
        from = at + form.length;
        if (mentions.some((m) => at < m.end && m.start < at + form.length)) continue;
        const m: Mention = { type, text: form, start: at, end: at + form.length, source: 'rule' };
        for (const r of roles) {
          const before = text.slice(0, at).trimEnd();
          const after = text.slice(m.end).replace(/^[،,]?\s*/, '');
          if (before.endsWith(r)) m.role = { text: r, start: before.length - r.length, end: before.length };
          else if (after.startsWith(r)) {
            const s = text.length - after.length;
            m.role = { text: r, start: s, end: s + r.length };
          }
        }
        mentions.push(m);
      }
    }
    assert.ok(mentions.length, `"${label}" is in the text`);
    mentions.sort((a, b) => a.start - b.start);
    return { type, label, mentions, roles };
  });
}

/** expected speaker per quote: a cluster label, "[label]" when no entity is named, null when unknown */
const cases: [string, Spec[], (string | null)[], string][] = [
  ['وقال بيرنز إن “الولايات المتحدة تقدر الشراكة الأمنية مع المغرب تقديرا كبيرا”.', [['PERSON', 'وليام بيرنز', ['بيرنز']]], ['وليام بيرنز'], 'the name after the verb'],
  ['وبيرنز قال إن “التعاون الاستخباراتي بين البلدين وصل إلى مستوى غير مسبوق”.', [['PERSON', 'وليام بيرنز', ['بيرنز']]], ['وليام بيرنز'], 'the name before the verb'],
  ['وقال وزير الخارجية ناصر بوريطة: “المغرب شريك موثوق لكل الدول التي تحترم سيادته”.', [['PERSON', 'ناصر بوريطة', ['ناصر بوريطة'], ['وزير الخارجية']]], ['ناصر بوريطة'], 'title and name after the verb'],
  ['“الزيارة تندرج في إطار تعزيز التعاون الأمني بين البلدين”، حسب بلاغ للمديرية العامة للأمن الوطني.', [['ORG', 'المديرية العامة للأمن الوطني', ['مديرية العامة للأمن الوطني']]], ['المديرية العامة للأمن الوطني'], 'a communiqué of an organisation: the ORG'],
  ['وأكد بلاغ صادر عن الأجهزة الأمنية أن “العملية أسفرت عن توقيف ثلاثة أشخاص يشتبه في ارتباطهم بشبكة دولية”.', [], ['[بلاغ صادر عن الأجهزة الأمنية]'], 'a communiqué with no ORG recognised: its phrase'],
  ['وأكد بلاغ صادر عن الأجهزة الأمنية أن العملية تمت بتنسيق مع شركاء دوليين. وأضاف البلاغ أن “الأبحاث متواصلة لتحديد باقي المتورطين في هذه الشبكة”.', [], ['[بلاغ صادر عن الأجهزة الأمنية]'], '"البلاغ" refers back to the communiqué'],
  ['وقال الباحث إحسان الحافيظي إن “الشراكة الأمنية بين البلدين قديمة ومتجذرة”. من جهته، يرى الباحث في العلوم الأمنية محمد أكضيض أن التعاون يتجاوز تبادل المعلومات. وأضاف المتحدث أن “الأجهزة المغربية راكمت خبرة كبيرة في تفكيك الخلايا الإرهابية”.', [['PERSON', 'إحسان الحافيظي', ['إحسان الحافيظي'], ['الباحث']], ['PERSON', 'محمد أكضيض', ['محمد أكضيض'], ['الباحث في العلوم الأمنية']]], ['إحسان الحافيظي', 'محمد أكضيض'], 'two experts: "المتحدث" is the second'],
  ['وقال الخبير إحسان الحافيظي إن “التعاون الأمني بين البلدين يتعزز سنة بعد أخرى”. وشارك في الندوة الباحث في العلوم الأمنية محمد أكضيض. وأضاف المتحدث أن “الأجهزة المغربية راكمت خبرة كبيرة في تفكيك الخلايا”.', [['PERSON', 'إحسان الحافيظي', ['إحسان الحافيظي'], ['الخبير']], ['PERSON', 'محمد أكضيض', ['محمد أكضيض'], ['الباحث في العلوم الأمنية']]], ['إحسان الحافيظي', 'محمد أكضيض'], 'an expert introduced without speaking becomes "المتحدث"'],
  ['وقال الحافيظي إن “المغرب أصبح شريكا لا غنى عنه في الحرب على الإرهاب”. وأضاف: “التنسيق بين الرباط وواشنطن يتم بشكل يومي”.', [['PERSON', 'إحسان الحافيظي', ['الحافيظي']]], ['إحسان الحافيظي', 'إحسان الحافيظي'], 'a bare verb: the most recent speaker'],
  ['واستطرد الحافيظي قائلا: “هناك تنسيق يومي بين الأجهزة الأمنية في البلدين”.', [['PERSON', 'إحسان الحافيظي', ['الحافيظي']]], ['إحسان الحافيظي'], 'a participle hangs on the verb before it'],
  ['استقبل وزير الخارجية ناصر بوريطة نظيره الإسباني بالرباط. وقال الوزير إن “العلاقات بين البلدين تعيش أفضل مراحلها”.', [['PERSON', 'ناصر بوريطة', ['ناصر بوريطة'], ['وزير الخارجية']]], ['ناصر بوريطة'], '"الوزير" matches a role'],
  ['التقى الرئيس الفرنسي إيمانويل ماكرون وزير الخارجية ناصر بوريطة في باريس. وقال الوزير إن “الشراكة مع فرنسا استراتيجية”.', [['PERSON', 'إيمانويل ماكرون', ['إيمانويل ماكرون'], ['الرئيس الفرنسي']], ['PERSON', 'ناصر بوريطة', ['ناصر بوريطة'], ['وزير الخارجية']]], ['ناصر بوريطة'], 'the minister, not the president'],
  ['“لا أحد يستطيع أن يوقف عجلة التاريخ”، عبارة رددها المتظاهرون طيلة اليوم.', [], [null], 'no cue and no earlier speaker: unknown'],
  ['وقال بيرنز إن التعاون مثمر.\n\n“نحن نثق في شركائنا المغاربة ونعمل معهم يوميا”.', [['PERSON', 'وليام بيرنز', ['بيرنز']]], ['وليام بيرنز'], 'a quote with no cue: the speaker of the reported speech before'],
  ['“الحملة ستشمل جميع المدن الكبرى في المملكة”، حسب بيان لوزارة الداخلية. وأشار المصدر ذاته إلى أن “المخالفين سيتعرضون لعقوبات صارمة”.', [['ORG', 'وزارة الداخلية', ['وزارة الداخلية']]], ['وزارة الداخلية', 'وزارة الداخلية'], '"المصدر ذاته" is the institution'],
  ['“سنواصل العمل مع شركائنا لتعزيز الأمن الإقليمي”، قال مدير وكالة الاستخبارات المركزية وليام بيرنز.', [['ORG', 'وكالة الاستخبارات المركزية', ['وكالة الاستخبارات المركزية']], ['PERSON', 'وليام بيرنز', ['وليام بيرنز'], ['مدير وكالة الاستخبارات المركزية']]], ['وليام بيرنز'], 'a person is preferred to the ORG in his title'],
  ['وقال مصدر أمني إن “الموقوفين كانوا يخططون لتنفيذ عمليات تخريبية”.', [], ['[مصدر أمني]'], 'an unnamed source is labelled'],
  ['وقالت وزارة الخارجية الأمريكية في بيان إن “واشنطن ملتزمة بدعم الاستقرار في منطقة الساحل”.', [['ORG', 'وزارة الخارجية الأمريكية', ['وزارة الخارجية الأمريكية']]], ['وزارة الخارجية الأمريكية'], 'an organisation speaks'],
  ['وقالت الناطقة باسم الحكومة سميرة السعيدي إن “القرار اتخذ بعد مشاورات واسعة”. وأضافت المتحدثة أن “الحكومة منفتحة على كل المقترحات البناءة”.', [['PERSON', 'سميرة السعيدي', ['سميرة السعيدي'], ['الناطقة باسم الحكومة']]], ['سميرة السعيدي', 'سميرة السعيدي'], '"المتحدثة" after a woman spoke'],
  ['شارك في الندوة الخبير في الشؤون الأمنية عبد الرحيم منار. وقال الخبير إن “التهديدات الإرهابية تغيرت طبيعتها في السنوات الأخيرة”.', [['PERSON', 'عبد الرحيم منار', ['عبد الرحيم منار'], ['الخبير في الشؤون الأمنية']]], ['عبد الرحيم منار'], '"الخبير" is the expert introduced before'],
  ['إحسان الحافيظي، خبير في الشؤون الأمنية، وضع الزيارة “في إطار تعميق الشراكة الأمنية بين الرباط وواشنطن”، لافتا إلى أهميتها.', [], ['[إحسان الحافيظي]'], 'a participle in a sentence opening with a name in apposition'],
  ['وأكد الحافظي أن “الأمن الإقليمي مسؤولية مشتركة بين الدول”. وتابع الحافظي: “لا بد من تنسيق أكبر بين الأجهزة”.', [], ['[الحافظي]', '[الحافظي]'], 'a name the recogniser missed is its own label'],
  ['وقال الوزير إن “الحكومة ستعلن عن الإجراءات الجديدة قريبا جدا”.', [], ['[الوزير]'], 'a title with no matching entity is a label'],
  ['قال رئيس الحكومة عزيز أخنوش إن “الحوار الاجتماعي سيستأنف الأسبوع المقبل”. ثم قال الأمين العام للنقابة الميلودي موخاريق إن “النقابة لم تتوصل بأي دعوة رسمية”.', [['PERSON', 'عزيز أخنوش', ['عزيز أخنوش'], ['رئيس الحكومة']], ['PERSON', 'الميلودي موخاريق', ['الميلودي موخاريق'], ['الأمين العام للنقابة']]], ['عزيز أخنوش', 'الميلودي موخاريق'], 'two named speakers in turn'],
  ['ونقلت وكالة المغرب العربي للأنباء عن مصدر مطلع قوله إن “المفاوضات وصلت إلى طريق مسدود تماما”.', [['ORG', 'وكالة المغرب العربي للأنباء', ['وكالة المغرب العربي للأنباء']]], ['[مصدر مطلع]'], 'a relayed quote: the source, not the agency'],
  ['وقال الباحث هشام الودغيري إن “الزيارة تعكس عمق الشراكة بين البلدين”. و ختم الودغيري بأن “التعاون سيتعزز في السنوات المقبلة”.', [['PERSON', 'هشام الودغيري', ['هشام الودغيري']], ['PERSON', 'ختم الودغيري', ['ختم الودغيري']]], ['هشام الودغيري', 'هشام الودغيري'], 'a cue glued to the front of a name ("و ختم X") is still a cue'],
  ['وقال رئيس الحكومة سعيد النوري إن “الحوار مع النقابات أسفر عن اتفاق شامل”، غير أن الدكتور كريم الزين، الكاتب العام للنقابة، قال للصحافة إن “النقابة لم توقع على أي اتفاق”.', [['PERSON', 'سعيد النوري', ['سعيد النوري']], ['PERSON', 'كريم الزين', ['كريم الزين']]], ['سعيد النوري', 'كريم الزين'], 'a second speaker in one sentence: the subject before the verb'],
  ['قال الوزير سعيد النوري إن الحوار مستمر، والتقى المدير كريم الزين ممثلي النقابات، مؤكدا أن “الاتفاق بات قريبا جدا من التوقيع”.', [['PERSON', 'سعيد النوري', ['سعيد النوري']], ['PERSON', 'كريم الزين', ['كريم الزين']]], ['كريم الزين'], 'a participle hangs on the latest clause subject'],
  ['وانتقد حسن العلمي رئيس الجمعية خالد البكري وقال إن “القرار يضر بمصالح الجميع”.', [['PERSON', 'حسن العلمي', ['العلمي']], ['PERSON', 'خالد البكري', ['خالد البكري'], ['رئيس الجمعية']]], ['حسن العلمي'], 'a coordinated verb: the subject of the clause before, not its object'],
  ['وفي ختام الاجتماع أصدر مجلس الأمن قرارا ودعا إلى “وقف فوري لإطلاق النار في جميع أنحاء البلاد”.', [['ORG', 'مجلس الأمن', ['مجلس الأمن']]], ['مجلس الأمن'], 'a coordinated verb after an institution'],
  ['ولفت العلمي، إلى ضرورة مراجعة القانون. وقال الخبير إن “النص الحالي لا يحمي الفئات الهشة”.', [], ['[العلمي]'], '"الخبير" after a إلى-complement speaker the recogniser missed'],
  ['وأوضح الباحث في الشؤون الأمنية رشيد الناصري أن التهديدات تغيرت. وقال الخبير إن “الخلايا النائمة باتت أكثر تعقيدا”.', [], ['[الباحث في الشؤون الأمنية رشيد الناصري]'], '"الخبير" is a researcher named with his role, not recognised'],
  ['وكتب أحد المستخدمين على فيسبوك: “هذا القرار لن يمر دون محاسبة”.', [], ['[أحد المستخدمين]'], 'an unnamed speaker phrase is a label'],
  ['بلاغ رسمي صدر أمس أعلن استقبال الوزير لنظيره.\n\nوجاء اللقاء في سياق “متابعة تنفيذ الاتفاقات الموقعة بين البلدين في المجال الأمني”.', [], ['[بلاغ رسمي]'], 'a quote without a cue, no speaker heard before: the communiqué that opens a sentence before it'],
  ['من جهته رفض السفير الفرنسي بمجلس الأمن اقتراح سامي وهبة بتأجيل التصويت، قائلا إنه لا يمكن القبول بـ“حلول مؤقتة لا تنهي الأزمة”.', [['PERSON', 'سامي وهبة', ['سامي وهبة']], ['ORG', 'مجلس الأمن', ['مجلس الأمن']]], ['[السفير الفرنسي]'], 'a participle: the title right after the sentence\'s verb is the subject, not the name in the genitive after it'],
];

for (const [text, specs, expected, label] of cases) {
  test(`attributeSpeakers: ${label}`, () => {
    const cs = clusters(text, specs);
    const quotes = findQuotes(text);
    assert.equal(quotes.length, expected.length, `quotes found: ${JSON.stringify(quotes.map((q) => q.text))}`);
    const got = attributeSpeakers(text, quotes, cs);
    assert.deepEqual(
      got.map((q) => (q.speaker === null ? null : q.speaker.cluster === null ? `[${q.speaker.label}]` : q.speaker.label)),
      expected,
    );
    for (const q of got) {
      if (q.speaker && q.speaker.cluster !== null) assert.equal(cs[q.speaker.cluster]!.label, q.speaker.label, 'cluster index and label agree');
    }
  });
}

test('attributeSpeakers keeps each quote and its cue', () => {
  const text = 'وقال بيرنز إن “الولايات المتحدة تقدر الشراكة الأمنية مع المغرب تقديرا كبيرا”.';
  const [q] = attributeSpeakers(text, findQuotes(text), clusters(text, [['PERSON', 'وليام بيرنز', ['بيرنز']]]));
  assert.equal(q!.cue, 'قال');
  assert.equal(text.slice(q!.start, q!.end), q!.text);
  assert.deepEqual(q!.speaker, { cluster: 0, label: 'وليام بيرنز' });
});

test('attributeSpeakers: no quotes, no clusters', () => {
  assert.deepEqual(attributeSpeakers('', [], []), []);
});
