/**
 * The one reading of date bounds that users type (`--from`, `from:`, `?from=`): a year, a
 * month or a day covers every day in it, so a lower bound is its first day and an upper bound
 * its last. Arabic-Indic digits read as digits.
 */

/**
 * The first (`start`) or last (`end`) day a bound covers, `YYYY-MM-DD`; `'shape'` when it is
 * not written as YYYY, YYYY-MM or YYYY-MM-DD, `'impossible'` when it names no real day.
 * @example dayBound('2022-06', 'end') // '2022-06-30'
 * @example dayBound('2023-02-30', 'start') // 'impossible'
 */
export function dayBound(value: string, side: 'start' | 'end'): string | 'shape' | 'impossible' {
  const v = value.trim().replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660));
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(v);
  if (!m) return 'shape';
  const month = m[2] === undefined ? (side === 'start' ? 1 : 12) : Number(m[2]);
  if (month < 1 || month > 12) return 'impossible';
  const last = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  const day = m[3] === undefined ? (side === 'start' ? 1 : last) : Number(m[3]);
  if (day < 1 || day > last) return 'impossible';
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether `dayBound` gave a day (not one of its two refusals). */
export function isDay(bound: string): boolean {
  return bound !== 'shape' && bound !== 'impossible';
}
