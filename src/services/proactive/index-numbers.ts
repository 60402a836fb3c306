/**
 * The agency's 索引号 scheme and the numbers it gives out. A number is taken from a counter
 * that only grows, under the agency's lock, and checked against every number already used, so
 * it is unique and never reused — also after the scheme changes (a changed scheme starts its own
 * series; published items keep the numbers they have).
 */
import { invalidField } from '../../core/errors.js';
import {
  categoryCode,
  DEFAULT_INDEX_SCHEME,
  formatIndexNumber,
  indexSchemeProblem,
  indexSeries,
} from '../../core/proactive/index-number.js';
import type { Db, Trx } from '../../store/database.js';
import * as repo from '../../store/repositories/proactive.js';
import { recordChange } from '../audit.js';
import type { Actor, ServiceContext } from '../context.js';
import { actorLabel } from '../context.js';
import { getAgency } from '../organisations.js';

export interface IndexSettings {
  indexScheme: string;
  agencyCode: string;
  /** What the next number of category (一) this year would look like. */
  example: string;
  /** The agency's own 保密审查 items, after the five standard ones. */
  secrecyItems: string[];
}

/** The agency's code when none is set: its 统一社会信用代码, else a short form of its id. */
const fallbackCode = (agency: { id: string; creditCode: string | null }) =>
  agency.creditCode ?? agency.id.replace(/-/g, '').slice(0, 12).toUpperCase();

export async function getIndexSettings(
  db: Db,
  agencyId: string,
  year: number,
): Promise<IndexSettings> {
  const row = await repo.getSettings(db, agencyId);
  const agency = await getAgency(db, agencyId);
  const indexScheme = row?.index_scheme ?? DEFAULT_INDEX_SCHEME;
  const agencyCode = row?.agency_code ?? fallbackCode(agency);
  return {
    indexScheme,
    agencyCode,
    example: formatIndexNumber(indexScheme, { agencyCode, category: '01', year }, 1),
    secrecyItems: row ? (JSON.parse(row.secrecy_items) as string[]) : [],
  };
}

export async function updateIndexSettings(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: { indexScheme: string; agencyCode: string; secrecyItems?: string[] },
): Promise<IndexSettings> {
  const scheme = input.indexScheme.trim();
  const problem = indexSchemeProblem(scheme);
  if (problem) throw invalidField('indexScheme', problem);
  const code = input.agencyCode.trim();
  if (!/^[0-9A-Za-z-]{1,30}$/.test(code)) {
    throw invalidField(
      'agencyCode',
      '机构代码只能由字母、数字和连字符组成（1–30 位），例如统一社会信用代码。',
    );
  }
  const now = ctx.clock.now();
  return ctx.store.transaction(async (t) => {
    const before = await getIndexSettings(t, agencyId, now.getUTCFullYear());
    const secrecyItems = (input.secrecyItems ?? before.secrecyItems)
      .map((x) => x.replace(/\s+/g, ' ').trim().slice(0, 200))
      .filter(Boolean)
      .slice(0, 20);
    await repo.putSettings(t, {
      agency_id: agencyId,
      index_scheme: scheme,
      agency_code: code,
      updated_at: now.toISOString(),
      updated_by: actorLabel(actor),
      secrecy_items: JSON.stringify(secrecyItems),
    });
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.index_scheme',
      entityType: 'agency',
      entityId: agencyId,
      agencyId,
      before: { indexScheme: before.indexScheme, agencyCode: before.agencyCode },
      after: { indexScheme: scheme, agencyCode: code, secrecyItems },
    });
    return getIndexSettings(t, agencyId, now.getUTCFullYear());
  });
}

/** The next 索引号 for an item of `category` in `year` (inside the caller's transaction). */
export async function allocateIndexNumber(
  ctx: ServiceContext,
  t: Trx,
  agencyId: string,
  category: string,
  year: number,
): Promise<string> {
  await ctx.store.lock(t, `proactive-index:${agencyId}`);
  const settings = await getIndexSettings(t, agencyId, year);
  const parts = { agencyCode: settings.agencyCode, category: categoryCode(category), year };
  const series = indexSeries(settings.indexScheme, parts);
  for (;;) {
    const seq = await repo.nextSequence(t, agencyId, series);
    const number = formatIndexNumber(settings.indexScheme, parts, seq);
    // A scheme changed back and forth may meet numbers an older series gave: skip them.
    if (!(await repo.indexNumberTaken(t, agencyId, number))) return number;
  }
}
