/**
 * Applications (依申请公开): the application, its append-only list of events (the due date is
 * derived from them, never stored), approvals along the agency's review chain, fees, appeals,
 * letters, in-app notifications, and the per-agency settings: holiday schedules of years not
 * shipped, the review chain, the review body and court named in reply letters.
 *
 * Self-contained and portable as 0001: text ids, ISO timestamps, YYYY-MM-DD dates, integer flags.
 * Personal data (ID numbers, phone, address, e-mail) is stored sealed (AES-GCM by the service)
 * beside a masked form for display.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('application')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    // Shown to the applicant and on letters: YYYY-NNNNN, numbered per agency and year.
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('number_year', 'integer', (c) => c.notNull())
    .addColumn('number_seq', 'integer', (c) => c.notNull())
    // HMAC of the query code under the server's secret; the code itself is never stored.
    .addColumn('query_code_hash', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('applicant_type', 'text', (c) => c.notNull())
    // The table 三 column: natural_person, commercial, research, nonprofit, legal_service, other.
    .addColumn('applicant_kind', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    // HMAC of the normalised ID number: the same applicant across applications (按件 fees).
    .addColumn('applicant_key', 'text')
    .addColumn('id_type', 'text', (c) => c.notNull())
    .addColumn('id_number_sealed', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('legal_representative', 'text')
    .addColumn('phone_sealed', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('address_sealed', 'text')
    .addColumn('email_sealed', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('form_wanted', 'text', (c) => c.notNull())
    .addColumn('delivery_method', 'text', (c) => c.notNull())
    // 一事一申请: how many items this application counts as for 按件 fees.
    .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('assigned_user_id', 'text', (c) => c.references('user_account.id'))
    // Projections of the event list, kept in the same transaction as each event, for lists
    // and statistics: the phase, the table 三 outcome and the day it was reached.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_on', 'text')
    .addColumn('legal_basis', 'text')
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    // SHA-256 of the client's idempotency key, and of what was submitted with it.
    .addColumn('idempotency_key', 'text')
    .addColumn('submission_sha256', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('application_agency_number', ['agency_id', 'number'])
    .addUniqueConstraint('application_agency_idempotency', ['agency_id', 'idempotency_key'])
    .execute();
  // Table 三 of one agency-year reads exactly these columns.
  await db.schema
    .createIndex('application_statistics_idx')
    .on('application')
    .columns(['agency_id', 'received_on', 'outcome_on', 'applicant_kind', 'outcome'])
    .execute();
  await db.schema
    .createIndex('application_received_idx')
    .on('application')
    .columns(['received_on', 'outcome_on'])
    .execute();
  await db.schema
    .createIndex('application_status_idx')
    .on('application')
    .columns(['agency_id', 'status'])
    .execute();
  await db.schema
    .createIndex('application_number_idx')
    .on('application')
    .column('number')
    .execute();
  await db.schema
    .createIndex('application_applicant_idx')
    .on('application')
    .columns(['agency_id', 'applicant_key', 'received_on'])
    .execute();

  await db.schema
    .createTable('application_event')
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    // The event as the core reads it (without type and date).
    .addColumn('payload_json', 'text', (c) => c.notNull())
    // What people wrote with it: what to correct, the reason for an extension, …
    .addColumn('note', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_event_pk', ['application_id', 'seq'])
    .execute();

  // The event list is the record of the case: append-only at the database level too.
  if (postgres) {
    await sql`
      CREATE FUNCTION application_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'application_event is append-only';
      END;
      $$`.execute(db);
    await sql`
      CREATE TRIGGER application_event_no_update BEFORE UPDATE OR DELETE ON application_event
      FOR EACH ROW EXECUTE FUNCTION application_event_append_only()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER application_event_no_update BEFORE UPDATE ON application_event
      BEGIN SELECT RAISE(ABORT, 'application_event is append-only'); END`.execute(db);
    await sql`
      CREATE TRIGGER application_event_no_delete BEFORE DELETE ON application_event
      BEGIN SELECT RAISE(ABORT, 'application_event is append-only'); END`.execute(db);
  }

  await db.schema
    .createTable('application_approval')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    // 'extension' or 'reply'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // The review levels that must approve, in order, as the chain stood when requested.
    .addColumn('levels_json', 'text', (c) => c.notNull())
    // pending, approved, rejected, withdrawn.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('application_approval_agency_idx')
    .on('application_approval')
    .columns(['agency_id', 'status'])
    .execute();
  await db.schema
    .createIndex('application_approval_application_idx')
    .on('application_approval')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('application_approval_decision')
    .addColumn('approval_id', 'text', (c) => c.notNull().references('application_approval.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    // approve or reject.
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('by_user_id', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_approval_decision_pk', ['approval_id', 'seq'])
    .execute();

  await db.schema
    .createTable('application_fee')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    // items (按件) or pages (按量).
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('prior_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('bands_json', 'text', (c) => c.notNull())
    // notified, paid, lapsed, waived.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notice_on', 'text')
    .addColumn('delivered_on', 'text')
    .addColumn('pay_by', 'text')
    .addColumn('paid_on', 'text')
    .addColumn('lapsed_on', 'text')
    .addColumn('waived_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_fee_application_idx')
    .on('application_fee')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('application_appeal')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    // review (行政复议) or lawsuit (行政诉讼).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('after_review', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('filed_on', 'text', (c) => c.notNull())
    // The review body or the court.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text')
    // upheld, corrected, other, pending.
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_appeal_agency_idx')
    .on('application_appeal')
    .columns(['agency_id', 'filed_on'])
    .execute();

  await db.schema
    .createTable('application_letter')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    // reply, correction, extension, fee.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_seq', 'integer')
    // The letter as issued, frozen: later changes of the agency profile do not rewrite it.
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_letter_application_idx')
    .on('application_letter')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('application_letter_document')
    .addColumn('letter_id', 'text', (c) => c.notNull().references('application_letter.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blob.sha256'))
    .addPrimaryKeyConstraint('application_letter_document_pk', ['letter_id', 'format'])
    .execute();

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) =>
      c.notNull().references('user_account.id').onDelete('cascade'),
    )
    .addColumn('agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('application_id', 'text', (c) => c.references('application.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    // The same reminder (e.g. "due on 2026-03-20") is sent once.
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notification_user_dedupe', ['user_id', 'dedupe_key'])
    .execute();
  await db.schema
    .createIndex('notification_user_idx')
    .on('notification')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('agency_calendar_year')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('schedule_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agency_calendar_year_pk', ['agency_id', 'year'])
    .execute();

  await db.schema
    .createTable('agency_application_settings')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agency.id'))
    // 复议机关 and 人民法院 named in the remedy notice of letters; empty = generic wording.
    .addColumn('review_body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('court', 'text', (c) => c.notNull().defaultTo(''))
    // next_day or same_day; excluded or counted (see the core's ClockSettings).
    .addColumn('count_from', 'text', (c) => c.notNull().defaultTo('next_day'))
    .addColumn('fee_wait', 'text', (c) => c.notNull().defaultTo('excluded'))
    // Review levels that must approve, in order, e.g. ["section_head","deputy"].
    .addColumn('extension_levels_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reply_levels_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`DROP TRIGGER IF EXISTS application_event_no_update ON application_event`.execute(db);
    await sql`DROP FUNCTION IF EXISTS application_event_append_only()`.execute(db);
  }
  for (const table of [
    'agency_application_settings',
    'agency_calendar_year',
    'notification',
    'application_letter_document',
    'application_letter',
    'application_appeal',
    'application_fee',
    'application_approval_decision',
    'application_approval',
    'application_event',
    'application',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
