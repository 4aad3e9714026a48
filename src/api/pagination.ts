/**
 * Cursor pagination over the store's offset-based listings.
 *
 * A cursor is opaque to clients; today it is the base64url encoding of `o:<offset>` (the
 * store interface pages by offset and has no keyset position to offer). It is stable
 * because the listings it pages through are sorted totally by the store (articles:
 * publication date, then id; quotes: publication date, article id, position in the
 * article; search: score, then storage order; entities: article count, then label — two
 * entities with the same count and label may swap between requests), so the same offset
 * names the same place as long as nothing is stored meanwhile; an ingest between two pages
 * can shift items by the number of new rows. Pages ask the store for one item more than
 * they return, to know whether a next page exists without counting.
 */
import { z } from '@hono/zod-openapi';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** Largest offset a cursor may carry (the store uses 32-bit SQLite integers happily; this bounds abuse). */
const MAX_OFFSET = 10_000_000;

/**
 * The opaque cursor for a position in a listing.
 * @example encodeCursor(50) // 'bzo1MA'
 */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

/**
 * The offset a cursor stands for, or null when it is not one this server made.
 * @example decodeCursor(encodeCursor(50)) // 50
 */
export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,24}$/.test(cursor)) return null;
  const m = /^o:(0|[1-9][0-9]{0,8})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) return null;
  const offset = Number(m[1]);
  return offset <= MAX_OFFSET ? offset : null;
}

/** `cursor` and `limit`, the query parameters of every listing; `cursor` arrives decoded as an offset. */
export const PageQuery = z.object({
  cursor: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return 0;
      const offset = decodeCursor(s);
      if (offset === null) {
        ctx.addIssue({ code: 'custom', message: 'not a cursor from this server; pass the `next_cursor` of the previous page unchanged' });
        return z.NEVER;
      }
      return offset;
    })
    .openapi({
      param: { name: 'cursor', in: 'query' },
      type: 'string',
      description: 'Opaque position: the `next_cursor` of the previous page. Omit for the first page.',
    }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(DEFAULT_LIMIT)
    .openapi({ param: { name: 'limit', in: 'query' }, description: `Items per page, 1 to ${MAX_LIMIT}.`, example: DEFAULT_LIMIT }),
});

/** A page of items as every listing answers it. */
export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
    })
    .openapi(name);
}

/**
 * Fetches one page through an offset-based store call, asking for one extra item.
 * @example await page((limit, offset) => store.list({ limit, offset }), { cursor: 0, limit: 50 })
 */
export async function page<T>(
  fetch: (limit: number, offset: number) => Promise<T[]>,
  query: { cursor: number; limit: number },
): Promise<{ items: T[]; next_cursor: string | null }> {
  const rows = await fetch(query.limit + 1, query.cursor);
  const more = rows.length > query.limit;
  return { items: more ? rows.slice(0, query.limit) : rows, next_cursor: more ? encodeCursor(query.cursor + query.limit) : null };
}
