import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../database.js';
import type { NotificationTable } from '../schema.js';
import type {
  AgencyApplicationSettingsTable,
  CalendarYearTable,
  ApplicationAppealTable,
  ApplicationEventTable,
  ApplicationFeeTable,
  ApplicationLetterTable,
  ApplicationTable,
} from '../schema-applications.js';

export type ApplicationRow = Selectable<ApplicationTable>;
export type ApplicationEventRow = Selectable<ApplicationEventTable>;
export type FeeRow = Selectable<ApplicationFeeTable>;
export type AppealRow = Selectable<ApplicationAppealTable>;
export type LetterRow = Selectable<ApplicationLetterTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type SettingsRow = Selectable<AgencyApplicationSettingsTable>;

// --- applications ------------------------------------------------------------------------------

export const insertApplication = (db: Db, row: Insertable<ApplicationTable>) =>
  db.insertInto('application').values(row).execute();

export const findApplication = (db: Db, id: string) =>
  db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirst();

export const findApplicationOfAgency = (db: Db, agencyId: string, id: string) =>
  db
    .selectFrom('application')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();

export const findByIdempotencyKey = (db: Db, agencyId: string, keyHash: string) =>
  db
    .selectFrom('application')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('idempotency_key', '=', keyHash)
    .executeTakeFirst();

/** Applications with this number (unique within an agency; a few across agencies at most). */
export const findByNumber = (db: Db, number: string) =>
  db.selectFrom('application').selectAll().where('number', '=', number).execute();

export const lastNumberSeq = async (db: Db, agencyId: string, year: number): Promise<number> => {
  const row = await db
    .selectFrom('application')
    .select((eb) => eb.fn.max('number_seq').as('seq'))
    .where('agency_id', '=', agencyId)
    .where('number_year', '=', year)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
};

export const updateApplication = (db: Db, id: string, patch: Updateable<ApplicationTable>) =>
  db.updateTable('application').set(patch).where('id', '=', id).execute();

export interface ApplicationFilter {
  status?: readonly string[];
  assignedUserId?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** Substring of the number, the applicant's name or the description. */
  text?: string;
  outcome?: string;
}

export const listApplications = (
  db: Db,
  agencyId: string,
  filter: ApplicationFilter = {},
  limit = 500,
) => {
  let q = db.selectFrom('application').selectAll().where('agency_id', '=', agencyId);
  if (filter.status && filter.status.length > 0) q = q.where('status', 'in', filter.status);
  if (filter.assignedUserId) q = q.where('assigned_user_id', '=', filter.assignedUserId);
  if (filter.receivedFrom) q = q.where('received_on', '>=', filter.receivedFrom);
  if (filter.receivedTo) q = q.where('received_on', '<=', filter.receivedTo);
  if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
  if (filter.text) {
    const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('number', 'like', sql<string>`${like} escape '\\'`),
        eb('applicant_name', 'like', sql<string>`${like} escape '\\'`),
        eb('description', 'like', sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  return q.orderBy('received_on', 'desc').orderBy('number', 'desc').limit(limit).execute();
};

/** The applications of an agency in the order of the register (by number). */
export const listRegister = (db: Db, agencyId: string, from: string, to: string) =>
  db
    .selectFrom('application')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .orderBy('number_year')
    .orderBy('number_seq')
    .execute();

/** Items an applicant had in an agency within a date range (按件 fees count per month). */
export const itemsOfApplicant = async (
  db: Db,
  agencyId: string,
  applicantKey: string,
  from: string,
  to: string,
  excludeId: string,
): Promise<number> => {
  const row = await db
    .selectFrom('application')
    .select((eb) => eb.fn.sum<number | string | null>('item_count').as('n'))
    .where('agency_id', '=', agencyId)
    .where('applicant_key', '=', applicantKey)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .where('id', '!=', excludeId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};

/**
 * What table 三 of `year` reads of each application that counts in it: received by the end of
 * the year and not finished before it began.
 */
const statisticsRows = (db: Db, year: number) =>
  db
    .selectFrom('application')
    .select(['id', 'agency_id', 'applicant_kind', 'received_on', 'outcome', 'outcome_on'])
    .where('received_on', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('outcome_on', 'is', null), eb('outcome_on', '>=', `${year}-01-01`)]));

export type StatisticsRow = Pick<
  ApplicationRow,
  'id' | 'agency_id' | 'applicant_kind' | 'received_on' | 'outcome' | 'outcome_on'
>;

export const statisticsRowsOfAgency = (db: Db, agencyId: string, year: number) =>
  statisticsRows(db, year).where('agency_id', '=', agencyId).execute();

export const statisticsRowsOfYear = (db: Db, year: number) => statisticsRows(db, year).execute();

export const countApplicationsOfAgency = async (db: Db, agencyId: string): Promise<number> => {
  const row = await db
    .selectFrom('application')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('agency_id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

export const listApplicationsByIds = (db: Db, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('application')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('number_year')
        .orderBy('number_seq')
        .execute();

/** Open applications of an agency (whose clock may run), with their events. */
export const listOpenApplications = (db: Db, agencyId: string) =>
  db
    .selectFrom('application')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('status', 'not in', ['closed', 'new'])
    .execute();

// --- events ------------------------------------------------------------------------------------

export const insertEvent = (db: Db, row: Insertable<ApplicationEventTable>) =>
  db.insertInto('application_event').values(row).execute();

export const listEvents = (db: Db, applicationId: string) =>
  db
    .selectFrom('application_event')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('seq')
    .execute();

export const listEventsOf = (db: Db, applicationIds: readonly string[]) =>
  applicationIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('application_event')
        .selectAll()
        .where('application_id', 'in', applicationIds)
        .orderBy('application_id')
        .orderBy('seq')
        .execute();

// --- approvals ---------------------------------------------------------------------------------

// --- fees --------------------------------------------------------------------------------------

export const insertFee = (db: Db, row: Insertable<ApplicationFeeTable>) =>
  db.insertInto('application_fee').values(row).execute();

export const updateFee = (db: Db, id: string, patch: Updateable<ApplicationFeeTable>) =>
  db.updateTable('application_fee').set(patch).where('id', '=', id).execute();

export const listFees = (db: Db, applicationId: string) =>
  db
    .selectFrom('application_fee')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();

// --- appeals -----------------------------------------------------------------------------------

export const insertAppeal = (db: Db, row: Insertable<ApplicationAppealTable>) =>
  db.insertInto('application_appeal').values(row).execute();

export const updateAppeal = (db: Db, id: string, patch: Updateable<ApplicationAppealTable>) =>
  db.updateTable('application_appeal').set(patch).where('id', '=', id).execute();

export const findAppealOfAgency = (db: Db, agencyId: string, id: string) =>
  db
    .selectFrom('application_appeal')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();

export const listAppealsOfAgency = (db: Db, agencyId: string) =>
  db
    .selectFrom('application_appeal')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('filed_on', 'desc')
    .execute();

export const listAppealsOfApplication = (db: Db, applicationId: string) =>
  db
    .selectFrom('application_appeal')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('filed_on')
    .execute();

/** Appeals filed in `year` (table 四 of that year). */
export const appealsFiledIn = (db: Db, agencyId: string, year: number) =>
  db
    .selectFrom('application_appeal')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('filed_on', '>=', `${year}-01-01`)
    .where('filed_on', '<=', `${year}-12-31`)
    .execute();

export const countAppealsOfAgency = async (db: Db, agencyId: string): Promise<number> => {
  const row = await db
    .selectFrom('application_appeal')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('agency_id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

// --- letters -----------------------------------------------------------------------------------

export const insertLetter = (db: Db, row: Insertable<ApplicationLetterTable>) =>
  db.insertInto('application_letter').values(row).execute();

export const listLetters = (db: Db, applicationId: string) =>
  db
    .selectFrom('application_letter')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();

export const findLetter = (db: Db, applicationId: string, letterId: string) =>
  db
    .selectFrom('application_letter')
    .selectAll()
    .where('id', '=', letterId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst();

export const findLetterDocument = (db: Db, letterId: string, format: string) =>
  db
    .selectFrom('application_letter_document')
    .innerJoin('blob', 'blob.sha256', 'application_letter_document.blob_sha256')
    .select(['blob.bytes', 'blob.media_type'])
    .where('application_letter_document.letter_id', '=', letterId)
    .where('application_letter_document.format', '=', format)
    .executeTakeFirst();

export const insertLetterDocument = (
  db: Db,
  row: { letter_id: string; format: string; blob_sha256: string },
) =>
  db
    .insertInto('application_letter_document')
    .values(row)
    .onConflict((oc) => oc.columns(['letter_id', 'format']).doNothing())
    .execute();

// --- notifications -----------------------------------------------------------------------------

/** Inserts a notification unless the user already has one with the same dedupe key. */
export const insertNotification = (db: Db, row: Insertable<NotificationTable>) =>
  db
    .insertInto('notification')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .execute();

export const listNotifications = (db: Db, userId: string, limit = 100) =>
  db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();

export const countUnread = async (db: Db, userId: string): Promise<number> => {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

export const markNotificationsRead = (
  db: Db,
  userId: string,
  ids: readonly string[],
  at: string,
) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .updateTable('notification')
        .set({ read_at: at })
        .where('user_id', '=', userId)
        .where('id', 'in', ids)
        .where('read_at', 'is', null)
        .execute();

// --- agency settings and calendar years --------------------------------------------------------

export const findSettings = (db: Db, agencyId: string) =>
  db
    .selectFrom('agency_application_settings')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();

export const upsertSettings = (db: Db, row: Insertable<AgencyApplicationSettingsTable>) =>
  db
    .insertInto('agency_application_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('agency_id').doUpdateSet({
        review_body: row.review_body,
        court: row.court,
        count_from: row.count_from,
        fee_wait: row.fee_wait,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();

/** The holiday schedules entered by a system admin (national, for every agency). */
export const listCalendarYears = (db: Db) =>
  db.selectFrom('calendar_year').selectAll().orderBy('year').execute();

export const insertCalendarYear = (db: Db, row: Insertable<CalendarYearTable>) =>
  db.insertInto('calendar_year').values(row).execute();

export const deleteCalendarYear = (db: Db, year: number) =>
  db.deleteFrom('calendar_year').where('year', '=', year).execute();

/** Users of the agency holding `role` (clerks to notify of a new case, reviewers of a level). */
export const usersWithRole = (db: Db, agencyId: string, role: string) =>
  db
    .selectFrom('role_grant')
    .innerJoin('user_account', 'user_account.id', 'role_grant.user_id')
    .select(['user_account.id as user_id', 'user_account.display_name', 'role_grant.review_level'])
    .where('role_grant.agency_id', '=', agencyId)
    .where('role_grant.role', '=', role)
    .where('user_account.disabled', '=', 0)
    .execute();

/** Display names of the given users (the clerks cases are assigned to). */
export const userNames = async (db: Db, ids: readonly string[]): Promise<Map<string, string>> => {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('user_account')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
};

/** The audit records of who registered a case and every change of its assignee, oldest first. */
export const listAssignmentRecords = (db: Db, applicationId: string) =>
  db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor', 'action', 'before_json', 'after_json'])
    .where('entity_type', '=', 'application')
    .where('entity_id', '=', applicationId)
    .where('action', 'in', ['application.register', 'application.assign'])
    .orderBy('seq')
    .execute();
