import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../database.js';
import type { SecurityAlertTable, SignInDeviceTable } from '../schema-accounts.js';

export type SecurityAlertRow = Selectable<SecurityAlertTable>;
export type SignInDeviceRow = Selectable<SignInDeviceTable>;

export const insertSecurityAlert = (db: Db, row: Insertable<SecurityAlertTable>) =>
  db.insertInto('security_alert').values(row).execute();

/** The next alert's number (callers hold the alerts' lock). */
export const nextSecurityAlertSeq = async (db: Db): Promise<number> => {
  const row = await db
    .selectFrom('security_alert')
    .select((eb) => eb.fn.max('seq').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
};

/** Newest first; open ones only unless `all`. */
export const listSecurityAlerts = (
  db: Db,
  q: { all: boolean; limit: number; beforeSeq?: number },
) => {
  let query = db.selectFrom('security_alert').selectAll().orderBy('seq', 'desc').limit(q.limit);
  if (!q.all) query = query.where('acknowledged_at', 'is', null);
  if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
  return query.execute();
};

export const countOpenSecurityAlerts = async (db: Db): Promise<number> => {
  const row = await db
    .selectFrom('security_alert')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('acknowledged_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

export const findSecurityAlert = (db: Db, id: string) =>
  db.selectFrom('security_alert').selectAll().where('id', '=', id).executeTakeFirst();

export const acknowledgeSecurityAlert = (db: Db, id: string, at: string, by: string) =>
  db
    .updateTable('security_alert')
    .set({ acknowledged_at: at, acknowledged_by: by })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .execute();

/** Remembers that the account signed in from this browser (and where from, last). */
export const recordSignInDevice = (db: Db, row: SignInDeviceRow) =>
  db
    .insertInto('sign_in_device')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['device_id', 'user_id']).doUpdateSet({
        ip: row.ip,
        user_agent: row.user_agent,
        last_at: row.last_at,
      }),
    )
    .execute();

/**
 * Administrators (holders of `roles`) who signed in from this browser since `deviceSince`, or
 * from this address with this browser string since `addressSince`.
 */
export const administratorsSeenAt = (
  db: Db,
  q: {
    roles: readonly string[];
    deviceId: string | null;
    ip: string;
    userAgent: string;
    deviceSince: string;
    addressSince: string;
    exceptUserId: string;
  },
) =>
  db
    .selectFrom('sign_in_device')
    .innerJoin('role_grant', 'role_grant.user_id', 'sign_in_device.user_id')
    .innerJoin('user_account', 'user_account.id', 'sign_in_device.user_id')
    .select([
      'sign_in_device.user_id',
      'sign_in_device.device_id',
      'sign_in_device.ip',
      'sign_in_device.user_agent',
      'user_account.username',
      'user_account.display_name',
      'role_grant.role',
    ])
    .where('role_grant.role', 'in', q.roles)
    .where('sign_in_device.user_id', '!=', q.exceptUserId)
    .where((eb) =>
      eb.or([
        ...(q.deviceId
          ? [
              eb.and([
                eb('sign_in_device.device_id', '=', q.deviceId),
                eb('sign_in_device.last_at', '>=', q.deviceSince),
              ]),
            ]
          : []),
        eb.and([
          eb('sign_in_device.ip', '=', q.ip),
          eb('sign_in_device.user_agent', '=', q.userAgent),
          eb('sign_in_device.last_at', '>=', q.addressSince),
        ]),
      ]),
    )
    .execute();

/** The browsers an account signed in from. */
export const devicesOfUser = (db: Db, userId: string) =>
  db.selectFrom('sign_in_device').selectAll().where('user_id', '=', userId).execute();

/** Holders of a role (active accounts), for "keep at least one" rules. */
export const activeHoldersOfRole = (db: Db, role: string) =>
  db
    .selectFrom('role_grant')
    .innerJoin('user_account', 'user_account.id', 'role_grant.user_id')
    .select(['user_account.id', 'user_account.username'])
    .where('role_grant.role', '=', role)
    .where('user_account.disabled', '=', 0)
    .execute();
