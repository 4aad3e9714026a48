import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/app/open-store.js';
import { analyseText, ensureKnownActors } from '../../src/app/analyse.js';
import { clusterKeys, decideLink } from '../../src/resolve/entity-linking.js';
import type { MentionCluster } from '../../src/resolve/entity-coref.js';
import type { MarsadStore } from '../../src/store/store.js';

// Curated actors are found the way the pipeline finds them: store candidates by name keys,
// then the linking decision.
let store: MarsadStore;
before(async () => {
  store = await openStore(':memory:');
  await ensureKnownActors(store);
});
after(() => store.close());

async function link(name: string, type: 'PERSON' | 'ORG'): Promise<string | null> {
  const cluster: MentionCluster = { type, label: name, roles: [], mentions: [{ type, text: name, start: 0, end: name.length, source: 'tagger' }] };
  return decideLink(cluster, await store.entityCandidates(type, clusterKeys(cluster)), []).entityId;
}

/** name, type, expected key (null: none), label */
const lookups: [string, 'PERSON' | 'ORG', string | null, string][] = [
  ['عبداللطيف الحموشي', 'PERSON', 'abdellatif-hammouchi', 'spacing and article'],
  ['حموشي', 'PERSON', 'abdellatif-hammouchi', 'family name alone'],
  ['بورنز', 'PERSON', 'william-burns', 'spelling variant'],
  ['نتانياهو', 'PERSON', 'netanyahu', 'alias variant'],
  ['محمد', 'PERSON', null, 'a common name alone'],
  ['بن زايد', 'PERSON', null, 'ambiguous between brothers'],
  ['CIA', 'ORG', 'cia', 'acronym alias'],
  ['حركة حماس', 'ORG', 'hamas', 'alias'],
  ['حموشي', 'ORG', null, 'type must match'],
];
for (const [name, type, key, label] of lookups) {
  test(`known actors: ${name} → ${key ?? 'none'} (${label})`, async () => {
    assert.equal(await link(name, type), key);
  });
}

// In the pipeline a curated alias written in full wins over the recogniser's shorter reading of
// its words (the tagger reads "عز الدين القسام" as a person). One line each: [text, the
// expected mention as type:text, a reading that must be gone, label].
const article = (text: string) => ({ title: null, published: null, author: null, site: null, section: null, tags: [], url: null, lang: 'ar', text });
const written: [string, string, string | null, string][] = [
  ['وتبنت كتائب عز الدين القسام إطلاق الصواريخ على المستوطنات .', 'ORG:كتائب عز الدين القسام', 'PERSON:عز الدين القسام', 'full alias over a partial PERSON mention'],
  ['وقالت حماس وكتائب عز الدين القسام إن الرد قادم .', 'ORG:كتائب عز الدين القسام', 'PERSON:عز الدين القسام', 'alias after a joined و'],
];
for (const [text, expected, gone, label] of written) {
  test(`curated alias in the text: ${label}`, () => {
    const mentions = analyseText(article(text)).clusters.flatMap((c) => c.mentions.map((m) => `${m.type}:${m.text}`));
    assert.ok(mentions.includes(expected), mentions.join(' | '));
    if (gone) assert.ok(!mentions.includes(gone), mentions.join(' | '));
  });
}
