/** Assigning a case to a clerk, revealing the applicant's identity to that clerk, and the handler list. */
import { forbidden, notFound } from '../../core/errors.js';
import type { FeeMethod, ProcessingFee } from '../../core/fees/processing-fee.js';
import * as repo from '../../store/repositories/applications.js';
import { recordChange } from '../audit.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { secretBoxOf } from '../secrets.js';
import { raiseAlert } from '../security-alerts.js';
import { notify } from './notifications.js';
import { type ApplicationDetail, userNames } from './case-views.js';
import { getApplication, mayAssign } from './case-detail.js';
import { checkAssignee } from './case-registration.js';
import { quoteFee } from './case-fees.js';

// --- assignment and identity -------------------------------------------------------------------

export async function assignApplication(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  applicationId: string,
  userId: string | null,
): Promise<ApplicationDetail> {
  if (userId) await checkAssignee(ctx.store.db, agencyId, userId);
  await ctx.store.transaction(async (t) => {
    await ctx.store.lock(t, `application:${applicationId}`);
    const row = await repo.findApplicationOfAgency(t, agencyId, applicationId);
    if (!row) throw notFound('申请');
    const refusal = mayAssign(actor, row);
    if (refusal === 'assigned') {
      const current = (await userNames(t, [row.assigned_user_id])).get(row.assigned_user_id!);
      throw forbidden(
        `本申请由${current ?? '其他经办人'}经办：只有当前经办人或机关管理员可以改派。如需接手，请联系${current ?? '当前经办人'}或机关管理员。`,
      );
    }
    if (refusal) throw forbidden(refusal);
    if (row.assigned_user_id === userId) return;
    const now = ctx.clock.now();
    await repo.updateApplication(t, applicationId, {
      assigned_user_id: userId,
      updated_at: now.toISOString(),
    });
    await recordChange(ctx, t, actor, now, {
      action: 'application.assign',
      entityType: 'application',
      entityId: applicationId,
      agencyId,
      before: { assignedUserId: row.assigned_user_id },
      after: { assignedUserId: userId },
    });
    if (userId) {
      // 三员分立: whoever holds a case may reveal its applicant's identity, so every hand-over
      // is put before the audit administrator.
      const names = await userNames(t, [userId, row.assigned_user_id]);
      const from = row.assigned_user_id ? names.get(row.assigned_user_id) : null;
      await raiseAlert(ctx, t, actor, {
        kind: 'case_reassigned',
        message: `${actorLabel(actor)}把申请 ${row.number} ${from ? `从${from}改派给` : '分派给'}${names.get(userId) ?? userId}：该经办人因此可以查看申请人的身份证件号码和联系方式。`,
        subjectUserId: userId,
        actorUserId: actor.principal.userId,
        agencyId,
        details: { applicationId, from: row.assigned_user_id, to: userId },
      });
    }
    if (userId && userId !== actor.principal.userId) {
      await notify(t, [userId], now, {
        agencyId,
        applicationId,
        kind: 'assigned',
        message: `申请 ${row.number}（${row.applicant_name}）已分派给您办理。`,
      });
    }
    const previous = row.assigned_user_id;
    if (previous && previous !== actor.principal.userId) {
      const to = userId ? (await userNames(t, [userId])).get(userId) : null;
      await notify(t, [previous], now, {
        agencyId,
        applicationId,
        kind: 'unassigned',
        message: `申请 ${row.number}（${row.applicant_name}）已由${actorLabel(actor)}改派${to ? `给${to}` : '（暂未分派）'}，您不再是本案经办人。`,
      });
    }
  });
  return getApplication(ctx, actor, agencyId, applicationId);
}

export interface RevealedIdentity {
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
}

/**
 * The identity and contact in clear, for the clerk assigned to the case only; decrypted here
 * and nowhere else, and every reveal is recorded in the audit trail.
 */
export async function revealIdentity(
  ctx: ServiceContext,
  actor: Extract<Actor, { kind: 'user' }>,
  agencyId: string,
  applicationId: string,
): Promise<RevealedIdentity> {
  return ctx.store.transaction(async (t) => {
    const row = await repo.findApplicationOfAgency(t, agencyId, applicationId);
    if (!row) throw notFound('申请');
    if (row.assigned_user_id !== actor.principal.userId) {
      throw forbidden(
        '身份证件号码和联系方式只对本案的经办人完整显示。如需查看，请先把本申请分派给您。',
      );
    }
    const box = secretBoxOf(ctx);
    const open = (sealed: string | null) => (sealed ? box.decrypt(sealed) : null);
    const now = ctx.clock.now();
    await recordChange(ctx, t, actor, now, {
      action: 'application.reveal_identity',
      entityType: 'application',
      entityId: applicationId,
      agencyId,
      after: { fields: ['idNumber', 'phone', 'address', 'email'], number: row.number },
    });
    return {
      idNumber: open(row.id_number_sealed),
      phone: open(row.phone_sealed),
      address: open(row.address_sealed),
      email: open(row.email_sealed),
    };
  });
}

/** The fee an application would carry, for the clerk to see before issuing the notice. */
export async function feeQuote(
  ctx: ServiceContext,
  agencyId: string,
  applicationId: string,
  method: FeeMethod,
  quantity: number,
): Promise<{ fee: ProcessingFee; priorItems: number }> {
  const row = await repo.findApplicationOfAgency(ctx.store.db, agencyId, applicationId);
  if (!row) throw notFound('申请');
  return quoteFee(ctx.store.db, row, method, quantity);
}

/** The clerks of the agency, to assign a case to. */
export async function listHandlers(
  ctx: ServiceContext,
  agencyId: string,
): Promise<{ id: string; displayName: string }[]> {
  return (await repo.usersWithRole(ctx.store.db, agencyId, 'clerk')).map((u) => ({
    id: u.user_id,
    displayName: u.display_name,
  }));
}
