/**
 * Argument features of an event trigger for the PROTEST / ASSAULT sentence classifier: what
 * stands around a trigger noun and tells a reported happening from a mention of one.
 *
 * Most sentences that name protesters do not report a protest: the protesters are dispersed,
 * quoted, counted in a statement ("فرقت الشرطة المتظاهرين", "قال أحد المتظاهرين"). One that
 * does has them do what a crowd does, and often says how many ("وتجمع نحو 500 متظاهر",
 * "أغلق المتظاهرون الطريق", "خرج آلاف المتظاهرين"). Two word classes of
 * data/events/classifier-cues.ar.txt carry that beyond the words seen in training:
 * - `arg:act:L` / `arg:act:R`: a [crowd-act] verb (تجمع، احتشد، خرج، أغلق، هتف …) up to four
 *   words before the trigger noun in its clause (verb–subject order), or one of the two words
 *   right after it (subject–verb);
 * - `arg:qty:L` / `arg:qty:R`: a number or a [quantity] word (آلاف، مئات، نحو، عدد من …)
 *   among the three words before / after the trigger.
 * Measured by scripts/eval-events-gsr.ts (cross-validated): with them PROTEST F1 rises by
 * about seven points; ASSAULT moves within its noise. Other argument cues tried (case ending
 * ـون/ـين, a preposition before the trigger, a time word, a complementiser, quotation marks,
 * timex kinds, PLOVER contexts, crowd nouns after a verb) scored no better and were left out.
 */
import { readDataList } from '../model/data-lists.js';
import { SEGMENT, foldKey, normalize } from '../arabic/index.js';
import type { EventWord, TriggerDetail } from './event-triggers.js';

type Section = 'quantity' | 'crowd-act';
const SECTIONS: readonly Section[] = ['quantity', 'crowd-act'];
let lists: Map<Section, string[][]> | null = null;

function cueLists(): Map<Section, string[][]> {
  if (lists) return lists;
  const t = new Map<Section, string[][]>(SECTIONS.map((s) => [s, []]));
  for (const { section, text } of readDataList('events/classifier-cues.ar.txt', SECTIONS)) {
    t.get(section as Section)!.push(text.split(/\s+/).map((w) => foldKey(normalize(w, SEGMENT).text)));
  }
  return (lists = t);
}

/** Whether one of the section's phrases starts at word `i` (a leading و/ف allowed on its first word). */
function phraseAt(words: EventWord[], i: number, section: Section): boolean {
  return cueLists().get(section)!.some((phrase) => phrase.every((p, k) => {
    const w = words[i + k];
    return !!w && w.kind === 'arabic' && (w.norm === p || (k === 0 && w.norm2 === p));
  }));
}

/** Suffixes of the perfect read off a text word to find the listed third person masculine form. */
const PERFECT_SUFFIXES = ['', 'ت', 'وا', 'ا', 'ن', 'تا'];

/** Whether word `i` is a perfect form of one of the section's verbs (a leading و/ف allowed). */
function verbAt(words: EventWord[], i: number, section: Section): boolean {
  const w = words[i];
  if (!w || w.kind !== 'arabic') return false;
  return cueLists().get(section)!.some(([v]) => PERFECT_SUFFIXES.some((x) => w.norm === v + x || w.norm2 === v + x));
}

/** A clause boundary: sentence-internal punctuation stops the look-back for a verb. */
const endsClause = (w: EventWord): boolean => w.kind !== 'arabic' && w.kind !== 'number' && /[.،,؛;:]/.test(w.text);

/**
 * Argument features of the triggers of one type in a sentence (names prefixed `arg:`), given
 * its words and triggers as event-triggers.ts reads them.
 * @example argumentFeatures(eventWords(s), triggerDetails(s, eventWords(s)), 'PROTEST')
 *   // s = 'وتجمع نحو 500 متظاهر أمام المحكمة' → ['arg:qty:L', 'arg:act:L']
 */
export function argumentFeatures(words: EventWord[], triggers: readonly TriggerDetail[], type: string): string[] {
  const f = new Set<string>();
  for (const t of triggers) {
    if (t.type !== type) continue;
    const i = t.word;
    const sentence = words[i]!.sentence;
    const inSentence = (j: number): boolean => j >= 0 && j < words.length && words[j]!.sentence === sentence;
    for (let d = -3; d <= 3; d++) {
      if (d && inSentence(i + d) && (words[i + d]!.kind === 'number' || phraseAt(words, i + d, 'quantity'))) f.add(`arg:qty:${d < 0 ? 'L' : 'R'}`);
    }
    if (t.verb) continue;
    for (let j = i - 1; j >= i - 4 && inSentence(j) && !endsClause(words[j]!); j--) {
      if (verbAt(words, j, 'crowd-act')) f.add('arg:act:L');
    }
    for (let j = i + 1; j <= i + 2 && inSentence(j); j++) if (verbAt(words, j, 'crowd-act')) f.add('arg:act:R');
  }
  return [...f];
}
