/**
 * The one reader of Marsad's sectioned list files (`data/*.txt`): `#` comments, blank lines,
 * `[section]` headers, one entry a line. Lexicons, title heads and name lists share it.
 */
import { readFileSync } from 'node:fs';
import { MarsadError } from './errors.js';
import { dataFile } from './paths.js';

export interface ListEntry {
  section: string;
  /** the line without its comment, trimmed */
  text: string;
}

/**
 * The entries of a data list file, in order, each with its section (`defaultSection` before
 * the first header). A section not in `sections` (when given) is refused, naming the file.
 * @example readDataList('titles.ar.txt', ['titles', 'after-bare'])
 */
export function readDataList(name: string, sections?: readonly string[], defaultSection = ''): ListEntry[] {
  const path = dataFile(name);
  const out: ListEntry[] = [];
  let section = defaultSection;
  for (const [i, raw] of readFileSync(path, 'utf8').split(/\r?\n/).entries()) {
    const text = raw.replace(/#.*$/, '').trim();
    if (!text) continue;
    const header = /^\[([\w-]+)\]$/.exec(text);
    if (header) {
      section = header[1]!;
      if (sections && !sections.includes(section)) {
        throw new MarsadError('DATA_FILE_INVALID', `line ${i + 1}: section [${section}], not one of ${sections.map((s) => `[${s}]`).join(' ')}`, path);
      }
      continue;
    }
    if (sections && !sections.includes(section)) {
      throw new MarsadError('DATA_FILE_INVALID', `line ${i + 1}: '${text}' outside a ${sections.map((s) => `[${s}]`).join(' or ')} section`, path);
    }
    out.push({ section, text });
  }
  return out;
}
