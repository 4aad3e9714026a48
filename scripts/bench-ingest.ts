/**
 * Ingest time per article as the store grows (issue #6): it must grow no faster than
 * near-linearly in the number of articles.
 *
 *   npm run bench:ingest [-- --articles 10000] [-- --block 1000] [-- --threads T] [-- --json] [-- --keep-db PATH] [-- --heap-snapshot PATH]
 *
 * --threads T: T worker threads extract and analyse the text of pages ahead of the thread that
 * writes the store (`ingest`'s `threads`); default 0, all in one thread.
 * Run as `node --expose-gc dist/scripts/bench-ingest.js …` to have each block's heap MB (the
 * main thread's live heap: what ingest keeps in memory as the store grows) measured after a
 * full collection. --heap-snapshot PATH writes the main thread's heap after the last block, with
 * the store still open (to see in Chrome's DevTools what the growth is made of).
 *
 * Corpus: real Arabic news sentences — the labelled event sentences of ../shared/data/events
 * (`readGsrSentences`), the news sentences of ANERcorp (tokens re-joined), and the sentences
 * of the seeds' and the Arabic HTML pages' article text — recombined with a seeded PRNG, so
 * every run builds the same articles and the first 1,000 of a 10,000 run are the 1,000 of a
 * 1,000 run. When ../shared is absent a small self-written set of sentences is used instead
 * (said so on stderr; the numbers then mean little). Each article is a small HTML page with
 * navigation, a byline, a share bar and a footer around its paragraphs, a title, an outlet
 * (og:site_name, 8 outlets), a publication date spread over 2022, and a canonical URL:
 *   - ~55% belong to a "story": a story has 8–12 core sentences and a date, its articles
 *     take 3–6 of those core sentences (plus 5–12 other sentences) and are dated within
 *     ±2 days of it; a new story starts for ~30% of story articles, the others join one of
 *     the 60 most recent stories;
 *   - ~10% are edited copies of one of the last 300 articles (near-duplicates): another
 *     outlet, and one or more of: a paragraph dropped, a boilerplate line added, the
 *     sentences of one paragraph reordered, a sentence replaced (always at least one edit, so
 *     the text differs); the same day or the next; half with a suffix added to the title;
 *   - the rest are standalone: 6–18 sentences drawn from the whole pool.
 *
 * Pipeline: the real `ingest` generator of src/app/ingest.ts (read file → extract →
 * store.put → analyseArticle → near-duplicates and stories), called once per block over a
 * temp folder holding that block's pages (written before the block's timer starts and
 * removed after it), into a fresh SQLite file under os.tmpdir() (removed at the end unless
 * --keep-db). Stages are timed without touching the pipeline: the store handed to `ingest`
 * is a proxy that timestamps every store call, and since `analyseArticle` always stores
 * entities, then quotes, then events, the time between those calls is the time of each
 * step; what comes before `put` is reading and extracting, what comes after the events is
 * near-duplicates and stories.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seededRandom } from '../src/model/seeded-random.js';
import { sharedPath } from '../src/model/paths.js';
import { readFilePage } from '../src/sources/files.js';
import { extractArticle } from '../src/extract/extract.js';
import { Fetcher } from '../src/sources/fetcher.js';
import { openStore } from '../src/app/open-store.js';
import { ingest } from '../src/app/ingest.js';
import type { MarsadStore } from '../src/store/store.js';
import { readGsrSentences } from './events-gsr-data.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = opt('articles', 10_000);
const BLOCK = opt('block', 1000);
const json = args.includes('--json');
const threads = opt('threads', 0);
/** The value after `--name`, null when the option is absent. */
const pathOpt = (name: string): string | null => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] ?? null : null);
const keepDb = pathOpt('keep-db');
const heapSnapshot = pathOpt('heap-snapshot');
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(BLOCK) || BLOCK < 1 || !Number.isInteger(threads) || threads < 0) {
  console.error('usage: bench-ingest [--articles N] [--block B] [--threads T] [--json] [--keep-db PATH] [--heap-snapshot PATH]');
  process.exit(2);
}

// ------------------------------------------------------------------ sentences

/** Self-written stand-ins, used only when ../shared is absent. */
const BUILT_IN = [
  'التقى وزير الخارجية ناصر بوريطة نظيره الإسباني خوسيه مانويل ألباريس في الرباط يوم الثلاثاء.',
  'وبحث الجانبان سبل تعزيز التعاون الثنائي في مجالات الأمن والهجرة والطاقة.',
  'وأعلنت وزارة الداخلية أن الأمطار الغزيرة تسببت في قطع عدد من الطرق في شمال البلاد.',
  'وقال المتحدث باسم الحكومة إن الحكومة ستعلن عن حزمة دعم جديدة للأسر المتضررة.',
  'وتظاهر مئات الطلاب أمام مقر البرلمان للمطالبة بتحسين ظروف الدراسة في الجامعات.',
  'واستقبل الرئيس عبد المجيد تبون وفدا من رجال الأعمال الفرنسيين في قصر المرادية.',
  'وأكد البنك المركزي أن معدل التضخم تراجع خلال الربع الأخير من السنة.',
  'وأفادت مصادر محلية بأن قوات الأمن فرقت المحتجين بالغاز المسيل للدموع.',
  'وزار الأمين العام للأمم المتحدة أنطونيو غوتيريش مخيمات اللاجئين في الأردن.',
  'وأجرى وزير الدفاع اتصالا هاتفيا مع نظيره الأمريكي لبحث الوضع في المنطقة.',
  'وأشار التقرير إلى أن صادرات الفوسفات ارتفعت بنسبة كبيرة مقارنة بالعام الماضي.',
  'ودعت منظمة الصحة العالمية إلى تكثيف حملات التلقيح في المناطق النائية.',
  'وأضاف الوزير أن المشروع سيوفر آلاف فرص العمل للشباب في الجهات الجنوبية.',
  'وانطلقت في القاهرة أشغال القمة العربية بمشاركة عدد من رؤساء الدول والحكومات.',
  'وأعلن الاتحاد الأوروبي عن مساعدات إنسانية جديدة لفائدة المتضررين من الزلزال.',
  'وشهدت مدينة بيروت احتجاجات على ارتفاع أسعار الوقود والخبز.',
  'وقالت وكالة الأنباء الرسمية إن الملك محمد السادس ترأس مجلسا للوزراء في القصر الملكي.',
  'وأوقفت الشرطة ثلاثة أشخاص يشتبه في تورطهم في عملية سطو على وكالة بنكية.',
  'وأوضح رئيس الحكومة عزيز أخنوش أن الإصلاح الضريبي سيدخل حيز التنفيذ في يناير المقبل.',
  'وفاز المنتخب الوطني على نظيره التونسي بهدفين دون رد في مباراة ودية.',
  'واعتبر المحلل السياسي أن الانتخابات المقبلة ستكون حاسمة لمستقبل البلاد.',
  'وطالبت النقابات بالزيادة في الأجور ومراجعة نظام التقاعد.',
  'ووقعت الحكومة اتفاقية شراكة مع البنك الدولي لتمويل مشاريع البنية التحتية.',
  'وذكرت وسائل إعلام محلية أن حريقا اندلع في غابة قرب مدينة تطوان.',
];

async function sentencePool(): Promise<{ pool: string[]; from: string }> {
  const pool = new Set<string>();
  const add = (text: string) => {
    for (const s of text.split(/(?<=[.!?؟])\s+/)) {
      const t = s.trim();
      if (t.length > 40 && /[\u0600-\u06FF]/.test(t)) pool.add(t);
    }
  };
  const shared = sharedPath();
  if (!shared) {
    console.error('bench-ingest: ../shared is absent: using the small built-in set of self-written sentences (numbers are indicative only)');
    for (const s of BUILT_IN) pool.add(s);
    return { pool: [...pool], from: `${BUILT_IN.length} built-in self-written sentences (../shared absent)` };
  }
  const from: string[] = [];
  const gsr = [...(readGsrSentences('protest') ?? []), ...(readGsrSentences('assault') ?? [])];
  if (gsr.length) {
    for (const s of gsr) add(s.text);
    from.push(`${gsr.length} event sentences (arabic_event_gsr)`);
  }
  const ner = sharedPath('data', 'ner', 'anercorp-camel-train.txt');
  if (ner) {
    for (const block of readFileSync(ner, 'utf8').split(/\n\s*\n/)) add(block.split('\n').map((l) => l.split(' ')[0]).join(' '));
    from.push('ANERcorp news sentences');
  }
  const pages: string[] = [];
  const seeds = sharedPath('seeds');
  const html = sharedPath('data', 'arabic-html');
  if (seeds) pages.push(...readdirSync(seeds).map((f) => join(seeds, f)));
  if (html) pages.push(...readdirSync(html).filter((f) => f.endsWith('.html')).map((f) => join(html, f)));
  for (const f of pages) {
    try {
      add(extractArticle(await readFilePage(f)).text);
    } catch {
      // a page that does not extract contributes nothing
    }
  }
  if (pages.length) from.push(`the text of ${pages.length} seed and arabic-html pages`);
  if (pool.size < 50) {
    for (const s of BUILT_IN) pool.add(s);
    from.push('built-in sentences (too few found in ../shared)');
  }
  return { pool: [...pool], from: from.join(', ') };
}

// ------------------------------------------------------------------ synthetic articles

interface Outlet {
  site: string;
  domain: string;
}
const OUTLETS: Outlet[] = [
  { site: 'هسبريس', domain: 'www.hespress.com' },
  { site: 'فبراير', domain: 'febrayer.com' },
  { site: 'الصباح', domain: 'www.assabah.com.tn' },
  { site: 'LBCI', domain: 'www.lbcgroup.tv' },
  { site: 'الجزيرة نت', domain: 'www.aljazeera.net' },
  { site: 'العربية', domain: 'www.alarabiya.net' },
  { site: 'الشرق الأوسط', domain: 'aawsat.com' },
  { site: 'اليوم السابع', domain: 'www.youm7.com' },
];
const SECTIONS = ['سياسة', 'اقتصاد', 'مجتمع', 'دولي', 'رياضة', 'ثقافة'];
const AUTHORS = ['سكينة المهتدي', 'يوسف بلعربي', 'هدى الزين', 'كريم منصور', 'ليلى حداد', 'محمد الأمين', 'سارة القاسمي'];
const BOILERPLATE = [
  'تابعوا آخر الأخبار عبر تطبيقنا على الهواتف الذكية.',
  'وللمزيد من التفاصيل يرجى متابعة التغطية المستمرة على موقعنا.',
  'المصدر: وكالات الأنباء ومراسلونا في المنطقة.',
];
const DAY = 86_400_000;
const YEAR_START = Date.UTC(2022, 0, 1);

interface Synth {
  title: string;
  outlet: Outlet;
  section: string;
  author: string;
  day: number; // days since 2022-01-01
  minute: number;
  paragraphs: string[][];
  /** what it is, for the report */
  kind: 'story' | 'copy' | 'standalone';
}

interface Story {
  core: string[];
  day: number;
}

function corpus(pool: string[], seed: number) {
  const rand = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const sample = (xs: readonly string[], n: number) => {
    const out: string[] = [];
    const used = new Set<number>();
    while (out.length < Math.min(n, xs.length)) {
      const i = Math.floor(rand() * xs.length);
      if (!used.has(i)) {
        used.add(i);
        out.push(xs[i]!);
      }
    }
    return out;
  };
  const toParagraphs = (sentences: string[]) => {
    const ps: string[][] = [];
    for (let i = 0; i < sentences.length; ) {
      const n = int(1, 3);
      ps.push(sentences.slice(i, i + n));
      i += n;
    }
    return ps;
  };
  const titleOf = (s: string) => s.split(/\s+/).slice(0, int(6, 10)).join(' ').replace(/[.،,:؛]+$/, '');
  const stories: Story[] = [];
  const recent: Synth[] = [];

  return function next(): Synth {
    const r = rand();
    let a: Synth;
    if (r < 0.1 && recent.length > 0) {
      // an edited copy of a recent article, at another outlet
      const src = pick(recent);
      const paragraphs = src.paragraphs.map((p) => [...p]);
      let edited = false;
      if (paragraphs.length > 3 && rand() < 0.6) {
        paragraphs.splice(int(1, paragraphs.length - 1), 1);
        edited = true;
      }
      if (rand() < 0.5) {
        paragraphs.push([pick(BOILERPLATE)]);
        edited = true;
      }
      const p = paragraphs[int(0, paragraphs.length - 1)]!;
      if (p.length > 1 && rand() < 0.4) {
        p.reverse();
        edited = true;
      }
      // always edited: a copy whose text is unchanged is the same article to the store
      if (!edited || rand() < 0.5) {
        const q = paragraphs[int(0, paragraphs.length - 1)]!;
        q[int(0, q.length - 1)] = pick(pool);
      }
      let outlet = pick(OUTLETS);
      while (outlet === src.outlet) outlet = pick(OUTLETS);
      a = { ...src, outlet, author: pick(AUTHORS), day: Math.min(364, src.day + int(0, 1)), minute: int(0, 1439), paragraphs, kind: 'copy' };
      if (rand() < 0.5) a.title = `${src.title} (${pick(['فيديو', 'تفاصيل', 'محدث'])})`;
    } else if (r < 0.65) {
      let story: Story;
      if (stories.length === 0 || rand() < 0.3) {
        story = { core: sample(pool, int(8, 12)), day: int(0, 364) };
        stories.push(story);
        if (stories.length > 60) stories.shift();
      } else story = pick(stories);
      const sentences = [...sample(story.core, int(3, 6)), ...sample(pool, int(5, 12))];
      // the story's sentences lead, as a news article's first paragraphs tell the happening
      const lead = sentences.slice(0, 2);
      const rest = sentences.slice(2).sort(() => rand() - 0.5);
      a = {
        title: titleOf(lead[0]!),
        outlet: pick(OUTLETS),
        section: pick(SECTIONS),
        author: pick(AUTHORS),
        day: Math.max(0, Math.min(364, story.day + int(-2, 2))),
        minute: int(0, 1439),
        paragraphs: toParagraphs([...lead, ...rest]),
        kind: 'story',
      };
    } else {
      const sentences = sample(pool, int(6, 18));
      a = {
        title: titleOf(sentences[0]!),
        outlet: pick(OUTLETS),
        section: pick(SECTIONS),
        author: pick(AUTHORS),
        day: int(0, 364),
        minute: int(0, 1439),
        paragraphs: toParagraphs(sentences),
        kind: 'standalone',
      };
    }
    recent.push(a);
    if (recent.length > 300) recent.shift();
    return a;
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function html(a: Synth, i: number): string {
  const date = new Date(YEAR_START + a.day * DAY + a.minute * 60_000).toISOString().slice(0, 16);
  const url = `https://${a.outlet.domain}/${i}.html`;
  return `<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>${esc(a.title)} - ${esc(a.outlet.site)}</title>
<meta property="og:site_name" content="${esc(a.outlet.site)}">
<meta property="og:title" content="${esc(a.title)}">
<meta property="article:published_time" content="${date}:00+01:00">
<link rel="canonical" href="${url}">
</head><body>
<header><nav><a href="/">الرئيسية</a> <a href="/politique">سياسة</a> <a href="/eco">اقتصاد</a> <a href="/sport">رياضة</a> <a href="/contact">اتصل بنا</a></nav></header>
<main><article>
<div class="breadcrumb"><a href="/">الرئيسية</a> / <a href="/s">${esc(a.section)}</a></div>
<h1>${esc(a.title)}</h1>
<div class="meta"><span class="author">${esc(a.author)}</span> <time datetime="${date}">${date.slice(0, 10)}</time></div>
<div class="share"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
<div class="content">
${a.paragraphs.map((p) => `<p>${esc(p.join(' '))}</p>`).join('\n')}
</div>
</article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/a">أخبار متفرقة من الجهات</a></li><li><a href="/b">حالة الطقس غدا</a></li></ul></aside>
</main>
<footer>جميع الحقوق محفوظة © ${esc(a.outlet.site)} 2022</footer>
</body></html>
`;
}

// ------------------------------------------------------------------ timing

const STAGES = ['setup', 'extract', 'put', 'text', 'entities', 'entities.db', 'quotes', 'quotes.db', 'events', 'events.db', 'stories', 'stories.db', 'flush'] as const;
type Stage = (typeof STAGES)[number];
interface Call {
  name: string;
  t0: number;
  t1: number;
}

/** A store whose every method call is timestamped (calls the store makes on itself are not seen). */
function timedStore(store: MarsadStore, calls: Call[]): MarsadStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...a: unknown[]) => {
        const call: Call = { name: String(prop), t0: performance.now(), t1: 0 };
        calls.push(call);
        const r = (v as (...x: unknown[]) => unknown).apply(target, a);
        if (r instanceof Promise) {
          return r.then(
            (x) => ((call.t1 = performance.now()), x),
            (e) => {
              call.t1 = performance.now();
              throw e;
            },
          );
        }
        call.t1 = performance.now();
        return r;
      };
    },
  });
}

/**
 * Splits the time of one article (from the generator's resume to its yield) into stages by
 * the store calls made meanwhile.
 */
function attribute(calls: Call[], from: number, to: number, acc: Record<Stage, number>): void {
  const last = (name: string) => {
    for (let i = calls.length - 1; i >= 0; i--) if (calls[i]!.name === name) return calls[i]!;
    return null;
  };
  const dbIn = (a: number, b: number) => calls.filter((c) => c.t0 >= a && c.t1 <= b).reduce((s, c) => s + (c.t1 - c.t0), 0);
  let t = from;
  const setup = last('loadKnownActors');
  if (setup) {
    acc.setup += setup.t1 - t;
    t = setup.t1;
  }
  const put = last('put');
  const ent = last('setArticleEntities');
  const quo = last('setArticleQuotes');
  const evt = last('setArticleEvents');
  if (!put) {
    acc.extract += to - t; // skipped or failed before storing
    return;
  }
  acc.extract += put.t0 - t;
  acc.put += put.t1 - put.t0;
  t = put.t1;
  // the store-free analysis of the text runs between storing the page and looking up its entities
  const linking = calls.find((c) => c.t0 >= put.t1);
  if (linking && ent) {
    acc.text += linking.t0 - t;
    t = linking.t0;
  }
  for (const [end, stage, db] of [
    [ent, 'entities', 'entities.db'],
    [quo, 'quotes', 'quotes.db'],
    [evt, 'events', 'events.db'],
  ] as const) {
    if (!end) continue;
    const d = dbIn(t, end.t1);
    acc[db] += d;
    acc[stage] += end.t1 - t - d;
    t = end.t1;
  }
  const d = dbIn(t, to);
  acc['stories.db'] += d;
  acc.stories += to - t - d;
}

// ------------------------------------------------------------------ main

const fileBytes = (p: string) => (existsSync(p) ? statSync(p).size : 0);

/** The main thread's live heap in MB: after a full collection when `node --expose-gc` made one available, else as it stands. */
function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return +(process.memoryUsage().heapUsed / 1e6).toFixed(0);
}

async function main() {
  const { pool, from } = await sentencePool();
  const next = corpus(pool, 20_220_613);
  const dir = mkdtempSync(join(tmpdir(), 'marsad-bench-ingest-'));
  // stopped early (a long --articles 100000 run): the block timings printed so far stand; the temp folder goes
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const dbPath = keepDb ?? join(dir, 'bench.db');
  const calls: Call[] = [];
  const raw = await openStore(dbPath);
  const store = timedStore(raw, calls);
  const fetcher = new Fetcher({ respectRobots: false });
  const total: Record<Stage, number> = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const blocks: Record<string, unknown>[] = [];
  const counts = { new: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, duplicates: 0, copies: 0, storyArticles: 0 };
  const failures = new Map<string, number>();
  let totalMs = 0;
  const log = (s: string) => {
    if (!json) console.log(s);
    else console.error(s);
  };
  log(`corpus: ${pool.length} distinct sentences from ${from}`);
  log(`pipeline: the ingest generator of src/app/ingest.ts, one call per block of ${BLOCK} HTML pages in a temp folder, ${threads} analysis worker thread(s); SQLite at ${keepDb ?? '(temp)'}`);
  log('');
  log('articles        ms/article  (extract  put  text  entities[db]  quotes  events  stories[db])   cumulative s   DB MB/1k   heap MB');
  try {
    for (let start = 0; start < N; start += BLOCK) {
      const end = Math.min(N, start + BLOCK);
      const folder = join(dir, `block-${String(start).padStart(7, '0')}`);
      mkdirSync(folder);
      for (let i = start; i < end; i++) {
        const a = next();
        if (a.kind === 'copy') counts.copies++;
        if (a.kind === 'story') counts.storyArticles++;
        writeFileSync(join(folder, `${String(i).padStart(7, '0')}.html`), html(a, i));
      }
      const acc: Record<Stage, number> = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
      const t0 = performance.now();
      const gen = ingest([folder], { store, fetcher, threads });
      let resumed = performance.now();
      for (;;) {
        calls.length = 0;
        const r = await gen.next();
        const now = performance.now();
        if (r.done) {
          acc.flush += now - resumed; // the tracker's final flush of story labels
          break;
        }
        attribute(calls, resumed, now, acc);
        const res = r.value;
        counts[res.status]++;
        if (res.status === 'failed') failures.set(`${res.code}: ${res.reason}`, (failures.get(`${res.code}: ${res.reason}`) ?? 0) + 1);
        if (res.duplicate_of) counts.duplicates++;
        resumed = performance.now();
      }
      const ms = performance.now() - t0;
      rmSync(folder, { recursive: true, force: true });
      totalMs += ms;
      for (const s of STAGES) total[s] += acc[s];
      const n = end - start;
      const dbBytes = fileBytes(dbPath) + fileBytes(dbPath + '-wal');
      const per = (s: Stage) => +(acc[s] / n).toFixed(2);
      const block = {
        from: start,
        to: end,
        msPerArticle: +(ms / n).toFixed(2),
        stages: Object.fromEntries(STAGES.map((s) => [s, per(s)])),
        cumulativeSeconds: +(totalMs / 1000).toFixed(1),
        dbMBPer1000: +((dbBytes / end) * 1000 / 1e6).toFixed(2),
        // what this process keeps in memory as the store grows (after a full GC when node runs with --expose-gc)
        heapMB: heapMB(),
        rssMB: +(process.memoryUsage().rss / 1e6).toFixed(0),
      };
      blocks.push(block);
      const label = `${start / 1000}k–${end / 1000}k`.padEnd(14);
      log(
        `${label}  ${block.msPerArticle.toFixed(1).padStart(8)}    (${per('extract').toFixed(1)}  ${per('put').toFixed(1)}  ${per('text').toFixed(1)}  ${(per('entities') + per('entities.db')).toFixed(1)}[${per('entities.db').toFixed(1)}]  ${(per('quotes') + per('quotes.db')).toFixed(1)}  ${(per('events') + per('events.db')).toFixed(1)}  ${(per('stories') + per('stories.db') + per('flush')).toFixed(1)}[${per('stories.db').toFixed(1)}])   ${block.cumulativeSeconds.toFixed(1).padStart(10)}   ${block.dbMBPer1000.toFixed(2).padStart(8)}   ${String(block.heapMB).padStart(7)}`,
      );
    }
    if (heapSnapshot) log(`heap snapshot: ${writeHeapSnapshot(heapSnapshot)}`);
  } finally {
    await raw.close();
  }
  const db = new Database(dbPath, { readonly: true });
  const count = (table: string) => {
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    } catch {
      return null;
    }
  };
  const tables = { articles: count('articles'), entities: count('entities'), entityMentions: count('entity_mentions'), quotes: count('quotes'), events: count('events'), stories: count('stories') };
  db.close();
  const dbBytes = fileBytes(dbPath) + fileBytes(dbPath + '-wal');
  rmSync(dir, { recursive: true, force: true });

  const totals = [1000, 10_000, 100_000, N]
    .filter((k, i, xs) => k <= N && xs.indexOf(k) === i)
    .map((k) => {
      const bs = blocks.filter((b) => (b.to as number) <= k);
      const s = bs.reduce((x, b) => x + (b.msPerArticle as number) * ((b.to as number) - (b.from as number)), 0);
      return { articles: k, seconds: +(s / 1000).toFixed(1), msPerArticle: +(s / k).toFixed(2) };
    });
  const grand = STAGES.reduce((s, k) => s + total[k], 0);
  const shares = Object.fromEntries(STAGES.map((s) => [s, +((100 * total[s]) / grand).toFixed(1)]));
  const report = {
    articles: N,
    threads,
    corpus: `${pool.length} distinct sentences from ${from}`,
    generated: { storyArticles: counts.storyArticles, editedCopies: counts.copies },
    results: { new: counts.new, updated: counts.updated, unchanged: counts.unchanged, skipped: counts.skipped, failed: counts.failed, markedDuplicate: counts.duplicates },
    failures: Object.fromEntries(failures),
    stored: tables,
    blocks,
    totals,
    stageSharePercent: shares,
    dbMB: +(dbBytes / 1e6).toFixed(1),
    dbMBPer1000: +((dbBytes / N) * 1000 / 1e6).toFixed(2),
  };
  if (json) {
    console.log(JSON.stringify(report));
    return;
  }
  console.log('');
  for (const t of totals) console.log(`total at ${String(t.articles).padStart(6)}: ${t.seconds} s, ${t.msPerArticle} ms/article`);
  console.log(`stage share (% of ingest time): ${STAGES.map((s) => `${s} ${shares[s]}`).join(', ')}`);
  console.log(`  (x.db: time inside store calls made by step x; text: the store-free analysis (recognition, quotes, dates, triggers); extract: reading and extracting, or with --threads waiting for a worker's extraction and text analysis; setup: loading the curated actors; flush: story labels written at the end of a run)`);
  console.log(`generated: ${counts.storyArticles} story articles, ${counts.copies} edited copies; results: ${JSON.stringify(report.results)}`);
  if (failures.size) console.log(`failures: ${JSON.stringify(report.failures)}`);
  console.log(`stored: ${JSON.stringify(tables)}`);
  console.log(`database: ${report.dbMB} MB, ${report.dbMBPer1000} MB per 1,000 articles`);
}

await main();
