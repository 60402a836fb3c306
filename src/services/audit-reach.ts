/**
 * Which records of the audit trail a person reads: the audit administrator all of them; an
 * agency's admin its agency's (audit.read); a supervisor, for the regions it supervises, only
 * the records of the reports and the supervision, which carry no personal data (audit.reports,
 * see core/audit/report-trail).
 */
import {
  REPORT_TRAIL_ENTITY_TYPES,
  REPORT_TRAIL_REGION_ACTION_PREFIX,
} from '../core/audit/report-trail.js';
import { can, grantsWith, type Principal } from '../core/auth/roles.js';
import type { Db } from '../store/database.js';
import type { AuditQuery } from '../store/repositories/audit-log.js';
import { listVisibleAgencies, regionSubtree } from './organisations.js';

export type AuditReach = Pick<AuditQuery, 'agencyIds' | 'narrow'>;

/** The agencies a principal sees through its grants of one permission. */
async function agenciesThrough(
  db: Db,
  principal: Principal,
  permission: 'audit.read' | 'audit.reports',
): Promise<string[]> {
  const grants = new Set(grantsWith(principal, permission).map((g) => g.id));
  if (grants.size === 0) return [];
  const visible = await listVisibleAgencies(db, {
    ...principal,
    grants: principal.grants.filter((g) => grants.has(g.id)),
  });
  return visible.map((a) => a.id);
}

export async function auditReach(db: Db, principal: Principal): Promise<AuditReach> {
  if (can(principal, 'audit.read', { kind: 'global' })) return { agencyIds: null };
  const full = await agenciesThrough(db, principal, 'audit.read');
  const supervised = grantsWith(principal, 'audit.reports').flatMap((g) =>
    g.role === 'supervisor' && g.regionCode ? [g.regionCode] : [],
  );
  if (supervised.length === 0) return { agencyIds: full };
  const fullSet = new Set(full);
  return {
    agencyIds: full,
    narrow: {
      agencyIds: (await agenciesThrough(db, principal, 'audit.reports')).filter(
        (id) => !fullSet.has(id),
      ),
      entityTypes: REPORT_TRAIL_ENTITY_TYPES,
      regionCodes: await regionSubtree(db, supervised),
      regionActionPrefix: REPORT_TRAIL_REGION_ACTION_PREFIX,
    },
  };
}
