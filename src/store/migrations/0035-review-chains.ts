/**
 * One review-chain engine for everything an agency approves before it takes effect (replies,
 * extensions, the annual report, later proactive items): a chain per agency and subject kind,
 * approval requests and their steps. The applications' own approval tables and the review
 * levels kept in their settings are moved here, and dropped.
 */
import { sql, type Kysely } from 'kysely';

interface OldApproval {
  id: string;
  application_id: string;
  agency_id: string;
  kind: string;
  payload_json: string;
  note: string | null;
  levels_json: string;
  status: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: string;
  decided_at: string | null;
}

interface OldDecision {
  approval_id: string;
  seq: number;
  level: string;
  decision: string;
  comment: string | null;
  by_user_id: string;
  by_name: string;
  at: string;
}

interface OldSettings {
  agency_id: string;
  extension_levels_json: string;
  reply_levels_json: string;
  updated_at: string;
  updated_by: string;
}

const toLevels = (json: string) =>
  JSON.stringify(
    (JSON.parse(json) as string[]).map((reviewLevel) => ({ role: 'reviewer', reviewLevel })),
  );

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_chain')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    // e.g. application.reply, application.extension, report.publish, proactive_item.publish.
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    // [{ "role": "reviewer", "reviewLevel": "section_head" }, …], lowest first; [] = none.
    .addColumn('levels_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_chain_pk', ['agency_id', 'subject_kind'])
    .execute();

  await db.schema
    .createTable('approval_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    // The thing approved: an application's id, a report's id, …
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // The chain's levels as they stood when submitted.
    .addColumn('levels_json', 'text', (c) => c.notNull())
    // pending, approved, returned, withdrawn.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('approval_request_agency_idx')
    .on('approval_request')
    .columns(['agency_id', 'status'])
    .execute();
  await db.schema
    .createIndex('approval_request_subject_idx')
    .on('approval_request')
    .columns(['subject_kind', 'subject_id'])
    .execute();

  await db.schema
    .createTable('approval_step')
    .addColumn('request_id', 'text', (c) => c.notNull().references('approval_request.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    // Index of the chain level decided (0 = first).
    .addColumn('level_index', 'integer', (c) => c.notNull())
    // approve or return.
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('by_user_id', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('approval_step_pk', ['request_id', 'seq'])
    .execute();

  // Move the applications' approvals and their decisions.
  const approvals = (await sql<OldApproval>`SELECT * FROM application_approval`.execute(db)).rows;
  for (const a of approvals) {
    await sql`INSERT INTO approval_request (id, agency_id, subject_kind, subject_id, payload_json,
        note, levels_json, status, requested_by, requested_by_name, requested_at, decided_at)
      VALUES (${a.id}, ${a.agency_id}, ${`application.${a.kind}`}, ${a.application_id},
        ${a.payload_json}, ${a.note}, ${toLevels(a.levels_json)},
        ${a.status === 'rejected' ? 'returned' : a.status}, ${a.requested_by},
        ${a.requested_by_name}, ${a.requested_at}, ${a.decided_at})`.execute(db);
  }
  const decisions = (
    await sql<OldDecision>`SELECT * FROM application_approval_decision ORDER BY approval_id, seq`.execute(
      db,
    )
  ).rows;
  for (const d of decisions) {
    await sql`INSERT INTO approval_step (request_id, seq, level_index, decision, comment,
        by_user_id, by_name, at)
      VALUES (${d.approval_id}, ${d.seq}, ${Number(d.seq) - 1},
        ${d.decision === 'reject' ? 'return' : 'approve'}, ${d.comment}, ${d.by_user_id},
        ${d.by_name}, ${d.at})`.execute(db);
  }
  // The chains an agency admin set in the applications' settings.
  const settings = (
    await sql<OldSettings>`SELECT agency_id, extension_levels_json, reply_levels_json, updated_at,
      updated_by FROM agency_application_settings`.execute(db)
  ).rows;
  for (const s of settings) {
    const chains: [string, string][] = [['application.extension', s.extension_levels_json]];
    // Replies had one chain; one that was set applies to replies that withhold anything too.
    if ((JSON.parse(s.reply_levels_json) as string[]).length > 0) {
      chains.push(['application.reply', s.reply_levels_json]);
      chains.push(['application.reply_withholding', s.reply_levels_json]);
    }
    for (const [kind, levels] of chains) {
      await sql`INSERT INTO review_chain (agency_id, subject_kind, levels_json, updated_at,
          updated_by)
        VALUES (${s.agency_id}, ${kind}, ${toLevels(levels)}, ${s.updated_at},
          ${s.updated_by})`.execute(db);
    }
  }

  await db.schema.dropTable('application_approval_decision').execute();
  await db.schema.dropTable('application_approval').execute();
  await db.schema
    .alterTable('agency_application_settings')
    .dropColumn('reply_levels_json')
    .execute();
  await db.schema
    .alterTable('agency_application_settings')
    .dropColumn('extension_levels_json')
    .execute();
}

/** Restores the old tables' shape (empty) so that earlier migrations can be undone. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('agency_application_settings')
    .addColumn('extension_levels_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('agency_application_settings')
    .addColumn('reply_levels_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createTable('application_approval')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('levels_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createTable('application_approval_decision')
    .addColumn('approval_id', 'text', (c) => c.notNull().references('application_approval.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('by_user_id', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_approval_decision_pk', ['approval_id', 'seq'])
    .execute();
  await db.schema.dropTable('approval_step').ifExists().execute();
  await db.schema.dropTable('approval_request').ifExists().execute();
  await db.schema.dropTable('review_chain').ifExists().execute();
}
