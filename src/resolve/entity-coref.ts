/**
 * Within-article coreference of named-entity mentions: "عبد اللطيف حموشي", "حموشي",
 * "الحموشي" and "عبداللطيف الحموشي" in one article are one entity.
 *
 * Mentions are read in text order. Each joins an existing cluster of its type when the name
 * matcher (`nameMatch` with `sameDocument`) judges it the same as the cluster's fullest name
 * and it conflicts with none of the cluster's names; among several such clusters, the one
 * mentioned most recently wins (a short mention links to the most recent compatible longer
 * one: "بايدن" after "هانتر بايدن" is Hunter). Otherwise it starts a new cluster. The result
 * is deterministic and ordered by first mention.
 */
import type { EntityType, Mention } from '../model/entity.js';
import { cleanRole } from '../analyse/roles.js';
import { nameMatch, personWords, type NameEvidence } from './name-match.js';

/** The mentions of one entity within one article. */
export interface MentionCluster {
  type: EntityType;
  /** the fullest name among the mentions (most words, then longest, then first) */
  label: string;
  /** in text order */
  mentions: Mention[];
  /** distinct cleaned roles of the mentions, in text order */
  roles: string[];
}

interface Working {
  cluster: MentionCluster;
  /** distinct names of the cluster */
  names: Set<string>;
  /** offset of its latest mention */
  last: number;
  /** label's word count */
  labelWords: number;
}

function wordCount(m: Mention): number {
  return m.type === 'PERSON' ? personWords(m.text).length : m.text.trim().split(/\s+/).length;
}

/**
 * Groups the mentions of one article into entities.
 * @example clusterMentions(text, mentions).map(c => c.label) // ['عبد اللطيف حموشي', 'الرباط', …]
 */
export function clusterMentions(text: string, mentions: Mention[]): MentionCluster[] {
  void text; // the mentions carry their spans; the text is kept for future evidence (context words)
  const sorted = [...mentions].sort((a, b) => a.start - b.start || a.end - b.end);
  const clusters: Working[] = [];
  for (const m of sorted) {
    const ev: NameEvidence = { name: m.text, type: m.type, roles: m.role ? [cleanRole(m.role.text)] : [] };
    let best: Working | null = null;
    let bestScore = -Infinity;
    for (const w of clusters) {
      if (w.cluster.type !== m.type) continue;
      const full = nameMatch(ev, { name: w.cluster.label, type: w.cluster.type, roles: w.cluster.roles }, { sameDocument: true });
      if (!full.same) continue;
      // every name of the cluster must be compatible: "هانتر بايدن" does not join a cluster
      // holding "جو بايدن" even if it also holds "بايدن"
      let ok = true;
      for (const name of w.names) {
        if (name === m.text) continue;
        const r = nameMatch(ev, { name, type: m.type }, { sameDocument: true });
        // a shorter name inside this one is fine; a conflicting one is not
        if (!r.same && r.score <= 0) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (best === null || w.last > best.last || (w.last === best.last && full.score > bestScore)) {
        best = w;
        bestScore = full.score;
      }
    }
    const role = m.role ? cleanRole(m.role.text) : null;
    if (!best) {
      clusters.push({
        cluster: { type: m.type, label: m.text.trim(), mentions: [m], roles: role ? [role] : [] },
        names: new Set([m.text]),
        last: m.start,
        labelWords: wordCount(m),
      });
      continue;
    }
    best.cluster.mentions.push(m);
    best.names.add(m.text);
    best.last = m.start;
    if (role && !best.cluster.roles.includes(role)) best.cluster.roles.push(role);
    const n = wordCount(m);
    if (n > best.labelWords || (n === best.labelWords && m.text.trim().length > best.cluster.label.length)) {
      best.cluster.label = m.text.trim();
      best.labelWords = n;
    }
  }
  return clusters.map((w) => w.cluster);
}
