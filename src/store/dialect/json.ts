import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * One top-level member of a JSON text column, as JSON text, extracted by the database (so a
 * large document need not cross the wire to give one small part). SQLite: json_extract;
 * PostgreSQL: the json operator ->.
 *
 * @example db.selectFrom('annual_report_version').select(jsonMember(db, 'content_json', 'tables').as('tables'))
 */
export function jsonMember<DB>(db: Kysely<DB>, column: string, member: string): RawBuilder<string> {
  if (!/^[a-z_]+$/.test(member)) throw new Error(`jsonMember: bad member name ${member}`);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return sql<string>`(${sql.ref(column)}::json -> ${sql.lit(member)})::text`;
  }
  return sql<string>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${member}`)})`;
}
