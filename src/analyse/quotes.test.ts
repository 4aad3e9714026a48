import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCues, findQuotes, reportingCueKind } from './quotes.js';

/**
 * Regression cases: text, expected quotes as [quote text, cue text or null, speaker span
 * text ('' = none; absent = not checked)], label. Paragraphs are written for these tests.
 */
type Expected = [string, string | null, string?];
const cases: [string, Expected[], string][] = [
  ['وقال الوزير إن بلاده "لن تقبل بذلك".', [['لن تقبل بذلك', 'قال', 'الوزير']], 'partial quote inside reported speech'],
  ['وقال وزير الخارجية ناصر بوريطة: «إن المغرب ماض في شراكاته مع الدول الإفريقية».', [['إن المغرب ماض في شراكاته مع الدول الإفريقية', 'قال', 'وزير الخارجية ناصر بوريطة']], 'guillemets after a colon'],
  ['أكد المتحدث أن “الحكومة ستواصل دعم الأسر المتضررة من الفيضانات”.', [['الحكومة ستواصل دعم الأسر المتضررة من الفيضانات', 'أكد', 'المتحدث']], 'curly quotes after أن'],
  ['“نحن لا نبحث عن التصعيد مع أي طرف”، قال الرئيس في مؤتمر صحافي.', [['نحن لا نبحث عن التصعيد مع أي طرف', 'قال', 'الرئيس']], 'cue after the quote; "في مؤتمر" ends the speaker'],
  ['التقى المدير العام بمدير مكتب التحقيقات الفيدرالي “إف بي آي” في واشنطن.', [], 'a quoted acronym is no quote'],
  ['وتبنى تنظيم “داعش” الهجوم الذي استهدف الحافلة.', [], 'a quoted name is no quote'],
  ['وقال الخبير إن المنطقة تحولت إلى “برميل بارود” بسبب تراكم الأزمات.', [], 'a scare-quoted term under a cue is no quote'],
  ['وقال إن “إف بي آي” ستشارك في التحقيق.', [], 'a quoted name right after إن is no quote'],
  ['وأضاف الباحث: “إن ما يسمى “الربيع العربي” لم يحقق أهدافه في المنطقة”.', [['إن ما يسمى “الربيع العربي” لم يحقق أهدافه في المنطقة', 'أضاف', 'الباحث']], 'a nested quote is part of the outer one'],
  ['وأوضح الخبير: «تسمية “الذئاب المنفردة” لا تعكس حقيقة هذه الخلايا الإرهابية».', [['تسمية “الذئاب المنفردة” لا تعكس حقيقة هذه الخلايا الإرهابية', 'أوضح', 'الخبير']], 'curly nested in guillemets'],
  ['وقال السفير: “العلاقات بين البلدين تمر بمرحلة ممتازة وستتعزز أكثر\n\nوفي سياق آخر، افتتح المعرض الدولي للكتاب أبوابه يوم الخميس.', [['العلاقات بين البلدين تمر بمرحلة ممتازة وستتعزز أكثر', 'قال', 'السفير']], 'an unclosed quote stops at its paragraph'],
  ['وأكد الخبير أن “المنطقة تعيش وضعا يشبه “برميل بارود”، خاصة بعد الانقلابات الأخيرة.', [['المنطقة تعيش وضعا يشبه “برميل بارود', 'أكد', 'الخبير']], 'unclosed outer quote shares the inner closing mark'],
  ['وقال المسؤول: "سنعمل على تسريع وتيرة الإصلاحات" مضيفا أن "الحكومة لن تتراجع عن التزاماتها".', [['سنعمل على تسريع وتيرة الإصلاحات', 'قال', 'المسؤول'], ['الحكومة لن تتراجع عن التزاماتها', 'مضيفا', '']], 'straight quotes paired in order'],
  ['وصرح مصدر أمني لـ"هسبريس" بأن "الأبحاث ما زالت جارية لتحديد هوية المتورطين".', [['الأبحاث ما زالت جارية لتحديد هوية المتورطين', 'صرح', 'مصدر أمني']], 'a quoted outlet name is no quote; the outlet ends the speaker'],
  ['وانتقد الوزير القرار، واصفا إياه بـ”خطوة غير مسبوقة تضر بالثقة المتبادلة بين البلدين”.', [['خطوة غير مسبوقة تضر بالثقة المتبادلة بين البلدين', 'واصفا', '']], 'a closing-shaped mark used as opener after بـ'],
  ['“الزيارة تندرج في إطار تعزيز التعاون الأمني بين البلدين”، حسب بلاغ للمديرية العامة للأمن الوطني.', [['الزيارة تندرج في إطار تعزيز التعاون الأمني بين البلدين', 'حسب', 'بلاغ للمديرية العامة للأمن الوطني']], '"according to" after the quote'],
  ['وتناولت المباحثات، حسب البلاغ، “سبل مواجهة التهديدات الإرهابية العابرة للحدود وتبادل المعلومات”.', [['سبل مواجهة التهديدات الإرهابية العابرة للحدود وتبادل المعلومات', 'حسب', 'البلاغ']], '"according to" before the quote'],
  ['وسيبحث المسؤول الأمريكي “قضايا الأمن والاستقرار والتنمية الاقتصادية في المنطقة”، حسبما أفاد به بيان للسفارة.', [['قضايا الأمن والاستقرار والتنمية الاقتصادية في المنطقة', 'حسبما أفاد به', 'بيان للسفارة']], 'حسبما أفاد به: a multi-word cue'],
  ['واستطرد قائلا: “هناك تنسيق يومي بين الأجهزة الأمنية في البلدين”.', [['هناك تنسيق يومي بين الأجهزة الأمنية في البلدين', 'قائلا', '']], 'a participle cue has no speaker span'],
  ['وذكرت صحيفة "نيويورك تايمز" أمس أن العقوبات ستفرض قريبا.', [], 'a quoted name in construct with an indefinite head noun (صحيفة) is no quote, even under a cue'],
  ['وقالت الحركة «إننا لن نتراجع عن مطالبنا».', [['إننا لن نتراجع عن مطالبنا', 'قالت', 'الحركة']], 'a definite noun before the quote is its speaker, not a name head'],
  ['وقدم الفنان برنامجا تلفزيونيا بعنوان «من أجل الناس».', [], 'a title after بعنوان is no quote'],
  ['وهتف المحتجون «الشعب يريد إسقاط الحكومة» و«لا للفساد».', [], 'chanted slogans are no quotes'],
  ['ورفع المشاركون لافتات كتب عليها «لا للحرب على المدنيين».', [], 'words on a banner are no quote'],
  ['وردا على سؤال أجاب المبعوث "لن يخيفنا أي شيء".', [['لن يخيفنا أي شيء', 'أجاب', 'المبعوث']], 'أجاب (answered) is a reporting verb'],
  ['“لا يمكن أن نواجه هذه التحديات إلا بتعاون إقليمي حقيقي ومستدام”.', [['لا يمكن أن نواجه هذه التحديات إلا بتعاون إقليمي حقيقي ومستدام', null]], 'a long clause with no cue is a quote'],
  ['وحذر التقرير من خطر تنظيمي "القاعدة في بلاد المغرب الإسلامي" و"داعش" في المنطقة.', [], 'organisation names under a cue are no quotes'],
  ['وصدر للكاتب كتاب بعنوان “الأمن الإقليمي في شمال إفريقيا والساحل” عن دار نشر مغربية.', [], 'a book title is no quote'],
  ['وقال الملك في خطابه:\n\n«إن الوحدة الترابية للمملكة ليست موضوع مساومة».', [['إن الوحدة الترابية للمملكة ليست موضوع مساومة', 'قال', 'الملك']], 'a quote paragraph after a cue ending with a colon'],
  ['وقالت الوزيرة: «نعمل على توسيع الحماية الاجتماعية لتشمل جميع الأسر»', [['نعمل على توسيع الحماية الاجتماعية لتشمل جميع الأسر', 'قالت', 'الوزيرة']], 'feminine verb'],
  ['“لن نسمح بأي مساس بأمن المواطنين”، يقول المسؤول الأمني.', [['لن نسمح بأي مساس بأمن المواطنين', 'يقول', 'المسؤول الأمني']], 'imperfect verb after the quote'],
  ['وقال الوزير إن “الإصلاح ضروري ولا يحتمل التأجيل” و“الحوار مفتوح مع كل النقابات المهنية”.', [['الإصلاح ضروري ولا يحتمل التأجيل', 'قال', 'الوزير'], ['الحوار مفتوح مع كل النقابات المهنية', 'قال', 'الوزير']], 'two quotes under one cue'],
  ['وقال المتحدث: "نرفض".', [['نرفض', 'قال', 'المتحدث']], 'a one-word verb quoted after a cue'],
  ['يذكر أن “الاتفاقية تنص على تبادل المعلومات بين الطرفين بشكل منتظم ودائم”.', [['الاتفاقية تنص على تبادل المعلومات بين الطرفين بشكل منتظم ودائم', null]], '"يذكر أن" is an idiom, not a cue'],
  ['وحضر اللقاء مدير مكتب التحقيقات الفيدرالي كريستوفر راي”. وأكد البلاغ أن “اللقاء تناول سبل تعزيز التعاون الثنائي في المجال الأمني”.', [['اللقاء تناول سبل تعزيز التعاون الثنائي في المجال الأمني', 'أكد', 'البلاغ']], 'a closing mark with no opener is ignored'],
  ['وقال مسؤولون أمريكيون إن "واشنطن تتابع التطورات في المنطقة عن كثب".', [['واشنطن تتابع التطورات في المنطقة عن كثب', 'قال', 'مسؤولون أمريكيون']], 'plural unnamed speakers'],
  ['وأضاف: “الوضع صعب. لكننا سنتجاوزه بالعمل الجماعي”.', [['الوضع صعب. لكننا سنتجاوزه بالعمل الجماعي', 'أضاف', '']], 'a quote of two sentences; a bare verb'],
  ['وبيرنز قال إن “التعاون الاستخباراتي بين البلدين وصل إلى مستوى غير مسبوق”.', [['التعاون الاستخباراتي بين البلدين وصل إلى مستوى غير مسبوق', 'قال', 'وبيرنز']], 'subject before the verb'],
  ['وأكد الحافيظي، في تصريح لجريدة هسبريس، أن “المغرب شريك موثوق في منطقة مضطربة”.', [['المغرب شريك موثوق في منطقة مضطربة', 'أكد', 'الحافيظي']], 'the speaker ends at the comma'],
  ['وجاء في سياق “تعزيز العلاقات الثنائية بين البلدين في مختلف المجالات والقطاعات”.', [['تعزيز العلاقات الثنائية بين البلدين في مختلف المجالات والقطاعات', null]], '"جاء في سياق" is not "جاء في البلاغ"'],
  ['وجاء في البلاغ أن “المصالح الأمنية حجزت كميات كبيرة من المخدرات”.', [['المصالح الأمنية حجزت كميات كبيرة من المخدرات', 'جاء في', 'البلاغ']], '"جاء في" before a document'],
  ['ونقلت وكالة الأنباء عن مصدر مطلع قوله إن “المفاوضات وصلت إلى طريق مسدود تماما”.', [['المفاوضات وصلت إلى طريق مسدود تماما', 'نقلت', 'مصدر مطلع']], 'a relayed quote: the speaker follows عن'],
  ['وتساءل الكاتب: “من يتحمل مسؤولية هذا الفشل الذريع؟”', [['من يتحمل مسؤولية هذا الفشل الذريع؟', 'تساءل', 'الكاتب']], 'a quoted question'],
  ['وأعرب الوزير عن "قلقه" إزاء التطورات الأخيرة.', [], 'a short stretch right after a preposition is the object, not a quote'],
  ['وقال ان « الحكومة قادرة على الحل » وطالب بإصلاحات عاجلة.', [['الحكومة قادرة على الحل', 'قال', '']], 'four words after قال ان, spaces inside the marks, a coordinated clause after'],
  ['واتهمه «بالعمل على تقويض الاستقرار في المنطقة منذ سنوات».', [['بالعمل على تقويض الاستقرار في المنطقة منذ سنوات', 'اتهمه', '']], 'a partial quote after اتهم with an object pronoun'],
  ['ودعا المجلس إلى «وقف فوري لإطلاق النار في كل المناطق».', [['وقف فوري لإطلاق النار في كل المناطق', 'دعا', 'المجلس']], 'a partial quote after دعا إلى'],
  ['وكتب أحد المستخدمين على فيسبوك: “هذا القرار لن يمر دون محاسبة”.', [['هذا القرار لن يمر دون محاسبة', 'كتب', 'أحد المستخدمين']], 'كتب introduces a quote; an unnamed speaker phrase'],
  ['وقال للصحافة إن “الأسعار ستنخفض قريبا في كل الأسواق”.', [['الأسعار ستنخفض قريبا في كل الأسواق', 'قال', '']], 'للـ after the verb is the addressee, not the speaker'],
];

for (const [text, expected, label] of cases) {
  test(`findQuotes: ${label}`, () => {
    const got = findQuotes(text);
    assert.deepEqual(
      got.map((q) => [q.text, q.cue?.text ?? null]),
      expected.map((e) => [e[0], e[1]]),
    );
    got.forEach((q, i) => {
      assert.equal(text.slice(q.start, q.end), q.text, 'span and text agree');
      if (q.cue) assert.equal(text.slice(q.cue.start, q.cue.end), q.cue.text, 'cue span and text agree');
      const span = expected[i]![2];
      if (span !== undefined) assert.equal(q.speakerSpan ? text.slice(q.speakerSpan.start, q.speakerSpan.end) : '', span, 'speaker span');
    });
  });
}

test('findQuotes: an unclosed quote never runs past its paragraph', () => {
  const text = 'وقال المدير: “الوضع تحت السيطرة تماما ولا داعي للقلق\nوفي خبر آخر، ارتفعت أسعار المحروقات في الأسواق المحلية.';
  const [q] = findQuotes(text);
  assert.ok(q);
  assert.ok(!q.text.includes('\n'));
  assert.equal(q.end, text.indexOf('\n'));
});

test('findQuotes: empty text and text without quotes', () => {
  assert.deepEqual(findQuotes(''), []);
  assert.deepEqual(findQuotes('استقبل رئيس الحكومة وفدا برلمانيا.'), []);
});

test('reportingCueKind reads the data file, with و/ف', () => {
  assert.equal(reportingCueKind('وأضاف'), 'verb');
  assert.equal(reportingCueKind('فأكدت'), 'verb');
  assert.equal(reportingCueKind('قائلاً'), 'participle');
  assert.equal(reportingCueKind('وحسب'), 'according');
  assert.equal(reportingCueKind('الحكومة'), null);
});

test('findCues: a verb of pointing out with a إلى complement is reported speech; زاد إلى is not', () => {
  const cues = findCues('ولفت العلمي، إلى ضرورة مراجعة القانون. وزاد عدد الزوار إلى ألف زائر.');
  assert.deepEqual(cues.map((c) => c.text), ['لفت']);
});

test('findCues lists reported speech too', () => {
  const text = 'وأكد الحافيظي أن التعاون مثمر. وزاد عدد الزوار هذه السنة. وقال: “سنواصل العمل مع شركائنا في المنطقة”.';
  const cues = findCues(text);
  assert.deepEqual(cues.map((c) => [c.text, c.kind, c.quote]), [['أكد', 'verb', false], ['قال', 'verb', true]]);
  assert.equal(text.slice(cues[0]!.speakerSpan!.start, cues[0]!.speakerSpan!.end), 'الحافيظي');
});

test('runs of quotes or cues with no sentence end are read in linear time (fuzzing regression, issue #8: was quadratic)', () => {
  const t0 = performance.now();
  findQuotes(': «نص» '.repeat(12_000));
  assert.ok(findCues('بحسب '.repeat(16_000)).length > 0);
  assert.ok(performance.now() - t0 < 3000, `took ${Math.round(performance.now() - t0)} ms`);
});
