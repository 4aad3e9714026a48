/**
 * Browser-facing hardening headers on every response of the server: API JSON, problem
 * details, exports and the workbench alike. The workbench's own routes set their (looser, but
 * still strict) Content-Security-Policy first; every other response gets one that allows
 * nothing at all, since JSON, CSV and GraphML never need to load or run anything.
 */
import type { MiddlewareHandler } from 'hono';

/** The policy of every response that is not a page or asset of the workbench. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Middleware: adds Content-Security-Policy (unless a route already set one),
 * X-Content-Type-Options nosniff, Referrer-Policy no-referrer and X-Frame-Options DENY (for
 * browsers that predate frame-ancestors), whatever the status, errors included.
 *
 * @example app.use('*', securityHeaders); // before any route
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const headers = c.res.headers;
  if (!headers.has('content-security-policy')) headers.set('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('X-Frame-Options', 'DENY');
};
