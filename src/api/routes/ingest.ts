/** Ingest by URL, feed or uploaded file, as a background job with progress. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ingest, type IngestResult } from '../../app/ingest.js';
import type { Fetcher } from '../../sources/fetcher.js';
import type { MarsadStore } from '../../store/store.js';
import { BEARER_SCHEME } from '../auth.js';
import type { JobRegistry } from '../jobs.js';
import { apiProblem, badRequest, problemContent, ProblemError } from '../problems.js';

/** Most URLs (pages, feeds, sitemaps) one request may list. */
export const MAX_URLS = 100;
/** Most files one upload may carry. */
export const MAX_FILES = 50;

const HttpUrl = z
  .string()
  .max(2048)
  .refine((s) => /^https?:\/\/[^\s/]+/i.test(s) && URL.canParse(s), { message: 'expected an http:// or https:// URL' })
  .openapi({ format: 'uri', example: 'https://www.hespress.com/politique/123.html' });

const AnyLanguage = z.boolean().optional().openapi({ description: 'store pages that are not Arabic too (refused by default)' });

const UrlsBody = z
  .object({ urls: z.array(HttpUrl).min(1).max(MAX_URLS).openapi({ description: 'pages, RSS/Atom feeds or sitemaps' }), any_language: AnyLanguage })
  .openapi('IngestUrlsRequest');

const UploadedFile = z.instanceof(File).openapi({ type: 'string', format: 'binary' });
const UploadBody = z
  .object({
    file: z.union([UploadedFile, z.array(UploadedFile).min(1).max(MAX_FILES)]).openapi({ description: `one to ${MAX_FILES} saved pages (HTML or text), feeds or sitemaps` }),
    any_language: z.enum(['true', 'false']).optional().openapi({ description: 'store pages that are not Arabic too' }),
  })
  .openapi('IngestUploadRequest');

const IngestResultSchema = z
  .object({
    source: z.string(),
    status: z.enum(['new', 'updated', 'unchanged', 'skipped', 'failed']),
    id: z.string().optional(),
    title: z.string().nullable().optional(),
    reason: z.string().optional().openapi({ description: 'why a page was skipped or failed' }),
    code: z.string().optional().openapi({ description: 'the error code of a failed page' }),
  })
  .openapi('IngestResult');

export const JobSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    inputs: z.array(z.string()),
    discovered: z.number().int().openapi({ description: 'pages known so far (feeds and sitemaps reveal more as they are read)' }),
    processed: z.number().int().openapi({ description: 'pages done so far' }),
    counts: z.object({ new: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), skipped: z.number().int(), failed: z.number().int() }),
    results: z.array(IngestResultSchema),
    error: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi('Job');

const startIngest = createRoute({
  method: 'post',
  path: '/api/ingest',
  tags: ['ingest'],
  summary: 'Ingest pages by URL, feed or sitemap (JSON), or uploaded files (multipart, field `file`)',
  description: 'Answers at once with a job; follow it at `GET /api/jobs/{id}` (also in the Location header).',
  security: [{ [BEARER_SCHEME]: [] }],
  request: {
    body: {
      required: false,
      content: { 'application/json': { schema: UrlsBody }, 'multipart/form-data': { schema: UploadBody } },
    },
  },
  responses: {
    202: { description: 'The job, queued', content: { 'application/json': { schema: JobSchema } } },
    400: problemContent('No URLs or files, or a malformed one (BAD_ARGUMENT, param names it)'),
    401: problemContent('No or a wrong bearer token (UNAUTHORIZED)'),
    403: problemContent('The server has no token configured, so writes are disabled (WRITES_DISABLED)'),
    413: problemContent('The body is over the upload limit (INPUT_TOO_LARGE)'),
    415: problemContent('Neither JSON nor multipart/form-data (UNSUPPORTED_MEDIA_TYPE)'),
  },
});

const getJob = createRoute({
  method: 'get',
  path: '/api/jobs/{id}',
  tags: ['ingest'],
  summary: 'An ingest job: its status, progress, and one result per page so far',
  request: { params: z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: { description: 'The job', content: { 'application/json': { schema: JobSchema } } },
    404: problemContent('No job has this id (JOB_NOT_FOUND); jobs live in memory while the server runs'),
  },
});

export interface IngestRouteOptions {
  store: MarsadStore;
  fetcher: Fetcher;
  jobs: JobRegistry;
  /** Size cap per page, as `marsad ingest --max-bytes`. */
  maxBytes?: number;
  /** Worker threads analysing a job's pages ahead, as `marsad ingest --threads` (default 0). */
  threads?: number;
}

/**
 * Registers `POST /api/ingest` and `GET /api/jobs/{id}`.
 * @example ingestRoutes(app, { store, fetcher: new Fetcher(), jobs: new JobRegistry() })
 */
export function ingestRoutes(app: OpenAPIHono, options: IngestRouteOptions): void {
  const { store, fetcher, jobs, maxBytes, threads } = options;

  app.openapi(startIngest, async (c) => {
    const json = c.req.valid('json') as Partial<z.infer<typeof UrlsBody>>;
    const form = c.req.valid('form') as Partial<z.infer<typeof UploadBody>>;
    let job;
    if (json.urls) {
      const urls = json.urls;
      job = jobs.submit(urls, (hooks) => ingest(urls, { store, fetcher, maxBytes, threads, anyLanguage: json.any_language ?? false, ...hooks }));
    } else if (form.file) {
      const files = Array.isArray(form.file) ? form.file : [form.file];
      const { dir, paths, names } = await saveUploads(files);
      const sourceOf = new Map(paths.map((p, i) => [p, `upload:${names[i]}`]));
      const anyLanguage = form.any_language === 'true';
      job = jobs.submit(
        names,
        (hooks) => renameSources(ingest(paths, { store, fetcher, maxBytes, threads, anyLanguage, ...hooks }), sourceOf),
        () => rm(dir, { recursive: true, force: true }),
      );
    } else {
      const found = c.req.header('content-type') ? 'a body without `urls` or `file`' : 'no body';
      throw new ProblemError(badRequest('body', `${found}; send {"urls": [...]} as JSON, or files in the multipart field \`file\``));
    }
    c.header('Location', `/api/jobs/${job.id}`);
    return c.json(job, 202);
  });

  app.openapi(getJob, async (c) => {
    const { id } = c.req.valid('param');
    const job = jobs.get(id);
    if (!job) throw new ProblemError(apiProblem('JOB_NOT_FOUND', `no job '${id}'`, 'id'));
    return c.json(job, 200);
  });
}

/**
 * Writes uploaded files to a fresh temporary folder (ingest reads paths), one subfolder per
 * file so that equal names do not collide; the names are reduced to safe characters.
 */
async function saveUploads(files: File[]): Promise<{ dir: string; paths: string[]; names: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'marsad-upload-'));
  try {
    const paths: string[] = [];
    const names: string[] = [];
    for (const [i, file] of files.entries()) {
      const name = safeName(file.name, i);
      await mkdir(join(dir, String(i)));
      const path = join(dir, String(i), name);
      await writeFile(path, new Uint8Array(await file.arrayBuffer()));
      paths.push(path);
      names.push(name);
    }
    return { dir, paths, names };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * A file name fit for the disk: the last path segment, letters (any script), digits, dot,
 * dash and underscore only, at most 100 characters.
 * @example safeName('../خبر عاجل.html', 0) // 'خبر_عاجل.html'
 */
export function safeName(name: string, index: number): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_')
    .replace(/^[._]+/, '')
    .slice(-100);
  return cleaned || `upload-${index + 1}.html`;
}

/** Reports uploaded pages under the name the client gave them, not the temporary path. */
async function* renameSources(results: AsyncIterable<IngestResult>, sourceOf: Map<string, string>): AsyncGenerator<IngestResult> {
  for await (const r of results) {
    const name = sourceOf.get(r.source);
    if (!name) {
      yield r;
      continue;
    }
    yield { ...r, source: name, ...(r.reason ? { reason: r.reason.split(r.source).join(name) } : {}) };
  }
}
