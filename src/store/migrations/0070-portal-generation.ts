/**
 * The portal's generation: one number that every change to what the public column's item pages
 * and lists show (items, their attachments and earlier versions, agencies, governments) moves
 * on, by triggers in the store itself — so a change made by any code path, any app node or the
 * CLI beside the server is seen. The portal keeps rendered pages per generation
 * (server/portal/page-cache.ts) and renders again once the number moved.
 * SQLite: a row trigger per table and operation. PostgreSQL: one statement trigger per table.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export const PORTAL_GENERATION_TABLES = [
  'proactive_item',
  'proactive_attachment',
  'proactive_item_version',
  'agency',
  'government',
] as const;

const postgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = postgres(db);
  await db.schema
    .createTable('portal_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'bigint', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO portal_generation (id, generation) VALUES (1, 0)`.execute(db);
  const bump = sql.raw('UPDATE portal_generation SET generation = generation + 1 WHERE id = 1');
  if (pg) {
    await sql`CREATE FUNCTION portal_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${bump}; RETURN NULL; END $$`.execute(db);
    for (const table of PORTAL_GENERATION_TABLES) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_portal_generation`)}
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION portal_generation_bump()`.execute(db);
    }
    return;
  }
  for (const table of PORTAL_GENERATION_TABLES) {
    for (const op of ['insert', 'update', 'delete']) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_portal_generation_${op}`)}
        AFTER ${sql.raw(op.toUpperCase())} ON ${sql.table(table)}
        BEGIN ${bump}; END`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = postgres(db);
  for (const table of PORTAL_GENERATION_TABLES) {
    if (pg)
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_portal_generation`)} ON ${sql.table(table)}`.execute(
        db,
      );
    else
      for (const op of ['insert', 'update', 'delete'])
        await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_portal_generation_${op}`)}`.execute(
          db,
        );
  }
  if (pg) await sql`DROP FUNCTION IF EXISTS portal_generation_bump()`.execute(db);
  await db.schema.dropTable('portal_generation').ifExists().execute();
}
