/**
 * Normalises machine-readable and English/Latin date strings found in HTML metadata to
 * the Article contract: `YYYY-MM-DD`, or a full ISO 8601 date-time keeping the page's own
 * offset when the time is known. Never guesses: an ambiguous or unparseable value gives null.
 * (Visible Arabic dates are parsed by `parseArabicDate` in ./dates.ts, not here.)
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
  // a few common Latin-script languages seen on news sites
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8,
  septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
  januar: 1, februar: 2, märz: 3, maerz: 3, juni: 6, juli: 7, oktober: 10, dezember: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9,
  setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

function fmt(y: number, m: number, d: number, time?: { h: number; mi: number; s: number; off: string | null }): string {
  const day = `${y}-${pad(m)}-${pad(d)}`;
  if (!time) return day;
  const t = `${pad(time.h)}:${pad(time.mi)}:${pad(time.s)}`;
  return `${day}T${t}${time.off ?? ''}`;
}

function normOffset(raw: string | undefined): string | null {
  if (!raw) return null;
  const z = raw.trim().toUpperCase();
  if (z === 'Z' || z === 'UTC' || z === 'GMT') return z === 'Z' ? 'Z' : '+00:00';
  const m = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (!m) return null;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? '0');
  if (h > 14 || mi > 59) return null;
  return `${m[1]}${pad(h)}:${pad(mi)}`;
}

function timeFrom(h: string | undefined, mi: string | undefined, s: string | undefined, ampm: string | undefined, off: string | undefined) {
  if (h === undefined || mi === undefined) return undefined;
  let hh = Number(h);
  const mm = Number(mi);
  const ss = Number(s ?? '0');
  if (ampm) {
    const pm = /p/i.test(ampm);
    if (hh < 1 || hh > 12) return undefined;
    if (pm && hh < 12) hh += 12;
    if (!pm && hh === 12) hh = 0;
  }
  if (hh > 23 || mm > 59 || ss > 60) return undefined;
  // A time with no zone is still the page's own local time: ISO 8601 allows it without offset.
  return { h: hh, mi: mm, s: ss, off: normOffset(off) };
}

const ISO_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?/i;

/**
 * Parses one date string. Accepts ISO 8601 (with or without time/offset), `YYYY/MM/DD`,
 * compact `YYYYMMDD`, RFC 2822, and English/French/German/Spanish month-name dates.
 * @example normalizeDate('2026-01-08 11:42:50+00:00') // '2026-01-08T11:42:50+00:00'
 * @example normalizeDate('September 4, 2025') // '2025-09-04'
 */
export function normalizeDate(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input.replace(/[\s\u00a0]+/g, ' ').trim();
  if (!s || s.length > 120) return null;

  let m = ISO_RE.exec(s);
  if (m) {
    const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    if (!validDay(y, mo, d)) return null;
    const t = timeFrom(m[4], m[5], m[6], undefined, m[7]);
    // Midnight with no zone is usually a date-only value padded by a CMS.
    if (t && t.h === 0 && t.mi === 0 && t.s === 0 && !t.off) return fmt(y, mo, d);
    return fmt(y, mo, d, t);
  }
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:\D|$)/.exec(s);
  if (m) {
    const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    return validDay(y, mo, d) ? fmt(y, mo, d) : null;
  }
  m = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$/.exec(s);
  if (m) {
    const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    return validDay(y, mo, d) ? fmt(y, mo, d) : null;
  }
  // DD/MM/YYYY or MM/DD/YYYY: only when unambiguous.
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\D|$)/.exec(s);
  if (m) {
    const a = Number(m[1]), b = Number(m[2]), y = Number(m[3]);
    if (a > 12 && validDay(y, b, a)) return fmt(y, b, a);
    if (b > 12 && validDay(y, a, b)) return fmt(y, a, b);
    if (a === b && validDay(y, a, b)) return fmt(y, a, b);
    return null;
  }
  return parseMonthNameDate(s);
}

const TIME_TAIL =
  /(?:,|\s|at|à|um|-)*\s*(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}|GMT[+-]\d{1,2}(?::?\d{2})?)?/i;

/** "September 4, 2025", "4 Sep 2025", "Thu, 04 Sep 2025 10:00:00 +0000", "Sep. 4th, 2025 at 3:05 pm". */
export function parseMonthNameDate(s: string): string | null {
  const word = '([A-Za-zÀ-ÿ]{3,10})\\.?';
  const day = '(\\d{1,2})(?:st|nd|rd|th|er|\\.)?';
  const reMDY = new RegExp(`(?:^|[^A-Za-zÀ-ÿ])${word}\\s+${day},?\\s+(\\d{4})`, 'i');
  const reDMY = new RegExp(`(?:^|\\D)${day}\\s+(?:de\\s+)?${word}(?:\\s+de)?,?\\s+(\\d{4})`, 'i');
  let y: number, mo: number | undefined, d: number, end: number;
  let m = reDMY.exec(s);
  if (m && MONTHS[m[2]!.toLowerCase()]) {
    d = Number(m[1]); mo = MONTHS[m[2]!.toLowerCase()]; y = Number(m[3]); end = m.index + m[0].length;
  } else {
    m = reMDY.exec(s);
    if (!m || !MONTHS[m[1]!.toLowerCase()]) return null;
    mo = MONTHS[m[1]!.toLowerCase()]; d = Number(m[2]); y = Number(m[3]); end = m.index + m[0].length;
  }
  if (!mo || !validDay(y, mo, d)) return null;
  const tail = s.slice(end);
  const tm = TIME_TAIL.exec(tail);
  if (tm && tm.index <= 4 && tm[5]) {
    const t = timeFrom(tm[1], tm[2], tm[3], tm[4], tm[5].replace(/^GMT(?=[+-])/i, ''));
    if (t && t.off) return fmt(y, mo, d, t);
  }
  return fmt(y, mo, d);
}

/** A date from a URL path (/2025/09/04/ or /2025-09-04/); day-accurate only: all three parts. */
export function dateFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let path: string;
  // a percent-encoded URL ("https://host%2F2025-12-15%2Bslug"): decode its separators first
  if (/%2F/i.test(url)) {
    try {
      url = decodeURIComponent(url);
    } catch {
      /* keep it as it is */
    }
  }
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const m = /(?:^|\/)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?![\d])/.exec(path);
  if (!m) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  return validDay(y, mo, d) ? fmt(y, mo, d) : null;
}
