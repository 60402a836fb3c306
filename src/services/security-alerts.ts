/**
 * Alerts for the audit administrator about the indirect ways to personal data that 三员分立
 * alone does not close: an administrator opens an account and signs in as it, an administrator
 * works a business account from their own browser, a case (and with it an applicant's identity)
 * is handed to another clerk, an administrator's credentials are reset by someone else.
 */
import { randomUUID } from 'node:crypto';
import { ADMINISTRATOR_ROLES, ROLE_LABELS, type Role } from '../core/auth/roles.js';
import { notFound } from '../core/errors.js';
import type { Db, Trx } from '../store/database.js';
import * as repo from '../store/repositories/security.js';
import { recordChange } from './audit.js';
import type { Actor, ServiceContext } from './context.js';

export const ALERT_KINDS = [
  'first_sign_in_from_creator',
  'administrator_as_business',
  'case_reassigned',
  'administrator_credentials_reset',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  first_sign_in_from_creator: '新账号首次登录来自开设者的地址或浏览器',
  administrator_as_business: '管理员的浏览器登录了业务账号',
  case_reassigned: '改派申请：经办人因此可以查看申请人的个人信息',
  administrator_credentials_reset: '管理员账号的密码或两步验证被他人重置',
};

/** Where a request came from: the address, the browser string and the browser's own id. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
  /** The random id of the browser, from its long-lived cookie; null when it sent none. */
  deviceId: string | null;
}

export interface SecurityAlert {
  id: string;
  seq: number;
  at: string;
  kind: AlertKind;
  kindLabel: string;
  message: string;
  subjectUserId: string | null;
  actorUserId: string | null;
  agencyId: string | null;
  details: unknown;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

const toAlert = (row: repo.SecurityAlertRow): SecurityAlert => ({
  id: row.id,
  seq: Number(row.seq),
  at: row.at,
  kind: row.kind as AlertKind,
  kindLabel: ALERT_KIND_LABELS[row.kind as AlertKind] ?? row.kind,
  message: row.message,
  subjectUserId: row.subject_user_id,
  actorUserId: row.actor_user_id,
  agencyId: row.agency_id,
  details: row.details_json ? (JSON.parse(row.details_json) as unknown) : null,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
});

/** Raises an alert inside the caller's transaction, and records it in the audit trail. */
export async function raiseAlert(
  ctx: Pick<ServiceContext, 'store' | 'secretKey' | 'clock' | 'auditAnchor' | 'crypto'>,
  t: Trx,
  actor: Actor,
  alert: {
    kind: AlertKind;
    message: string;
    subjectUserId?: string | null;
    actorUserId?: string | null;
    agencyId?: string | null;
    details?: unknown;
  },
): Promise<void> {
  const now = ctx.clock.now();
  const id = randomUUID();
  await ctx.store.lock(t, 'gongkai.security_alert');
  await repo.insertSecurityAlert(t, {
    id,
    seq: await repo.nextSecurityAlertSeq(t),
    at: now.toISOString(),
    kind: alert.kind,
    message: alert.message,
    subject_user_id: alert.subjectUserId ?? null,
    actor_user_id: alert.actorUserId ?? null,
    agency_id: alert.agencyId ?? null,
    details_json: alert.details === undefined ? null : JSON.stringify(alert.details),
    acknowledged_at: null,
    acknowledged_by: null,
  });
  await recordChange(ctx, t, actor, now, {
    action: 'security.alert',
    entityType: 'security_alert',
    entityId: id,
    agencyId: alert.agencyId ?? null,
    after: { kind: alert.kind, message: alert.message },
  });
}

export async function listAlerts(
  db: Db,
  q: { all: boolean; limit: number; before?: number },
): Promise<{ alerts: SecurityAlert[]; open: number }> {
  const rows = await repo.listSecurityAlerts(db, {
    all: q.all,
    limit: q.limit,
    ...(q.before !== undefined ? { beforeSeq: q.before } : {}),
  });
  return { alerts: rows.map(toAlert), open: await repo.countOpenSecurityAlerts(db) };
}

/** The audit administrator marks an alert as looked into (the alert itself stays). */
export async function acknowledgeAlert(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  alertId: string,
  note: string,
): Promise<SecurityAlert> {
  return ctx.store.transaction(async (t) => {
    const row = await repo.findSecurityAlert(t, alertId);
    if (!row) throw notFound('告警');
    if (row.acknowledged_at) return toAlert(row);
    const now = ctx.clock.now();
    await repo.acknowledgeSecurityAlert(t, alertId, now.toISOString(), actor.principal.displayName);
    await recordChange(ctx, t, actor, now, {
      action: 'security.alert_acknowledged',
      entityType: 'security_alert',
      entityId: alertId,
      after: { note: note.trim().slice(0, 500) },
    });
    return toAlert((await repo.findSecurityAlert(t, alertId))!);
  });
}

/** A browser an administrator used is remembered this long; a shared address only this long. */
const ADMIN_DEVICE_DAYS = 30;
const ADMIN_ADDRESS_HOURS = 12;

/**
 * At a successful sign-in: remembers the browser, and raises the alerts a sign-in can show —
 * the account's first sign-in from the address or browser of whoever opened it, and a
 * business account signed in from a browser an administrator used (in the last 30 days).
 */
export async function watchSignIn(
  ctx: Pick<ServiceContext, 'store' | 'secretKey' | 'clock' | 'auditAnchor' | 'crypto'>,
  t: Trx,
  actor: Actor,
  user: {
    id: string;
    username: string;
    displayName: string;
    firstLoginAt: string | null;
    createdBy: string | null;
    createdIp: string | null;
    createdDevice: string | null;
    roles: readonly Role[];
  },
  client: ClientInfo,
): Promise<void> {
  const now = ctx.clock.now();
  const business = user.roles.some((r) => !(ADMINISTRATOR_ROLES as readonly Role[]).includes(r));

  if (user.firstLoginAt === null && user.createdBy) {
    const creator = await t
      .selectFrom('user_account')
      .select(['username', 'display_name'])
      .where('id', '=', user.createdBy)
      .executeTakeFirst();
    const creatorDevices = (await repo.devicesOfUser(t, user.createdBy)).map((d) => d.device_id);
    const sameBrowser =
      client.deviceId !== null &&
      (client.deviceId === user.createdDevice || creatorDevices.includes(client.deviceId));
    const sameAddress = user.createdIp !== null && client.ip === user.createdIp;
    if (sameBrowser || sameAddress) {
      const how = [sameBrowser ? '同一浏览器' : null, sameAddress ? `同一地址 ${client.ip}` : null]
        .filter(Boolean)
        .join('、');
      await raiseAlert(ctx, t, actor, {
        kind: 'first_sign_in_from_creator',
        message: `账号 ${user.username}（${user.displayName}）首次登录，来自开设它的${creator ? `${creator.display_name}（${creator.username}）` : '管理员'}的${how}。如不是本人在开设者处当面设置，请核实是否有人借此账号接触业务数据或个人信息。`,
        subjectUserId: user.id,
        actorUserId: user.createdBy,
        details: { ip: client.ip, sameBrowser, sameAddress },
      });
    }
  }

  if (business) {
    const admins = await repo.administratorsSeenAt(t, {
      roles: ADMINISTRATOR_ROLES,
      deviceId: client.deviceId,
      ip: client.ip,
      userAgent: client.userAgent,
      deviceSince: new Date(now.getTime() - ADMIN_DEVICE_DAYS * 86_400_000).toISOString(),
      addressSince: new Date(now.getTime() - ADMIN_ADDRESS_HOURS * 3_600_000).toISOString(),
      exceptUserId: user.id,
    });
    const seen = new Map(admins.map((a) => [a.user_id, a]));
    for (const admin of seen.values()) {
      await raiseAlert(ctx, t, actor, {
        kind: 'administrator_as_business',
        message: `${ROLE_LABELS[admin.role as Role]} ${admin.display_name}（${admin.username}）用过的浏览器（或同一地址、同一浏览器版本）登录了业务账号 ${user.username}（${user.displayName}）。三员不得从事业务工作；请核实是否为管理员本人借业务账号接触业务数据或个人信息。`,
        subjectUserId: user.id,
        actorUserId: admin.user_id,
        details: { ip: client.ip, sameBrowser: admin.device_id === client.deviceId },
      });
    }
  }

  if (client.deviceId) {
    await repo.recordSignInDevice(t, {
      device_id: client.deviceId,
      user_id: user.id,
      ip: client.ip.slice(0, 64),
      user_agent: client.userAgent.slice(0, 300),
      first_at: now.toISOString(),
      last_at: now.toISOString(),
    });
  }
}
