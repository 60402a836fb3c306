/** The holiday notices' records: due dates changed on open cases when a notice is entered. */
import type { Insertable } from 'kysely';
import type { Db } from '../database.js';
import type { ApplicationDueChangeTable } from '../schema-applications.js';

export const insertDueChange = (db: Db, row: Insertable<ApplicationDueChangeTable>) =>
  db.insertInto('application_due_change').values(row).execute();

export const listDueChanges = (db: Db, applicationId: string) =>
  db
    .selectFrom('application_due_change')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();

/** Every open application of every agency: the holiday schedule is national. */
export const listOpenApplicationsEverywhere = (db: Db) =>
  db
    .selectFrom('application')
    .selectAll()
    .where('status', 'not in', ['closed', 'new'])
    .orderBy('agency_id')
    .orderBy('id')
    .execute();

export const setNoticeText = (db: Db, year: number, text: string | null) =>
  db.updateTable('calendar_year').set({ notice_text: text }).where('year', '=', year).execute();
