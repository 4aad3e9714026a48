/**
 * The article record that flows through every stage. Field names are an output
 * contract (`marsad extract --json`): later stages add annotations beside it, never
 * rename these.
 */
export interface Article {
  /** Headline as published, whitespace-collapsed. */
  title: string | null;
  /** `YYYY-MM-DD` when only the day is known, full ISO 8601 date-time when the time is. Never guessed. */
  published: string | null;
  author: string | null;
  /** Outlet or site name ("هسبريس", "Al Jazeera"). */
  site: string | null;
  section: string | null;
  tags: string[];
  /** Canonical URL of the article, when the page or the fetch gives one. */
  url: string | null;
  /** BCP 47 primary language ("ar", "en", …). */
  lang: string;
  /** Main text: paragraphs separated by one blank line. */
  text: string;
}

/** What kind of document a decoded page is. */
export type PageKind = 'html' | 'text';

/**
 * A page as it came from a source, decoded to Unicode. The raw bytes are kept so that
 * extraction can be re-run later from exactly what was fetched.
 */
export interface Page {
  /** Path or URL exactly as the user gave it (or as a feed listed it). */
  source: string;
  /** The URL the bytes came from after redirects; null for local files. */
  url: string | null;
  bytes: Uint8Array;
  /** Decoded text of the page. */
  content: string;
  kind: PageKind;
  /** Encoding label the bytes were decoded with ("utf-8", "windows-1256", …). */
  encoding: string;
  /** Content-Type header, when fetched over HTTP. */
  contentType: string | null;
  /** ISO 8601 time the page was read or fetched. */
  fetchedAt: string;
}

/** One outcome per input of a batch: a batch never aborts on one bad input. */
export type Outcome<T> =
  | { status: 'ok'; source: string; value: T }
  /** `notModified`: the server said the page has not changed since it was last fetched (HTTP 304). */
  | { status: 'skipped'; source: string; reason: string; notModified?: boolean }
  | { status: 'failed'; source: string; error: import('./errors.js').MarsadError };
