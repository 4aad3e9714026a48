/**
 * The language of a text from its letters: Marsad only needs to tell Arabic script from
 * the rest reliably, and a declared `lang` attribute wins when a page has one.
 * @example detectLanguage('التقى الوزير نظيره') // 'ar'
 */
export function detectLanguage(text: string, declared?: string | null): string {
  const primary = declared?.trim().toLowerCase().split(/[-_]/)[0];
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const arabic = sample.match(/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g)?.length ?? 0;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  // Pages declare lang="en" from their CMS template while the article is Arabic, so the text decides when it is clearly Arabic.
  if (letters > 0 && arabic / letters > 0.5) return 'ar';
  if (primary && /^[a-z]{2,3}$/.test(primary)) return primary;
  if (letters === 0) return 'und';
  if (arabic / letters > 0.2) return 'ar';
  return 'en';
}
