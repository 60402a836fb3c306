/** 基层政务公开标准目录: the agency's entries, and which are overdue today. */
import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../core/errors.js';
import {
  CATALOGUE_CYCLES,
  catalogueStatus,
  type CatalogueCycle,
  type CatalogueStatus,
} from '../../core/proactive/catalogue.js';
import type { Db } from '../../store/database.js';
import * as repo from '../../store/repositories/proactive.js';
import { recordChange } from '../audit.js';
import { shanghaiDate, type Actor, type ServiceContext } from '../context.js';
import { plainLine } from './model.js';

export interface CatalogueEntryInput {
  matter: string;
  content: string;
  basis: string;
  timeLimit: string;
  subject: string;
  channels: string;
  audience: string;
  method: string;
  level: string;
  cycle: CatalogueCycle;
  startsOn: string;
  dueDays: number;
}

export interface CatalogueEntry extends CatalogueEntryInput {
  id: string;
  status: CatalogueStatus;
  itemCount: number;
}

const FIELDS: [keyof CatalogueEntryInput, string][] = [
  ['matter', '公开事项'],
  ['content', '公开内容'],
  ['basis', '公开依据'],
  ['timeLimit', '公开时限'],
  ['subject', '公开主体'],
  ['channels', '公开渠道'],
  ['audience', '公开对象'],
  ['method', '公开方式'],
  ['level', '公开层级'],
];

/** Checks an entry's fields; every problem comes back at once (details.fields), by field. */
function cleanEntry(input: CatalogueEntryInput) {
  const problems: { field: string; message: string }[] = [];
  const clean: Record<string, string> = {};
  for (const [key, label] of FIELDS) {
    const v = plainLine(String(input[key] ?? ''), 500);
    if (!v) problems.push({ field: key, message: `请填写${label}。` });
    clean[key] = v;
  }
  if (!CATALOGUE_CYCLES.includes(input.cycle))
    problems.push({ field: 'cycle', message: '请选择公开周期。' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.startsOn ?? '') || Number.isNaN(Date.parse(input.startsOn)))
    problems.push({ field: 'startsOn', message: '请填写起始日期，格式为 YYYY-MM-DD。' });
  if (!Number.isInteger(input.dueDays) || input.dueDays < 0 || input.dueDays > 366)
    problems.push({ field: 'dueDays', message: '时限天数须为 0–366 的整数。' });
  if (problems.length > 0)
    throw new AppError('validation_failed', problems.map((p) => p.message).join(''), {
      field: problems[0]!.field,
      fields: problems,
    });
  return {
    matter: clean.matter!,
    content: clean.content!,
    basis: clean.basis!,
    time_limit: clean.timeLimit!,
    subject: clean.subject!,
    channels: clean.channels!,
    audience: clean.audience!,
    method: clean.method!,
    level: clean.level!,
    cycle: input.cycle,
    starts_on: input.startsOn,
    due_days: input.dueDays,
  };
}

export async function addCatalogueEntry(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  input: CatalogueEntryInput,
): Promise<{ id: string }> {
  const fields = cleanEntry(input);
  const now = ctx.clock.now();
  const id = randomUUID();
  await ctx.store.transaction(async (t) => {
    await repo.insertCatalogueEntry(t, {
      id,
      agency_id: agencyId,
      ...fields,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.catalogue_add',
      entityType: 'proactive_catalogue_entry',
      entityId: id,
      agencyId,
      after: { matter: fields.matter },
    });
  });
  return { id };
}

/** Changes an entry's fields; the items published under it stay under it. */
export async function updateCatalogueEntry(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  id: string,
  input: CatalogueEntryInput,
): Promise<{ id: string }> {
  const fields = cleanEntry(input);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (t) => {
    const before = await repo.findCatalogueEntry(t, agencyId, id);
    if (!before) throw notFound('标准目录事项');
    await repo.updateCatalogueEntry(t, agencyId, id, {
      ...fields,
      updated_at: now.toISOString(),
    });
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.catalogue_update',
      entityType: 'proactive_catalogue_entry',
      entityId: id,
      agencyId,
      before: { matter: before.matter, timeLimit: before.time_limit, dueDays: before.due_days },
      after: { matter: fields.matter, timeLimit: fields.time_limit, dueDays: fields.due_days },
    });
  });
  return { id };
}

export async function listCatalogue(
  ctx: ServiceContext,
  db: Db,
  agencyId: string,
): Promise<CatalogueEntry[]> {
  const today = shanghaiDate(ctx.clock.now());
  const [entries, published] = await Promise.all([
    repo.listCatalogueEntries(db, agencyId),
    repo.publishedUnderEntries(db, agencyId),
  ]);
  return entries.map((e) => {
    const dates = published
      .filter((p) => p.catalogue_entry_id === e.id)
      .map((p) => p.published_on!);
    const due = { cycle: e.cycle as CatalogueCycle, startsOn: e.starts_on, dueDays: e.due_days };
    return {
      id: e.id,
      matter: e.matter,
      content: e.content,
      basis: e.basis,
      timeLimit: e.time_limit,
      subject: e.subject,
      channels: e.channels,
      audience: e.audience,
      method: e.method,
      level: e.level,
      cycle: due.cycle,
      startsOn: e.starts_on,
      dueDays: e.due_days,
      status: catalogueStatus(due, dates, today),
      itemCount: dates.length,
    };
  });
}
