/**
 * Events: who did what to whom, when, where. Each event trigger of an article
 * (`findEventTriggers` / `triggerDetails`) gets its PLOVER arguments from the Arabic syntax
 * around it, within its sentence:
 *
 * - source (actor) and target (recipient) among the entities of the sentence — a person, an
 *   organisation or a country (a city is a place, never an actor; a region named as a إقليم,
 *   "هدد إقليم كردستان", is a polity that acts, unless after في/بـ). An organisation or place
 *   inside a person's title ("مدير وكالة الاستخبارات المركزية وليام بيرنز") is part of that
 *   person, and an organisation right after a title word ("بمدير مكتب التحقيقات الفيدرالي،
 *   كريستوفر راي") stands for the person named next to it, or for its official when none is.
 * - Which phrase is which follows `data/events/argument-order.ar.tsv`:
 *   - verbs, `agent` order (the default): the subject — a name right after the verb (Arabic
 *     news is verb-subject-object: "التقى X بـY", "زار X Y", "بحث X مع Y") or right before
 *     it ("X التقى Y") — is the source; the object, bare or after بـ، مع، كل من، إلى، لـ، على,
 *     is the target, and every name coordinated with it (و) is a target too: one event per
 *     actor–recipient pair. A verb with no subject of its own ("وجالس أيضا كل من X وY",
 *     "والتقى فيها بـX") takes the source of the event stated just before it (same or
 *     previous two sentences): Arabic drops a subject already known.
 *   - `host` order (استقبل، استقبال): the subject is the host, the target; the object (or the
 *     noun after لـ) is the visitor, the source.
 *   - `receive` order (تلقى): the subject is the target, the source comes after من.
 *   - verbal nouns: the actor is the genitive right after the noun ("زيارة X إلى Y", "لقاء X
 *     بـY", "لقاء X وY"), or the subject of a light verb before it ("أجرى X اتصالا هاتفيا مع
 *     Y", "قام X بزيارة إلى Y"; `support` rows of the table), or of a relative clause after it
 *     ("الزيارة التي قام بها X إلى Y"), or the first of "بين X وY"; the target is the name
 *     after إلى، لـ، بـ، مع، على or coordinated with the actor.
 *   - a name introduced by "من طرف", "من قبل" or "على يد" is the source whatever the form
 *     (passive and impersonal sentences).
 *   Arguments are looked for up to a clause boundary (حيث، الذي، التي، حول، بشأن، أن …,
 *   colon, semicolon) and never across the topic of a meeting ("حول X").
 *   A trigger with no actor gives no event; a trigger inside a name ("مكتب التحقيقات") or a
 *   title is no trigger.
 *   More readings of the sentence:
 *   - a verb after و/ف opens a clause of its own: the name just before it is not its subject;
 *     with no subject of its own it takes that of the event before, else the first bare name
 *     of the sentence when no complementizer, reporting verb or quote stands between;
 *   - a verb right after الذي/التي has the name before the relative as subject ("X، الذي يزور Y");
 *   - a verb with an object pronoun ("رفضتها إسرائيل", "واتهمها"): the name after it is its
 *     subject, the pronoun's antecedent (the nearest other name before) its target; none found,
 *     no event. A pronoun after a preposition ("يطلب منه") names the recipient the same way, and so
 *     between a light verb and its noun ("إن فرض X عليها عقوبات": the subject of the sentence's
 *     event before, when not the actor); a verb after "يتوقع أن", "من المقرر أن" … with no subject
 *     of its own takes that of the event before in its sentence;
 *   - "X وY عقدا مباحثات": a joint subject of a dual or plural verb, X the source, Y the target;
 *   - "X في لقاء مع Y" (captions): the name before في/خلال is the actor of the verbal noun;
 *     a call after في/خلال/عبر as the manner of its clause's verb ("هنأ X Y في اتصال هاتفي") is
 *     the clause's: its first bare actor called the next one; so is a visit after في/خلال as the
 *     manner of a verb of arrival ("وصل X … إلى Y في زيارة رسمية لـZ": X visits Z; `arrive` rows
 *     of argument-order.ar.tsv);
 *   - a dual object pronoun ("واتهمهما") stands for the two names before it;
 *   - "الأخير" / "الأخيرة" ("the latter") standing as a noun — not after a definite noun, whose
 *     adjective it is — is the actor named last before it ("أن الأخير أبلغ …");
 *   - a name after أمام، خلال، عند، عقب … is neither subject nor object; "قوة من X" acts as X;
 *     "المسؤول عن الملف Y": عن inside a title is no topic;
 *   - an office after a person's name is that person's title ("X ملك البحرين"); a country right
 *     after a place names where the place is ("كردستان العراق"); an office standing for its
 *     official is labelled with the title as written ("مدير الاستخبارات المركزية"), the id
 *     staying the office's; "سفير X لدى Y Z" is the person Z;
 *   - REQUEST: the recipient is the bare object or the name after من; what is asked for (after
 *     إلى or بـ) names no recipient, and a verbal-noun trigger in the clause of a request,
 *     threat, rejection or accusation ("دعا إلى وقف إطلاق النار") is no event;
 *   - a noun naming the actors (مسلحون, tagged `actor`) is no event, and no name after it is
 *     the verb's subject;
 *   - COOPERATE, SUPPORT and THREATEN verbal nouns are events only with a verb, a light verb, a
 *     verb of ability or intent ("لا يمكنها تأييد", "قرر X دعم": its subject acts) or
 *     a relative clause ("التعاون بين البلدين" is a relation); a light verb may be restricted
 *     to types (argument-order.ar.tsv: "فرض" SANCTION, COERCE).
 *   - a question ("هل تدعم X Y؟", or a sentence opened by هل and closed by ؟) tells no event;
 *   - a verbal noun with a possessive pronoun ("خلال لقائه X", "بعد استقباله X") belongs to the
 *     subject told before; the name after it is its object (the visitor, for استقبال);
 *   - "قال X إنه قتل …": a verb after أنه/إنه (أنها/إنها) that follows a reporting verb has the
 *     speaker as subject;
 *   - a form read as a perfect verb after a preposition or a noun of occurrence, or with بـ
 *     attached ("في قتل الأبرياء", "حوادث خطف العمال", "بقتل"), is its verbal noun; a verbal noun right after another (or after a
 *     verb phrase ending in one: "وقعت مصر اتفاقية تعاون") is its complement, one event;
 *   - a verb phrase whose gap holds its subject ("وقعت مصر اتفاقية مع فرنسا") is read from the verb;
 *   - a scare quote closed before a verb ("أعرب عن « صدمته » … واتهمه") does not end the main clause;
 *   - generic actors: a verbal noun after a light verb takes one as its actor ("شن طيران الاحتلال
 *     غارات"), and as its recipient only after مع، إلى، بـ … ; two phrases of one sector are two
 *     actors ("هاجم مستوطنون المواطنين"); a count right after the verb fills its object ("اعتقلت
 *     الشرطة 19 شخصا …"), so a name further on is another clause's; a counterpart with its
 *     pronoun ("نظيره الفرنسي") is an official (GOV) of the other side: the object after a verb,
 *     and as the genitive of a verbal noun ("بعد لقاء نظيره") met by the subject told before;
 *     a force with its pronoun ("قال الجيش إن طائراته قصفت …", "قواتها", "عناصره") acts for its
 *     owner, the nearest bare actor before it (none: no event), and is never a recipient; a
 *     relative with its pronoun ("تعرضت بناته للاعتقال") is a person an act is done to, never
 *     its actor, and not after another relative ("شقيق زوجته").
 *   - the genitive of an act done to someone (arrest, deportation, confiscation, assassination,
 *     abduction, execution, torture, release; killing and wounding: "اعتقال X", "اغتيال X",
 *     "مقتل X") is its target, never its actor; "مددت المحكمة اعتقال X": مدد is a light verb of
 *     detention; a verbal noun after بـ has only قام or بدأ as light verb ("قام بقتل X"), others
 *     take their noun as a bare object;
 *   - a purpose adjunct ("احتجاجا على X" for a stance — PROTEST, REJECT, SUPPORT, ACCUSE — or
 *     "للاحتجاج على X", "للاجتماع مع X") has the clause's subject, the nearest
 *     bare actor before it, as actor, and X as target — or, when X is an act, its agent ("احتجاجا على
 *     الاعتداء الذي تعرض له Y من طرف X"); with no subject, a protest told as happening before it
 *     ("مظاهرات اندلعت … احتجاجا على X") is the unknown actor's, against X. A relative clause past
 *     a preposition is the later noun's ("على الاعتداء الذي …"), not the trigger's;
 *   - what one is accused of ("اتهم X بالعمل لمصلحة Y") names no recipient, and a pronoun inside
 *     a quote does not stand for a name before the quote opens.
 *   - an attack or a protest told as having happened with no actor named ("ووقع الهجوم …",
 *     "خرجت مظاهرات …", "مظاهرات عنيفة اندلعت …"; not "الهجوم الذي وقع", which refers back) gets
 *     the unknown actor, once per sentence, like a bombing with casualties.
 *   - passives: unvocalised, اعتُقل and اعتَقل are one word; a verb of an act done to someone
 *     (arrest, abduction, killing …) with no object after it ("وكان X قد اعتقل في …") is passive,
 *     its subject the target and the actor unknown (or after من قبل / على يد); so is a count right
 *     after it ("قتل ثلاثة مدنيين"), and أصيب always. With no one named, it is an agentless report.
 *   - a name after a word of direction ("في وسط الصومال", "البصرة جنوب العراق") is a place;
 *     "من طرف X" is the agent of the nearest act before it, not across another trigger; a verb
 *     with the plural suffix وا ("وطالبوا الحكومة") holds its subject, the phrase after it is its
 *     object; a verb of another event after و/ف ends the stretch of arguments; "هجوم مسلح": the
 *     actor noun is the attack's adjective; "بعمليات قتل وخطف", "بدأوا بإحراق الإطارات ورشق
 *     الجنود": verb forms in a list of verbal nouns are nouns; حيث، فيما، بينما open a clause
 *     with a subject of its own, which a later verb with a dropped subject takes.
 *   - a light verb supports its nearest verbal noun, not one in that noun's complement ("بدأت
 *     النيابة التحقيق في حوادث الشغب"), and generic phrases do not count toward its reach ("أقدم
 *     متظاهرون غاضبون … على قطع الطريق"); a verbal noun told as happening takes a generic
 *     genitive as its actor ("تصاعدت احتجاجات المعارضة ضد الحكومة").
 *   - a name closing a construct chain after a preposition of place ("أمام ضريح الرئيس X",
 *     "أمام مقر نقابة الصحافيين") is part of the place; a participle after a comma ("،
 *     مطالبين بـ…") ends the stretch of arguments; بل / لكن open a main clause whose subject a
 *     later verb with a dropped subject takes; a generic head in the construct state before a
 *     place ("شرطة بنغلاديش", "شرطة دبي") is one actor with it; after the noun of an
 *     organisation ("حزب الوفد", "حزب العمال") it is that organisation's name, no actor.
 *   - `support-patient` light verbs (تعرض): "تعرض X للتعذيب", "الاعتداء الذي تعرض له X" — X
 *     underwent the act, its target; the actor is unknown unless named after من قبل / على يد;
 *     with no one named as having undergone it, no event.
 *   - `support-passive` light verbs (تم، يتم): "تم اعتقال X", "تم اغتيال X" — the genitive of an
 *     act done to someone underwent it, the actor is untold (agentless); other nouns, no event.
 *   - an honorific and the title after it ("جلالة الملك", "سعادة النائب الأول", "جلالته") is a
 *     generic actor (GOV) when no name follows; before a name or title it takes no part in the
 *     phrase's marker ("من فخامة الرئيس X"); the light verbs of argument-order.ar.tsv match with
 *     a final ى written ي ("تلقي").
 *   - a stance (REJECT, ACCUSE, SUPPORT, PROTEST) toward a thing someone did is toward them:
 *     "رفض X الإجراءات التي اتخذتها السلطات" — the subject right after the relative's verb.
 *   - an attack with no weapon by a person on a person or an official ("شن المندوب X هجوما
 *     عنيفا على أمين الأمم المتحدة") is verbal: ACCUSE (data/events/gold.README.md).
 *   - a stance toward a demonstrative phrase ("ولكن X رفض هذا العرض") is toward the act told
 *     before it: its recipient is the sentence's first actor (not across reported speech);
 *   - a light verb right after الذي/التي has the name before the relative as subject ("سولانا
 *     الذي قام بجولة شملت لبنان وإسرائيل"); a pronoun between a light verb and its noun after a
 *     passive stands for the one the passive was done to ("اعتقل X …، ووجهت إليه المحكمة تهمة");
 *   - a coercive act after تم / جرى ("وتم اعتقال X") is an impersonal passive: done to X by an
 *     unknown actor (clause-words.ar.txt [impersonal]);
 *   - counterparts placed in a country by في ("مع نظرائه في الولايات المتحدة") are that country's
 *     officials: the country is the recipient;
 *   - verbal nouns tagged `framed` in triggers.ar.tsv (جولة، تهمة) are events only with a verb,
 *     a light verb or a relative clause, as COOPERATE/SUPPORT/THREATEN nouns are.
 *   Closed word classes these rules read (adjunct openers, clause boundaries, reporting verbs,
 *   verbs of ability and intent …) are in data/events/clause-words.ar.txt.
 * - after reading: a visit whose only recipient is the country visited (or none) gives way to
 *   the visitor's meetings with named hosts in the same or the next two sentences (one event
 *   per host, PLOVER), which take the visit's mode, place and date when they have none; a
 *   visit with no host named has the place visited as its recipient, a city too ("زيارة X
 *   لدمشق", gold.README.md); a CONSULT with no recipient is dropped unless it is a visit with
 *   its place; an event told again without its recipient (a headline) is dropped when the
 *   fuller telling is there; one type and actor–recipient pair told twice in a sentence is
 *   one event, whatever the status of the second telling.
 * - location: a place in the sentence introduced by في، بـ، إلى، لـ (or by a word such as
 *   العاصمة/مدينة after one of them), a city preferred to a country, the nearest to the
 *   trigger; the country visited ("زار X المغرب") when none is.
 * - date: the temporal expression of the sentence nearest the trigger (durations aside);
 *   none in the sentence gives a null date: Marsad never invents one. A range gives its
 *   first and last day, a month or a year its first and last day, an unresolved expression
 *   its text with null days.
 * - status: the trigger's (negation, hypothetical, future, historical), and `historical` for a
 *   visit or meeting told as background in a relative clause ("الزيارة التي قام بها …",
 *   "زيارة قام بها …") and for what the sentence says happened during it.
 * - contexts: `eventContexts` of the sentence; evidence: the sentence.
 *
 * Pure: the data tables are read once, lazily; nothing else is touched.
 */
import { fold, segment, splitSentences, stemKey, tokenize, type Sentence } from '../arabic/index.js';
import { cuePhrases, eventContexts, type EventTrigger } from '../analyse/event-triggers.js';
import type { Timex } from '../analyse/timexes.js';
import { readDataList } from '../model/data-lists.js';
import { MarsadError } from '../model/errors.js';
import { dataFile } from '../model/paths.js';
import type { ArticleEvent, EventEntityRef } from '../model/event.js';
import type { MentionCluster } from './entity-coref.js';
import { countryActors } from './countries.js';
import { readFileSync } from 'node:fs';

/** A trigger as `triggerDetails` gives it; `verb` tells verb forms from verbal nouns (guessed when absent). */
export type EventTriggerInput = EventTrigger & { verb?: boolean; actor?: boolean; weak?: boolean; framed?: boolean };

export type ArgumentOrder = 'agent' | 'host' | 'receive';
type SupportOrder = 'support' | 'support-receive' | 'support-patient' | 'support-passive';

interface OrderTable {
  order: Map<string, ArgumentOrder>;
  support: Map<string, SupportOrder>;
  /** event types a light verb supports, when the table restricts them ("فرض" SANCTION, COERCE) */
  supportTypes: Map<string, Set<string>>;
  /** verbs of arrival ("وصل X … في زيارة"): a visit told as their manner is their subject's */
  arrive: Set<string>;
}

let orderTable: OrderTable | null = null;

const wordKey = (w: string): string => stemKey(segment(w).stem);

function loadOrders(): OrderTable {
  if (orderTable) return orderTable;
  const name = 'events/argument-order.ar.tsv';
  const t: OrderTable = { order: new Map(), support: new Map(), supportTypes: new Map(), arrive: new Set() };
  for (const { text } of readDataList(name)) {
    const [form, order, types] = text.split('\t').map((c) => c.trim());
    if (!form || !order) throw new MarsadError('DATA_FILE_INVALID', `'${text}': expected FORM and ORDER separated by a tab`, dataFile(name));
    const word = form.split(/\s+/)[0]!;
    // (news often writes a final ى as ي — "تلقي"، "علي" — which the light stem reads otherwise)
    const keys = new Set([wordKey(word), wordKey(word.replace(/ى$/, 'ي'))]);
    if (order === 'agent' || order === 'host' || order === 'receive') for (const key of keys) t.order.set(key, order);
    else if (order === 'arrive') for (const key of keys) t.arrive.add(key);
    else if (order === 'support' || order === 'support-receive' || order === 'support-patient' || order === 'support-passive') {
      for (const key of keys) {
        t.support.set(key, order);
        if (types) t.supportTypes.set(key, new Set(types.split(',').map((x) => x.trim())));
      }
    }
    else throw new MarsadError('DATA_FILE_INVALID', `'${text}': unknown order '${order}' (agent, host, receive, arrive, support, support-receive, support-patient, support-passive)`, dataFile(name));
  }
  return (orderTable = t);
}

/** The argument order of a trigger word (the first word of its text). */
export function argumentOrder(triggerText: string): ArgumentOrder {
  return loadOrders().order.get(wordKey(triggerText.split(/\s+/)[0]!)) ?? 'agent';
}

let places: { countries: Set<string>; cities: Set<string> } | null = null;

const placeKey = (s: string): string => fold(s).replace(/^ال/, '').replace(/\s+/g, ' ').trim();

function loadPlaces() {
  if (places) return places;
  const countries = new Set<string>();
  for (const c of countryActors()) for (const n of [c.label, ...c.aliases]) countries.add(placeKey(n));
  const cities = new Set<string>();
  for (const raw of readFileSync(dataFile('gazetteers/cities.tsv'), 'utf8').split(/\r?\n/)) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const name = raw.split('\t')[1];
    if (name) cities.add(placeKey(name));
  }
  return (places = { countries, cities });
}

/** The ISO 3166-1 alpha-2 code of a country name, null when the gazetteer has none. */
function countryCode(label: string): string | null {
  const k = placeKey(label);
  for (const c of countryActors()) if ([c.label, ...c.aliases].some((n) => placeKey(n) === k)) return c.country;
  return null;
}

/** Whether a place name is a country (an actor), as the gazetteer knows it. */
export function isCountry(label: string): boolean {
  const { countries } = loadPlaces();
  const k = placeKey(label);
  return countries.has(k) || countries.has(k.replace(/ (ال)?امريكيه$/, ''));
}

// ------------------------------------------------------------------ words of a sentence

const F = (words: string[]) => new Set(words.map((w) => fold(w)));

/** The sections of data/events/clause-words.ar.txt: closed word classes the argument rules read. */
const CLAUSE_SECTIONS = ['impersonal', 'circumstance', 'place-prep', 'noun-governor', 'adjunct-opener', 'time-filler', 'reporting', 'modal', 'latter-not-after', 'main-boundary', 'restart', 'expectation', 'clause-opener', 'occurrence', 'org-noun', 'quantity'] as const;
type ClauseSection = (typeof CLAUSE_SECTIONS)[number];
let clauseLists: Map<ClauseSection, string[]> | null = null;

/**
 * A word class of data/events/clause-words.ar.txt (read once, lazily), compared folded; with
 * `clitic`, a word with a leading و/ف belongs too ("وقال"، "فيمكن").
 */
function wordList(section: ClauseSection, clitic = false): { has(f: string): boolean; test(f: string): boolean } {
  let set: Set<string> | null = null;
  const has = (f: string): boolean => {
    if (!clauseLists) {
      const lists = new Map<ClauseSection, string[]>(CLAUSE_SECTIONS.map((x) => [x, []]));
      for (const { section: sec, text } of readDataList('events/clause-words.ar.txt', CLAUSE_SECTIONS)) lists.get(sec as ClauseSection)!.push(text);
      clauseLists = lists;
    }
    set ??= F(clauseLists.get(section)!);
    return set.has(f) || (clitic && /^[وف]./.test(f) && set.has(f.slice(1)));
  };
  return { has, test: has };
}

/** Words that end the stretch in which a trigger's arguments are looked for. */
const BARRIERS = F([
  'حيث', 'الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'اللذان', 'حول', 'بشأن', 'بخصوص', 'لبحث', 'لمناقشة', 'لتدارس',
  'أن', 'إن', 'أنه', 'إنه', 'أنها', 'لأن', 'بعدما', 'عندما', 'قبل', 'بعد', 'قال', 'وقال', 'أكد', 'وأكد', 'كما', 'وكذا', 'إذ', 'فيما', 'بينما',
  'لكن', 'ولكن', 'غير', 'ضمن', 'إطار', 'سياق', 'أجل', 'بهدف', 'قصد', 'تناولت', 'تناول', 'تمحورت',
  'وهو', 'وهي', 'وهم', 'جاء', 'وجاء',
]);
const RELATIVES = F(['التي', 'الذي', 'اللذين', 'اللتين']);
/** Words allowed between a verbal noun and its genitive actor, or a verb and its subject. */
const FILLERS = F([
  'أيضا', 'كذلك', 'بدوره', 'بدورها', 'اليوم', 'أمس', 'رفيع', 'رفيعة', 'المستوى', 'الرسمية', 'الرسمي', 'الثنائي', 'الثنائية', 'العمل',
  'الأخيرة', 'الأخير', 'الجديد', 'الجديدة', 'المرتقبة', 'المرتقب', 'جمع', 'جمعت', 'جمعهما', 'تجمع', 'يجمع', 'مساء', 'صباح', 'يوم', 'قد',
  'الأسبوع', 'الماضي', 'الجاري', 'المقبل', 'الخميس', 'الجمعة', 'السبت', 'الأحد', 'الإثنين', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الهاتفية', 'الهاتفي', 'هاتفيا',
  'اتصالا', 'اتصال', 'مباحثات', 'محادثات',
]);
const TOPIC = F(['حول', 'بشأن', 'بخصوص', 'عن']);
/** Prepositions of circumstance: a name after them is neither subject nor object ("أمام مجلس الأمن"). */
// ("حسب منظمات حقوق الإنسان", "بحسب الشرطة": who reports it, never an argument of the act)
const CIRCUMSTANCE = wordList('circumstance');
/** Honorifics written before a title ("فخامة الرئيس", "صاحب السمو الشيخ"). */
const HONORIFICS = F(['فخامة', 'جلالة', 'سمو', 'السمو', 'صاحب', 'سعادة', 'معالي', 'السيد', 'السيدة']);
/** Prepositions of place whose construct chain holds a name as part of the place ("أمام مقر X"). */
const PLACE_PREPS = wordList('place-prep');
/** Nouns of a part, a force or a group: "قوة من الجيش" acts as the army does, "مجموعة من المتمردين" as the rebels. */
const PARTITIVE = F(['قوة', 'قوات', 'عناصر', 'عنصر', 'وحدة', 'وحدات', 'دورية', 'دوريات', 'وفد', 'أفراد', 'جنود', 'مقاتلو', 'مقاتلين', 'مجموعة', 'مجموعات']);
/** Participles that open a title with عن ("المسؤول عن الملف النووي علي لاريجاني"). */
const TITLE_AN = F(['المسؤول', 'المسؤولة', 'المسئول', 'مسؤول', 'المكلف', 'المكلفة', 'المتحدث', 'المتحدثة']);
const PLACE_NOUNS = F(['العاصمة', 'مدينة', 'المدينة', 'عاصمة', 'مقر']);

const NOT_NAMES = /(^|\s)[وبل]?نظ(ير|را)/;

/** Words of direction and part before a place name (folded, clitics off): "جنوب العراق", "وسط الصومال", "شمالي لبنان". */
const DIRECTION = /^(جنوب|شمال|شرق|غرب|وسط|جنوبي|شمالي|شرقي|غربي|اقصي|انحاء|ضواحي|اطراف|قلب)$/;

/** How the phrase of a name is introduced. */
type Marker = 'none' | 'bi' | 'li' | 'maa' | 'ila' | 'ala' | 'min' | 'agent' | 'fi' | 'bayna' | 'topic' | 'list' | 'other';

interface Word {
  start: number;
  end: number;
  /** folded word (MATCH) */
  f: string;
  /** the word as written */
  raw: string;
  kind: string;
  /** proclitics other than the article (و، ف، ب، ل، ك، س) */
  pro: string[];
}

interface Unit {
  cluster: number;
  kind: 'actor' | 'place';
  /** start of the whole phrase (title included) and end of the name */
  start: number;
  end: number;
  /** index of the first word of the phrase */
  first: number;
  last: number;
  marker: Marker;
  /** joined to the phrase before by و */
  coord: boolean;
  city: boolean;
  country: boolean;
  /** an office standing for its official ("بمدير الاستخبارات المركزية"): the phrase as written, title included */
  label?: string;
  /** a generic actor phrase (الشرطة، المتظاهرون): its sector code */
  generic?: string;
  /** a counterpart ("نظيره الفرنسي"): the official of the other side, whose pronoun names the one it faces */
  counterpart?: boolean;
  /** a force with its pronoun ("طائراته"): stands for its owner, the nearest actor before it */
  owned?: boolean;
  /** a region named as a إقليم ("إقليم كردستان"): a polity that acts, not a place */
  polity?: boolean;
  /** a relative with its pronoun ("بناته"): a recipient, never an actor (most often a genitive: "صور زوجها") */
  kin?: boolean;
}

const TITLE_HEADS = (() => {
  let heads: Set<string> | null = null;
  return (): Set<string> => {
    if (!heads) {
      heads = new Set();
      for (const { text } of readDataList('titles.ar.txt', ['titles', 'after-bare'])) heads.add(fold(text.split(/\s+/)[0]!).replace(/^ال/, ''));
    }
    return heads;
  };
})();

function isTitleWord(w: Word): boolean {
  const bare = w.f.replace(/^[وفبلك]+(?=ال)/, '').replace(/^(وب|ول|فب|فل|و|ف|ب|ل)(?=..)/, '');
  const noAl = bare.replace(/^ال/, '');
  return TITLE_HEADS().has(noAl) || TITLE_HEADS().has(w.f.replace(/^ال/, ''));
}

function sentenceWords(text: string, s: Sentence): Word[] {
  const out: Word[] = [];
  for (const t of tokenize(text.slice(s.start, s.end))) {
    const start = s.start + t.start;
    const end = s.start + t.end;
    if (t.kind !== 'arabic') {
      out.push({ start, end, f: t.text, raw: t.text, kind: t.kind, pro: [] });
      continue;
    }
    const pro = segment(t.text).proclitics.filter((p) => p !== 'ال');
    out.push({ start, end, f: fold(t.text), raw: t.text, kind: t.kind, pro });
  }
  return out;
}

/** Index of the word holding `offset` (or the first after it). */
function wordAt(words: Word[], offset: number): number {
  for (let i = 0; i < words.length; i++) if (words[i]!.end > offset) return i;
  return words.length;
}

const isWord = (w: Word | undefined): boolean => !!w && (w.kind === 'arabic' || w.kind === 'latin' || w.kind === 'acronym' || w.kind === 'number');

/**
 * Whether a folded word is a place noun (العاصمة، مدينة…) behind its clitics: "والعاصمة",
 * "بالعاصمة" (ب + ال), "بمدينة", "للعاصمة" (ل + ال, whose ا is not written).
 */
function isPlaceNoun(f: string): boolean {
  const w = f.replace(/^[وف]/, '');
  if (PLACE_NOUNS.has(w)) return true;
  if (w.startsWith('لل')) return PLACE_NOUNS.has('ا' + w.slice(1));
  const bare = w.replace(/^[بل]/, '');
  return bare !== w && (PLACE_NOUNS.has(bare) || PLACE_NOUNS.has('ال' + bare));
}

/** The marker of a phrase whose first word is words[i], the clitics before `start` in it included. */
function markerOf(text: string, words: Word[], i: number, start: number): { marker: Marker; coord: boolean } {
  const w = words[i]!;
  let pro = w.pro;
  if (start > w.start) {
    const p = fold(text.slice(w.start, start));
    pro = [...p].filter((c) => 'وفبلك'.includes(c));
    if (p.endsWith('ال')) pro = [...p.slice(0, -2)].filter((c) => 'وفبلك'.includes(c));
  }
  let coord = pro[0] === 'و' || pro[0] === 'ف';
  const rest = pro.filter((p) => p !== 'و' && p !== 'ف');
  if (rest.includes('ب')) return { marker: 'bi', coord };
  if (rest.includes('ل')) return { marker: 'li', coord };
  // the words before
  const p1 = words[i - 1];
  const p2 = words[i - 2];
  if (!isWord(p1)) return { marker: 'none', coord };
  const a = p1!.f;
  const b = isWord(p2) ? p2!.f : '';
  if (a === 'و') return { marker: 'none', coord: true };
  // "من فخامة الرئيس X", "مع صاحب السمو الشيخ X": an honorific before a title takes no part
  if (HONORIFICS.has(a) && i >= 1) return markerOf(text, words, i - 1, words[i - 1]!.start);
  // "قوة من الجيش الإسرائيلي داهمت": the marker of the partitive noun
  if ((a === 'من' || a === 'ومن') && (PARTITIVE.has(b) || PARTITIVE.has(b.replace(/^[وف]/, ''))) && i >= 2) return markerOf(text, words, i - 2, words[i - 2]!.start);
  if (a === 'من' && (b === 'كل' || b === 'بكل' || b === 'لكل')) return { marker: 'list', coord };
  if ((a === 'طرف' || a === 'قبل') && (b === 'من')) return { marker: 'agent', coord };
  if (a === 'يد' && b === 'علي') return { marker: 'agent', coord };
  if (a === 'مع' || a === 'ومع') return { marker: 'maa', coord: coord || a === 'ومع' };
  if (a === 'الي' || a === 'والي' || a === 'لدي') return { marker: 'ila', coord: coord || a === 'والي' };
  if (a === 'علي' || a === 'ضد') return { marker: 'ala', coord };
  if (a === 'من' || a === 'ومن') return { marker: 'min', coord };
  if (a === 'في' || a === 'وفي') return { marker: 'fi', coord };
  // ("بين هذه القوات وبين المتظاهرين": the second side joined by وبين)
  if (a === 'بين' || a === 'وبين') return { marker: 'bayna', coord: coord || a === 'وبين' };
  if (CIRCUMSTANCE.has(a)) return { marker: 'other', coord };
  // "أنان المسؤول عن الملف النووي علي لاريجاني": عن inside the title, the marker is the title's
  if (a === 'عن') {
    for (let j = i - 2; j >= Math.max(0, i - 3); j--) if (isWord(words[j]) && TITLE_AN.has(words[j]!.f.replace(/^[وف]/, ''))) return markerOf(text, words, j, words[j]!.start);
  }
  if (TOPIC.has(a)) return { marker: 'topic', coord };
  if (isPlaceNoun(a)) {
    // "بالعاصمة المغربية الرباط", "في مدينة طنجة": the marker of the place noun
    return markerOf(text, words, i - 1, words[i - 1]!.start);
  }
  if (p2 && isPlaceNoun(b) && /^ال/.test(a)) return markerOf(text, words, i - 2, words[i - 2]!.start);
  // "في وسط الصومال", "إلى جنوب لبنان": a name after a word of direction takes the marker of
  // the direction's phrase (a bare one, "قصفت المقاومة شمال إسرائيل", is the object's)
  if ((DIRECTION.test(a) || DIRECTION.test(a.replace(/^[وفب]/, ''))) && i >= 1) {
    const outer = markerOf(text, words, i - 1, words[i - 1]!.start);
    if (outer.marker !== 'none') return outer;
  }
  if (p2 && (b === 'في' || b === 'الي') && PLACE_NOUNS.has(a)) return { marker: b === 'في' ? 'fi' : 'ila', coord };
  // "أمام ضريح الرئيس رفيق الحريري", "أمام مقر نقابة الصحافيين": a name closing a construct
  // chain opened by a preposition of place belongs to the place, not to the verb
  for (let j = i - 1, n = 0; j >= 0 && n < 4; j--, n++) {
    const v = words[j]!;
    if (!isWord(v) || v.kind !== 'arabic') break;
    if (PLACE_PREPS.has(v.f)) return { marker: 'other', coord };
    if (v.pro.length || segment(v.raw).enclitics.length || BARRIERS.has(v.f)) break;
  }
  return { marker: 'none', coord };
}

// ------------------------------------------------------------------ dates

function lastDay(y: number, m: number): string {
  return String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0');
}

/** A timex value as first and last day (ISO dates), null where it gives none. */
export function timexDays(value: string | null): { start: string | null; end: string | null } {
  if (!value) return { start: null, end: null };
  if (value.includes('/')) {
    const [a, b] = value.split('/');
    return { start: timexDays(a!).start, end: timexDays(b!).end };
  }
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}-\d{2}-\d{2})/.exec(value))) return { start: m[1]!, end: m[1]! };
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) return { start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${lastDay(+m[1]!, +m[2]!)}` };
  if ((m = /^(\d{4})$/.exec(value))) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) {
    const y = +m[1]!;
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (+m[2]! - 1) * 7 * 864e5);
    const sunday = new Date(monday.getTime() + 6 * 864e5);
    return { start: monday.toISOString().slice(0, 10), end: sunday.toISOString().slice(0, 10) };
  }
  return { start: null, end: null };
}

// ------------------------------------------------------------------ events

interface Draft {
  trigger: EventTriggerInput;
  sentence: number;
  source: number;
  targets: number[];
  location: number | null;
  /** targets that are countries */
  countries: number[];
  status: ArticleEvent['status'];
  /** the grammatical subject (the host of استقبل, the receiver of تلقى; else the source) */
  subject: number;
  /** official's titles standing for an office ("مدير الاستخبارات المركزية"), by cluster */
  labels: Map<number, string>;
  /** told as an act: a verb, a light verb or a relative clause, not a bare noun */
  frame: boolean;
}

/** A guess at whether a trigger is a verb form, when the detector did not say. */
function looksVerb(t: EventTriggerInput): boolean {
  if (t.verb !== undefined) return t.verb;
  const w = fold(t.text.split(/\s+/)[0]!);
  return !(w.startsWith('ال') || /(ه|ات|اء|ال)$/.test(w) || /^(م|ت)/.test(w) && w.length > 5);
}

/**
 * The events of one article from its triggers, its entity clusters (with the store entity
 * each stands for, by index) and its temporal expressions.
 * @example buildEvents(text, triggerDetails(text, eventWords(text)), clusters, refs, findTimexes(text, published), 'a1b2')
 */
export function buildEvents(
  text: string,
  triggers: EventTriggerInput[],
  clusters: MentionCluster[],
  refs: (EventEntityRef | null)[],
  timexes: Timex[],
  articleId = 'event',
): ArticleEvent[] {
  const sentences = splitSentences(text);
  // generic actors (الشرطة، المتظاهرون) get cluster numbers after the entities'
  const generic = new Map<number, EventEntityRef>();
  const counted = new Set<number>();
  const ref = (i: number): EventEntityRef => generic.get(i) ?? refs[i] ?? { id: `local:${i}`, label: clusters[i]!.label };
  // spans that hide a trigger: names and titles
  const names: { start: number; end: number }[] = [];
  const roles: { start: number; end: number }[] = [];
  for (const c of clusters) for (const m of c.mentions) {
    names.push(m);
    if (m.role) roles.push(m.role);
  }
  const inside = (spans: { start: number; end: number }[], s: number, e: number) => spans.some((x) => s >= x.start && e <= x.end);

  const cache = new Map<number, { words: Word[]; units: Unit[]; withGeneric: Unit[] }>();
  const sentenceData = (si: number) => {
    let d = cache.get(si);
    if (!d) {
      const words = sentenceWords(text, sentences[si]!);
      // "وخطفوا", "وطالبوا": the trigger matcher read the و/ف off a word the segmenter left whole;
      // the clause rules need it (a verb after و opens a clause of its own)
      for (const t of triggers) {
        const w = words[wordAt(words, t.start)];
        if (!w || w.start >= t.start || t.start >= w.end || w.pro.length) continue;
        const pre = text.slice(w.start, t.start);
        if (/^[وف][بلس]?$/.test(pre)) w.pro = [...pre];
      }
      let units = unitsOf(text, words, sentences[si]!, clusters);
      units = [...units, ...latterUnits(text, words, units, clusters)].sort((a, b) => a.first - b.first);
      // the words of names and titles are no generic actor
      const taken = new Set<number>();
      for (const u of units) for (let x = u.first; x <= u.last; x++) taken.add(x);
      words.forEach((w, x) => { if (inside(names, w.start, w.end) || inside(roles, w.start, w.end)) taken.add(x); });
      const phrases = genericPhrases(text, words, taken).filter((g) => !(g.first === g.last && adjectival(words[g.first]!.start, words[g.last]!.end)))
        // "وفد من حركة حماس", "قوة من الجيش": the name after من acts (partitive), not the noun
        .filter((g) => !(PARTITIVE.has(words[g.last]!.f.replace(/^[وف](?=...)/, '')) && words[g.last + 1]?.f === 'من' && units.some((u) => u.first === g.last + 2)));
      // "شرطة بنغلاديش", "شرطة دبي": a head in the construct state before a place is that place's
      // force or people — one actor, and the place is no argument of its own
      for (const g of phrases) {
        const u = units.find((x) => x.first === g.last + 1 && (x.kind === 'place' || x.country));
        const head = words[g.last]!;
        if (!u || words[u.first]!.pro.length || /^ال/.test(head.f.replace(/^[وفبلك]+(?=ال)/, '')) || segment(head.raw).enclitics.length) continue;
        units = units.filter((x) => x !== u);
        g.last = u.last;
        g.label = text.slice(coreStart(words[g.first]!), words[u.last]!.end);
        if (u.country && !g.country) g.country = countryCode(clusters[u.cluster]!.label);
      }
      const gen: Unit[] = phrases.map((g) => {
        const cluster = clusters.length + generic.size;
        generic.set(cluster, { id: genericId(g.code, g.country), label: g.label });
        if (g.counted) counted.add(cluster);
        return { cluster, kind: 'actor', start: words[g.first]!.start, end: words[g.last]!.end, first: g.first, last: g.last, ...markerOf(text, words, g.first, words[g.first]!.start), city: false, country: false, generic: g.code, ...(g.counterpart ? { counterpart: true } : {}), ...(g.owned ? { owned: true } : {}), ...(g.kin ? { kin: true } : {}) };
      });
      d = { words, units, withGeneric: [...units, ...gen].sort((a, b) => a.first - b.first) };
      cache.set(si, d);
    }
    return d;
  };
  // "هجوم مسلح", "الهجوم المسلح": a singular actor noun right after a verbal noun, agreeing
  // with it in definiteness, is its adjective — the kind of act, neither who did it nor to whom
  const adjectival = (s: number, e: number): boolean => {
    const w = fold(text.slice(s, e));
    return !/(ون|ين)$/.test(w) && sorted.some((n) => !n.actor && !looksVerb(n) && n.end < s && /^\s+$/.test(text.slice(n.end, s)) && /^ال/.test(fold(n.text)) === /^ال/.test(w));
  };
  const unknownActor = UNKNOWN_CLUSTER;
  generic.set(unknownActor, { id: UNKNOWN_ACTOR_ID, label: '' });
  const agentless: Draft[] = [];
  const protesters: Draft[] = [];

  const drafts: Draft[] = [];
  // a trigger inside a name or a title ("دان غيلرمان", "مكتب التحقيقات") is no trigger for any rule
  const sorted = [...triggers]
    .filter((t) => !inside(names, t.start, t.end) && !inside(roles, t.start, t.end))
    .sort((a, b) => a.start - b.start)
    .map((t) => (t.verb !== false && governedNoun(text, t) ? { ...t, verb: false } : t));
  // "بعمليات قتل وخطف", "تعذيب واغتصاب وقتل": a three-letter verb form (فعل, whose verbal noun is
  // written the same) joined by و to the verbal noun right before it is a verbal noun of the list
  for (let k = 1; k < sorted.length; k++) {
    const t = sorted[k]!;
    const p = sorted[k - 1]!;
    if (looksVerb(t) && /^[^اى]{2}[^اىي]$/.test(fold(t.text)) && !looksVerb(p) && !p.actor && /^\s+[وف]$/.test(text.slice(p.end, t.start))) sorted[k] = { ...t, verb: false };
  }
  // "بدأوا بإحراق الإطارات ورشق الجنود", "قاموا بخطفه وقتل …": so is one joined by و to a list of
  // verbal nouns opened by بـ after قام / بدأ (the first noun need not be a trigger)
  for (let k = 0; k < sorted.length; k++) {
    const t = sorted[k]!;
    if (!looksVerb(t) || !/^[^اى]{2}[^اىي]$/.test(fold(t.text)) || !/(^|\s)[وف]$/.test(text.slice(Math.max(0, t.start - 2), t.start))) continue;
    const toks = text.slice(Math.max(0, t.start - 80), t.start - 1).split(/\s+/).filter(Boolean).slice(-5);
    if (toks.some((x) => /[.،,؛;:!?؟«»"“”()]/.test(x))) continue;
    for (let j = toks.length - 1; j >= 1; j--) {
      if (/^ب[^ب]{3,}/.test(fold(toks[j]!)) && /^(قام|قامت|قاموا|يقوم|تقوم|يقومون|بدا|بدات|بداوا)$/.test(fold(toks[j - 1]!).replace(/^[وف](?=...)/, ''))) {
        sorted[k] = { ...t, verb: false };
        break;
      }
    }
  }
  const actorNouns = sorted.filter((t) => t.actor && !adjectival(t.start, t.end));
  for (const t of sorted) {
    if (t.actor) continue; // "مسلحون": the actors, not the event
    if (inside(names, t.start, t.end) || inside(roles, t.start, t.end)) continue;
    const si = sentences.findIndex((s) => t.start >= s.start && t.start < s.end);
    if (si < 0) continue;
    const { words, units, withGeneric } = sentenceData(si);
    const genericUnits = withGeneric.filter((u) => u.generic);
    // "المتظاهرون" names the actors, as a name does: no trigger of its own
    const actorPhrase = genericUnits.find((u) => t.start >= words[u.first]!.start && t.end <= words[u.last]!.end);
    if (actorPhrase) {
      // … but protesters who act in the clause ("خرج آلاف المتظاهرين", "رفع المتظاهرون شعارات")
      // tell a protest by them, kept for a sentence that tells no other
      if (t.type === 'PROTEST' && protesterSubject(words, actorPhrase)) protesters.push({ source: actorPhrase.cluster, targets: [], location: placeOf(units, t, []), countries: [], status: t.status, subject: actorPhrase.cluster, labels: new Map(), frame: true, trigger: t, sentence: si });
      continue;
    }
    if (inComplement(t, sorted, words)) continue;
    // "اتفاقية تعاون", "وقعت مصر اتفاقية تعاون": a verbal noun right after another (or after a
    // verb phrase ending in one) is its complement: one event
    if (!looksVerb(t) && sorted.some((p) => p !== t && !p.actor && p.end <= t.start && (!looksVerb(p) || /\s/.test(p.text)) && /^\s+$/.test(text.slice(p.end, t.start)))) continue;
    // "هل تدعم X Y؟": a question asks whether it happens, it tells no event
    // (the question may open the sentence: "هل يرى … في قتل الأبرياء … ؟")
    if (/^[وف]?هل$/.test(words[wordAt(words, t.start) - 1]?.f ?? '') || (/^[وف]?هل$/.test(words.find(isWord)?.f ?? '') && /[؟?]\s*$/.test(sentences[si]!.text))) continue;
    // a generic actor right after a verb is its subject: the name after it is not ("اعتقلت الشرطة X")
    const unnamed = [...actorNouns, ...genericUnits.map((u) => ({ start: words[u.first]!.start, end: words[u.last]!.end }))];
    const others = sorted.filter((o) => o !== t && !o.actor);
    let d = argumentsOf(t, words, units, drafts, si, unnamed, others);
    // (a verbal noun after a light verb likewise: "شن طيران الاحتلال غارات", "وقع X اتفاقية مع شرطة دبي")
    const nounSupported = !looksVerb(t) && (supportBefore(words, wordAt(words, t.start), withGeneric, t.type, others) !== null || purposeAdjunct(words, wordAt(words, t.start), t.type) ||
      // ("بعد لقاء نظيره الفرنسي": a counterpart as the genitive names the other side of the act)
      genericUnits.some((u) => u.counterpart && u.first === wordAt(words, t.end - 1) + 1));
    // (and a verbal noun told as happening, its actor a generic genitive: "تصاعدت احتجاجات المعارضة ضد الحكومة")
    // (or a verbal noun between two sides: "اشتباكات بين الشرطة والمتظاهرين")
    // (an adjective or two may stand between: "مواجهات عنيفة بين")
    const betweenSides = !looksVerb(t) && (() => {
      const tLast = wordAt(words, t.end - 1);
      for (let i = tLast + 1; i <= tLast + 3 && i < words.length; i++) {
        const w = words[i]!;
        if (!isWord(w) || w.pro.length) return false;
        if (/^و?بين$/.test(w.f)) return true;
      }
      return false;
    })();
    if (genericUnits.length && (!d || !d.targets.length || d.source === UNKNOWN_CLUSTER) && (looksVerb(t) || nounSupported || betweenSides || occurred(t, words))) {
      // no name fills the source or the target of a verb: a generic actor where the rules point
      // ("وطاردت الشرطة المتظاهرين"); a count is no recipient ("اعتقلت خمسة مواطنين")
      const g = argumentsOf(t, words, withGeneric, drafts, si, actorNouns, others);
      // "فيما قتل ثلاثة مدنيين في هجوم", "مقتل 4 أشخاص وجرح 27 آخرين": a count as the subject of a
      // verb of killing or arrest is who it was done to (a passive), not who did it
      const gs = g && withGeneric.find((u) => u.cluster === g!.source);
      if (g && gs && counted.has(g.source) && patientVerb(t) && gs.marker === 'none') {
        g.source = g.subject = UNKNOWN_CLUSTER;
        g.targets = [];
      }
      if (g) g.targets = g.targets.filter((x) => !counted.has(x));
      // "اعتقلت الشرطة 19 شخصا يشتبه بتورطهم … ضد قوى الأمن": a count fills the object; a name after it is another clause's
      if (g && g.targets.length && countedObject(words, wordAt(words, t.end - 1), withGeneric.find((u) => u.cluster === g.targets[0])?.first ?? -1)) g.targets = [];
      // a verbal noun whose actor is named takes a generic recipient only after مع، إلى، بـ، لـ …:
      // a bare phrase after it may open the next clause ("قصفها … وكان طيران الاحتلال")
      // (a generic subject of تلقى before the noun is its recipient: "تلقى جلالته اتصالا من X")
      if (g && d && nounSupported && g.targets.some((x) => { const u = withGeneric.find((v) => v.cluster === x); return u?.marker === 'none' && words[u.first]!.start > t.start; })) g.targets = [];
      // (a passive's actor may be a generic phrase after على يد: "خطف X على يد مسلحين")
      if (g && (!d || (g.source === d.source && g.targets.length) || (d.source === UNKNOWN_CLUSTER && g.source !== UNKNOWN_CLUSTER && d.targets.every((x) => g.targets.includes(x))))) d = g;
    }
    if (!d && t.type === 'ASSAULT') d = attackerOf(t, words, withGeneric);
    if (!d && t.mode === 'visit') d = visitInClause(t, words, units);
    // "قال X …، مطالبا Y بـ…", "متهما Y", "داعيا Y إلى": a participle of manner is the act of the
    // clause's subject, Y its recipient (the bare reading took Y for the actor)
    const manner = mannerParticiple(t, words, withGeneric);
    if (manner) d = manner;
    if (!d && ((t.type === 'ASSAULT' && concreteAttack(t, sorted, words)) || ((t.type === 'ASSAULT' || t.type === 'PROTEST') && occurred(t, words)))) {
      agentless.push({ source: unknownActor, targets: [], location: placeOf(units, t, []), countries: [], status: t.status, subject: unknownActor, labels: new Map(), frame: true, trigger: t, sentence: si });
      continue;
    }
    if (!d) continue;
    // "قال الجيش التركي إن طائراته قصفت X": a force with its pronoun acts for its owner, the nearest
    // bare actor before it (not across a quote); none, no event. It is never a recipient.
    const ownedUnit = withGeneric.find((u) => u.owned && u.cluster === d!.source);
    if (ownedUnit) {
      const owner = [...withGeneric].reverse().find((u) => u.last < ownedUnit.first && u.kind === 'actor' && !u.owned && !u.coord && u.marker === 'none' && !counted.has(u.cluster) && !openQuote(between(words, u.last, ownedUnit.first)));
      if (!owner) continue;
      d = { ...d, source: owner.cluster, subject: d.subject === ownedUnit.cluster ? owner.cluster : d.subject };
    }
    if (withGeneric.some((u) => u.owned)) d.targets = d.targets.filter((x) => !withGeneric.some((u) => u.owned && u.cluster === x));
    // a relative with its pronoun is one an act is done to ("تعرضت بناته للاعتقال"), never its actor
    if (withGeneric.some((u) => u.kin && u.cluster === d!.source)) continue;
    // "التعاون الأمني بين البلدين", "الشراكة": a relation, not an act; nor is "جولة الإعادة" a
    // tour or "بتهمة التجسس" a charge brought (nouns tagged `framed` in triggers.ar.tsv)
    if (!d.frame && (FRAMED.has(t.type) || t.framed)) continue;
    // a passive with no one named it was done to ("وأصيب خمسة"): an agentless report, once a sentence
    if (d.source === UNKNOWN_CLUSTER && !d.targets.length) {
      agentless.push({ ...d, trigger: t, sentence: si });
      continue;
    }
    // "أدان X الهجوم على Y", "ندد بالاعتداء الإسرائيلي على Y": Y is who the condemned act was done
    // to, not who is condemned — a recipient after على / ضد past another event's noun is that noun's
    if (t.type === 'ACCUSE' || t.type === 'REJECT') {
      d.targets = d.targets.filter((x) => {
        const u = withGeneric.find((v) => v.cluster === x);
        return !u || u.marker !== 'ala' || !others.some((o) => !looksVerb(o) && o.start >= t.end && o.end <= words[u.first]!.start);
      });
    }
    drafts.push({ ...d, trigger: t, sentence: si });
  }

  // protesters acting in a sentence that tells no protest by a verb or a noun: their protest, once a sentence
  for (const p of protesters) {
    if (drafts.some((d) => d.sentence === p.sentence && d.trigger.type === 'PROTEST')) continue;
    if (p.status === 'negation' || p.status === 'hypothetical' || p.status === 'future') continue;
    const k = drafts.findIndex((d) => d.trigger.start > p.trigger.start);
    drafts.splice(k < 0 ? drafts.length : k, 0, p);
  }

  // an attack (or a protest) whose actor the text does not name: once per sentence, unless one is named there
  for (const a of agentless) {
    if (drafts.some((d) => d.sentence === a.sentence && d.trigger.type === a.trigger.type)) continue;
    if (a.status === 'negation' || a.status === 'hypothetical' || a.status === 'future') continue;
    const k = drafts.findIndex((d) => d.trigger.start > a.trigger.start);
    drafts.splice(k < 0 ? drafts.length : k, 0, a);
  }

  // A visit and the meetings held during it are one event per host (PLOVER): a visit whose
  // only recipient is the country or none gives way to the actor's meetings with named hosts
  // in the same or the next two sentences; they take its place and date when they have none.
  const visitOf = new Map<Draft, Draft>();
  const dropped = new Set<Draft>();
  const isMeeting = (d: Draft) => d.trigger.type === 'CONSULT' && d.targets.some((x) => !d.countries.includes(x));
  for (const v of drafts) {
    if (v.trigger.type !== 'CONSULT' || v.trigger.mode !== 'visit' || v.targets.some((x) => !v.countries.includes(x))) continue;
    const meetings = drafts.filter((d) => d !== v && isMeeting(d) && ref(d.source).id === ref(v.source).id && Math.abs(d.sentence - v.sentence) <= 2);
    if (!meetings.length) continue;
    dropped.add(v);
    for (const m of meetings) if (!visitOf.has(m)) visitOf.set(m, v);
  }

  const out: ArticleEvent[] = [];
  const seen = new Set<string>();
  for (const d of drafts) {
    if (dropped.has(d)) continue;
    const t = d.trigger;
    const s = sentences[d.sentence]!;
    // one actor is not its own recipient; two generic phrases of one sector are two actors
    // ("هاجم مستوطنون المواطنين": both CVL) unless they read the same
    const sameActor = (x: number) => ref(x).id === ref(d.source).id && (!parseGenericId(ref(x).id) || fold(ref(x).label) === fold(ref(d.source).label));
    const targets = d.targets.filter((x) => !sameActor(x));
    // a meeting with no one named is no event; a visit with its place is
    if (t.type === 'CONSULT' && !targets.length && !(t.mode === 'visit' && d.location !== null)) continue;
    const visit = visitOf.get(d);
    let date = dateOf(text, t, s, timexes);
    if (visit && date.start === null && date.text === null) date = dateOf(text, visit.trigger, sentences[visit.sentence]!, timexes);
    const place = d.location ?? (visit ? (visit.location ?? visit.countries[0] ?? null) : null);
    const label = (i: number): EventEntityRef => (d.labels.has(i) ? { id: ref(i).id, label: d.labels.get(i)! } : ref(i));
    // "شن المندوب X هجوما عنيفا على أمين الأمم المتحدة": an attack with no weapon by a person on a
    // person is verbal — ACCUSE (gold.README.md), not ASSAULT
    const person = (i: number | null) => i !== null && i >= 0 && i < clusters.length && (clusters[i]!.type === 'PERSON' || d.labels.has(i));
    // (a named person's هجوم on an institution is verbal too: "جنبلاط يشن هجوما على النظام السوري")
    const verbal = (target: number | null) => t.type === 'ASSAULT' && t.mode === null && /^(ال)?هجوم/.test(fold(t.text)) && person(d.source) && clusters[d.source]!.type === 'PERSON' && (person(target) || (target !== null && target >= 0 && target < clusters.length && clusters[target]!.type === 'ORG'));
    const ev = (target: number | null): ArticleEvent => ({
      id: '',
      type: verbal(target) ? 'ACCUSE' : t.type,
      mode: visit ? 'visit' : t.mode,
      status: d.status,
      source: label(d.source),
      target: target === null ? null : label(target),
      location: t.mode === 'visit' && target !== null && d.countries.includes(target) ? ref(target) : place === null ? null : ref(place),
      date,
      contexts: eventContexts(text, t.start, t.end),
      evidence: { text: s.text, start: s.start, end: s.end },
    });
    for (const target of targets.length ? targets : [null]) {
      const e = ev(target);
      // the same event told twice in one sentence ("اللقاء … المباحثات خلال هذا اللقاء") once,
      // whatever the status of the second telling ("طالبت ألمانيا روسيا … ولما لم تمتثل روسيا
      // للمطالب الألمانية": the negation is the compliance's): one event per actor–recipient pair
      const key = [e.type, e.source.id, e.target?.id ?? '', s.start].join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
    }
  }
  // the same act told again without its recipient (a headline, a lead): the fuller telling stays
  // (and "قتل الإمام علي … قتله ابن ملجم": an act told with no actor, then with one, is one event)
  const kept = out.filter((e) => (e.target !== null || !out.some((o) => o !== e && o.target !== null && o.type === e.type && o.source.id === e.source.id && o.status === e.status)) &&
    !(e.source.id === UNKNOWN_ACTOR_ID && e.target !== null && out.some((o) => o !== e && o.type === e.type && o.source.id !== UNKNOWN_ACTOR_ID && o.target?.id === e.target!.id)));
  kept.forEach((e, i) => (e.id = `${articleId}:${i + 1}`));
  return kept;
}

/**
 * Whether a verbal noun is the purpose of its clause: indefinite accusative ("احتجاجا على",
 * "تنديدا بـ") or after لـ ("للاحتجاج على"), followed by its preposition.
 */
function purposeAdjunct(words: Word[], i: number, type: string): boolean {
  const w = words[i]!;
  const n = words[i + 1];
  if (!n || !isWord(n)) return false;
  // (an attached pronoun is no accusative: اعتداءاتها "its attacks")
  if (segment(w.raw).enclitics.length) return false;
  // the accusative of a stance ("احتجاجا", "تنديدا", "رفضا", "دعما"); "استهدفت اجتماعا لـ…" is an object
  const purpose = (w.pro.includes('ل') && /^لل/.test(w.f)) || (STANCE_TYPES.has(type) && !w.pro.length && !/^ال/.test(w.f) && /ا$/.test(w.f.replace(/[\u064B-\u065F]/g, '')));
  return purpose && (/^(علي|على|مع|ضد)$/.test(n.f) || n.pro.includes('ب') || n.pro.includes('ل'));
}

/** Types whose verbal noun in the accusative states why one acts ("احتجاجا على", "رفضا لـ", "دعما لـ", "تنديدا بـ"). */
const STANCE_TYPES = new Set(['PROTEST', 'REJECT', 'SUPPORT', 'ACCUSE']);

/** Prepositions and nouns of occurrence that govern a noun: a verb form right after them is its verbal noun ("في قتل", "حوادث خطف"). */
const NOUN_GOVERNORS = wordList('noun-governor');

/**
 * Whether a trigger read as a perfect verb is governed as a noun: after a preposition or a
 * noun of occurrence ("في قتل الأبرياء", "حوادث خطف العمال"), or with بـ attached ("بقتل").
 */
function governedNoun(text: string, t: EventTriggerInput): boolean {
  if (t.text.includes(' ')) return false;
  const before = text.slice(Math.max(0, t.start - 40), t.start);
  const attached = /(\S*)$/.exec(before)![1]!;
  if (/ب/.test(attached)) return true;
  if (attached && !/^[وف]$/.test(attached)) return false;
  if (/^[يتن]/.test(fold(t.text)) || attached) return false; // an imperfect, or a verb opening a clause (و/ف)
  const prev = /(\S+)\s+$/.exec(before.slice(0, before.length - attached.length));
  // ("بعمليات قتل": the governing noun with its own clitics)
  return !!prev && (NOUN_GOVERNORS.has(fold(prev[1]!)) || NOUN_GOVERNORS.has(fold(prev[1]!).replace(/^[وف]?[بل]?(?=...)/, '')));
}

/** Modes of acts done to someone: the genitive of their verbal noun is the target ("اعتقال X"). */
const PATIENT_MODES = new Set(['arrest', 'deport', 'confiscate', 'assassinate', 'abduct', 'execute', 'torture', 'release']);
/** Verbal nouns of killing, wounding and beating, whatever their mode: "قتل X", "مقتل X", "إصابة X", "ضرب X" name the victim. */
const PATIENT_NOUNS = /^(قتل|مقتل|اصابه|جرح|اعدام|تعذيب|خطف|اختطاف|ضرب)$/;

/**
 * The speaker a complementizer's pronoun stands for, when a verb follows "أنه/إنه/أنها/إنها"
 * (a "قد" between allowed) after a reporting verb: "قال الجيش إنه قتل …" → الجيش. The speaker is
 * the first bare actor after the reporting verb, or the one right before it; null otherwise.
 */
function reportedSpeaker(words: Word[], tFirst: number, before: Unit[]): Unit | null {
  let c = tFirst - 1;
  if (words[c]?.f === 'قد') c--;
  if (!/^[اأإ]نه(ا)?$/.test(words[c]?.f ?? '')) return null;
  // the reporting verb before it, and the speaker around that verb
  let r = -1;
  for (let i = c - 1; i >= 0 && c - i <= 12; i--) if (REPORTING.test(words[i]!.f) || /^[وف]?(اكد|اكدت|قال|قالت|يقول|تقول|اعلن|اعلنت|اوضح|اوضحت|ذكر|ذكرت|افاد|افادت|زعم|زعمت|ادعى|ادعت|يؤكد|تؤكد)$/.test(words[i]!.f)) {
    r = i;
    break;
  }
  if (r < 0) return null;
  const speaker = before.find((u) => u.kind === 'actor' && u.first > r && u.last < c && u.marker === 'none') ?? [...before].reverse().find((u) => u.kind === 'actor' && u.last < r && u.marker === 'none' && u.last >= r - 3);
  return speaker ?? null;
}

/** Whether a number not followed by من ("19 شخصا", not "خمسة من عناصر …") stands between a verb and the first object found after it. */
function countedObject(words: Word[], tLast: number, objectFirst: number): boolean {
  for (let i = tLast + 1; i < objectFirst; i++) {
    const w = words[i]!;
    if (w.kind === 'number' && words[i + 1]?.f !== 'من' && i + 1 < objectFirst) return true;
  }
  return false;
}

/** The cluster number of the unknown actor (generic:UNK) in drafts. */
const UNKNOWN_CLUSTER = -1;

/** Verbs only ever passive: "أصيب" (was wounded). */
const INHERENT_PASSIVE = /^(اصيب|اصيبت|اصيبوا|اصيبا|اغتيل|اغتيلت)$/;
/** Verb stems of killing and wounding, whatever their mode: "قتل", "قتلوا", "جرح". */
const KILLING_VERBS = /^(قتل|قتلت|قتلوا|جرح|جرحت|جرحوا|ذبح|ذبحوا)$/;
/** Words after a verb that open an adjunct, not an object: prepositions and adverbs of time and place. */
const ADJUNCT_OPENERS = wordList('adjunct-opener');
const TIME_FILLERS = wordList('time-filler');

/** Whether a trigger is a verb of an act done to someone: arrest, abduction, assassination … (not release), killing, wounding. */
function patientVerb(t: EventTriggerInput): boolean {
  return looksVerb(t) && ((t.mode !== null && PATIENT_MODES.has(t.mode) && t.mode !== 'release') || KILLING_VERBS.test(fold(t.text)));
}

/**
 * Whether a perfect verb of an act done to someone (arrest, abduction, assassination, killing …)
 * reads as a passive: unvocalised, اعتُقل and اعتَقل are one word, and only the active one takes an
 * object — so with no object after it (the sentence ends, a preposition, بـ, or و opening the next
 * clause follows, time words aside) it is the passive "X اعتقل في …", "X قتل وأصيب آخر".
 */
function passiveReading(t: EventTriggerInput, words: Word[], tFirst: number, tLast: number, actorAfter: Unit[]): boolean {
  if (t.text.includes(' ') || t.status === 'future') return false;
  const w = words[tFirst]!;
  if (segment(w.raw).enclitics.length) return false;
  if (/^[ين]/.test(fold(t.text))) return false; // an imperfect (يعتقل، يقتل)
  if (!patientVerb(t)) return false;
  // the first word after the verb, time words aside
  let i = tLast + 1;
  while (i < words.length && isWord(words[i]) && TIME_FILLERS.has(words[i]!.f)) i++;
  const n = words[i];
  if (!n) return true;
  if (!isWord(n)) return n.kind === 'punct' && !/[«"“(]/.test(n.f);
  if (actorAfter.some((u) => u.first === i)) return false;
  return ADJUNCT_OPENERS.has(n.f) || n.pro.includes('و') || n.pro.includes('ب') || /^و[^ا]/.test(n.f) && n.f.length > 3;
}

/**
 * Whether "قتل X …" / "جرح X …" / "خطف X …" / "اعتقل X …" (verb first) is the passive قُتل / جُرح
 * / خُطف / اعتُقل: the verb takes one noun
 * phrase and nothing after it — an adjunct (في انفجار، خلال، جراء), بـ, a clause after و, or the
 * end — where the active verb would go on to its object ("قتل مسلحون جنديا"). Only the singular
 * masculine forms: قتلت before a plural subject is as often the active verb with an adjunct first.
 */
function vsoPassive(t: EventTriggerInput, words: Word[], np: Unit, actorAfter: Unit[]): boolean {
  if (t.text.includes(' ') || t.status === 'future' || !/^(قتل|جرح|خطف|اختطف|اعتقل)$/.test(fold(t.text))) return false;
  const tFirst = wordAt(words, t.start);
  if (segment(words[tFirst]!.raw).enclitics.length) return false;
  // the phrase right after the verb (time words aside; a title is the phrase's own): "قتل الرابع
  // برصاص رجال الأمن" names the killers after the victim, not the victim
  // (one definite epithet may stand before a name: "قتل الإمام علي")
  const gap = between(words, tFirst, np.first).filter((w) => !(isWord(w) && (TIME_FILLERS.has(w.f) || isTitleWord(w))));
  if (gap.length > 1 || (gap.length === 1 && !(isWord(gap[0]) && /^ال/.test(gap[0]!.f) && !gap[0]!.pro.length && gap[0] === words[np.first - 1]))) return false;
  let i = np.last + 1;
  while (i < words.length && isWord(words[i]) && TIME_FILLERS.has(words[i]!.f)) i++;
  const n = words[i];
  if (!n) return true;
  // (a comma may open adjuncts before the object: "قتل الجيش، بالرصاص، امس، متظاهرا")
  if (!isWord(n)) return n.kind === 'punct' && /[.!?؟;؛]/.test(n.f);
  if (actorAfter.some((u) => u.first === i)) return false;
  return ADJUNCT_OPENERS.has(n.f) || n.pro.includes('ب') || n.pro.includes('و');
}

/** Types whose verbal nouns name a relation or a stance more often than an act ("الشراكة", "مهلة"): an event only with a verb, a light verb or a relative clause. */
const FRAMED = new Set(['COOPERATE', 'SUPPORT', 'THREATEN']);

/** Requests, threats, rejections and accusations whose complement names what is asked, threatened … */
const COMPLEMENT_TYPES = new Set(['REQUEST', 'THREATEN', 'REJECT', 'ACCUSE']);

/**
 * Whether a verbal-noun trigger is the complement of a request, threat, rejection or accusation
 * before it in its clause ("دعا إلى وقف إطلاق النار", "هددت بوقف التعاون"): what is asked for
 * or threatened has not happened.
 */
function inComplement(t: EventTriggerInput, sorted: EventTriggerInput[], words: Word[]): boolean {
  if (looksVerb(t)) return false;
  const tFirst = wordAt(words, t.start);
  if (tFirst >= words.length) return false;
  // "حذر … أثناء زيارة إلى لبنان": a noun after خلال / أثناء is the time of the clause, no complement
  if (/^(خلال|اثناء)$/.test(fold(words[tFirst - 1]?.f ?? '').replace(/^[وف](?=...)/, ''))) return false;
  for (const h of sorted) {
    if (h.end > t.start) break;
    if (!COMPLEMENT_TYPES.has(h.type) || h.start < words[0]!.start) continue;
    const hLast = wordAt(words, h.end - 1);
    const gap = between(words, hLast, tFirst);
    // a verb governs its clause; a verbal noun only the noun right after it ("التهديد بفرض عقوبات")
    if (!looksVerb(h) && gap.filter(isWord).length > 1) continue;
    if (gap.filter(isWord).length > 40 || hasBarrier(gap) || gap.some((w) => w.kind === 'punct' && !/[،,«»"“”]/.test(w.f))) continue;
    // another event verb in between opens a clause of its own
    if (sorted.some((o) => o !== h && o !== t && o.start > h.end && o.end <= t.start && looksVerb(o))) continue;
    return true;
  }
  return false;
}

const REPORTING = wordList('reporting', true);

function dateOf(text: string, t: EventTrigger, s: Sentence, timexes: Timex[]): ArticleEvent['date'] {
  let best: Timex | null = null;
  let bestDist = Infinity;
  for (const x of timexes) {
    if (x.start < s.start || x.end > s.end || x.granularity === 'duration') continue;
    // "أعلنت أمس الخميس …", "بلاغ صدر أمس": the day of the report, not of the event
    const before = fold(text.slice(Math.max(s.start, x.start - 24), x.start)).trim().split(/\s+/).slice(-2);
    if (before.some((w) => REPORTING.test(w))) continue;
    const dist = x.end <= t.start ? t.start - x.end : x.start >= t.end ? x.start - t.end : 0;
    if (dist < bestDist) {
      best = x;
      bestDist = dist;
    }
  }
  if (!best) return { start: null, end: null, text: null };
  return { ...timexDays(best.value), text: best.text };
}

/** The argument phrases of a sentence: one per name that can be an actor or a place. */
function unitsOf(text: string, words: Word[], s: Sentence, clusters: MentionCluster[]): Unit[] {
  const { cities } = loadPlaces();
  const mentions = clusters.flatMap((c, i) => c.mentions.filter((m) => m.start >= s.start && m.end <= s.end).map((m) => ({ m, i, type: c.type })));
  const roleSpans = mentions.filter((x) => x.m.role).map((x) => x.m.role!);
  mentions.sort((a, b) => a.m.start - b.m.start);
  const units: Unit[] = [];
  for (let k = 0; k < mentions.length; k++) {
    const { m, i, type } = mentions[k]!;
    if (units.length && m.start < units[units.length - 1]!.end) continue; // nested mention
    if (roleSpans.some((r) => m.start >= r.start && m.end <= r.end)) continue; // part of a title
    if (NOT_NAMES.test(fold(clusters[i]!.label))) continue; // "نظرائه": a common noun taken for a name
    let start = m.start;
    if (m.role && m.role.end <= m.start) start = m.role.start;
    let first = wordAt(words, start);
    const last = Math.max(first, wordAt(words, m.end - 1));
    const prev = words[first - 1];
    let official: string | undefined;
    const last0 = units[units.length - 1];
    // the title before an office: one word ("مدير"), or a head and its adjective ("الأمين العام")
    const p2 = words[first - 2];
    const titleWords = !prev || start !== m.start ? 0 : isTitleWord(prev) ? 1 : p2 && /^ال/.test(prev.f) && !prev.pro.length && isTitleWord(p2) && p2.kind === 'arabic' ? 2 : 0;
    if (last0 && clusters[last0.cluster]!.type === 'PERSON' && last0.last === first - 1 - titleWords && titleWords && !words[first - titleWords]!.pro.length && type !== 'PERSON') {
      // "حمد بن عيسى آل خليفة ملك البحرين": the office after a person's name is that person's title
      continue;
    }
    if (type === 'LOCATION' && isCountry(clusters[i]!.label) && last0 && (last0.kind === 'place' || last0.polity) && words[first]!.pro.length === 0) {
      // "إقليم كردستان العراق": a country right after a place names where the place is, and so
      // after a place and a word of direction ("البصرة جنوب العراق", "بيشاور شمال غرب باكستان")
      let d = first - 1;
      while (d > last0.last && isWord(words[d]) && !words[d]!.pro.length && DIRECTION.test(words[d]!.f)) d--;
      if (d === last0.last) continue;
    }
    if (type !== 'PERSON' && titleWords) {
      // "بمدير مكتب التحقيقات الفيدرالي “إف بي آي”، كريستوفر راي": the office stands for the
      // person named next to it, or for its official when none is
      let j = k + 1;
      while (mentions[j] && mentions[j]!.type !== 'PERSON' && mentions[j]!.m.start - m.end < 40) j++;
      const person = mentions[j];
      if (person && person.type === 'PERSON') {
        let gap = text.slice(m.end, person.m.start);
        for (let x = j - 1; x > k; x--) gap = gap.slice(0, mentions[x]!.m.start - m.end) + gap.slice(mentions[x]!.m.end - m.end);
        const gapWords = gap.split(/[\s،,“”"«»()\-–]+/).filter(Boolean);
        const apposition = (gapWords.length <= 1 && gapWords.every((g) => /^ال/.test(g)) && /[،,(“"«\-–]/.test(gap)) ||
          // "سفير إسرائيل لدى الأمم المتحدة دان غيلرمان": the title's complement, then the name
          (gapWords.length === 1 && /^(لدى|لدي|في)$/.test(gapWords[0]!) && j === k + 2) ||
          // "مدير المديرية العامة للأمن الوطني ومديرية مراقبة التراب الوطني، عبد اللطيف حموشي"
          (gapWords.length <= 5 && /^[وو]/.test(gapWords[0] ?? '') && /[،,]\s*$/.test(gap) && !gapWords.some((g) => BARRIERS.has(fold(g))));
        if (apposition) {
          first -= titleWords;
          const mk = markerOf(text, words, first, words[first]!.start);
          units.push({ cluster: person.i, kind: 'actor', start: words[first]!.start, end: person.m.end, first, last: wordAt(words, person.m.end - 1), ...mk, city: false, country: false });
          k = j;
          continue;
        }
      }
      first -= titleWords;
      start = words[first]!.start;
      official = text.slice(coreStart(words[first]!), m.end);
    }
    // "هدد إقليم كردستان …": a region named as a إقليم (not a city) is a polity, an actor
    // (after في or بـ it is where something happens: "السلطة في إقليم كردستان")
    const polity = type === 'LOCATION' && !isCountry(clusters[i]!.label) && start === m.start && first === wordAt(words, m.start) && m.start === coreStart(words[first]!) &&
      /^[وف]?اقليم$/.test(words[first - 1]?.f ?? '') && !cities.has(placeKey(clusters[i]!.label)) && !['fi', 'bi'].includes(markerOf(text, words, first - 1, words[first - 1]!.start).marker);
    if (polity) {
      first -= 1;
      start = words[first]!.start;
    }
    const isPlace = type === 'LOCATION' && !isCountry(clusters[i]!.label) && !polity;
    const mk = markerOf(text, words, first, start > words[first]!.start ? start : words[first]!.start);
    if (start === m.start && m.start > words[first]!.start) Object.assign(mk, markerOf(text, words, first, m.start));
    units.push({
      cluster: i, kind: isPlace ? 'place' : 'actor', start, end: m.end, first, last, ...mk,
      city: isPlace && cities.has(placeKey(clusters[i]!.label)),
      country: type === 'LOCATION' && !isPlace && !polity,
      ...(official ? { label: official } : {}),
      ...(polity ? { polity } : {}),
    });
  }
  return units;
}

/**
 * The caller and the called of a phone call told as the manner of its clause's verb ("أبلغ X Y
 * في اتصال هاتفي"): the clause's first bare actor, and the next actor after it (bare or after
 * بـ، لـ، مع، إلى) with those coordinated with it; null without both.
 */
function callOf(words: Word[], tFirst: number, before: Unit[]): { source: Unit; objects: Unit[] } | null {
  let b = tFirst - 2;
  while (b >= 0 && !isBarrier(words[b]!) && !(words[b]!.kind === 'punct' && !/[،,]/.test(words[b]!.f))) b--;
  const clause = before.filter((x) => x.first > b && x.kind === 'actor');
  const subj = clause.find((x) => x.marker === 'none' && !x.coord);
  const k = subj ? clause.findIndex((x) => x.first > subj.last && !x.coord && ['none', 'bi', 'li', 'maa', 'ila'].includes(x.marker)) : -1;
  return subj && k >= 0 ? { source: subj, objects: [clause[k]!, ...coordinated(clause, k)] } : null;
}

/**
 * The subject of a verb of arrival (argument-order.ar.tsv, `arrive`) in the clause of a visit
 * told as its manner ("وصل X … إلى Y في زيارة …"): the first bare actor after the verb, within
 * the clause (back to a barrier or a punctuation mark other than a comma); null when none.
 */
function arrivalSubject(words: Word[], tFirst: number, before: Unit[]): Unit | null {
  const arrive = loadOrders().arrive;
  for (let b = tFirst - 2; b >= 0; b--) {
    const w = words[b]!;
    if (isBarrier(w) || (w.kind === 'punct' && !/[،,]/.test(w.f))) return null;
    if (!isWord(w) || !arrive.has(wordKey(w.raw))) continue;
    const u = before.find((x) => x.first > b && x.kind === 'actor' && !x.coord);
    return u && u.marker === 'none' ? u : null;
  }
  return null;
}

/**
 * The agent of an act whose verbal noun starts at words[i] ("الاعتداء الوحشي الذي تعرض له X من
 * طرف Y" → Y): the phrase after من طرف / من قبل / على يد later in the sentence, with no other event
 * trigger and no punctuation between; null when none.
 */
function agentOfAct(words: Word[], i: number, units: Unit[], others: EventTriggerInput[]): Unit | null {
  const w = words[i];
  if (!w || !isWord(w)) return null;
  const act = others.find((o) => !o.actor && !looksVerb(o) && o.start >= w.start && o.start < w.end);
  if (!act) return null;
  const agent = units.find((u) => u.first > i && u.kind === 'actor' && u.marker === 'agent');
  if (!agent) return null;
  if (words.slice(i + 1, agent.first).some((x) => x.kind === 'punct')) return null;
  if (others.some((o) => o !== act && !o.actor && o.start > act.end && o.end <= words[agent.first]!.start)) return null;
  return agent;
}

/** Verbs of ability and intent that take a verbal noun as complement ("لا يمكنها تأييد", "قررت مقاطعة"). */
const MODALS = wordList('modal', true);
/** Impersonal light verbs of the passive: "تم اعتقال X", "جرى اغتيال X" (a leading و/ف allowed). */
const IMPERSONAL = wordList('impersonal', true);

/** A verb of ability or intent right before a verbal noun, with the subject named between them when one is ("قررت الحكومة مقاطعة"). */
function modalBefore(words: Word[], tFirst: number, units: Unit[]): { index: number; subject: Unit | null } | null {
  let i = tFirst - 1;
  const u = units.find((x) => x.last === i && x.kind === 'actor' && x.marker === 'none' && !x.coord);
  if (u) i = u.first - 1;
  const w = words[i];
  return w && isWord(w) && MODALS.test(w.f) ? { index: i, subject: u ?? null } : null;
}

/** Prepositions before which "الأخير" is no pronoun ("في الأخير" "in the end"). */
const LATTER_NOT_AFTER = wordList('latter-not-after');

/**
 * "أن الأخير أبلغ …", "وأكد الأخير …", "هذا الأخير": "the latter" standing as a noun — after a
 * complementizer, a conjunction, a demonstrative, a verb or punctuation, not as the adjective of a
 * definite noun ("الأسبوع الأخير", "لقائه الأخير") — is the actor named last before it (this
 * sentence or an earlier one): a phrase of that entity.
 */
function latterUnits(text: string, words: Word[], units: Unit[], clusters: MentionCluster[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.kind !== 'arabic' || !/^[وف]?(الاخير|الاخيره)$/.test(w.f) || units.some((u) => i >= u.first && i <= u.last)) continue;
    const p = words[i - 1];
    const adjective = !w.pro.length && p && isWord(p) && p.f !== 'هذا' && p.f !== 'هذه' && p.f !== 'وهذا' && p.f !== 'وهذه' && !/^[اأإ]ن(ه|ها)?$/.test(p.raw) && !/^(لان|كما|حيث|بينما|فيما)$/.test(p.f) &&
      (segment(p.raw).proclitics.includes('ال') || segment(p.raw).enclitics.length > 0 || LATTER_NOT_AFTER.has(p.f) || p.kind !== 'arabic' || units.some((u) => u.last === i - 1));
    if (adjective) continue;
    // the actor named last before it
    let best: { cluster: number; end: number } | null = null;
    clusters.forEach((c, k) => {
      if (c.type === 'LOCATION' && !isCountry(c.label)) return;
      for (const m of c.mentions) if (m.end <= w.start && (!best || m.end > best.end)) best = { cluster: k, end: m.end };
    });
    if (!best) continue;
    out.push({ cluster: (best as { cluster: number }).cluster, kind: 'actor', start: w.start, end: w.end, first: i, last: i, ...markerOf(text, words, i, w.start), city: false, country: false });
  }
  return out;
}

/** Offset where a word starts after its و/ف/ب/ل/ك (the article kept; لل gives its ال back only through the label). */
function coreStart(w: Word): number {
  const seg = segment(w.raw);
  let off = 0;
  for (const p of seg.parts) {
    if (p.kind === 'proclitic' && p.morpheme !== 'ال') off = p.end;
    else break;
  }
  return w.start + off;
}

/** Words strictly between two word indices, as folded strings (non-words kept as they are). */
const between = (words: Word[], a: number, b: number): Word[] => words.slice(a + 1, b);

const isBarrier = (w: Word): boolean => isWord(w) && (BARRIERS.has(w.f) || (/^[وف]../.test(w.f) && BARRIERS.has(w.f.slice(1))));

function hasBarrier(ws: Word[]): boolean {
  return ws.some((w) => (w.kind === 'punct' && /[:;؛]/.test(w.f)) || isBarrier(w));
}

/** A title phrase the role reader left unattached ("رئيس الوزراء الإسباني" before a name): up to five words opened by a title head. */
function titled(ws: Word[]): boolean {
  return ws.length > 0 && ws.length <= 5 && isTitleWord(ws[0]!) && ws[0]!.pro.length === 0 && ws.every((w) => isWord(w) && !isBarrier(w));
}

/**
 * "X، مساعد وزير الخارجية المكلف بالشؤون الدولية لمكافحة المخدرات، سيحل …": a long title set
 * off by commas on both sides, between a name and its verb, is an apposition to the name.
 */
function commaApposition(gap: Word[]): boolean {
  const comma = (w: Word | undefined) => !!w && w.kind === 'punct' && /[،,]/.test(w.f);
  if (!comma(gap[0]) || !comma(gap[gap.length - 1])) return false;
  const content = gap.slice(1, -1);
  return content.length > 0 && content.length <= 12 && isTitleWord(content[0]!) && content[0]!.pro.length === 0 && content.every((w) => isWord(w) && !isBarrier(w));
}

/** Only fillers (and commas) between: the phrase is right next to the word. */
function adjacent(ws: Word[], maxWords: number): boolean {
  let n = 0;
  for (const w of ws) {
    if (w.kind === 'punct') {
      if (!/[،,]/.test(w.f)) return false;
      continue;
    }
    if (!isWord(w)) return false;
    if (w.kind === 'number') continue;
    if (!FILLERS.has(w.f) && !FILLERS.has(w.f.replace(/^[وفب]/, ''))) {
      n++;
      if (n > maxWords) return false;
    }
  }
  return true;
}

function argumentsOf(
  t: EventTriggerInput,
  words: Word[],
  units: Unit[],
  drafts: Draft[],
  si: number,
  actorNouns: { start: number; end: number }[] = [],
  others: EventTriggerInput[] = [],
): Omit<Draft, 'trigger' | 'sentence'> | null {
  const tFirst = wordAt(words, t.start);
  const verb = looksVerb(t);
  let tLast = wordAt(words, t.end - 1);
  // "وقعت مصر اتفاقية مع فرنسا", "أجرى الوزير مباحثات": a verb phrase whose gap holds a name —
  // the subject after the verb: the arguments are read from the verb
  if (verb && units.some((u) => u.kind === 'actor' && u.first > tFirst && u.last < tLast)) tLast = tFirst;
  const order = argumentOrder(t.text);
  let status = t.status;

  // the stretch after the trigger, up to a clause boundary
  let stop = words.length;
  for (let i = tLast + 1; i < words.length; i++) {
    const w = words[i]!;
    // "تظاهر الطلاب … وطالبوا الحكومة": a verb of another event after و/ف opens a clause of its own
    if ((w.pro.includes('و') || w.pro.includes('ف')) && others.some((o) => looksVerb(o) && !o.text.includes(' ') && o.start > w.start && o.start < w.end)) {
      stop = i;
      break;
    }
    // "اعتصم عشرات المواطنين …، مطالبين بتولي X …": a participle after a comma opens a clause of manner
    if (w.kind === 'punct' && /[،,]/.test(w.f) && isWord(words[i + 1]) && /^م.{3,}(ا|ين|ون|ه)$/.test(words[i + 1]!.f) && !isTitleWord(words[i + 1]!)) {
      stop = i;
      break;
    }
    if ((w.kind === 'punct' && /[:;؛]/.test(w.f)) || isBarrier(w)) {
      // "الزيارة التي قام بها X": the relative clause of a verbal noun carries its actor
      // (not past a preposition: "احتجاجا على الاعتداء الذي تعرض له X" — the relative is the act's)
      if (!verb && RELATIVES.has(w.f) && i <= tLast + 3 && relativeSupport(words, i) && !words.slice(tLast + 1, i).some((x) => ADJUNCT_OPENERS.has(x.f) || x.f === 'ضد' || x.f === 'مع')) continue;
      stop = i;
      break;
    }
    // "دعا X إلى وقف …", "طالب بالإفراج عن Y": what is asked for is no recipient;
    // "اتهم X بالعمل لمصلحة Y": nor is what one is accused of
    const charge = t.type === 'ACCUSE' && verb && /تهم/.test(fold(t.text));
    if ((t.type === 'REQUEST' || charge) && i > tLast && ((t.type === 'REQUEST' && /^و?الي$/.test(w.f)) || ((w.pro.includes('ب') || /^ب.../.test(w.f)) && !units.some((u) => u.first <= i && u.last >= i)))) {
      stop = i;
      break;
    }
  }
  const after = units.filter((u) => u.first > tLast && u.first < stop);
  const before = units.filter((u) => u.last < tFirst);
  // "من طرف X" belongs to the nearest act before it: not across another trigger ("هدد المتظاهرون
  // … على اثر مظاهرات تم قمعها من طرف X": X put down the protests, it made no threat)
  const agentUnit = after.find((u) => u.marker === 'agent' && u.kind === 'actor' && !others.some((o) => o.start >= t.end && o.end <= u.start));

  let source: Unit | null = null;
  let objects: Unit[] = [];
  /** the grammatical subject, when it is not the source (the host of استقبل, the receiver of تلقى) */
  let subject: Unit | null = null;
  let frame = false;
  let joint: Unit | null = null;
  const actorAfter = after.filter((u) => u.kind === 'actor');
  const prev = drafts[drafts.length - 1];
  const prevSubject = (): Unit | null => (prev && si - prev.sentence <= 2 ? ({ cluster: prev.subject ?? prev.source } as Unit) : null);
  // the first bare actor of the sentence, before the trigger: the subject of its main clause
  // (not across a clause boundary or a quote: "قال X «إن … واعتدوا»" is not X's act)
  // (a verb pointing back, "يبحث خلالها", may cross a complementizer: "ينتظر أن يبحث خلالها")
  const mainSubject = (back = false): Unit | null => {
    // "… بل حمل عليهما الرئيس جورج بوش واتهمهما": an adversative opens a main clause of its own
    let r = -1;
    for (let i = tFirst - 1; i >= 0; i--) if (isWord(words[i]) && RESTART.has(words[i]!.f)) {
      r = i;
      break;
    }
    const u = before.find((x) => x.first > r && x.kind === 'actor' && x.marker === 'none' && !x.coord);
    if (!u) return null;
    const gap = between(words, u.last, tFirst);
    return gap.some((w) => (MAIN_BOUNDARY.has(w.f) && !(back && /^[اأإ]ن$/.test(w.raw))) || (w.kind === 'punct' && /[:;؛]/.test(w.f))) || openQuote(gap) ? null : u;
  };

  // the one a passive was done to, when not right before it: the subject of the clause, with no
  // other act and few words between ("وكان حمدان ، السائق السابق لأسامة بن لادن ، اعتقل في …")
  const passivePatient = (): Unit | null => {
    const u = mainSubject();
    if (!u) return null;
    const gap = between(words, u.last, tFirst);
    return gap.filter(isWord).length <= 5 && !others.some((o) => o.start > words[u.last]!.end && o.end <= t.start) ? u : null;
  };

  // a subject right before the trigger: "X التقى Y", "X قام بزيارة …"
  const subjectBefore = (): Unit | null => {
    const u = before[before.length - 1];
    if (!u || u.kind !== 'actor' || u.marker !== 'none') return null;
    let end = tFirst;
    if (!verb) {
      const sv = supportBefore(words, tFirst, units, t.type, others);
      if (sv === null) return null;
      end = sv.index;
    }
    // "… إسرائيل واتهمها": a verb after و opens a clause of its own; the name before ends the last one
    if (words[end]!.pro.includes('و') || words[end]!.pro.includes('ف')) return null;
    const gap = between(words, u.last, end);
    if (hasBarrier(gap) || gap.some((w) => w.kind === 'punct' && !/[،,]/.test(w.f))) return null;
    const content = gap.filter((w) => w.kind !== 'punct');
    if (!adjacent(content, 1) && !titledThenFillers(content) && !commaApposition(gap)) return null;
    if (!u.coord) return u;
    // "X وY عقدا مباحثات": a joint subject, of a dual or plural verb
    const k = before.indexOf(u);
    const v = words[end]!;
    const w0 = before[k - 1];
    if (!w0 || w0.kind !== 'actor' || w0.marker !== 'none' || w0.coord || !/(ا|وا)$/.test(v.f)) return null;
    const mid = between(words, w0.last, u.first).filter((w) => w.kind !== 'punct');
    if (hasBarrier(mid) || !(adjacent(mid, 0) || titledThenFillers(mid))) return null;
    joint = u;
    return w0;
  };

  // "X، الذي يزور Y": a verb right after a relative pronoun has the name before it as subject
  const relativeSubject = (): Unit | null => {
    const r = words[tFirst - 1];
    if (!r || !/^(الذي|التي|الذين|اللذين|اللتين)$/.test(r.f)) return null;
    const u = before[before.length - 1];
    if (!u || u.kind !== 'actor') return null;
    const gap = between(words, u.last, tFirst - 1);
    return gap.every((w) => w.kind === 'punct' && /[،,]/.test(w.f)) ? u : null;
  };

  if (verb) {
    const first = actorAfter[0];
    // "وهاجم مسلحون مقر الحزب": an actor noun between the verb and the name is the subject
    const unnamedSubject = first && actorNouns.some((a) => a.start >= words[tLast]!.end && a.end <= words[first.first]!.start);
    // ("والتقى نظيره الفرنسي": a counterpart faces the subject, it is the object)
    const firstBare = first && !unnamedSubject && !first.counterpart && first.marker === 'none' && !first.coord && (adjacent(between(words, tLast, first.first), 2) || titled(between(words, tLast, first.first))) ? first : null;
    // "رفضتها إسرائيل", "اتهمه": an object pronoun on the verb; a name right after it is the subject
    const enc = segment(words[tFirst]!.raw).enclitics;
    const pronounObject = enc.length > 0 && /^(ه|ها|هم|هما|هن)$/.test(enc[enc.length - 1]!);
    const rel = relativeSubject();
    const pre = rel ?? subjectBefore();
    if (order === 'host') {
      // استقبل X Y: X the host (target), Y the visitor (source)
      if (pronounObject) return null; // "استقبلته الراية": the visitor is a pronoun
      // "إيران تستقبل أنان": a subject before the verb is the host, the name after it the visitor
      const host = rel ?? pre ?? firstBare;
      const rest = actorAfter.filter((u) => u !== host);
      const visitor = rest.find((u) => u.marker === 'none' || u.marker === 'li' || u.marker === 'bi');
      if (!visitor) return null;
      source = visitor;
      objects = host ? [host] : [];
      subject = host;
    } else if (order === 'receive') {
      const subj = firstBare ?? pre;
      const from = actorAfter.find((u) => u.marker === 'min' || u.marker === 'agent');
      if (!from) return null;
      source = from;
      objects = subj ? [subj] : [];
      subject = subj;
    } else if (pronounObject) {
      // the pronoun's antecedent is the target: the nearest name before the verb that is not its
      // subject ("الأفكار التي حملها وفد الأمم المتحدة رفضتها إسرائيل", "… إسرائيل واتهمها")
      source = firstBare ?? pre;
      if (!source && clauseInitial(words, tFirst)) source = prevSubject() ?? mainSubject();
      if (source) {
        const sc = source.cluster;
        const antes = [...before].reverse().filter((u) => u.kind === 'actor' && u.cluster !== sc && u !== source && !openQuote(between(words, u.last, tFirst)));
        const ante = antes[0];
        // a recipient the text names but not as a name Marsad knows: no event rather than a wrong
        // one, unless the subject stands before a form that may be a noun ("حماس رفضها": her refusal)
        if (!ante && source !== pre) return null;
        objects = ante ? [ante] : [];
        // "لم تدع سوريا وحليفتها إيران … واتهمهما": a dual pronoun stands for the two names before
        const second = antes.find((u) => u.cluster !== ante?.cluster);
        if (ante && second && enc[enc.length - 1] === 'هما') objects = [second, ante];
      }
    } else if (!pre && firstBare && vsoPassive(t, words, firstBare, actorAfter)) {
      // "قتل جندي أمريكي في انفجار", "جرح شرطي أمس": killed, wounded — the one after the verb it was done to
      source = { cluster: UNKNOWN_CLUSTER, kind: 'actor' } as Unit;
      objects = [firstBare];
    } else if (INHERENT_PASSIVE.test(fold(t.text)) || (passiveReading(t, words, tFirst, tLast, actorAfter) && (pre ?? passivePatient()))) {
      // "وكان الدويك قد اعتقل في …", "جنديا عراقيا قتل وأصيب آخر": a verb of an act done to
      // someone with no object after it is passive — the one it was done to stands before it,
      // the actor is not told (unless after من قبل / على يد, below); "X، الذي اختطف …" tells
      // the past of X. أصيب is passive whatever follows: the one after it was wounded.
      const patient = INHERENT_PASSIVE.test(fold(t.text)) ? firstBare ?? pre : pre ?? passivePatient();
      source = { cluster: UNKNOWN_CLUSTER, kind: 'actor' } as Unit;
      objects = patient ? [patient] : [];
      if (rel && !status) status = 'historical';
    } else {
      // "وطالبوا الحكومة المصرية": a verb with the plural suffix وا holds its subject; the bare
      // phrase after it is its object
      const pluralVerb = /وا$/.test(words[tFirst]!.f) && !enc.length;
      source = pre ?? (pluralVerb ? null : firstBare);
      const rest = actorAfter.filter((u) => u !== source);
      objects = objectsOf(rest, t, listAfter(words, tLast, stop));
      // "رفض حمدان الإجراءات التي اتخذتها السلطات الأميركية": a stance toward a thing someone did
      // is toward them — the subject of the relative clause on the object
      if (!objects.length && STANCE_TYPES.has(t.type) && stop < words.length && RELATIVES.has(words[stop]!.f) && stop - tLast <= 4) {
        // (the relative's verb, then its subject right after it)
        const author = units.find((u) => u.kind === 'actor' && u.marker === 'none' && !u.coord && u.first === stop + 2 && u !== source);
        if (author && isWord(words[stop + 1]) && !units.some((u) => u.first === stop + 1)) objects = [author];
      }
      // "عرضت الحكومة على X منصبا … ولكن X رفض هذا العرض": a stance toward a demonstrative phrase
      // is toward the act told before it in the sentence — its actor, the sentence's first actor
      if (!objects.length && source && STANCE_TYPES.has(t.type) && /^(هذا|هذه|ذلك|تلك)$/.test(words[tLast + 1]?.f ?? '') && words[tLast + 2]?.kind === 'arabic') {
        const src = source;
        const first = before.find((u) => u.kind === 'actor' && u.marker === 'none' && !u.coord && u.cluster !== src.cluster);
        const gap = first ? between(words, first.last, tFirst) : [];
        // (across "ولكن", "بل": the refusal answers the act; not across reported speech or a relative)
        if (first && first.last < src.first && !openQuote(gap) && !gap.some((w) => (MAIN_BOUNDARY.has(w.f) && !/^(ولكن|لكن|بل)$/.test(w.f)) || REPORTING.test(w.f))) objects = [first];
      }
      if (!source && clauseInitial(words, tFirst)) {
        // a dropped subject: the subject of the event told just before, or of the sentence
        const coordinatedVerb = (words[tFirst]!.pro.includes('و') || words[tFirst]!.pro.includes('ف')) && !/^(ما|من|الذي|التي)$/.test(words[tFirst - 1]?.f ?? '');
        const ps = prevSubject();
        if (ps && (objects.length || (coordinatedVerb && prev!.sentence === si))) {
          source = ps;
          if (!t.status && prev!.status === 'historical' && prev!.sentence === si) status = 'historical';
        } else if (!ps && (objects.length || coordinatedVerb)) {
          source = mainSubject();
        }
      }
      if (!source && objects.length && pointsBack(words, tFirst)) source = prevSubject() ?? mainSubject(true);
      // "حيث يتوقع أن يطلب منه …", "ومن المنتظر أن يبحث …": a verb after "an expected/planned that"
      // drops the subject of the event told just before in the sentence
      if (!source && expectedClause(words, tFirst) && prev && prev.sentence === si) source = { cluster: prev.subject ?? prev.source } as Unit;
      // "قال الجيش إنه قتل …", "أكد الحلف أنه قصف …": the pronoun of the complementizer is the speaker
      if (!source) source = reportedSpeaker(words, tFirst, before);
      if (source && !objects.length) {
        // "يطلب منه", "اتصل به": a pronoun after a preposition stands for the name told before
        for (let i = tLast + 1; i < Math.min(stop, tLast + 4); i++) {
          if (!PP_PRONOUN.test(words[i]!.f)) continue;
          const sc = source.cluster;
          // not across the opening of a quote: "قال X «إن … واعتدوا عليهم»" — they are not X
          const ante = [...before].reverse().find((u) => u.kind === 'actor' && u.cluster !== sc && !openQuote(between(words, u.last, tFirst)));
          if (ante) objects = [ante];
          break;
        }
      }
    }
    frame = true;
  } else {
    const rel = relativeAfter(words, tLast, stop);
    const sv = supportBefore(words, tFirst, units, t.type, others);
    // (a purpose adjunct has none: "احتجاجا على رفض X" — X is not who protests)
    const genitive0 = !purposeAdjunct(words, tFirst, t.type) && actorAfter[0] && actorAfter[0].marker === 'none' && !actorAfter[0].coord && adjacent(between(words, tLast, actorAfter[0].first), 2) ? actorAfter[0] : null;
    // "اعتقال X", "اغتيال X": the genitive of an act done to someone is who it is done to
    // (unless the one it is done to follows with لـ: "اعتقال الشرطة للمتظاهرين")
    const patient = genitive0 && ((t.mode !== null && PATIENT_MODES.has(t.mode)) || PATIENT_NOUNS.test(fold(t.text).replace(/^ال/, ''))) && !actorAfter.some((u) => u !== genitive0 && u.marker === 'li') ? genitive0 : null;
    const genitive = patient ? null : genitive0;
    const modal = sv ? null : modalBefore(words, tFirst, units);
    if (rel !== null) {
      // "الزيارة التي قام بها X إلى Y"; "زيارة قام بها إلى Y" (he: the actor told just before)
      const relOrder = loadOrders().support.get(wordKey(words[rel]!.raw));
      const actor = actorAfter.find((u) => u.first > rel && u.marker === 'none' && !u.coord && adjacent(between(words, rel, u.first).filter((w) => !/^(بها|به|بهما|له|لها|لهم)$/.test(w.f)), 0));
      if (relOrder === 'support-receive') source = null;
      else if (relOrder === 'support-patient') {
        // "الاعتداء الذي تعرض له X": X underwent it (no one named, no event)
        if (!actor) return null;
        source = { cluster: UNKNOWN_CLUSTER, kind: 'actor' } as Unit;
        objects = [actor];
        if (!status) status = 'historical';
        frame = true;
      } else if (actor) source = actor;
      else if (prev && prev.sentence === si) source = { cluster: prev.source } as Unit;
      if (source && relOrder !== 'support-patient') {
        objects = objectsOf(actorAfter.filter((u) => u.first > (actor ? actor.last : rel)), t);
        if (!status) status = 'historical';
      }
      frame = true;
    } else if (sv) {
      frame = true;
      const subj = units.find((u) => u.kind === 'actor' && u.first > sv.index && u.last < tFirst && u.marker === 'none');
      // "سولانا الذي قام بجولة شملت لبنان": a light verb right after a relative pronoun has the
      // name before the relative as subject, as a verb there does
      const relSubj = (): Unit | null => {
        const r = words[sv.index - 1];
        if (!r || !/^(الذي|التي)$/.test(r.f)) return null;
        const u = before.filter((x) => x.last < sv.index - 1).at(-1);
        return u && u.kind === 'actor' && between(words, u.last, sv.index - 1).every((w) => w.kind === 'punct' && /[،,]/.test(w.f)) ? u : null;
      };
      const subjectUnit = subj ?? subjectBefore() ?? relSubj();
      if (sv.order === 'support-passive') {
        // "تم اعتقال X", "تم اغتيال X": a passive — the genitive of an act done to someone is who it
        // was done to, the actor untold (unless after من قبل / على يد, below); with no one named, no event
        if (!patient) return null;
        source = { cluster: UNKNOWN_CLUSTER, kind: 'actor' } as Unit;
        objects = [patient];
      } else if (sv.order === 'support-patient') {
        // "تعرض X للتعذيب", "قال نصر إنه تعرض للتعذيب": X underwent the act — its target; the actor
        // is unknown unless named after من قبل / على يد (below)
        // (with no one named as having undergone it — "تعرضت الأوضاع للتدهور" — no event)
        const patientUnit = subjectUnit ?? reportedSpeaker(words, sv.index, before);
        if (!patientUnit) return null;
        source = { cluster: UNKNOWN_CLUSTER, kind: 'actor' } as Unit;
        objects = [patientUnit];
        // "ستتعرض لهجوم": the light verb carries the future
        if (!status && /^[وف]?س[تي]تعرض/.test(words[sv.index]!.f)) status = 'future';
      } else if (sv.order === 'support-receive') {
        const from = actorAfter.find((u) => u.marker === 'min' || u.marker === 'agent');
        if (from) {
          source = from;
          objects = subjectUnit ? [subjectUnit] : [];
          subject = subjectUnit;
        }
      } else if (subjectUnit) {
        source = subjectUnit;
        objects = objectsOf(actorAfter, t);
        // "إن فرض مجلس الأمن عليها عقوبات", "شنت إسرائيل عليه هجوما": a pronoun after a preposition
        // between the light verb and its noun is the recipient — the subject of the event told
        // before in the sentence when that is not the actor (the topic), else the nearest name before
        if (!objects.length && between(words, sv.index, tFirst).some((w) => PP_PRONOUN.test(w.f))) {
          const sc = subjectUnit.cluster;
          // (after a passive, "اعتقل X …، ووجهت إليه المحكمة تهمة", the topic is the one it was done to)
          const told = prev && prev.sentence === si ? (prev.source === UNKNOWN_CLUSTER && prev.targets.length === 1 ? prev.targets[0]! : prev.subject ?? prev.source) : -1;
          const topic = told !== sc && told >= 0 ? before.find((u) => u.cluster === told && u.kind === 'actor') : undefined;
          const ante = topic ?? [...before].reverse().find((u) => u.kind === 'actor' && u.cluster !== sc && u.last < sv.index && !openQuote(between(words, u.last, sv.index)));
          if (ante) objects = [ante];
        }
      } else if (clauseInitial(words, sv.index) || pointsBack(words, sv.index)) {
        // "وعقد مباحثات مع Y", "زيارة لفرنسا أجرى خلالها محادثات مع Y": the subject told before
        const rest = objectsOf(actorAfter, t);
        if (rest.length) {
          source = prevSubject() ?? mainSubject(pointsBack(words, sv.index));
          objects = rest;
        }
      }
      if (!source && genitive) {
        source = genitive;
        objects = objectsOf(actorAfter.filter((u) => u !== genitive), t);
      }
    } else if (modal) {
      // "انه لا يمكنها تأييد النص", "قررت الحكومة مقاطعة المؤتمر": a verbal noun as the complement
      // of a verb of ability or intent is an act; its actor is that verb's subject — named before
      // the noun, or the speaker of "أنه" before it, or the subject told before
      frame = true;
      let neg = modal.index;
      while (neg > 0 && /^[وف]?(لا|لن|لم)$/.test(words[neg - 1]!.f)) neg--;
      source = modal.subject ?? reportedSpeaker(words, neg, before) ?? (clauseInitial(words, neg) ? prevSubject() ?? mainSubject() : null);
      objects = objectsOf(actorAfter, t);
    } else if (patient) {
      // the actor, if any, comes after من قبل / على يد (below)
      objects = [patient];
      // "وتم اعتقال X", "جرت مصادرة X": after تم / جرى a coercive act is an impersonal passive —
      // done to X by an actor the text does not name (unless after من طرف / على يد)
      // (attacks have their own agentless reading, with casualties: "تم اغتيال X" in a
      // retrospective — "في سنة 1978، تم اغتيال …" — is left to it)
      const lv = words[tFirst - 1];
      if (t.type === 'COERCE' && lv && isWord(lv) && IMPERSONAL.has(lv.f)) {
        source = { cluster: UNKNOWN_CLUSTER, kind: 'actor' } as Unit;
        frame = true;
      }
    } else if (genitive && (genitive.counterpart || /^(ه|ها|هم|هما)$/.test(segment(words[tFirst]!.raw).enclitics.at(-1) ?? ''))) {
      // "خلال لقائه X", "بعد زيارته Y": the pronoun owns the verbal noun — it is the subject told
      // before — and the name after it, which cannot be a second genitive, is the object;
      // so in "بعد لقاء نظيره الفرنسي": the one whose counterpart he is met him
      // ("بعد استقباله X": the owner hosts, X visits)
      const owner = prevSubject() ?? mainSubject(true);
      if (owner && order === 'host') {
        source = genitive;
        objects = [{ ...owner, kind: 'actor' } as Unit];
      } else if (owner) {
        source = owner;
        objects = [genitive, ...coordinated(actorAfter, actorAfter.indexOf(genitive))];
      }
    } else if (genitive) {
      if (order === 'host') {
        // استقبال X لـY
        const visitor = actorAfter.find((u) => u !== genitive && (u.marker === 'li' || u.marker === 'none'));
        if (!visitor) return null;
        source = visitor;
        objects = [genitive];
      } else {
        source = genitive;
        const rest = actorAfter.filter((u) => u !== genitive);
        // "لقاء X وY": the one coordinated with the actor is its counterpart
        objects = rest[0]?.coord && rest[0].marker === 'none' ? [rest[0], ...coordinated(rest, 0)] : objectsOf(rest, t);
      }
    } else {
      // "المباحثات بين X وY"
      const k = actorAfter.findIndex((u) => u.marker === 'bayna');
      if (k >= 0 && adjacent(between(words, tLast, actorAfter[k]!.first), 3)) {
        source = actorAfter[k]!;
        objects = coordinated(actorAfter, k);
      } else {
        // "X في لقاء مع Y", "X خلال زيارته إلى Y": a caption-like phrase, the name before is the actor
        const p = words[tFirst - 1];
        const u = before[before.length - 1];
        // "أبلغ X Y في اتصال هاتفي", "وهنأ X Y خلال اتصال هاتفي": a call as the manner of the
        // clause's verb — its subject called its object (back to the clause's start)
        const call = t.mode === 'phone' && p && /^(في|خلال|عبر|اثناء)$/.test(p.f) ? callOf(words, tFirst, before) : null;
        // "وصل X … إلى الدار البيضاء في زيارة رسمية للمملكة المغربية": a visit as the manner of
        // a verb of arrival is made by that verb's subject
        const arrival = t.mode === 'visit' && p && /^(في|خلال)$/.test(p.f) ? arrivalSubject(words, tFirst, before) : null;
        if (call) {
          source = call.source;
          objects = call.objects;
        } else if (p && /^(في|خلال|اثناء)$/.test(p.f) && u && u.kind === 'actor' && u.marker === 'none' && !u.coord && between(words, u.last, tFirst - 1).every((w) => w.kind === 'punct' && /[،,]/.test(w.f))) {
          source = u;
          objects = objectsOf(actorAfter, t);
        } else if (arrival) {
          source = arrival;
          objects = objectsOf(actorAfter, t);
          // "يحل المالكي الثلاثاء بالولايات المتحدة، في زيارة": else the country the verb of arrival goes to (إلى / بـ)
          if (!objects.length) {
            const arrivedAt = before.find((u) => u.first > arrival.last && u.country && (u.marker === 'ila' || u.marker === 'bi'));
            if (arrivedAt) objects = [arrivedAt];
          }
        } else if (purposeAdjunct(words, tFirst, t.type)) {
          // "تجمع نحو 40 متظاهرا … للاحتجاج على X", "أضرب العمال احتجاجا على X": the purpose of
          // the clause's act; its actor is the clause's subject, the nearest bare actor before
          const subj = [...before].reverse().find((x) => x.kind === 'actor' && x.marker === 'none' && !x.coord);
          const gap = subj ? between(words, subj.last, tFirst) : [];
          // its recipient is inside the adjunct, before a comma ("للاحتجاج على زيارة X، على ما أفاد Y"),
          // or the agent of the act it is against ("احتجاجا على الاعتداء الذي تعرض له X من طرف Y": Y)
          const comma = words.findIndex((w, i) => i > tLast && w.kind === 'punct');
          const recipients = objectsOf(actorAfter.filter((u) => comma < 0 || u.first < comma), t);
          if (!recipients.length) {
            const agent = agentOfAct(words, tLast + 2, units, others);
            if (agent) recipients.push(agent);
          }
          if (subj && !hasBarrier(gap) && !openQuote(gap) && !gap.some((w) => MAIN_BOUNDARY.has(w.f) || (w.kind === 'punct' && /[.:;؛]/.test(w.f)))) {
            source = subj;
            objects = recipients;
          } else if (recipients.length && others.some((o) => o.type === t.type && o.end <= t.start && occurred(o, words))) {
            // "مظاهرات عنيفة اندلعت … احتجاجا على X": the protest told as happening, its actor unknown
            source = { cluster: UNKNOWN_CLUSTER, kind: 'actor' } as Unit;
            objects = recipients;
          }
        }
      }
    }
    // a relative clause of a visit tells the past: what happened during it is background too
    if (!status && rel !== null) status = 'historical';
  }
  if (agentUnit) {
    objects = [...(source && source !== agentUnit && source.cluster !== undefined && source.first !== undefined ? [source] : []), ...objects.filter((u) => u !== agentUnit)];
    source = agentUnit;
  }
  if (!source) return null;
  if (joint && !objects.includes(joint)) objects = [joint, ...objects];
  // a phrase inside the name of another act is not one it was done to ("في هجوم انتحاري")
  objects = objects.filter((u) => u.first === undefined || !others.some((o) => o !== t && !looksVerb(o) && o.start < words[u.first]!.start && words[u.last]!.end <= o.end));
  if (!status && backgroundBefore(words, tFirst)) status = 'historical';

  // "مباحثات مع نظرائه في الولايات المتحدة": counterparts placed in a country by في are that
  // country's officials — the country is the recipient, as a counterpart's nationality names it
  objects = objects.map((u) => {
    if (!u.counterpart) return u;
    const c = units.find((x) => x.country && x.marker === 'fi' && x.first > u.last && between(words, u.last, x.first).every((w) => w.f === 'في'));
    return c ?? u;
  });
  // places: a visited country is the place too
  const location = placeOf(units, t, objects);
  const targets = objects.filter((u) => u.kind === 'actor').map((u) => u.cluster);
  const countries = objects.filter((u) => u.country).map((u) => u.cluster);
  // a visit with no host named has the place visited as its recipient (gold.README.md: "زيارة
  // البشير المفاجئة لدمشق" → دمشق), as a visited country is; meetings with named hosts there
  // take its place as they do a country's (buildEvents)
  if (t.type === 'CONSULT' && t.mode === 'visit' && !targets.some((c) => c !== source!.cluster) && location !== null) {
    const visited = units.find((u) => u.cluster === location && u.kind === 'place' && u.start >= t.end && ['ila', 'li', 'none'].includes(u.marker));
    if (visited) {
      targets.push(visited.cluster);
      countries.push(visited.cluster);
    }
  }
  const labels = new Map<number, string>();
  for (const u of [source, ...objects]) if (u.label) labels.set(u.cluster, u.label);
  return { source: source.cluster, targets: [...new Set(targets)], location, countries, status, subject: subject ? subject.cluster : source.cluster, labels, frame };
}

/** Words fit for a title phrase then fillers ("ملك البحرين قد"): a title head, up to five words, then fillers only. */
function titledThenFillers(ws: Word[]): boolean {
  let n = ws.length;
  while (n > 0 && (FILLERS.has(ws[n - 1]!.f) || ws[n - 1]!.kind === 'number')) n--;
  return n > 0 && titled(ws.slice(0, n));
}

/** "أجرى خلالها …", "التقى فيها …": a verb pointing back to what the sentence told before. */
function pointsBack(words: Word[], i: number): boolean {
  const n = words[i + 1];
  return !!n && /^(خلالها|خلاله|فيها|فيه|اثناءها)$/.test(n.f);
}


/**
 * Whether a stretch of words opens a quote it does not close: "قال X «إن … واعتدوا»" crosses
 * into what X said; a scare-quoted word closed before ("أعرب عن « صدمته » … واتهمه") does not.
 */
export function openQuote(ws: { kind: string; f: string }[]): boolean {
  let guillemets = 0, curly = 0, straight = 0;
  for (const w of ws) {
    if (w.kind !== 'punct') continue;
    for (const ch of w.f) {
      if (ch === '«') guillemets++;
      else if (ch === '»') guillemets = Math.max(0, guillemets - 1);
      else if (ch === '“') curly++;
      else if (ch === '”') curly = Math.max(0, curly - 1);
      else if (ch === '"') straight++;
    }
  }
  return guillemets > 0 || curly > 0 || straight % 2 === 1;
}

/** Words that end the main clause for a subject carried over to a later verb: complementizers, reporting verbs, relatives. */
const MAIN_BOUNDARY = wordList('main-boundary');

/** Adversatives and clause openers that start a clause with a subject of its own ("بل"، "لكن"، "حيث أغلق المتظاهرون … وبدأوا"). */
const RESTART = wordList('restart');

const PP_PRONOUN = /^(منه|منها|منهم|عليه|عليها|عليهم|معه|معها|معهم|اليه|اليها|اليهم|له|لها|لهم|به|بها|بهم)$/;

/** Words of expectation and plan before "أن": "يتوقع أن", "من المقرر أن", "يعتزم أن". */
const EXPECTATION = wordList('expectation', true);

/** Whether an imperfect verb at words[i] follows "أن" after a word of expectation or plan ("حيث يتوقع أن يطلب"). */
function expectedClause(words: Word[], i: number): boolean {
  return /^[يت]/.test(words[i]!.f) && words[i - 1]?.f === 'ان' && EXPECTATION.test(words[i - 2]?.f ?? '');
}

const CLAUSE_OPENERS = wordList('clause-opener');

/** Whether a verb opens its clause: first in the sentence, after و/ف, or after حيث، ثم، كما … */
function clauseInitial(words: Word[], i: number): boolean {
  const w = words[i]!;
  if (w.pro.includes('و') || w.pro.includes('ف')) return true;
  // ("وبدأوا": a light verb whose و the segmenter left on it)
  if (/^[وف]...$/.test(w.f.slice(0, 4)) && loadOrders().support.has(wordKey(w.raw.replace(/^[وف]/, '')))) return true;
  let j = i - 1;
  while (j >= 0 && !isWord(words[j])) j--;
  return j < 0 || CLAUSE_OPENERS.has(words[j]!.f);
}

/** The objects of a trigger among the phrases after its subject: the first object and those coordinated with it. */
function objectsOf(rest: Unit[], t: EventTrigger, listed = false): Unit[] {
  const ok: Marker[] = ['none', 'bi', 'maa', 'list', 'ila', 'li'];
  if (t.type !== 'CONSULT' && t.type !== 'COOPERATE' && t.type !== 'AGREE') ok.push('ala');
  // "طلب من إسرائيل": a request is addressed to the name after من
  if (t.type === 'REQUEST') ok.push('min');
  // a coordinated name is not the first object, except in a list ("كل من X، وY"), whose first may be unnamed
  const k = rest.findIndex((u) => u.kind === 'actor' && (!u.coord || listed) && ok.includes(u.marker));
  if (k < 0) return [];
  // a phrase after a topic word is what was talked about, not who
  if (rest.slice(0, k).some((u) => u.marker === 'topic')) return [];
  return [rest[k]!, ...coordinated(rest, k)];
}

/** Whether "كل من" opens a list right after the trigger (within four words). */
function listAfter(words: Word[], tLast: number, stop: number): boolean {
  for (let i = tLast + 1; i < Math.min(stop, tLast + 6); i++) if (/^[وب]?كل$/.test(words[i]!.f) && words[i + 1]?.f === 'من') return true;
  return false;
}

/** The phrases coordinated (و) with rest[k], in order. */
function coordinated(rest: Unit[], k: number): Unit[] {
  const out: Unit[] = [];
  for (let j = k + 1; j < rest.length; j++) {
    const u = rest[j]!;
    if (!u.coord || (u.marker !== 'none' && u.marker !== rest[k]!.marker)) break;
    if (u.kind === 'actor') out.push(u);
  }
  return out;
}

/** A light verb just before a verbal noun ("أجرى X اتصالا", "قام بزيارة"), within six words, a name and its title not counted. */
function supportBefore(words: Word[], tFirst: number, units: Unit[] = [], type = '', others: EventTriggerInput[] = []): { index: number; order: SupportOrder } | null {
  const { support, supportTypes } = loadOrders();
  for (let i = tFirst - 1, n = 0; i >= 0 && n < 6; i--) {
    const w = words[i]!;
    if (!isWord(w)) {
      // commas, and the brackets of an acronym after a name ("معهد الدراسات ( ICSS ) اتفاقية")
      if (w.kind === 'punct' && !/[،,()]/.test(w.f)) return null;
      continue;
    }
    // the acronym in brackets is the name's, not a word of the clause
    if (words[i - 1]?.f === '(' && words[i + 1]?.f === ')') continue;
    if (!units.some((u) => u.kind === 'actor' && i >= u.first && i <= u.last)) n++;
    const k1 = wordKey(w.raw);
    // ("وشن": a two-letter light verb keeps its و through the segmenter)
    const k = support.has(k1) ? k1 : support.has(wordKey(w.raw.replace(/^[وف](?=...)/, ''))) ? wordKey(w.raw.replace(/^[وف](?=...)/, '')) : wordKey(w.raw.replace(/^[وف](?=..)/, ''));
    const o = support.get(k);
    // a verbal noun after بـ has قام for its light verb ("قام بزيارة", "قامت بقتل"); the others take it as their object
    if (o && words[tFirst]!.pro.includes('ب') && !/^(قام|قامت|قاموا|يقوم|تقوم|يقومون|بدا|بدات|بداوا)$/.test(w.f.replace(/^[وف](?=...)/, ''))) return null;
    if (o) return type && supportTypes.has(k) && !supportTypes.get(k)!.has(type) ? null : { index: i, order: o };
    if (BARRIERS.has(w.f)) return null;
    // "بدأت النيابة التحقيق في حوادث الشغب": the light verb's noun is the nearest; a noun further on is its complement
    // (a trigger inside an actor phrase, "متظاهرون", is that phrase)
    if (others.some((x) => !x.actor && !looksVerb(x) && x.start >= w.start && x.start < w.end) && !units.some((u) => i >= u.first && i <= u.last)) return null;
  }
  return null;
}

/** "التي قام بها" / "الذي أجراه" … at words[i]: a relative clause with a light verb. */
function relativeSupport(words: Word[], i: number): boolean {
  const v = words[i + 1];
  if (!v || !isWord(v)) return false;
  return loadOrders().support.get(wordKey(v.raw)) !== undefined || /^(قام|قامت|اجراه|اجراها|اجرته|عقده|عقدها)$/.test(v.f);
}

/** The index of a relative light verb right after a verbal noun ("زيارة [العمل] التي قام بها"), or null. */
function relativeAfter(words: Word[], tLast: number, stop: number): number | null {
  for (let i = tLast + 1; i < Math.min(words.length, tLast + 5); i++) {
    const w = words[i]!;
    if (!isWord(w)) return null;
    // ("احتجاجا على الاعتداء الذي تعرض له X": after a preposition the relative is another noun's)
    if (ADJUNCT_OPENERS.has(w.f) || w.f === 'ضد' || w.f === 'مع') return null;
    if (RELATIVES.has(w.f) && relativeSupport(words, i)) return i + 1;
    // "خلال زيارة قام بها إلى أمريكا": an indefinite noun's relative has no التي
    if (i === tLast + 1 && /^(قام|قامت)$/.test(w.f)) return i;
    if (i >= stop) return null;
  }
  return null;
}

/** Whether the trigger follows a relative clause about a past visit in its sentence ("… التي قام بها X، والتقى فيها بـY"). */
function backgroundBefore(words: Word[], tFirst: number): boolean {
  for (let i = 0; i < tFirst - 1; i++) if (RELATIVES.has(words[i]!.f) && /^(قام|قامت)$/.test(words[i + 1]!.f)) {
    // only when the trigger points back to it ("فيها", "خلالها")
    for (let j = tFirst + 1; j < Math.min(words.length, tFirst + 3); j++) if (/^(فيها|خلالها|خلاله|فيه)$/.test(words[j]!.f)) return true;
  }
  return false;
}

function placeOf(units: Unit[], t: EventTrigger, objects: Unit[]): number | null {
  // a bare place after a visit verb is the place visited ("زار X مدريد")
  const marked = units.filter((u) => ['fi', 'bi', 'ila', 'li'].includes(u.marker) || objects.includes(u) || (t.mode === 'visit' && u.kind === 'place' && u.marker === 'none' && u.start >= t.end));
  const dist = (u: Unit) => (u.end <= t.start ? t.start - u.end + 0.5 : u.start - t.end);
  const pick = (list: Unit[]) => [...list].sort((a, b) => dist(a) - dist(b))[0];
  const city = pick(marked.filter((u) => u.kind === 'place' && u.city)) ?? pick(marked.filter((u) => u.kind === 'place'));
  if (city) return city.cluster;
  if (t.mode === 'visit') {
    const c = pick(marked.filter((u) => u.country && (u.marker === 'ila' || u.marker === 'li' || u.marker === 'fi' || objects.includes(u))));
    if (c) return c.cluster;
  }
  const inCountry = pick(marked.filter((u) => u.country && u.marker === 'fi'));
  return inCountry ? inCountry.cluster : null;
}


// ------------------------------------------------------------------ generic (non-entity) actors

/** Verbs of occurrence: "وقع الهجوم", "اندلعت مظاهرات", "مظاهرات عنيفة اندلعت", "قذائف هاون سقطت على". */
const OCCURRENCE = wordList('occurrence');

/**
 * Whether a verbal noun of an attack or a protest is told as having happened: the subject of a
 * verb of occurrence right before it, or within two words after it (an adjective between).
 */
function occurred(t: EventTriggerInput, words: Word[]): boolean {
  // (an explosion may be an accident: "ووقع انفجار" needs casualties, concreteAttack)
  if (looksVerb(t) || t.weak || t.actor || t.status || t.mode === 'explosives') return false;
  const tFirst = wordAt(words, t.start);
  const tLast = wordAt(words, t.end - 1);
  const bare = (w: Word | undefined) => (w && isWord(w) ? w.f.replace(/^[وف](?=...)/, '') : '');
  // ("خرجت امس مظاهرات": time words may stand between)
  let p = tFirst - 1;
  while (p > 0 && isWord(words[p]) && TIME_FILLERS.has(bare(words[p]))) p--;
  if (OCCURRENCE.test(bare(words[tFirst - 1])) || OCCURRENCE.test(bare(words[p]))) return true;
  for (let i = tLast + 1; i <= tLast + 2 && i < words.length; i++) {
    // "الهجوم الذي وقع …" refers to an attack told before: background, not the report
    if (!isWord(words[i]) || RELATIVES.has(words[i]!.f) || /^(الذين|التى)$/.test(words[i]!.f)) return false;
    if (OCCURRENCE.test(words[i]!.f)) return true;
  }
  return false;
}

let gatheringVerbs: Set<string> | null = null;

/**
 * Whether a protester phrase is the subject of a verb of going out or gathering right before it
 * ("خرج آلاف المتظاهرين", "خرج مساء أمس مئات من المتظاهرين": time words may stand between):
 * that tells their protest. Only these verbs: protesters doing anything else ("رفع المتظاهرون
 * لافتات", "قال المتظاهرون") is a detail of a protest told elsewhere (the event GSR's "no" rows).
 */
function protesterSubject(words: Word[], u: Unit): boolean {
  if (u.marker !== 'none' || u.coord) return false;
  gatheringVerbs ??= new Set(cuePhrases('gathering').filter((p) => p.length === 1).map((p) => p[0]!));
  for (let i = u.first - 1, n = 0; i >= 0 && n < 5; i--, n++) {
    const w = words[i]!;
    if (!isWord(w)) return false;
    const bare = w.f.replace(/^[وف](?=...)/, '');
    if (gatheringVerbs.has(bare) || gatheringVerbs.has(w.f)) return true;
    if (!(TIME_FILLERS.has(bare) || /^(اول|أول|من|امس|أمس|الليلة|الماضي|الماضية|يوم)$/.test(bare))) break;
  }
  // (or after it: "مليون متظاهر خرجوا", "الآلاف من المتظاهرين … تدفقوا في شوارع")
  for (let i = u.last + 1, n = 0; i < words.length && n < 3; i++, n++) {
    const w = words[i]!;
    // ("المتظاهرين الذين خرجوا": a relative clause tells of them, it is not the report)
    if (!isWord(w) || RELATIVES.has(w.f) || /^(الذين|اللذين)$/.test(w.f)) return false;
    if (gatheringVerbs.has(w.f.replace(/^[وف](?=...)/, ''))) return true;
  }
  return false;
}

/** The id of the unknown attacker of an agentless attack report ("قتل 18 شخصا في انفجار"). */
export const UNKNOWN_ACTOR_ID = 'generic:UNK';

interface GenericHead {
  words: string[];
  code: string;
  /** an actor only with a nationality adjective after it ("الخارجية الروسية") */
  nat: boolean;
  /** a plural in the construct state: the noun after it belongs to the phrase ("مستوطني براخة") */
  construct: boolean;
  /** a noun of counting ("شخص"، "أشخاص"): indefinite, it counts people as a number does */
  count: boolean;
  /** an honorific ("جلالة"، "سعادة"): the definite title words after it are the phrase's ("جلالة الملك") */
  hon: boolean;
  /** a counterpart ("نظيره"): an actor only with its pronoun */
  cp: boolean;
  /** a relative ("ابنه"، "بناته"): a person named by kinship, only with its pronoun */
  kin: boolean;
}

interface GenericTable {
  /** heads by the key of their first word, longest first */
  heads: Map<string, GenericHead[]>;
  mods: Set<string>;
  /** nationality adjective base → ISO country code */
  nats: Map<string, string>;
  /** broken plurals of nationality ("الأمريكان", "الألمان") by their stem → ISO country code */
  pluralNats: Map<string, string>;
}

let genericTable: GenericTable | null = null;

/** A word's clitic-free, article-free stem, folded. */
const gkey = (w: string): string => fold(segment(w).stem);

/** The base of a nationality adjective ("الإسرائيليين" → "اسراييل"), and whether it is plural; null when it has no nisba ending. */
function nisba(k: string): { base: string; plural: boolean } | null {
  const m = /^(.{3,}?)(يين|يون|يان|يه|ي)$/.exec(k);
  return m ? { base: m[1]!, plural: m[2] === 'يين' || m[2] === 'يون' } : null;
}

function loadGeneric(): GenericTable {
  if (genericTable) return genericTable;
  const name = 'events/generic-actors.ar.tsv';
  const t: GenericTable = { heads: new Map(), mods: new Set(), nats: new Map(), pluralNats: new Map() };
  for (const { text } of readDataList(name)) {
    const [form, code, tag] = text.split('\t').map((c) => c.trim());
    if (!form || !code || !/^([A-Z]{3}|=[A-Z]{2}|\+)$/.test(code)) throw new MarsadError('DATA_FILE_INVALID', `'${text}': expected FORM and CODE (a sector code, =XX or +) separated by a tab`, dataFile(name));
    const words = form.split(/\s+/).map(gkey);
    if (code === '+') t.mods.add(words.join(' '));
    else if (code.startsWith('=')) {
      const n = nisba(words[0]!);
      // (a broken plural, tagged pl, is matched as a whole: "الأمريكان")
      if (tag === 'pl') t.pluralNats.set(words[0]!, code.slice(1));
      else if (!n) throw new MarsadError('DATA_FILE_INVALID', `'${text}': a nationality adjective ends in ي (or is a broken plural, tagged pl)`, dataFile(name));
      else t.nats.set(n.base, code.slice(1));
    } else {
      const list = t.heads.get(words[0]!) ?? [];
      list.push({ words, code, nat: tag === 'nat', construct: tag === 'cs', count: tag === 'count', hon: tag === 'hon', cp: tag === 'cp', kin: tag === 'kin' });
      list.sort((a, b) => b.words.length - a.words.length);
      t.heads.set(words[0]!, list);
    }
  }
  return (genericTable = t);
}

/** The country a nationality adjective names ("الروسية" → RU), with whether it is plural; null when none. */
function nationalityOf(w: Word): { country: string; plural: boolean } | null {
  if (w.kind !== 'arabic') return null;
  const k = gkey(w.raw);
  const broken = loadGeneric().pluralNats.get(k);
  if (broken) return { country: broken, plural: true };
  const n = nisba(k);
  const c = n ? loadGeneric().nats.get(n.base) : undefined;
  return c && n ? { country: c, plural: n.plural } : null;
}

/** The cardinals that follow their noun ("طيارين كينيين اثنين", "جندي واحد"); the others come before it. */
const NUMBER_WORDS = /^(اثنين|اثنان|اثنتين|اثنتان|واحد|واحده)$/;

/** Nouns of organisations before their name ("حزب الوفد", "حركة المقاومة"). */
const ORG_NOUNS = wordList('org-noun');

const QUANTITY = wordList('quantity');

export interface GenericPhrase {
  first: number;
  last: number;
  /** the sector code (COP, MIL, …) and the country when a nationality adjective names it */
  code: string;
  country: string | null;
  /** the phrase as written, without its clitics */
  label: string;
  /** a count ("خمسة مواطنين", "عشرات المتظاهرين"): an actor, never a recipient (gold.README.md) */
  counted: boolean;
  /** a counterpart ("نظيره الفرنسي"): its pronoun names whose */
  counterpart?: boolean;
  /** a force with its pronoun ("طائراته", "قواتها"): it acts for the one the pronoun names */
  owned?: boolean;
  /** a relative with its pronoun ("بناته"): one an act is done to, never its actor */
  kin?: boolean;
}

/** Sectors whose heads with a pronoun act for their owner ("طائراته" for the army, "عناصرها" for the group). */
const OWNED_SECTORS = new Set(['MIL', 'COP', 'REB', 'SPY']);

/**
 * The generic actor phrases of a sentence outside the names (`taken` word indices): a noun
 * phrase opened by a head of `generic-actors.ar.tsv`, with its adjectives and nationality, up to
 * four words, the quantity before it included ("عشرات الآلاف من الباكستانيين"); a plural
 * nationality with no head before it names that country's people (CVL).
 */
function genericPhrases(text: string, words: Word[], taken: Set<number>): GenericPhrase[] {
  const { heads, mods } = loadGeneric();
  const out: GenericPhrase[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.kind !== 'arabic' || taken.has(i)) continue;
    let k = gkey(w.raw);
    // "بنظيره", "لنظرائه": a ب/ل the segmenter left on the word, before a head
    let lost: string | null = null;
    if (!heads.has(k) && !w.pro.length && /^[بل]...$/.test(k.slice(0, 4)) && heads.has(k.slice(1))) {
      lost = k[0]!;
      k = k.slice(1);
    }
    let code: string | null = null;
    let country: string | null = null;
    let j = i;
    let natNeeded = false;
    let construct = false;
    let countNoun = false;
    let honorific = false;
    let counterpart = false;
    let kin = false;
    for (const h of heads.get(k) ?? []) {
      let ok = true;
      for (let x = 1; x < h.words.length && ok; x++) {
        const v = words[i + x];
        ok = !!v && v.kind === 'arabic' && !v.pro.length && !taken.has(i + x) && gkey(v.raw) === h.words[x];
      }
      if (!ok) continue;
      code = h.code;
      natNeeded = h.nat;
      construct = h.construct;
      countNoun = h.count;
      honorific = h.hon;
      counterpart = h.cp;
      kin = h.kin;
      j = i + h.words.length - 1;
      break;
    }
    if (lost && !code) continue;
    if (!code) {
      // "آلاف الإسرائيليين": a plural nationality with no head names the people
      const n = nationalityOf(w);
      if (!n || !n.plural) continue;
      code = 'CVL';
      country = n.country;
    }
    // "طائراته": a head with a pronoun refers back, it names no one
    // (but an honorific with its pronoun stands for the one it honours: "تلقى جلالته اتصالا")
    // (and a counterpart is one only with its pronoun: "نظيره الفرنسي", not "نظير خدماته")
    const pronoun = segment(w.raw).enclitics.length > 0;
    // ("أن طائراته قصفت", "إن قواتها اعتقلت": a force with its pronoun acts for the one the pronoun
    // names — kept as such, to stand for its owner, never a recipient)
    const owned = pronoun && !honorific && !counterpart && !kin && OWNED_SECTORS.has(code) && j === i;
    // ("تعرضت بناته للاعتقال": a relative with its pronoun is a person)
    if (pronoun && !(honorific && j === i) && !counterpart && !kin && !owned) continue;
    if ((counterpart || kin) && !pronoun) continue;
    // ("شقيق زوجته": a relative of a relative is the first one's, in the construct state)
    if (kin && i > 0 && words[i - 1]!.kind === 'arabic' && [gkey(words[i - 1]!.raw), gkey(words[i - 1]!.raw).replace(/^[وف](?=...)/, '')].some((pk) => (heads.get(pk) ?? []).some((h) => h.kin))) continue;
    if (lost) w.pro = [lost];
    // "وزير الخارجية", "مدير استخبارات الشرطة الوطنية": a head after a title word is the
    // title's complement, and so are the bare words after it
    const p = words[i - 1];
    if (p && isWord(p) && !w.pro.length && isTitleWord(p)) {
      while (j + 1 < words.length && j - i < 3 && words[j + 1]!.kind === 'arabic' && !words[j + 1]!.pro.length) j++;
      i = j;
      continue;
    }
    // "حزب الوفد", "حركة المقاومة": a head right after the noun of an organisation is its name
    if (p && isWord(p) && !w.pro.length && ORG_NOUNS.has(p.f.replace(/^[وفبل](?=...)/, ''))) continue;
    // "مستوطني براخة": a plural in the construct state takes the noun after it
    if (construct && j + 1 < words.length && words[j + 1]!.kind === 'arabic' && !words[j + 1]!.pro.length && !taken.has(j + 1)) j++;
    // "جلالة الملك", "سعادة النائب الأول": an honorific takes the definite title words after it
    if (honorific && !segment(w.raw).enclitics.length) {
      while (j + 1 < words.length && j + 1 - i < 4 && words[j + 1]!.kind === 'arabic' && !words[j + 1]!.pro.length && !taken.has(j + 1) && /^ال/.test(words[j + 1]!.f) && !FILLERS.has(words[j + 1]!.f) && !/^(الليله|الليلة)$/.test(words[j + 1]!.f)) j++;
      // "سعادة" alone names no one; before a name ("سعادة السيد عمرو موسى") it is that name's title
      if (j === i || taken.has(j + 1)) continue;
    }
    // adjectives, modifiers and the nationality, bare words, up to four words in all
    while (j + 1 < words.length && j + 1 - i < 4) {
      const v = words[j + 1]!;
      if (v.kind !== 'arabic' || v.pro.length || taken.has(j + 1)) break;
      const n = nationalityOf(v);
      if (n && !country) country = n.country;
      else if (!mods.has(gkey(v.raw))) break;
      j++;
    }
    // "قوات مشتركة للجيش والشرطة": the heads it belongs to (لـ), and those coordinated with them
    if (j + 1 < words.length && j + 1 - i < 4 && words[j + 1]!.pro.join('') === 'ل' && heads.has(gkey(words[j + 1]!.raw))) {
      j++;
      while (j + 1 < words.length && j + 1 - i < 4 && words[j + 1]!.pro.join('') === 'و' && heads.has(gkey(words[j + 1]!.raw))) j++;
    }
    if (natNeeded && !country) continue;
    // the quantity before: "نحو 40 متظاهرا", "عشرات الآلاف من الباكستانيين"
    let first = i;
    if (!w.pro.length) {
      let b = i - 1;
      if (words[b]?.f === 'من' && QUANTITY.has(words[b - 1]?.f ?? '')) b--;
      while (b >= 0 && i - b <= 3 && !taken.has(b) && (QUANTITY.has(words[b]!.f) || words[b]!.kind === 'number') && !words[b]!.pro.length) first = b--;
    }
    let label = text.slice(lost && first === i ? w.start + 1 : coreStart(words[first]!), words[j]!.end);
    if (/^لل/.test(fold(words[first]!.raw)) && !/^ال/.test(label)) label = 'ا' + label;
    // "وقتل مسلحون شرطيا", "طيارين كينيين اثنين": an indefinite accusative (its tanween alif), or
    // a number after the phrase, counts people as a number does
    const indefinite = !/^ال/.test(w.f.replace(/^[وفبلك]+(?=ال)/, '')) && (/[^ا]ا$/.test(w.f) || countNoun);
    const numberAfter = NUMBER_WORDS.test(words[j + 1]?.f ?? '');
    out.push({ first, last: j, code, country, label, counted: first < i || words[i - 1]?.kind === 'number' || indefinite || numberAfter, ...(counterpart ? { counterpart } : {}), ...(owned ? { owned } : {}), ...(kin ? { kin } : {}) });
    i = j;
  }
  return out;
}

/** The id of a generic actor: `generic:SECTOR` or `generic:SECTOR:CC` (data/events/README.md). */
export const genericId = (code: string, country: string | null): string => `generic:${code}${country ? ':' + country : ''}`;

/** A generic actor's sector code and country from its id; null for a store entity id. */
export function parseGenericId(id: string): { sector: string; country: string | null } | null {
  const m = /^generic:([A-Z]{3})(?::([A-Z]{2}))?$/.exec(id);
  return m ? { sector: m[1]!, country: m[2] ?? null } : null;
}

/**
 * "انتحاريا يقود شاحنة مفخخة فجر نفسه": an attacker noun (gunmen, bombers, militants: UAF, REB)
 * before an attack in its clause is the attacker when no subject was found; null when none.
 */
function attackerOf(t: EventTriggerInput, words: Word[], units: Unit[]): Omit<Draft, 'trigger' | 'sentence'> | null {
  const tFirst = wordAt(words, t.start);
  const u = [...units].reverse().find((x) => x.last < tFirst && (x.generic === 'UAF' || x.generic === 'REB'));
  if (!u || u.marker !== 'none' || u.coord) return null;
  const gap = between(words, u.last, tFirst);
  if (gap.filter(isWord).length > 6 || hasBarrier(gap) || gap.some((w) => w.kind === 'punct' && !/[،,«»"“”]/.test(w.f))) return null;
  return { source: u.cluster, targets: [], location: placeOf(units, t, []), countries: [], status: t.status, subject: u.cluster, labels: new Map(), frame: true };
}

/** Prepositions of time before a visit told as the setting of its clause ("خلال زيارة", "أثناء زيارة"). */
const DURING = F(['خلال', 'أثناء', 'اثناء', 'في']);

/**
 * "حذر فيه الوزير X أثناء زيارة قصيرة قام بها إلى لبنان", "شيراك الذي حذر … خلال زيارة إلى
 * السعودية": a visit noun with no genitive, after خلال / أثناء / في, going إلى a named place or
 * actor, is made by the clause's subject — the nearest bare actor before it in the sentence (not
 * across a quote's opening). The visit's target is the name after إلى. Null when any is missing.
 */
function visitInClause(t: EventTriggerInput, words: Word[], units: Unit[]): Omit<Draft, 'trigger' | 'sentence'> | null {
  if (looksVerb(t)) return null;
  const tFirst = wordAt(words, t.start);
  const tLast = wordAt(words, t.end - 1);
  const w = words[tFirst]!;
  // ("زيارته": its pronoun names the visitor; "بزيارة": a light verb's object, the support rule's)
  if (w.pro.length || segment(w.raw).enclitics.length) return null;
  const prev = words[tFirst - 1];
  if (!prev || !isWord(prev) || !DURING.has(prev.f.replace(/^[وف](?=...)/, ''))) return null;
  // the target: the first name after the noun, marked by إلى, within five words (adjectives, "قام بها")
  const target = units.find((u) => u.first > tLast && u.first - tLast <= 5);
  if (!target || target.marker !== 'ila' || hasBarrier(between(words, tLast, target.first))) return null;
  const visitor = [...units].reverse().find((u) => u.last < tFirst - 1 && u.kind === 'actor' && u.marker === 'none' && !u.coord);
  if (!visitor || openQuote(between(words, visitor.last, tFirst))) return null;
  // (a city visited is the place, not a recipient, as after زار)
  const city = target.kind === 'place' && !target.country;
  return { source: visitor.cluster, targets: city ? [] : [target.cluster], location: target.kind === 'place' ? target.cluster : null, countries: target.country ? [target.cluster] : [], status: t.status, subject: visitor.cluster, labels: new Map(), frame: true };
}

/** Types whose accusative participle ("مطالبا", "متهما", "رافضا") states how the clause's subject acts. */
const MANNER_TYPES = new Set(['REQUEST', 'ACCUSE', 'THREATEN', 'REJECT', 'SUPPORT']);

/**
 * "أكد X أن …، مطالبا Y بالتدخل", "انتقد X القرار، متهما Y بـ…", "تظاهر العمال مطالبين بـ…": an
 * indefinite participle in the accusative (م…ا / م…ين, داعيا) after its clause is the act of the
 * clause's subject — the first bare actor of the sentence before it, not across a quote's opening
 * or a colon — and the bare name right after it is the recipient. Null when it is no such
 * participle or no subject or recipient is named.
 */
function mannerParticiple(t: EventTriggerInput, words: Word[], units: Unit[]): Omit<Draft, 'trigger' | 'sentence'> | null {
  if (looksVerb(t) || !MANNER_TYPES.has(t.type) || t.text.includes(' ')) return null;
  const tFirst = wordAt(words, t.start);
  const w = words[tFirst]!;
  if (w.pro.length || /^ال/.test(w.f) || segment(w.raw).enclitics.length) return null;
  if (!/^(م.{3,}|داعي?)(ا|ين)$/.test(w.f)) return null;
  // (a clause must come first: the participle does not open its sentence)
  const subj = units.find((u) => u.last < tFirst && u.kind === 'actor' && u.marker === 'none' && !u.coord);
  if (!subj) return null;
  const gap = between(words, subj.last, tFirst);
  if (openQuote(gap) || gap.some((x) => x.kind === 'punct' && /[:;؛.!?؟]/.test(x.f))) return null;
  // (right after it, a title aside: in "مطالبين بتولي الرئيس X رئاسة الحكومة" X is in what is asked)
  const target = units.find((u) => u.first > tFirst && u.kind === 'actor' && u.marker === 'none' && !u.coord && (adjacent(between(words, tFirst, u.first), 0) || titled(between(words, tFirst, u.first))));
  // (with no recipient named the rule says nothing: "مطالبين بزيادة الأجور" is told by the rules before)
  if (!target) return null;
  return { source: subj.cluster, targets: [target.cluster], location: null, countries: [], status: t.status, subject: subj.cluster, labels: new Map(), frame: true };
}

let casualtyWords: Set<string> | null = null;

/**
 * Whether a sentence reports a concrete attack with no attacker named ("مقتل 34 شخصا في انفجار
 * سيارة مفخخة"): a bombing (an explosives or suicide-attack trigger, not a weak one, not an actor
 * noun) with casualties (a casualty word of cues.ar.txt or a killing or wounding trigger).
 */
function concreteAttack(t: EventTriggerInput, sorted: EventTriggerInput[], words: Word[]): boolean {
  if (!words.length) return false;
  const s = words[0]!.start;
  const e = words[words.length - 1]!.end;
  const inSentence = sorted.filter((x) => x.start >= s && x.end <= e && x.type === 'ASSAULT' && !x.actor);
  if (!inSentence.includes(t)) return false;
  const bombing = inSentence.some((x) => (x.mode === 'explosives' || x.mode === 'suicide-attack') && !x.weak);
  if (!bombing) return false;
  // a planted device that went off is an attack, casualties told or not ("سيارة مفخخة انفجرت بالقرب
  // من مقر الحاكم", "انفجار عبوة ناسفة"); one found or defused has no word of exploding
  const device = inSentence.some((x) => /(مفخخ|ناسف)/.test(fold(x.text)));
  if (device && inSentence.some((x) => /^(ال)?(انفجر|انفجار|تفجير)/.test(fold(x.text)))) return true;
  casualtyWords ??= new Set(cuePhrases('casualty').filter((p) => p.length === 1).map((p) => gkey(p[0]!)));
  const killing = /^(مقتل|قتل|مصرع|جرح|اصابه|اصابات)$/;
  // (the plural and dual of a passive the segmenter leaves whole: "قتلوا", "جرحا", "أصيبوا")
  const killed = /^[وف]?(قتل|جرح|اصيب)(وا|ا)$/;
  return words.some((w) => w.kind === 'arabic' && (casualtyWords!.has(gkey(w.raw)) || killing.test(gkey(w.raw)) || killed.test(w.f)));
}
