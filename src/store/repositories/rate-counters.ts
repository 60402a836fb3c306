import { sql, type Selectable } from 'kysely';
import type { Db } from '../database.js';
import type { RateCounterTable } from '../schema-accounts.js';

export type RateCounterRow = Selectable<RateCounterTable>;

export const findCounter = (db: Db, key: string) =>
  db.selectFrom('rate_counter').selectAll().where('key', '=', key).executeTakeFirst();

/**
 * One more failure for `key`, atomically (two app nodes cannot lose a count between them): a
 * counter whose window began before `windowStart` starts again at 1, its lock lifted.
 */
export const bumpCounter = async (
  db: Db,
  key: string,
  account: string | null,
  nowIso: string,
  windowStartIso: string,
): Promise<RateCounterRow> => {
  const fresh = sql<boolean>`rate_counter.first_at < ${windowStartIso}`;
  return db
    .insertInto('rate_counter')
    .values({ key, account, count: 1, first_at: nowIso, last_at: nowIso, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`CASE WHEN ${fresh} THEN 1 ELSE rate_counter.count + 1 END`,
        first_at: sql<string>`CASE WHEN ${fresh} THEN ${nowIso} ELSE rate_counter.first_at END`,
        locked_until: sql<
          string | null
        >`CASE WHEN ${fresh} THEN NULL ELSE rate_counter.locked_until END`,
        last_at: nowIso,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
};

export const lockCounter = (db: Db, key: string, untilIso: string) =>
  db.updateTable('rate_counter').set({ locked_until: untilIso }).where('key', '=', key).execute();

/** Starts (or restarts) a counter at one, now: a hold's clock. */
export const restartCounter = (db: Db, key: string, account: string | null, nowIso: string) =>
  db
    .insertInto('rate_counter')
    .values({ key, account, count: 1, first_at: nowIso, last_at: nowIso, locked_until: null })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ count: 1, first_at: nowIso, last_at: nowIso, locked_until: null }),
    )
    .execute();

export const deleteCounters = (db: Db, keys: readonly string[]) =>
  keys.length === 0
    ? Promise.resolve([])
    : db.deleteFrom('rate_counter').where('key', 'in', keys).execute();

/** Lifts every sign-in limit of an account (the security administrator's unlock). */
export const deleteCountersOfAccount = (db: Db, account: string) =>
  db.deleteFrom('rate_counter').where('account', '=', account).execute();

/** Housekeeping: counters quiet since `beforeIso` and not locked any more. */
export const purgeCounters = (db: Db, beforeIso: string, nowIso: string) =>
  db
    .deleteFrom('rate_counter')
    .where('last_at', '<', beforeIso)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
    .execute();

/**
 * In one query, for the sign-in gate: the counters with these keys, and the account's counters
 * locked past `nowIso`.
 */
export const gateCounters = (db: Db, keys: readonly string[], account: string, nowIso: string) =>
  db
    .selectFrom('rate_counter')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('key', 'in', keys),
        eb.and([eb('account', '=', account), eb('locked_until', '>', nowIso)]),
      ]),
    )
    .execute();
