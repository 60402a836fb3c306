import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../database.js';
import type { RoleGrantTable, SessionTable, UserAccountTable } from '../schema-accounts.js';

export type UserRow = Selectable<UserAccountTable>;
export type GrantRow = Selectable<RoleGrantTable>;
export type SessionRow = Selectable<SessionTable>;

export const insertUser = (db: Db, row: Insertable<UserAccountTable>) =>
  db.insertInto('user_account').values(row).execute();

export const findUserById = (db: Db, id: string) =>
  db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();

export const findUserByUsername = (db: Db, username: string) =>
  db.selectFrom('user_account').selectAll().where('username', '=', username).executeTakeFirst();

export const updateUser = (db: Db, id: string, patch: Updateable<UserAccountTable>) =>
  db.updateTable('user_account').set(patch).where('id', '=', id).execute();

/** Adds one to the account's failed-login count, atomically; returns the new count. */
export const incrementFailedLogins = async (db: Db, id: string): Promise<number> => {
  const row = await db
    .updateTable('user_account')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return Number(row.failed_logins);
};

export const countUsers = async (db: Db): Promise<number> => {
  const row = await db
    .selectFrom('user_account')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

export const insertGrant = (db: Db, row: Insertable<RoleGrantTable>) =>
  db.insertInto('role_grant').values(row).execute();

export const deleteGrant = (db: Db, id: string) =>
  db.deleteFrom('role_grant').where('id', '=', id).execute();

export const listGrantsOfUser = (db: Db, userId: string) =>
  db
    .selectFrom('role_grant')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();

/** Users holding any role in the agency, with those roles. */
export const listUsersOfAgency = async (db: Db, agencyId: string) => {
  const grants = await db
    .selectFrom('role_grant')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('created_at')
    .execute();
  const userIds = [...new Set(grants.map((g) => g.user_id))];
  const users =
    userIds.length === 0
      ? []
      : await db
          .selectFrom('user_account')
          .selectAll()
          .where('id', 'in', userIds)
          .orderBy('username')
          .execute();
  return { users, grants };
};

export const insertSession = (db: Db, row: Insertable<SessionTable>) =>
  db.insertInto('session').values(row).execute();

export const findSession = (db: Db, id: string) =>
  db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();

export const updateSession = (db: Db, id: string, patch: Updateable<SessionTable>) =>
  db.updateTable('session').set(patch).where('id', '=', id).execute();

export const deleteSession = (db: Db, id: string) =>
  db.deleteFrom('session').where('id', '=', id).execute();

export const deleteSessionsOfUser = (db: Db, userId: string, exceptId?: string) => {
  let q = db.deleteFrom('session').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
};

export const deleteExpiredSessions = (db: Db, nowIso: string) =>
  db.deleteFrom('session').where('expires_at', '<', nowIso).execute();

/** The account's sessions not expired and not idle, newest first. */
export const liveSessionsOfUser = (db: Db, userId: string, nowIso: string, idleSinceIso: string) =>
  db
    .selectFrom('session')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', nowIso)
    .where('last_seen_at', '>=', idleSinceIso)
    .orderBy('created_at', 'desc')
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute();
