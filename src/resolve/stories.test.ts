import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoryClusterer, contentTerms, type StoryItem } from './stories.js';

// Self-written reports (no corpus text).
const MEETING_A: StoryItem = {
  id: 'hespress-1',
  published: '2024-03-12',
  title: 'بوريطة يستقبل نظيره الموريتاني بالرباط',
  text: [
    'استقبل وزير الخارجية المغربي ناصر بوريطة، الثلاثاء بالرباط، نظيره الموريتاني محمد سالم ولد مرزوك.',
    'وتناولت المباحثات تعزيز التعاون الثنائي في الطاقة والنقل والصيد البحري والتنسيق الأمني على الحدود.',
    'وأكد الوزيران في ندوة صحفية مشتركة حرص البلدين على تفعيل الاتفاقيات الموقعة.',
  ].join('\n\n'),
  entities: ['bourita', 'ould-merzoug', 'morocco', 'mauritania', 'rabat'],
  events: ['CONSULT:bourita>ould-merzoug'],
};
const MEETING_B: StoryItem = {
  id: 'alakhbar-7',
  published: '2024-03-13',
  title: 'ولد مرزوك يبحث مع بوريطة في الرباط التعاون الأمني والطاقة',
  text: [
    'بحث وزير الشؤون الخارجية الموريتاني محمد سالم ولد مرزوك مع نظيره المغربي ناصر بوريطة في الرباط آفاق التعاون بين البلدين.',
    'وتطرق اللقاء إلى ملفات الطاقة والصيد البحري والنقل، إلى جانب التنسيق الأمني على الحدود المشتركة.',
    'وشدد الجانبان على ضرورة تفعيل الاتفاقيات الموقعة بين البلدين.',
  ].join('\n\n'),
  entities: ['ould-merzoug', 'bourita', 'mauritania', 'morocco', 'rabat'],
  events: ['CONSULT:ould-merzoug>bourita'],
};
const FLOODS: StoryItem = {
  id: 'assabah-3',
  published: '2024-03-12',
  title: 'فيضانات تغمر أحياء في نابل',
  text: [
    'غمرت مياه الأمطار الغزيرة عددا من الأحياء السكنية بولاية نابل التونسية ليلة الاثنين.',
    'وتدخلت وحدات الحماية المدنية لإجلاء العائلات العالقة، فيما أعلنت السلطات تعليق الدروس في المدارس.',
    'وتوقع المعهد الوطني للرصد الجوي تواصل التقلبات الجوية إلى غاية نهاية الأسبوع.',
  ].join('\n\n'),
  entities: ['nabeul', 'tunisia'],
};

test('two reports of one meeting make one story; a different event another', () => {
  const c = new StoryClusterer();
  assert.deepEqual(
    { ...c.add(MEETING_A), score: 0 },
    { story: 'hespress-1', created: true, score: 0 },
  );
  const b = c.add(MEETING_B);
  assert.equal(b.story, 'hespress-1');
  assert.equal(b.created, false);
  assert.ok(b.score >= c.threshold);
  const f = c.add(FLOODS);
  assert.equal(f.created, true);
  assert.equal(f.story, 'assabah-3');
  assert.equal(c.size, 2);
  const s = c.story('hespress-1')!;
  assert.deepEqual(s.items, ['hespress-1', 'alakhbar-7']);
  assert.equal(s.first, '2024-03-12');
  assert.equal(s.last, '2024-03-13');
  assert.deepEqual(s.entities.slice(0, 2).map((e) => e.count), [2, 2]);
  assert.equal(s.events.length, 2);
  assert.equal(c.storyOf('alakhbar-7'), 'hespress-1');
  // the same article again keeps its story
  assert.equal(c.add(MEETING_B).story, 'hespress-1');
});

test('the same words a month apart are another story', () => {
  const c = new StoryClusterer();
  c.add(MEETING_A);
  const later = c.add({ ...MEETING_B, id: 'later', published: '2024-04-15' });
  assert.equal(later.created, true);
  // undated: time does not count against it, so it joins a story
  assert.equal(c.add({ ...MEETING_B, id: 'undated', published: null }).created, false);
});

test('clustering is deterministic', () => {
  const run = () => {
    const c = new StoryClusterer();
    return [MEETING_A, FLOODS, MEETING_B].map((x) => c.add(x));
  };
  assert.deepEqual(run(), run());
});

test('label is the most central title; summary has at most 3 sentences and no near-repeats', () => {
  const c = new StoryClusterer();
  const third: StoryItem = {
    id: 'agency-2',
    published: '2024-03-12',
    title: 'المغرب وموريتانيا يبحثان التعاون في الطاقة والأمن',
    text: [
      'استقبل وزير الخارجية المغربي ناصر بوريطة الثلاثاء في الرباط نظيره الموريتاني محمد سالم ولد مرزوك.',
      'وتناولت المباحثات تعزيز التعاون الثنائي في مجالات الطاقة والنقل والصيد البحري.',
      'ومن المنتظر أن تنعقد الدورة المقبلة للجنة العليا المشتركة في نواكشوط قبل نهاية السنة.',
    ].join('\n\n'),
    entities: ['bourita', 'ould-merzoug', 'morocco', 'mauritania'],
  };
  for (const x of [MEETING_A, MEETING_B, third]) c.add(x);
  assert.equal(c.size, 1);
  const label = c.storyLabel('hespress-1');
  assert.ok([MEETING_A.title, MEETING_B.title, third.title].includes(label));
  const summary = c.summarise('hespress-1');
  assert.ok(summary.length >= 2 && summary.length <= 3, JSON.stringify(summary));
  for (let i = 0; i < summary.length; i++) {
    for (let j = i + 1; j < summary.length; j++) {
      const a = new Set(contentTerms(summary[i]!));
      const b = new Set(contentTerms(summary[j]!));
      const shared = [...a].filter((k) => b.has(k)).length;
      assert.ok(shared / Math.min(a.size, b.size) <= 0.5, `near-repeat: ${summary[i]} / ${summary[j]}`);
    }
  }
  assert.deepEqual(c.summarise('missing'), []);
  assert.equal(c.storyLabel('missing'), null);
});

test('without kept texts, the texts of the central articles handed in give the same label and summary', () => {
  const untitled = (x: StoryItem): StoryItem => ({ ...x, title: null });
  const items = [untitled(MEETING_A), untitled(MEETING_B), FLOODS];
  const kept = new StoryClusterer();
  const lean = new StoryClusterer({ keepText: false });
  for (const x of items) assert.deepEqual(lean.add(x), kept.add(x));
  const central = lean.centralItems('hespress-1');
  assert.deepEqual(new Set(central), new Set(['hespress-1', 'alakhbar-7']));
  assert.deepEqual(lean.centralItems('hespress-1', 1), central.slice(0, 1));
  const texts = new Map(items.map((x) => [x.id, { title: x.title, text: x.text }]));
  assert.equal(lean.storyLabel('hespress-1', texts), kept.storyLabel('hespress-1'));
  assert.ok(lean.storyLabel('hespress-1', texts)!.length > 20);
  assert.deepEqual(lean.summarise('hespress-1', 3, texts), kept.summarise('hespress-1'));
  // nothing handed in: no text to summarise, but a titled story keeps its label
  assert.deepEqual(lean.summarise('hespress-1'), []);
  assert.equal(lean.storyLabel('hespress-1'), null);
  assert.equal(lean.storyLabel('assabah-3'), FLOODS.title);
  assert.deepEqual(lean.centralItems('missing'), []);
});

test('content terms leave out function words and short numbers', () => {
  const t = contentTerms('قال الوزير إن 12 جنديا قتلوا في عام 2024 في الرباط');
  assert.ok(!t.includes('في') && !t.includes('12'));
  assert.ok(t.includes('2024'));
  assert.ok(t.some((k) => k.includes('رباط')));
});
