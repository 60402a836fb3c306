import { describeAuditEntry } from '../core/audit/describe.js';
import type { Db } from '../store/database.js';
import type { AuditRow } from '../store/repositories/audit-log.js';

/** An audit record as people read it: the sentence, the address, and the record as stored. */
export interface DescribedAuditEntry {
  seq: number;
  at: string;
  actor: string;
  /** 安全审计 in words: what happened, to what, by whom. */
  description: string;
  /** The client's address (records from before 0045 may carry it in `after.ip` only). */
  clientIp: string | null;
  action: string;
  entityType: string;
  entityId: string;
  entityName: string | null;
  agencyId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

const parse = (json: string | null): unknown => (json ? (JSON.parse(json) as unknown) : null);

/**
 * The names of the records a page of the trail is about, looked up in a few queries (one per
 * kind): accounts, agencies, regions, applications (by number), annual reports (agency + year).
 */
async function entityNames(db: Db, rows: readonly AuditRow[]): Promise<Map<string, string>> {
  const ids = (...types: string[]) => [
    ...new Set(rows.filter((r) => types.includes(r.entity_type)).map((r) => r.entity_id)),
  ];
  const names = new Map<string, string>();
  const users = ids('user', 'user_account');
  if (users.length > 0) {
    for (const u of await db
      .selectFrom('user_account')
      .select(['id', 'username', 'display_name'])
      .where('id', 'in', users)
      .execute()) {
      names.set(u.id, `${u.display_name}（${u.username}）`);
    }
  }
  const agencies = ids('agency');
  if (agencies.length > 0) {
    for (const a of await db
      .selectFrom('agency')
      .select(['id', 'name'])
      .where('id', 'in', agencies)
      .execute()) {
      names.set(a.id, a.name);
    }
  }
  const regions = ids('region');
  if (regions.length > 0) {
    for (const r of await db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', 'in', regions)
      .execute()) {
      names.set(r.code, r.name);
    }
  }
  const applications = ids('application');
  if (applications.length > 0) {
    for (const a of await db
      .selectFrom('application')
      .select(['id', 'number'])
      .where('id', 'in', applications)
      .execute()) {
      names.set(a.id, a.number);
    }
  }
  const items = ids('proactive_item');
  if (items.length > 0) {
    for (const i of await db
      .selectFrom('proactive_item')
      .select(['id', 'title'])
      .where('id', 'in', items)
      .execute()) {
      names.set(i.id, i.title);
    }
  }
  const reports = ids('annual_report');
  if (reports.length > 0) {
    for (const r of await db
      .selectFrom('annual_report')
      .innerJoin('agency', 'agency.id', 'annual_report.agency_id')
      .select(['annual_report.id', 'annual_report.year', 'agency.name'])
      .where('annual_report.id', 'in', reports)
      .execute()) {
      names.set(r.id, `${r.name} ${r.year} 年度报告`);
    }
  }
  return names;
}

export async function describeAuditRows(
  db: Db,
  rows: readonly AuditRow[],
): Promise<DescribedAuditEntry[]> {
  const names = await entityNames(db, rows);
  return rows.map((row) => {
    const before = parse(row.before_json);
    const after = parse(row.after_json);
    const entityName = names.get(row.entity_id) ?? null;
    const legacyIp = (after as { ip?: unknown } | null)?.ip;
    return {
      seq: Number(row.seq),
      at: row.at,
      actor: row.actor,
      description: describeAuditEntry({
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        actor: row.actor,
        before,
        after,
        entityName,
      }),
      clientIp: row.client_ip ?? (typeof legacyIp === 'string' ? legacyIp : null),
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      entityName,
      agencyId: row.agency_id,
      before,
      after,
      requestId: row.request_id,
    };
  });
}
