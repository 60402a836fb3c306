/**
 * Names an agency is also known by, and matching a name a report states to an agency of a
 * region by them. Only a supervisor (or a system admin) records an alias: an alias lets a
 * report land on an agency without a further confirmation, so the agency itself cannot add
 * one (see ROLE_PERMISSIONS, 'agency.alias').
 *
 * @example
 *   const match = await matchStatedAgency(db, agencies, report.agency);
 *   if (match.kind === 'proposal') … // the supervisor confirms, never a guess
 */
import { randomUUID } from 'node:crypto';
import { AppError, invalidField, notFound } from '../core/errors.js';
import {
  agencyNameKey,
  matchAgencyName,
  type NameCandidate,
  type NameMatch,
} from '../core/supervision/agency-names.js';
import type { Db } from '../store/database.js';
import * as repo from '../store/repositories/agency-aliases.js';
import { listAgenciesInRegions } from '../store/repositories/organisations.js';
import { recordChange } from './audit.js';
import { actorLabel, type Actor, type ServiceContext } from './context.js';
import { getAgency } from './organisations.js';

export interface AgencyAlias {
  id: string;
  agencyId: string;
  alias: string;
  createdAt: string;
  createdBy: string;
}

const toAlias = (row: repo.AgencyAliasRow): AgencyAlias => ({
  id: row.id,
  agencyId: row.agency_id,
  alias: row.alias,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

export async function listAliases(db: Db, agencyId: string): Promise<AgencyAlias[]> {
  return (await repo.listAliasesOf(db, [agencyId])).map(toAlias);
}

const MAX_ALIAS_LENGTH = 100;

/**
 * Records a name the agency is also known by. Refused when it is the agency's own name, is
 * already recorded, or is the name of another agency of the same government (a report stating
 * that name belongs to that agency).
 */
export async function addAlias(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: { alias: string },
): Promise<AgencyAlias> {
  const alias = input.alias.trim().replace(/\s+/g, ' ');
  if (!alias) throw invalidField('alias', '请填写别名，例如该机关的简称或曾用名。');
  if (alias.length > MAX_ALIAS_LENGTH)
    throw invalidField('alias', `别名不能超过 ${MAX_ALIAS_LENGTH} 个字。`);
  const key = agencyNameKey(alias);
  if (!key) throw invalidField('alias', '别名只有标点或空白，请填写机关名称。');
  return ctx.store.transaction(async (t) => {
    const agency = await getAgency(t, agencyId);
    if (agencyNameKey(agency.name) === key) {
      throw invalidField('alias', `“${alias}”就是该机关的名称，无需登记为别名。`);
    }
    if (await repo.findAliasByKey(t, agencyId, key)) {
      throw new AppError('conflict', `“${alias}”已经是${agency.name}的别名。`, { field: 'alias' });
    }
    const siblings = await listAgenciesInRegions(t, [agency.regionCode]);
    const namesake = siblings.find(
      (a) =>
        a.id !== agencyId &&
        a.government_id === agency.governmentId &&
        agencyNameKey(a.name) === key,
    );
    if (namesake) {
      throw new AppError(
        'conflict',
        `“${alias}”是同级另一个机关（${namesake.name}）的名称，不能登记为${agency.name}的别名。`,
        { field: 'alias' },
      );
    }
    const now = ctx.clock.now();
    const row = {
      id: randomUUID(),
      agency_id: agencyId,
      alias,
      alias_key: key,
      created_at: now.toISOString(),
      created_by: actorLabel(actor),
    };
    await repo.insertAlias(t, row);
    await recordChange(ctx, t, actor, now, {
      action: 'agency.alias_add',
      entityType: 'agency_alias',
      entityId: row.id,
      agencyId,
      after: { agency: agency.name, alias },
    });
    return toAlias(row);
  });
}

export async function removeAlias(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  aliasId: string,
): Promise<void> {
  await ctx.store.transaction(async (t) => {
    const row = await repo.findAlias(t, agencyId, aliasId);
    if (!row) throw notFound('别名');
    await repo.deleteAlias(t, agencyId, aliasId);
    await recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'agency.alias_remove',
      entityType: 'agency_alias',
      entityId: aliasId,
      agencyId,
      before: { alias: row.alias },
    });
  });
}

/**
 * Whether a stated name is this agency's: its own name, a recorded alias, or neither (null).
 * For saving a reading under a chosen agency: anything but 'name' or 'alias' needs a
 * supervisor's explicit confirmation.
 */
export async function statedNameOfAgency(
  db: Db,
  agencyId: string,
  statedName: string,
): Promise<'name' | 'alias' | null> {
  const key = agencyNameKey(statedName);
  if (!key) return null;
  const agency = await getAgency(db, agencyId);
  if (agencyNameKey(agency.name) === key) return 'name';
  return (await repo.findAliasByKey(db, agencyId, key)) ? 'alias' : null;
}

/** The candidates of a matching: agencies with their aliases. */
export async function nameCandidates(
  db: Db,
  agencies: readonly { id: string; name: string }[],
): Promise<NameCandidate[]> {
  const aliases = await repo.listAliasesOf(
    db,
    agencies.map((a) => a.id),
  );
  const byAgency = new Map<string, string[]>();
  for (const a of aliases)
    byAgency.set(a.agency_id, [...(byAgency.get(a.agency_id) ?? []), a.alias]);
  return agencies.map((a) => ({ id: a.id, name: a.name, aliases: byAgency.get(a.id) ?? [] }));
}

/** Matches a stated name among the given agencies (e.g. a supervisor's region): see matchAgencyName. */
export async function matchStatedAgency(
  db: Db,
  agencies: readonly { id: string; name: string }[],
  statedName: string,
): Promise<NameMatch> {
  return matchAgencyName(statedName, await nameCandidates(db, agencies));
}
