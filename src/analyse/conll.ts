/**
 * Reading CoNLL-style NER files: `token TAG` per line (more columns are allowed; the first is
 * the token, the last the tag), a blank line between sentences, `-DOCSTART-` lines ignored.
 *
 * Tags are mapped onto Marsad's types: PERS/PER/PERSON → PERSON, LOC/LOCATION → LOCATION,
 * ORG/ORGANIZATION → ORG; MISC, MIS0–MIS3 and any other type → O. Corpora carry stray
 * tags, read as their evident intent: a repeated dash after the prefix (`I--ORG`) is one
 * dash; a tag made only of O's (`OO`) is O; a bare type without prefix (`LOC`) is read as
 * `I-LOC`, which the CoNLL convention treats as a start when nothing of its type precedes.
 * E- and S- (IOBES) are read as I- and B-.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from '../model/entity.js';
import { MarsadError } from '../model/errors.js';

export interface ConllSentence {
  tokens: string[];
  /** IOB2 tags over Marsad's types: 'O', 'B-PERSON', 'I-ORG', … */
  tags: string[];
  /** the file it was read from (a file is one document to the document-level pass) */
  file?: string;
}

const TYPE_MAP: Record<string, EntityType> = {
  PERS: 'PERSON', PER: 'PERSON', PERSON: 'PERSON',
  LOC: 'LOCATION', LOCATION: 'LOCATION', GPE: 'LOCATION',
  ORG: 'ORG', ORGANIZATION: 'ORG', ORGANISATION: 'ORG',
};

const TAG_SHAPE = /^(?:O+|(?:[BIES]-+)?[A-Za-z][A-Za-z0-9_-]*)$/;

/**
 * Maps a corpus tag onto an IOB2 tag over PERSON/ORG/LOCATION, or null when the string is
 * not tag-shaped at all (the line is then not CoNLL).
 * @example mapTag('B-PERS') // 'B-PERSON'
 * @example mapTag('I--ORG') // 'I-ORG'
 * @example mapTag('B-MIS2') // 'O'
 */
export function mapTag(raw: string): string | null {
  const tag = raw.trim();
  if (!TAG_SHAPE.test(tag)) return null;
  if (/^O+$/i.test(tag)) return 'O';
  const m = /^([BIES])-+(.+)$/i.exec(tag);
  const prefix = m ? m[1]!.toUpperCase() : 'I';
  const type = TYPE_MAP[(m ? m[2]! : tag).toUpperCase()];
  if (!type) return 'O';
  return `${prefix === 'B' || prefix === 'S' ? 'B' : 'I'}-${type}`;
}

/**
 * Parses CoNLL text. `name` is the file the text came from, for error messages.
 * @example parseConll('جو B-PERS\nبايدن I-PERS\n\nفي O\n', 'x.conll').length // 2
 */
export function parseConll(text: string, name: string): ConllSentence[] {
  if (text.indexOf('\u0000') >= 0) throw new MarsadError('INPUT_BINARY', 'binary content (NUL bytes)', name);
  const sentences: ConllSentence[] = [];
  let cur: ConllSentence = { tokens: [], tags: [] };
  const flush = (): void => {
    if (cur.tokens.length) sentences.push(cur);
    cur = { tokens: [], tags: [] };
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let tagged = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) {
      flush();
      continue;
    }
    const fields = line.split(/[ \t]+/);
    if (fields[0] === '-DOCSTART-') {
      flush();
      continue;
    }
    const tag = fields.length >= 2 ? mapTag(fields[fields.length - 1]!) : null;
    if (tag === null) {
      const shown = line.length > 60 ? line.slice(0, 60) + '…' : line;
      throw new MarsadError(
        'BAD_ARGUMENT',
        `line ${i + 1} is not CoNLL \`token TAG\` ("${shown}")`,
        name,
      );
    }
    if (/^(?:O+|[BIES]-)/i.test(fields[fields.length - 1]!)) tagged++;
    cur.tokens.push(fields[0]!);
    cur.tags.push(tag);
  }
  flush();
  if (!sentences.length) throw new MarsadError('INPUT_EMPTY', 'no `token TAG` lines', name);
  // a file of two-word lines that never uses an O/B-/I- tag is prose, not CoNLL
  if (!tagged) throw new MarsadError('BAD_ARGUMENT', 'no line with an O, B- or I- tag; not a CoNLL NER file', name);
  return sentences;
}

/**
 * Reads CoNLL sentences from files and folders (a folder contributes its `*.txt`, `*.conll`
 * and `*.iob` files in name order), in the order given.
 */
export function readConll(paths: string[]): ConllSentence[] {
  const out: ConllSentence[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new MarsadError('INPUT_NOT_FOUND', 'no such file or folder', p);
    }
    const files = st.isDirectory()
      ? readdirSync(p).filter((f) => /\.(txt|conll|iob|tsv)$/i.test(f)).sort().map((f) => join(p, f))
      : [p];
    if (!files.length) throw new MarsadError('INPUT_EMPTY', 'a folder without .txt/.conll files', p);
    for (const f of files) {
      let text: string;
      try {
        text = readFileSync(f, 'utf8');
      } catch (err) {
        throw new MarsadError('INPUT_UNREADABLE', err instanceof Error ? err.message : String(err), f, { cause: err });
      }
      if (!text.trim()) throw new MarsadError('INPUT_EMPTY', 'an empty file', f);
      for (const s of parseConll(text, f)) out.push({ ...s, file: f });
    }
  }
  return out;
}

/** Writes sentences back as `token TAG` lines (used for the held-out development split). */
export function formatConll(sentences: ConllSentence[]): string {
  return sentences.map((s) => s.tokens.map((t, i) => `${t} ${s.tags[i]}`).join('\n') + '\n').join('\n');
}
