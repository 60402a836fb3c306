import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * The texts of a group joined into one (in no particular order): many short values per group
 * cross the wire as one string, not one row each. SQLite: group_concat; PostgreSQL: string_agg.
 *
 * @example db.selectFrom('application').select(['agency_id', concatAggregate(db, sql`received_on`).as('dates')]).groupBy('agency_id')
 */
export function concatAggregate<DB>(db: Kysely<DB>, text: RawBuilder<unknown>): RawBuilder<string> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return sql<string>`string_agg(${text}, '')`;
  }
  return sql<string>`group_concat(${text}, '')`;
}
