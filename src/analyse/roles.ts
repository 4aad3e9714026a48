/**
 * Roles of person mentions: the title or office the text attaches to a name, either before it
 * ("مدير وكالة الاستخبارات المركزية وليام بيرنز", "الرئيس الأمريكي جو بايدن") or after it in
 * apposition ("عبد اللطيف حموشي، المدير العام لمراقبة التراب الوطني", "فلان الباحث في العلوم
 * الأمنية").
 *
 * A role starts with a head word from `data/titles.ar.txt` and extends over the noun phrase
 * that follows it, read by a small state machine over the words:
 * - after an indefinite word (construct state: وزير، وكالة، مراقبة) may come a definite word
 *   (الخارجية), another indefinite word (مدير وكالة …) or an ORG/LOCATION mention (إسرائيل);
 * - after a definite word may come definite adjectives (الأمريكي، المركزية، السابق), a
 *   coordinated definite word (والتعاون), a prepositional complement (لمراقبة، للأمن، بالرباط,
 *   في العلوم) or a parenthesised acronym ((سي آي إيه));
 * - an indefinite word after a definite one starts a new noun phrase ("الرئيس الأمريكي | وزير
 *   الخارجية الصيني وانغ يي"), so a role never spans two offices of two people;
 * - a role must end on a definite word or a mention ("رئيس وزراء إسرائيل" only when إسرائيل is
 *   a recognised mention), so an unfinished construct is never taken for a role.
 * Anything else ends the phrase: punctuation, a line break, a function word or common verb
 * (قال، أكد، إن، الذي …), a word with a pronoun suffix, a Latin word, another person mention, a
 * head word carrying a proclitic (ووزير، بوزير: a new title).
 *
 * Before the name the leftmost head from which the phrase runs cleanly up to the name wins
 * ("مستشار الرئيس الأمريكي لشؤون الأمن القومي جيك سوليفان"). After the name a head needs a
 * comma (or dash) between, except heads listed under [after-bare] (الباحث، الخبير، المتحدث
 * باسم …): "استقبل بوريطة الرئيس الموريتاني" makes الرئيس an object, not an apposition. A
 * phrase after a name that runs into another person's name is that person's role, not this
 * one's. Conservative by design: no role is better than a wrong one.
 *
 * The analyse stage imports only the Arabic core, the extract stage and the model.
 */
import { fold, segment, tokenize, type Token } from '../arabic/index.js';
import type { Mention } from '../model/entity.js';
import { readDataList } from '../model/data-lists.js';

// ------------------------------------------------------------------ title heads

interface Head {
  /** folded tokens as listed */
  tokens: string[];
  /** first token without ال */
  bare: string;
  /** listed with ال: the article is required ("الملك" — ملك alone is also a given name) */
  needsDef: boolean;
}

interface Titles {
  byBare: Map<string, Head[]>;
  /** folded full heads allowed right after a name without a comma */
  afterBare: Set<string>;
}

let titles: Titles | null = null;

const f = (s: string): string => fold(s);

function stripArticle(w: string): string {
  return w.length > 3 && w.startsWith('ال') ? w.slice(2) : w;
}

/** The title heads of `data/titles.ar.txt`, loaded once. */
function loadTitles(): Titles {
  if (titles) return titles;
  const t: Titles = { byBare: new Map(), afterBare: new Set() };
  for (const { section, text } of readDataList('titles.ar.txt', ['titles', 'after-bare'])) {
    const tokens = f(text).split(' ').filter(Boolean);
    if (section === 'after-bare') {
      t.afterBare.add(tokens.join(' '));
      continue;
    }
    const first = tokens[0]!;
    const bare = stripArticle(first);
    const head: Head = { tokens, bare, needsDef: bare !== first };
    const list = t.byBare.get(bare) ?? [];
    list.push(head);
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    t.byBare.set(bare, list);
  }
  titles = t;
  return t;
}

// ------------------------------------------------------------------ words and units

/** Function words and common verbs that end a role phrase (folded). */
const STOP = new Set(
  [
    'قال', 'قالت', 'اكد', 'اكدت', 'اعلن', 'اعلنت', 'اوضح', 'اوضحت', 'اشار', 'اشارت', 'صرح', 'صرحت', 'كشف',
    'كشفت', 'اعتبر', 'اعتبرت', 'دعا', 'دعت', 'استقبل', 'استقبلت', 'التقى', 'التقت', 'زار', 'زارت', 'بحث',
    'اجرى', 'اجرت', 'وصل', 'وصلت', 'غادر', 'ترأس', 'ترأست', 'شارك', 'شاركت', 'هنأ', 'عين', 'عينت', 'أعفى',
    'ان', 'انه', 'انها', 'الذي', 'التي', 'الذين', 'اللذان', 'اللتان', 'اللواتي', 'قد', 'لقد', 'كان', 'كانت',
    'يكون', 'هو', 'هي', 'هم', 'من', 'على', 'عن', 'الى', 'مع', 'بعد', 'قبل', 'خلال', 'منذ', 'حيث', 'كما',
    'لكن', 'بين', 'عند', 'امام', 'هذا', 'هذه', 'ذلك', 'تلك', 'هؤلاء', 'او', 'ام', 'ثم', 'حتى', 'لا', 'لم',
    'لن', 'ما', 'اما', 'اذا', 'لو', 'الا', 'غير', 'ايضا', 'امس', 'اليوم', 'الان', 'وفق', 'وفقا', 'حسب',
    'بحسب', 'عبر', 'ضد', 'نحو', 'لدى', 'الي', 'فقط', 'جدا', 'كل', 'بعض', 'جميع', 'عدة', 'عدد', 'سوى',
    'يوم', 'صباح', 'مساء', 'ليلة', 'بن', 'ابن', 'بنت', 'ابو', 'ال',
  ].map(f),
);
/** Prepositions written as separate words that may open a complement inside a role. */
const CONNECTORS = new Set(['في', 'لدى'].map(f));

type Kind = 'word' | 'mention' | 'paren' | 'comma' | 'dash' | 'stop';

interface Unit {
  kind: Kind;
  start: number;
  end: number;
  /** the mention a 'mention' unit covers */
  mention?: Mention;
  /** for 'mention' units: clitic letters written before the mention in the same token */
  prefix?: string;
}

interface WordAnalysis {
  folded: string;
  conj: boolean;
  prep: boolean;
  def: boolean;
  /** folded stem without clitics or article */
  core: string;
  enclitic: boolean;
}

const analysisCache = new Map<string, WordAnalysis>();

function analyseWord(surface: string): WordAnalysis {
  let a = analysisCache.get(surface);
  if (a) return a;
  const seg = segment(surface);
  const pro = seg.proclitics;
  // the article is written with a bare alef (or shares the ل of لل): "ألقاه" is no ال + قاه
  const art = seg.parts.find((x) => x.kind === 'proclitic' && x.morpheme === 'ال');
  const artSurface = art ? surface.slice(art.start, art.end) : '';
  a = {
    folded: f(surface),
    conj: pro.includes('و') || pro.includes('ف'),
    prep: pro.includes('ب') || pro.includes('ل') || pro.includes('ك'),
    def: !!art && /^(?:[اٱ]|ل$)/.test(artSurface),
    core: f(seg.stem),
    enclitic: seg.enclitics.length > 0,
  };
  if (art && !a.def) a.core = f(surface.slice(art.start));
  // an unknown word the segmenter left whole may still be ل/ب + noun: "لشؤون"
  if (!pro.length && !seg.known && /^[لب]/.test(a.folded) && a.folded.length >= 4) {
    a.prep = true;
    a.core = a.folded.slice(1);
  }
  if (analysisCache.size > 50_000) analysisCache.clear();
  analysisCache.set(surface, a);
  return a;
}

function buildUnits(text: string, mentions: readonly Mention[]): Unit[] {
  const tokens: Token[] = tokenize(text);
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const units: Unit[] = [];
  let mi = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    while (mi < sorted.length && sorted[mi]!.end <= tok.start) mi++;
    const m = sorted[mi];
    if (m && m.start < tok.end && tok.start < m.end) {
      // merge every token overlapping this mention into one unit
      let end = Math.max(tok.end, m.end);
      while (i + 1 < tokens.length && tokens[i + 1]!.start < m.end) end = Math.max(end, tokens[++i]!.end);
      const start = Math.min(tok.start, m.start);
      units.push({ kind: 'mention', start, end, mention: m, prefix: text.slice(start, m.start) });
      mi++;
      continue;
    }
    if (tok.kind === 'arabic') {
      units.push({ kind: 'word', start: tok.start, end: tok.end });
      continue;
    }
    if (tok.text === '(') {
      // a short parenthesised acronym or name: "(سي آي إيه)", "(CIA)"
      let j = i + 1;
      while (j < tokens.length && j - i <= 6 && tokens[j]!.text !== ')' && (tokens[j]!.kind !== 'punct' || tokens[j]!.text === '.')) j++;
      if (j < tokens.length && tokens[j]!.text === ')' && j > i + 1 && !/\n/.test(text.slice(tok.start, tokens[j]!.end))) {
        units.push({ kind: 'paren', start: tok.start, end: tokens[j]!.end });
        i = j;
        continue;
      }
    }
    if (tok.text === '،' || tok.text === ',') units.push({ kind: 'comma', start: tok.start, end: tok.end });
    else if (tok.text === '-' || tok.text === '–' || tok.text === '—') units.push({ kind: 'dash', start: tok.start, end: tok.end });
    else units.push({ kind: 'stop', start: tok.start, end: tok.end });
  }
  return units;
}

// ------------------------------------------------------------------ phrase grammar

type State = 'cons' | 'def' | 'prep' | 'stop';

class Phrase {
  constructor(
    private readonly text: string,
    private readonly units: Unit[],
  ) {}

  word(i: number): WordAnalysis | null {
    const u = this.units[i];
    return u && u.kind === 'word' ? analyseWord(this.text.slice(u.start, u.end)) : null;
  }

  /** Units i and i+1 are separated by a line break. */
  broken(i: number): boolean {
    const a = this.units[i];
    const b = this.units[i + 1];
    return !a || !b || /\n/.test(this.text.slice(a.end, b.start));
  }

  /**
   * The longest head starting at unit i: its length in units, whether it carries a proclitic,
   * the state after it and its folded text; null when none.
   */
  head(i: number): { len: number; clitic: boolean; state: State; key: string } | null {
    const w = this.word(i);
    if (!w || w.enclitic) return null;
    const list = loadTitles().byBare.get(w.core);
    if (!list) return null;
    for (const h of list) {
      if (h.needsDef && !w.def) continue;
      let ok = true;
      for (let k = 1; k < h.tokens.length && ok; k++) {
        const wk = this.word(i + k);
        ok = !!wk && wk.folded === h.tokens[k] && !this.broken(i + k - 1);
      }
      if (!ok) continue;
      const last = h.tokens.length === 1 ? (w.def ? 'ال' : '') : h.tokens[h.tokens.length - 1]!;
      const state: State = last.startsWith('ال') ? 'def' : 'cons';
      const key = (w.def ? 'ال' + h.bare : h.bare) + (h.tokens.length > 1 ? ' ' + h.tokens.slice(1).join(' ') : '');
      return { len: h.tokens.length, clitic: w.conj || w.prep, state, key };
    }
    return null;
  }

  /** The state after unit i, given the state before it ('stop' when it ends the phrase). */
  step(state: State, i: number): State {
    const u = this.units[i]!;
    if (u.kind === 'mention') {
      if (u.mention!.type === 'PERSON') return 'stop';
      const pre = f(u.prefix ?? '');
      if (!pre) return state === 'cons' || state === 'prep' ? 'def' : 'stop';
      if (/^[وف]/.test(pre)) return state === 'def' ? 'def' : 'stop';
      return state === 'def' ? 'def' : 'stop'; // ب/ل + place: "سفير الولايات المتحدة بالرباط"
    }
    if (u.kind === 'paren') return state === 'def' ? 'def' : 'stop';
    if (u.kind !== 'word') return 'stop';
    const w = this.word(i)!;
    if (w.enclitic || STOP.has(w.folded) || (!w.def && STOP.has(w.core))) return 'stop';
    if (this.head(i)?.clitic) return 'stop';
    if (CONNECTORS.has(w.folded)) return state === 'def' ? 'prep' : 'stop';
    if (w.conj) {
      if (state !== 'def') return 'stop';
      // coordinated definite noun or complement: "الخارجية والتعاون", "للأمن الوطني ولمراقبة التراب"
      if (w.prep) return /^[يتن]/.test(w.core) && !w.def ? 'stop' : w.def ? 'def' : 'cons';
      return w.def ? 'def' : 'stop';
    }
    if (w.prep) {
      if (state !== 'def') return 'stop';
      return w.def ? 'def' : 'cons';
    }
    if (w.def) return 'def';
    return state === 'cons' || state === 'prep' ? 'cons' : 'stop';
  }

  /** Like `step`, but no more than two indefinite words in a row ("في خطاب ألقاه …" is no role). */
  next(state: State, i: number, run: { indef: number }): State {
    const s = this.step(state, i);
    run.indef = s === 'cons' || s === 'prep' ? run.indef + 1 : 0;
    return run.indef > 2 ? 'stop' : s;
  }
}

// ------------------------------------------------------------------ roles

const MAX_ROLE_UNITS = 14;

function roleBefore(p: Phrase, units: Unit[], k: number): [number, number] | null {
  const target = units[k]!;
  if (target.prefix) return null; // "… ووزير الدفاع وبايدن": the name is coordinated, not titled
  // the stretch of plain units before the name
  let first = k;
  while (first > 0 && k - first < MAX_ROLE_UNITS) {
    const u = units[first - 1]!;
    if (u.kind !== 'word' && u.kind !== 'mention' && u.kind !== 'paren') break;
    if (u.kind === 'mention' && u.mention!.type === 'PERSON') break;
    if (p.broken(first - 1)) break;
    first--;
  }
  for (let j = first; j < k; j++) {
    const h = p.head(j);
    if (!h || j + h.len > k) continue;
    let state = h.state;
    const run = { indef: state === 'cons' ? 1 : 0 };
    for (let i = j + h.len; i < k && state !== 'stop'; i++) state = p.next(state, i, run);
    if (state === 'def') return [units[j]!.start, units[k - 1]!.end];
  }
  return null;
}

function roleAfter(p: Phrase, units: Unit[], k: number): [number, number] | null {
  let j = k + 1;
  const sep = units[j];
  if (!sep || p.broken(k)) return null;
  const comma = sep.kind === 'comma' || sep.kind === 'dash';
  if (comma) {
    j++;
    if (p.broken(k + 1)) return null;
  }
  const h = p.head(j);
  if (!h || h.clitic) return null;
  if (!comma && !loadTitles().afterBare.has(h.key)) return null;
  let state = h.state;
  let lastDef = state === 'def' ? j + h.len - 1 : -1;
  const run = { indef: state === 'cons' ? 1 : 0 };
  for (let i = j + h.len; i < units.length && i - j < MAX_ROLE_UNITS; i++) {
    if (p.broken(i - 1)) break;
    state = p.next(state, i, run);
    if (state === 'stop') break;
    if (state === 'def') lastDef = i;
  }
  if (lastDef < 0) return null;
  // a phrase running straight into another person's name is that person's role
  const next = units[lastDef + 1];
  if (next && next.kind === 'mention' && next.mention!.type === 'PERSON' && !p.broken(lastDef)) return null;
  return [units[j]!.start, units[lastDef]!.end];
}

/** Letters before a head word that are clitics, not part of the role ("ووزير" → "وزير"). */
function leadingClitics(text: string, start: number): number {
  const m = /^[\u0600-\u06FF\u0640\u064B-\u0652]+/.exec(text.slice(start, start + 40));
  if (!m) return 0;
  const seg = segment(m[0]);
  const pro = seg.proclitics;
  if (!pro.length) return 0;
  // "للرئيس": ل + ال share a letter, the slice can't drop ل alone — keep it (cleanRole fixes it)
  if (pro.includes('ل') && pro.includes('ال')) {
    const n = pro.filter((x) => x === 'و' || x === 'ف').length;
    return n;
  }
  return pro.filter((x) => x !== 'ال').length;
}

/**
 * Sets `role` on the PERSON mentions whose title or office the text gives next to them.
 * Returns new mention objects (the input is not changed), in the input order; mentions that
 * already carry a role keep it.
 * @example attachRoles('قال الرئيس الأمريكي جو بايدن', [{type:'PERSON', text:'جو بايدن', start:20, end:28, source:'tagger'}])[0].role?.text // 'الرئيس الأمريكي'
 */
export function attachRoles(text: string, mentions: Mention[]): Mention[] {
  if (!mentions.some((m) => m.type === 'PERSON' && !m.role)) return mentions.map((m) => ({ ...m }));
  const units = buildUnits(text, mentions);
  const p = new Phrase(text, units);
  const unitOf = new Map<Mention, number>();
  units.forEach((u, i) => {
    if (u.mention) unitOf.set(u.mention, i);
  });
  return mentions.map((m) => {
    if (m.type !== 'PERSON' || m.role) return { ...m };
    const k = unitOf.get(m);
    if (k === undefined) return { ...m };
    const span = roleBefore(p, units, k) ?? roleAfter(p, units, k);
    if (!span) return { ...m };
    const start = span[0] + leadingClitics(text, span[0]);
    const end = span[1];
    return { ...m, role: { text: text.slice(start, end), start, end } };
  });
}

/**
 * A role as stored and compared: marks, tatweel and extra spaces removed, surrounding
 * punctuation trimmed, a leading conjunction or preposition dropped from the head word
 * ("ووزير الخارجية" → "وزير الخارجية", "للرئيس" → "الرئيس", "بالأمين العام" → "الأمين العام");
 * letters otherwise as written.
 */
export function cleanRole(role: string): string {
  let r = role
    .normalize('NFKC')
    .replace(/[\u064B-\u065F\u0670\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s،,.:;؛\-–—"«»]+|[\s،,.:;؛\-–—"«»]+$/g, '');
  const sp = r.indexOf(' ');
  const first = sp < 0 ? r : r.slice(0, sp);
  const rest = sp < 0 ? '' : r.slice(sp);
  const byBare = loadTitles().byBare;
  const isHead = (w: string): boolean => {
    const fw = f(w);
    const bare = stripArticle(fw);
    return (byBare.get(bare) ?? []).some((h) => !h.needsDef || bare !== fw);
  };
  if (!isHead(first)) {
    for (const [pre, repl] of [['وبال', 'ال'], ['وال', 'ال'], ['فال', 'ال'], ['بال', 'ال'], ['كال', 'ال'], ['ولل', 'ال'], ['لل', 'ال'], ['و', ''], ['ف', ''], ['ب', ''], ['ل', '']] as const) {
      if (first.startsWith(pre) && first.length > pre.length + 1) {
        const cand = repl + first.slice(pre.length);
        if (isHead(cand)) {
          r = cand + rest;
          break;
        }
      }
    }
  }
  return r;
}
