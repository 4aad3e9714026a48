/**
 * Reads the labelled Arabic event sentences of ../shared/data/events (the Open Event Data
 * Alliance's arabic_event_gsr, MIT): one reader for every script that uses them.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { MarsadError } from '../src/model/errors.js';
import { sharedPath } from '../src/model/paths.js';

export interface GsrSentence {
  id: string;
  /** the news document the sentence comes from: the id without its trailing -N / _N */
  doc: string;
  event_type: string;
  /** "yes", "easy no", "difficult no" or "ambiguous" */
  label: string;
  /** how many annotators accepted / rejected the sentence as an event of the type */
  accept: number;
  reject: number;
  text: string;
}

/** The document id of a sentence id. */
export const documentId = (id: string): string => id.replace(/[-_]\d+$/, '');

/**
 * The sentences of one file (`protest` or `assault`), or null when ../shared is absent.
 * @example readGsrSentences('protest')?.filter((s) => s.label === 'yes').length
 */
export function readGsrSentences(kind: 'protest' | 'assault'): GsrSentence[] | null {
  const path = sharedPath('data', 'events', `${kind}-dev.csv`);
  if (!path) return null;
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r, i) => {
    for (const col of ['id', 'event_type', 'label', 'text']) {
      if (typeof r[col] !== 'string') throw new MarsadError('DATA_FILE_INVALID', `row ${i + 2} without a '${col}' column`, path);
    }
    return { id: r.id!, doc: documentId(r.id!), event_type: r.event_type!, label: r.label!.trim(), accept: Number(r.accept ?? 0), reject: Number(r.reject ?? 0), text: r.text! };
  });
}
