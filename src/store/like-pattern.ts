/**
 * Text placed inside a SQL LIKE pattern as itself: `%`, `_` and the escape character lose
 * their wildcard meaning, so a filter value such as `site:%` matches a site called "%" (none)
 * instead of every row. Use with `LIKE ? ESCAPE '\'`, the same in SQLite and PostgreSQL.
 *
 * @example likeLiteral('100%_sure') // '100\\%\\_sure'
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
