/**
 * Errors as `application/problem+json` (RFC 9457). This is the one place where error codes
 * become HTTP responses: every code, including those only HTTP meets (an unknown route, a
 * missing token, …), comes from the catalogue (`src/model/errors.ts`) with its status.
 */
import { z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { ERRORS, MarsadError, type ErrorCode } from '../model/errors.js';

/** Conditions that only the HTTP interface meets (their statuses are in the catalogue too), with their titles. */
const API_TITLES = {
  ROUTE_NOT_FOUND: 'No such route',
  JOB_NOT_FOUND: 'No such job',
  UNAUTHORIZED: 'A valid bearer token is required',
  WRITES_DISABLED: 'Writes are disabled on this server',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported request body type',
  INTERNAL: 'Internal error',
} as const satisfies Partial<Record<ErrorCode, string>>;

export type ApiErrorCode = keyof typeof API_TITLES;
export type ProblemCode = ErrorCode;

/** One RFC 9457 problem document, with Marsad's `code` and the offending `param`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  /** The request parameter (query, path or body field) the problem is about, when there is one. */
  param: string | null;
  /** Every failing parameter, for validation problems. */
  errors?: Array<{ param: string; detail: string }>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The problem document as OpenAPI describes it. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:marsad:error:ENTITY_NOT_FOUND' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ example: 'ENTITY_NOT_FOUND' }),
    param: z.string().nullable().openapi({ example: 'id' }),
    errors: z.array(z.object({ param: z.string(), detail: z.string() })).optional(),
  })
  .openapi('Problem');

/**
 * Thrown by routes and middleware to answer with a problem; `app.onError` renders it.
 * @example throw new ProblemError(apiProblem('JOB_NOT_FOUND', `no job '${id}'`, 'id'))
 */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}

function typeOf(code: ProblemCode): string {
  return `urn:marsad:error:${code}`;
}

/**
 * The problem for a condition of the HTTP interface itself.
 * @example apiProblem('ROUTE_NOT_FOUND', 'GET /api/nope').status // 404
 */
export function apiProblem(code: ApiErrorCode, found: string, param: string | null = null): Problem {
  const entry = ERRORS[code];
  return { type: typeOf(code), title: API_TITLES[code], status: entry.http, detail: `${found}; ${entry.hint}`, code, param };
}

/** Titles for catalogue codes whose wording is meant for the command line. */
const TITLES: Partial<Record<ErrorCode, string>> = { BAD_ARGUMENT: 'Invalid request parameter' };

/** What a client can do about a bad parameter. */
const PARAMETER_HINT = 'see /openapi.json for what each parameter accepts';

/**
 * The problem for anything thrown: a catalogued `MarsadError` keeps its code and status,
 * `param` names the request parameter it concerns.
 * @example problemOf(new MarsadError('ENTITY_NOT_FOUND', 'no entity with this id', 'x'), 'id').status // 404
 */
export function problemOf(err: unknown, param: string | null = null): Problem {
  if (err instanceof ProblemError) return param && !err.problem.param ? { ...err.problem, param } : err.problem;
  if (err instanceof MarsadError) {
    return {
      type: typeOf(err.code),
      title: TITLES[err.code] ?? `Expected ${ERRORS[err.code].expected}`,
      status: err.httpStatus,
      // The catalogue's hint for a bad argument points at --help; over HTTP the description is the help.
      detail: err.code === 'BAD_ARGUMENT' ? `${param ?? err.input ?? 'request'}: ${err.found}; ${PARAMETER_HINT}` : err.message,
      code: err.code,
      param,
    };
  }
  if (err instanceof HTTPException) return httpExceptionProblem(err, param);
  return apiProblem('INTERNAL', 'an unexpected error occurred');
}

/**
 * A 400 problem (BAD_ARGUMENT) about one request parameter.
 * @example badRequest('body', 'no body').param // 'body'
 */
export function badRequest(param: string, found: string): Problem {
  return problemOf(new MarsadError('BAD_ARGUMENT', found, param), param);
}

/** Errors raised by Hono itself (malformed JSON or form data, an unsupported media type, a body too large). */
function httpExceptionProblem(err: HTTPException, param: string | null): Problem {
  switch (err.status) {
    case 400:
      return badRequest(param ?? 'body', err.message || 'a malformed request body');
    case 413:
      return problemOf(new MarsadError('INPUT_TOO_LARGE', 'a request body over the size limit', 'body'), param ?? 'body');
    case 415:
      return apiProblem('UNSUPPORTED_MEDIA_TYPE', err.message || 'an unsupported Content-Type', param ?? 'body');
    default:
      if (err.status === 404) return apiProblem('ROUTE_NOT_FOUND', err.message || 'not found', param);
      if (err.status < 500) return badRequest(param ?? 'request', err.message || `HTTP ${err.status}`);
      return apiProblem('INTERNAL', err.message || `HTTP ${err.status}`, param);
  }
}

/**
 * The 400 problem for failed request validation, naming the first failing parameter.
 * @example validationProblem([{ path: ['limit'], message: 'Too big' }]).param // 'limit'
 */
export function validationProblem(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, fallbackParam = 'body'): Problem {
  const errors = issues.map((i) => ({ param: paramName(i.path, fallbackParam), detail: i.message }));
  const first = errors[0] ?? { param: fallbackParam, detail: 'invalid request' };
  const problem = badRequest(first.param, errors.map((e) => (e === first ? e.detail : `${e.param}: ${e.detail}`)).join('; ') || first.detail);
  return { ...problem, errors };
}

/** `['urls', 1]` → `urls[1]`; an issue about the whole body or query gets the fallback. */
function paramName(path: ReadonlyArray<PropertyKey>, fallback: string): string {
  if (path.length === 0) return fallback;
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/**
 * The HTTP response carrying a problem.
 * @example return problemResponse(apiProblem('ROUTE_NOT_FOUND', 'GET /x'))
 */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/** The OpenAPI description of a problem response, for a route's `responses`. */
export function problemContent(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
}
