/**
 * Migration 0035-review-chains moves the applications' own approvals, their decisions and the
 * review levels kept in the applications' settings into the one review-chain engine. On both
 * stores: the store is taken back to the migration before it, filled with rows of the old
 * shape, and migrated to the latest; every row arrives, in the new shape, and the engine reads
 * it (a pending approval still blocks, a chain an admin set is the agency's chain).
 */
import { Migrator, sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { chainFor, pendingRequest } from '../../src/services/review/engine.js';
import { describeEachStore } from '../support/stores.js';

const AT = '2026-05-06T02:00:00.000Z';

/** The rows an installation had before 0035, written as that schema had them. */
async function oldRows(db: Kysely<unknown>): Promise<void> {
  await sql`INSERT INTO region (code, name, parent_code, created_at)
    VALUES ('990100', '示范市', NULL, ${AT})`.execute(db);
  await sql`INSERT INTO government (id, region_code, name, created_at)
    VALUES ('g', '990100', '示范市人民政府', ${AT})`.execute(db);
  for (const [id, name] of [
    ['a1', '示范市科学技术局'],
    ['a2', '示范市教育局'],
  ]) {
    await sql`INSERT INTO agency (id, government_id, name, is_government, address, postcode,
        phone, email, office_hours, created_at, updated_at)
      VALUES (${id}, 'g', ${name}, 0, '', '', '', '', '', ${AT}, ${AT})`.execute(db);
  }
  for (const [id, seq] of [
    ['app1', 1],
    ['app2', 2],
  ] as const) {
    await sql`INSERT INTO application (id, agency_id, number, number_year, number_seq,
        query_code_hash, channel, received_on, applicant_type, applicant_kind, applicant_name,
        id_type, description, form_wanted, delivery_method, status, created_at, created_by,
        updated_at)
      VALUES (${id}, 'a1', ${`2026-000${seq}`}, 2026, ${seq}, 'h', 'online', '2026-05-06',
        'natural_person', 'natural_person', '张三', 'resident_id', '所需信息', 'paper', 'post',
        'in_progress', ${AT}, '王经办', ${AT})`.execute(db);
  }
  const approval = (
    id: string,
    applicationId: string,
    kind: string,
    levels: string[],
    status: string,
    decidedAt: string | null,
  ) => sql`INSERT INTO application_approval (id, application_id, agency_id, kind, payload_json,
      note, levels_json, status, requested_by, requested_by_name, requested_at, decided_at)
    VALUES (${id}, ${applicationId}, 'a1', ${kind}, ${JSON.stringify({ id, outcome: 'partially_disclosed' })},
      ${`说明 ${id}`}, ${JSON.stringify(levels)}, ${status}, 'u-wang', '王经办', ${AT},
      ${decidedAt})`;
  await approval('ap1', 'app1', 'reply', ['section_head', 'deputy'], 'approved', AT).execute(db);
  await approval('ap2', 'app2', 'extension', ['section_head'], 'rejected', AT).execute(db);
  await approval('ap3', 'app1', 'reply', ['section_head'], 'pending', null).execute(db);
  const decision = (
    approvalId: string,
    seq: number,
    level: string,
    verdict: string,
    comment: string | null,
  ) => sql`INSERT INTO application_approval_decision (approval_id, seq, level, decision,
      comment, by_user_id, by_name, at)
    VALUES (${approvalId}, ${seq}, ${level}, ${verdict}, ${comment}, 'u-li', '李审核', ${AT})`;
  await decision('ap1', 1, 'section_head', 'approve', null).execute(db);
  await decision('ap1', 2, 'deputy', 'approve', '同意').execute(db);
  await decision('ap2', 1, 'section_head', 'reject', '延期理由不充分').execute(db);
  // a1 set both chains; a2 kept replies without review (an empty chain is no chain).
  await sql`INSERT INTO agency_application_settings (agency_id, updated_at, updated_by,
      extension_levels_json, reply_levels_json)
    VALUES ('a1', ${AT}, '科技局管理员', '["section_head"]', '["section_head","deputy"]'),
      ('a2', ${AT}, '教育局管理员', '[]', '[]')`.execute(db);
}

describeEachStore(
  'migration 0035: the applications’ approvals move to the review chains',
  (getStore) => {
    it('copies every approval, decision and chain, in the new shape, and drops the old tables', async () => {
      const db = getStore().store.db as unknown as Kysely<unknown>;
      const migrator = new Migrator({ db, provider: migrationProvider });
      const down = await migrator.migrateTo('0031-reminders');
      expect(down.error).toBeUndefined();
      await oldRows(db);
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(up.results?.map((r) => r.migrationName)).toContain('0035-review-chains');

      const requests = (
        await sql<{
          id: string;
          agency_id: string;
          subject_kind: string;
          subject_id: string;
          payload_json: string;
          note: string | null;
          levels_json: string;
          status: string;
          requested_by_name: string;
          decided_at: string | null;
        }>`SELECT * FROM approval_request ORDER BY id`.execute(db)
      ).rows;
      expect(
        requests.map((r) => [r.id, r.agency_id, r.subject_kind, r.subject_id, r.status]),
      ).toEqual([
        ['ap1', 'a1', 'application.reply', 'app1', 'approved'],
        ['ap2', 'a1', 'application.extension', 'app2', 'returned'],
        ['ap3', 'a1', 'application.reply', 'app1', 'pending'],
      ]);
      expect(JSON.parse(requests[0]!.levels_json)).toEqual([
        { role: 'reviewer', reviewLevel: 'section_head' },
        { role: 'reviewer', reviewLevel: 'deputy' },
      ]);
      expect(JSON.parse(requests[0]!.payload_json)).toEqual({
        id: 'ap1',
        outcome: 'partially_disclosed',
      });
      expect(requests.map((r) => [r.note, r.requested_by_name, r.decided_at])).toEqual([
        ['说明 ap1', '王经办', AT],
        ['说明 ap2', '王经办', AT],
        ['说明 ap3', '王经办', null],
      ]);

      const steps = (
        await sql<{
          request_id: string;
          seq: number;
          level_index: number;
          decision: string;
          comment: string | null;
          by_name: string;
        }>`SELECT * FROM approval_step ORDER BY request_id, seq`.execute(db)
      ).rows;
      expect(
        steps.map((s) => [
          s.request_id,
          Number(s.seq),
          Number(s.level_index),
          s.decision,
          s.comment,
          s.by_name,
        ]),
      ).toEqual([
        ['ap1', 1, 0, 'approve', null, '李审核'],
        ['ap1', 2, 1, 'approve', '同意', '李审核'],
        ['ap2', 1, 0, 'return', '延期理由不充分', '李审核'],
      ]);

      const chains = (
        await sql<{
          agency_id: string;
          subject_kind: string;
          levels_json: string;
          updated_by: string;
        }>`SELECT * FROM review_chain ORDER BY agency_id, subject_kind`.execute(db)
      ).rows;
      expect(
        chains.map((c) => [c.agency_id, c.subject_kind, JSON.parse(c.levels_json), c.updated_by]),
      ).toEqual([
        [
          'a1',
          'application.extension',
          [{ role: 'reviewer', reviewLevel: 'section_head' }],
          '科技局管理员',
        ],
        [
          'a1',
          'application.reply',
          [
            { role: 'reviewer', reviewLevel: 'section_head' },
            { role: 'reviewer', reviewLevel: 'deputy' },
          ],
          '科技局管理员',
        ],
        [
          'a1',
          'application.reply_withholding',
          [
            { role: 'reviewer', reviewLevel: 'section_head' },
            { role: 'reviewer', reviewLevel: 'deputy' },
          ],
          '科技局管理员',
        ],
        ['a2', 'application.extension', [], '教育局管理员'],
      ]);

      // The engine reads what was moved: the pending reply still waits, a1's chains are its own.
      const store = getStore().store.db;
      expect((await pendingRequest(store, 'application.reply', 'app1'))?.id).toBe('ap3');
      expect(await pendingRequest(store, 'application.extension', 'app2')).toBeUndefined();
      expect(await chainFor(store, 'a1', 'application.reply_withholding')).toEqual([
        { role: 'reviewer', reviewLevel: 'section_head' },
        { role: 'reviewer', reviewLevel: 'deputy' },
      ]);
      expect(await chainFor(store, 'a2', 'application.extension')).toEqual([]);

      // The old tables and the settings' level columns are gone.
      for (const table of ['application_approval', 'application_approval_decision']) {
        await expect(sql`SELECT 1 FROM ${sql.table(table)}`.execute(db)).rejects.toThrow();
      }
      await expect(
        sql`SELECT reply_levels_json FROM agency_application_settings`.execute(db),
      ).rejects.toThrow();
    });
  },
);
