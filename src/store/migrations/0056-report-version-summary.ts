/**
 * One row per published report version with what the supervisor's console reads of it: the
 * three tables without the narrative, the stored findings, a government's sentence stating a
 * region total, and table 三's outcome groups summed (so a region's outcomes over the years
 * are one SQL sum). Written with the version, in the same transaction; a version never
 * changes, so neither does its row. Existing versions are summarised here.
 */
import { sql, type Kysely } from 'kysely';
import type { Finding } from '../../core/report/findings.js';
import type { AnnualReport } from '../../core/report/model.js';
import { SUMMARY_OUTCOME_GROUPS, versionSummary } from '../../core/supervision/version-summary.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  let table = db.schema
    .createTable('report_version_summary')
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull());
  // The sums first: SQLite reads a row's columns in order, and the JSON after them is large.
  for (const g of SUMMARY_OUTCOME_GROUPS) {
    table = table.addColumn(`outcome_${g}`, 'double precision', (c) => c.notNull().defaultTo(0));
  }
  await table
    .addColumn('region_statement', 'text')
    .addColumn('tables_json', 'text', (c) => c.notNull())
    .addColumn('findings_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_version_summary_pk', ['report_id', 'version'])
    .addForeignKeyConstraint(
      'report_version_summary_version_fk',
      ['report_id', 'version'],
      'annual_report_version',
      ['report_id', 'version'],
    )
    .execute();
  // A region's outcomes over the years read only the sums: from this index alone.
  await db.schema
    .createIndex('report_version_summary_outcomes_idx')
    .on('report_version_summary')
    .columns(['report_id', 'version', ...SUMMARY_OUTCOME_GROUPS.map((g) => `outcome_${g}`)])
    .execute();

  // Existing versions, a few hundred at a time (in key order).
  let after: { report_id: string; version: number } | null = null;
  for (;;) {
    const batch: {
      report_id: string;
      version: number;
      content_json: string;
      findings_json: string;
    }[] = (
      await sql<{
        report_id: string;
        version: number;
        content_json: string;
        findings_json: string;
      }>`select report_id, version, content_json, findings_json from annual_report_version
          ${after ? sql`where report_id > ${after.report_id} or (report_id = ${after.report_id} and version > ${after.version})` : sql``}
          order by report_id, version limit 200`.execute(db)
    ).rows;
    if (batch.length === 0) break;
    await db
      .insertInto('report_version_summary' as never)
      .values(
        batch.map((v) => {
          const s = versionSummary(
            JSON.parse(v.content_json) as AnnualReport,
            JSON.parse(v.findings_json) as Finding[],
          );
          return {
            report_id: v.report_id,
            version: Number(v.version),
            tables_json: s.tablesJson,
            findings_json: s.findingsJson,
            region_statement: s.regionStatement,
            ...Object.fromEntries(
              SUMMARY_OUTCOME_GROUPS.map((g) => [`outcome_${g}`, s.outcomes[g]]),
            ),
          };
        }) as never,
      )
      .execute();
    const last = batch[batch.length - 1]!;
    after = { report_id: last.report_id, version: Number(last.version) };
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_version_summary').ifExists().execute();
}
