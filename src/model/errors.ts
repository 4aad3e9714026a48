/**
 * The one catalogue of errors. Every failure a user can meet has a code here; each
 * message says what was expected, what was found, and what to do. The API maps codes to
 * HTTP statuses in one place (by `httpStatus`).
 */
export const ERRORS = {
  INPUT_NOT_FOUND: {
    http: 404,
    expected: 'an existing file, folder or http(s) URL',
    hint: 'check the path or URL for typos',
  },
  INPUT_EMPTY: { http: 422, expected: 'a page with content', hint: 'the file is empty; re-download it' },
  INPUT_BINARY: {
    http: 415,
    expected: 'an HTML or plain-text page',
    hint: 'pass a web page or text file, not an image, archive or other binary file',
  },
  INPUT_TOO_LARGE: {
    http: 413,
    expected: 'a page within the size limit',
    hint: 'raise the limit with --max-bytes if the page is genuine',
  },
  INPUT_UNREADABLE: { http: 422, expected: 'a readable file', hint: 'check the file permissions' },
  NO_ARTICLE_TEXT: {
    http: 422,
    expected: 'a page with article text',
    hint: 'the page may be an index, a login wall or script-rendered; try the article URL itself',
  },
  NOT_ARABIC: {
    http: 422,
    expected: 'an Arabic page',
    hint: 'Marsad analyses Arabic news; pass --any-language to store it anyway',
  },
  NOTHING_TO_EXTRACT: {
    http: 422,
    expected: 'a page, or a feed or sitemap that lists pages',
    hint: 'check that the feed or sitemap URL is the right one',
  },
  FETCH_UNREACHABLE: {
    http: 502,
    expected: 'a reachable host',
    hint: 'check the host name and your network connection',
  },
  FETCH_TIMEOUT: { http: 504, expected: 'a response within the time limit', hint: 'retry later or raise --timeout' },
  FETCH_HTTP_STATUS: { http: 502, expected: 'HTTP 200', hint: 'check that the URL still exists' },
  FETCH_REDIRECTS: {
    http: 508,
    expected: 'at most the allowed number of redirects, without a loop',
    hint: 'open the URL in a browser to see where it leads, and pass the final URL',
  },
  FETCH_ROBOTS_DISALLOWED: {
    http: 403,
    expected: "a URL the site's robots.txt allows for Marsad",
    hint: "respect the site's wishes; ask the publisher for access",
  },
  FETCH_BAD_URL: { http: 400, expected: 'an http:// or https:// URL', hint: 'fix the URL' },
  FETCH_FORBIDDEN_ADDRESS: {
    http: 403,
    expected: 'a URL whose host resolves to a public internet address',
    hint: 'loopback, private, link-local and cloud-metadata addresses are refused; if the operator trusts this host, allow it with --allow-host HOST-OR-CIDR or MARSAD_ALLOW_HOSTS',
  },
  FEED_NOT_XML: {
    http: 422,
    expected: 'an RSS 2.0, Atom or sitemap XML document',
    hint: 'check that the URL points at the feed itself, not at a web page',
  },
  STORE_FAILED: { http: 500, expected: 'a writable database', hint: 'check --db / MARSAD_DB and disk space' },
  STORE_UNREACHABLE: {
    http: 503,
    expected: 'a database server that answers',
    hint: 'start the server, or fix the host, port, user, password or database name in --db / MARSAD_DB',
  },
  ARTICLE_NOT_FOUND: { http: 404, expected: 'the id of a stored article', hint: 'run `marsad list` to see the ids' },
  ENTITY_NOT_FOUND: { http: 404, expected: 'the id of a stored entity', hint: 'run `marsad entities` to see the ids' },
  STORY_NOT_FOUND: { http: 404, expected: 'the id of a stored story', hint: 'run `marsad stories` to see the ids' },
  ALIAS_NOT_FOUND: {
    http: 404,
    expected: 'a name the entity is mentioned under',
    hint: 'run `marsad entity ID` to see its aliases, and give one of them exactly',
  },
  ROUTE_NOT_FOUND: { http: 404, expected: 'a route this server answers', hint: 'see /openapi.json for the routes this server answers' },
  JOB_NOT_FOUND: { http: 404, expected: 'the id of a job of this server', hint: 'jobs are kept in memory while the server runs; start the ingest again' },
  UNAUTHORIZED: { http: 401, expected: 'a valid bearer token', hint: 'send the configured token as `Authorization: Bearer <token>`' },
  WRITES_DISABLED: {
    http: 403,
    expected: 'a server started with an API token',
    hint: 'restart the server with a token configured and send it as `Authorization: Bearer <token>`',
  },
  UNSUPPORTED_MEDIA_TYPE: { http: 415, expected: 'application/json or multipart/form-data', hint: 'send the body type the route describes (see /openapi.json)' },
  INTERNAL: { http: 500, expected: 'no internal error', hint: 'this is a bug in Marsad; the server log has the details' },
  DATA_FILE_INVALID: {
    http: 500,
    expected: 'a well-formed data file shipped with Marsad',
    hint: 'the file was edited by hand or truncated; restore it from the repository',
  },
  BAD_QUERY: {
    http: 400,
    expected: 'a search query: words, "exact phrases", OR, NOT or -word, prefix*, site:, from:, to:',
    hint: 'fix the query; put a phrase in double quotes and close every quote and bracket',
  },
  BAD_ARGUMENT: { http: 400, expected: 'valid command arguments', hint: 'run the command with --help' },
  QUEUE_UNREACHABLE: {
    http: 503,
    expected: 'a reachable Redis server for the job queue',
    hint: 'start Redis or pass --redis URL (or $MARSAD_REDIS); plain `marsad ingest` needs no Redis',
  },
  QUEUE_DRIVER_MISSING: {
    http: 503,
    expected: "the 'ioredis' package, which the job queue talks to Redis with",
    hint: 'run `npm install ioredis`; plain `marsad ingest` needs no queue',
  },
} as const satisfies Record<string, { http: number; expected: string; hint: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error from the catalogue, naming the input it concerns. */
export class MarsadError extends Error {
  readonly code: ErrorCode;
  /** Path, URL or argument the error is about. */
  readonly input: string | null;
  /** What was actually found. */
  readonly found: string;

  constructor(code: ErrorCode, found: string, input: string | null = null, options?: { cause?: unknown }) {
    const entry = ERRORS[code];
    const where = input ? `${input}: ` : '';
    super(`${where}expected ${entry.expected}, found ${found}; ${entry.hint}`, options);
    this.name = 'MarsadError';
    this.code = code;
    this.input = input;
    this.found = found;
  }

  get httpStatus(): number {
    return ERRORS[this.code].http;
  }
}

/**
 * Wraps anything thrown into a catalogued error, so a batch can report it on one line.
 * @example toMarsadError(new Error('EACCES'), 'a.html').code // 'INPUT_UNREADABLE'
 */
export function toMarsadError(err: unknown, input: string | null, fallback: ErrorCode = 'INPUT_UNREADABLE'): MarsadError {
  if (err instanceof MarsadError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new MarsadError(fallback, message, input, { cause: err });
}
