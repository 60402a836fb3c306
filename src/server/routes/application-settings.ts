import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { listClauses, updateClause } from '../../services/applications/clauses.js';
import { listNotifications, markRead } from '../../services/applications/notifications.js';
import {
  getSettings,
  listCalendarYears,
  updateSettings,
} from '../../services/applications/settings.js';
import { enterHolidayNotice } from '../../services/calendar-notices.js';
import type { ServiceContext } from '../../services/context.js';
import { grantsWith } from '../../core/auth/roles.js';
import { userActor } from '../access.js';
import { strictObject, Id, DateText, AgencyParams, SettingsBody } from './application-schemas.js';

/** An agency's application settings, the national holiday calendar, and one's own notifications. */
export async function applicationSettingsRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = { kind: 'permission', permission: 'application.read', target: 'agency' } as const;
  const tags = ['依申请公开'];
  const base = '/api/v1/agencies/:agencyId';

  // --- settings and calendar ------------------------------------------------------------------

  r.get(
    `${base}/application-settings`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '依申请公开设置：审核流程、复议机关和法院、答复期限的起算',
        params: AgencyParams,
      },
    },
    async (request) => {
      const clauses = await listClauses(ctx.store.db, request.params.agencyId);
      return {
        settings: await getSettings(ctx.store.db, request.params.agencyId),
        // The agency's clause library: what the reply form offers for each outcome row.
        suggestedLegalBasis: Object.fromEntries(clauses.map((c) => [c.outcome, c.legalBasis])),
        suggestedReasons: Object.fromEntries(clauses.map((c) => [c.outcome, c.reasons])),
      };
    },
  );

  r.get(
    `${base}/reply-clauses`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '答复的条款库：各办理结果所依据的条款和理由的标准表述（本机关）',
        params: AgencyParams,
      },
    },
    async (request) => ({ clauses: await listClauses(ctx.store.db, request.params.agencyId) }),
  );

  r.put(
    `${base}/reply-clauses/:outcome`,
    {
      config: {
        access: { kind: 'permission', permission: 'application.configure', target: 'agency' },
      },
      schema: {
        tags,
        summary: '修改一种办理结果的法律依据和理由的标准表述',
        params: Type.Object({ agencyId: Id, outcome: Type.String({ maxLength: 64 }) }),
        body: strictObject({
          legalBasis: Type.String({ maxLength: 1000 }),
          reasons: Type.String({ maxLength: 5000 }),
        }),
      },
    },
    async (request) =>
      updateClause(
        ctx,
        request.actor,
        request.params.agencyId,
        request.params.outcome,
        request.body,
      ),
  );

  r.put(
    `${base}/application-settings`,
    {
      config: {
        access: { kind: 'permission', permission: 'application.configure', target: 'agency' },
      },
      schema: { tags, summary: '修改依申请公开设置', params: AgencyParams, body: SettingsBody },
    },
    async (request) => ({
      settings: await updateSettings(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.body,
      ),
    }),
  );

  // The holiday schedule is national: one calendar for every agency, entered by a system admin
  // (calendar.manage over everything; an agency admin's grant does not reach `global`).
  r.get(
    '/api/v1/calendar/years',
    {
      config: { access: { kind: 'signed-in' } },
      schema: {
        tags,
        summary:
          '工作日历：系统提供的国务院节假日安排和系统管理员录入的年份（全国统一，适用于所有机关）',
      },
    },
    async () => ({ years: await listCalendarYears(ctx.store.db) }),
  );

  r.put(
    '/api/v1/calendar/years/:year',
    {
      config: { access: { kind: 'permission', permission: 'calendar.manage', target: 'global' } },
      schema: {
        tags,
        summary: '系统管理员录入（或更正）系统未提供年份的国务院节假日安排，适用于所有机关',
        params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        body: strictObject({
          year: Type.Integer(),
          notice: Type.String({ maxLength: 200 }),
          holidays: Type.Array(
            Type.Union([
              Type.String({ maxLength: 20 }),
              strictObject({
                name: Type.Optional(Type.String({ maxLength: 40 })),
                from: Type.Optional(DateText),
                to: Type.Optional(DateText),
                date: Type.Optional(DateText),
              }),
            ]),
            { maxItems: 60 },
          ),
          workdays: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 30 }),
        }),
      },
    },
    async (request) =>
      enterHolidayNotice(ctx, userActor(request), request.params.year, { schedule: request.body }),
  );

  // --- notifications (the signed-in person's own) ---------------------------------------------

  r.get(
    '/api/v1/notifications',
    {
      config: { access: { kind: 'signed-in' } },
      schema: { tags, summary: '我的通知：新申请、即将到期和已超期的申请、审批' },
    },
    async (request) => {
      const actor = userActor(request);
      const agencyIds = grantsWith(actor.principal, 'application.handle').flatMap((g) =>
        g.agencyId ? [g.agencyId] : [],
      );
      return listNotifications(ctx, actor.principal.userId, agencyIds);
    },
  );

  r.post(
    '/api/v1/notifications/read',
    {
      config: { access: { kind: 'signed-in' } },
      schema: {
        tags,
        summary: '把通知标为已读',
        body: strictObject({ ids: Type.Array(Id, { maxItems: 500 }) }),
      },
    },
    async (request) => {
      const actor = userActor(request);
      return markRead(ctx, actor, request.body.ids);
    },
  );
}
