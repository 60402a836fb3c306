/**
 * The portal's generation (0070) moves only when something the public sees changes. 0070 moved
 * it on any write to an item, its attachments or versions — drafting, a review step, an
 * approval — so every kept page was dropped by work that changed nothing public. Now:
 *  - an item: when the row is published before or after the write (publish, withdraw, correct,
 *    validity change, relinking a published item; a direct write to a published row too);
 *  - an attachment or an earlier version: when its item is published;
 *  - an agency, a government: any write (rare, and their names are on public pages);
 *  - 公开指南 (a new version) and 年度报告 (a published version): any write — their pages are
 *    public and may be kept (the government-level column).
 * The site identity is not among them: kept pages leave it out and each response fills it in
 * (portal/chrome.ts), so changing it drops nothing.
 * Still in the store (triggers), so a change from any app node or the CLI is seen.
 * SQLite: row triggers with WHEN. PostgreSQL: statement triggers reading the transition tables
 * (one bump per statement, whatever its row count), and TRUNCATE bumps.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { PORTAL_GENERATION_TABLES } from './0070-portal-generation.js';

const postgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

const BUMP = 'UPDATE portal_generation SET generation = generation + 1 WHERE id = 1';

/** Tables whose every write is public. */
const ALWAYS = ['agency', 'government', 'proactive_guide', 'annual_report_version'] as const;

/** Tables whose writes are public when the item they belong to is published. */
const OF_ITEM = ['proactive_attachment', 'proactive_item_version'] as const;

const OPS = ['insert', 'update', 'delete'] as const;

async function dropOld(db: Kysely<unknown>, pg: boolean) {
  for (const table of PORTAL_GENERATION_TABLES) {
    if (pg)
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_portal_generation`)} ON ${sql.table(table)}`.execute(
        db,
      );
    else
      for (const op of OPS)
        await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_portal_generation_${op}`)}`.execute(
          db,
        );
  }
}

async function upSqlite(db: Kysely<unknown>) {
  const trigger = async (table: string, op: string, when: string | null) =>
    sql`CREATE TRIGGER ${sql.raw(`${table}_portal_generation_${op}`)}
      AFTER ${sql.raw(op.toUpperCase())} ON ${sql.table(table)}
      ${sql.raw(when ? `WHEN ${when}` : '')}
      BEGIN ${sql.raw(BUMP)}; END`.execute(db);
  const published = (row: 'NEW' | 'OLD') => `${row}.status = 'published'`;
  await trigger('proactive_item', 'insert', published('NEW'));
  await trigger('proactive_item', 'update', `${published('OLD')} OR ${published('NEW')}`);
  await trigger('proactive_item', 'delete', published('OLD'));
  const itemPublished = (row: 'NEW' | 'OLD') =>
    `EXISTS (SELECT 1 FROM proactive_item WHERE id = ${row}.item_id AND status = 'published')`;
  for (const table of OF_ITEM) {
    await trigger(table, 'insert', itemPublished('NEW'));
    await trigger(table, 'update', `${itemPublished('OLD')} OR ${itemPublished('NEW')}`);
    await trigger(table, 'delete', itemPublished('OLD'));
  }
  for (const table of ALWAYS) for (const op of OPS) await trigger(table, op, null);
}

async function upPostgres(db: Kysely<unknown>) {
  // One function per condition; each trigger names its transition tables new_rows / old_rows
  // (an INSERT has only new rows, a DELETE only old ones).
  const fn = async (name: string, test: (rows: string) => string) =>
    sql`CREATE OR REPLACE FUNCTION ${sql.raw(name)}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Separate statements: a query naming a transition table the trigger lacks fails.
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          IF EXISTS (${sql.raw(test('new_rows'))}) THEN
            ${sql.raw(BUMP)};
            RETURN NULL;
          END IF;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          IF EXISTS (${sql.raw(test('old_rows'))}) THEN
            ${sql.raw(BUMP)};
          END IF;
        END IF;
        RETURN NULL;
      END $$`.execute(db);
  await fn(
    'portal_generation_bump_items',
    (rows) => `SELECT 1 FROM ${rows} WHERE status = 'published'`,
  );
  await fn(
    'portal_generation_bump_of_item',
    (rows) =>
      `SELECT 1 FROM ${rows} r JOIN proactive_item i ON i.id = r.item_id WHERE i.status = 'published'`,
  );
  const rowTriggers = async (table: string, fnName: string) => {
    for (const op of OPS) {
      const referencing =
        op === 'insert'
          ? 'NEW TABLE AS new_rows'
          : op === 'delete'
            ? 'OLD TABLE AS old_rows'
            : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      await sql`CREATE TRIGGER ${sql.raw(`${table}_portal_generation_${op}`)}
        AFTER ${sql.raw(op.toUpperCase())} ON ${sql.table(table)}
        REFERENCING ${sql.raw(referencing)}
        FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(fnName)}()`.execute(db);
    }
    await sql`CREATE TRIGGER ${sql.raw(`${table}_portal_generation_truncate`)}
      AFTER TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION portal_generation_bump()`.execute(db);
  };
  await rowTriggers('proactive_item', 'portal_generation_bump_items');
  for (const table of OF_ITEM) await rowTriggers(table, 'portal_generation_bump_of_item');
  for (const table of ALWAYS)
    await sql`CREATE TRIGGER ${sql.raw(`${table}_portal_generation`)}
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION portal_generation_bump()`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = postgres(db);
  await dropOld(db, pg);
  if (pg) await upPostgres(db);
  else await upSqlite(db);
}

async function dropNew(db: Kysely<unknown>, pg: boolean) {
  for (const table of ['proactive_item', ...OF_ITEM])
    for (const op of [...OPS, ...(pg ? ['truncate'] : [])])
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_portal_generation_${op}`)} ${sql.raw(pg ? `ON ${table}` : '')}`.execute(
        db,
      );
  for (const table of ALWAYS) {
    if (pg)
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_portal_generation`)} ON ${sql.table(table)}`.execute(
        db,
      );
    else
      for (const op of OPS)
        await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_portal_generation_${op}`)}`.execute(
          db,
        );
  }
  if (pg) {
    await sql`DROP FUNCTION IF EXISTS portal_generation_bump_items()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS portal_generation_bump_of_item()`.execute(db);
  }
}

/** Back to 0070's triggers (any write moves the generation). */
export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = postgres(db);
  await dropNew(db, pg);
  const bump = sql.raw(BUMP);
  for (const table of PORTAL_GENERATION_TABLES) {
    if (pg)
      await sql`CREATE TRIGGER ${sql.raw(`${table}_portal_generation`)}
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION portal_generation_bump()`.execute(db);
    else
      for (const op of OPS)
        await sql`CREATE TRIGGER ${sql.raw(`${table}_portal_generation_${op}`)}
          AFTER ${sql.raw(op.toUpperCase())} ON ${sql.table(table)}
          BEGIN ${bump}; END`.execute(db);
  }
}
