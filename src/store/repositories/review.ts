import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../database.js';
import type {
  ApprovalRequestTable,
  ApprovalStepTable,
  ReviewChainTable,
} from '../schema-applications.js';

export type ApprovalRequestRow = Selectable<ApprovalRequestTable>;
export type ApprovalStepRow = Selectable<ApprovalStepTable>;
export type ReviewChainRow = Selectable<ReviewChainTable>;

// --- chains ------------------------------------------------------------------------------------

export const listChains = (db: Db, agencyId: string) =>
  db.selectFrom('review_chain').selectAll().where('agency_id', '=', agencyId).execute();

export const findChain = (db: Db, agencyId: string, kind: string) =>
  db
    .selectFrom('review_chain')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('subject_kind', '=', kind)
    .executeTakeFirst();

export async function upsertChain(db: Db, row: Insertable<ReviewChainTable>): Promise<void> {
  await db
    .insertInto('review_chain')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['agency_id', 'subject_kind']).doUpdateSet({
        levels_json: row.levels_json,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

// --- requests ----------------------------------------------------------------------------------

export const insertRequest = (db: Db, row: Insertable<ApprovalRequestTable>) =>
  db.insertInto('approval_request').values(row).execute();

export const findRequest = (db: Db, id: string) =>
  db.selectFrom('approval_request').selectAll().where('id', '=', id).executeTakeFirst();

export const updateRequest = (db: Db, id: string, patch: Updateable<ApprovalRequestTable>) =>
  db.updateTable('approval_request').set(patch).where('id', '=', id).execute();

export const listRequestsOfSubject = (db: Db, kinds: readonly string[], subjectId: string) =>
  kinds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('approval_request')
        .selectAll()
        .where('subject_kind', 'in', kinds)
        .where('subject_id', '=', subjectId)
        .orderBy('requested_at')
        .orderBy('id')
        .execute();

export const listRequestsOfAgency = (db: Db, agencyId: string, status: string | null) => {
  let q = db.selectFrom('approval_request').selectAll().where('agency_id', '=', agencyId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('requested_at').orderBy('id').execute();
};

// --- steps -------------------------------------------------------------------------------------

export const insertStep = (db: Db, row: Insertable<ApprovalStepTable>) =>
  db.insertInto('approval_step').values(row).execute();

export const listSteps = (db: Db, requestIds: readonly string[]) =>
  requestIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('approval_step')
        .selectAll()
        .where('request_id', 'in', requestIds)
        .orderBy('request_id')
        .orderBy('seq')
        .execute();

/** Active holders of a role in an agency, with their review level (the chain's candidates). */
export const holdersOfRole = (db: Db, agencyId: string, role: string) =>
  db
    .selectFrom('role_grant')
    .innerJoin('user_account', 'user_account.id', 'role_grant.user_id')
    .select(['user_account.id as user_id', 'role_grant.review_level'])
    .where('role_grant.agency_id', '=', agencyId)
    .where('role_grant.role', '=', role)
    .where('user_account.disabled', '=', 0)
    .execute();
