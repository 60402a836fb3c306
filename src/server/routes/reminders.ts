/**
 * Overdue watch (督办) and reminders: an agency's 即将超期 and 已超期 lists, its 即将超期 window,
 * and the signed-in person's own e-mail address for reminders.
 */
import { Type, type TProperties } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import {
  getOwnEmail,
  getReminderSettings,
  MAX_DUE_SOON_WORKING_DAYS,
  setOwnEmail,
  updateReminderSettings,
} from '../../services/reminder-settings.js';
import { overdueWatch } from '../../services/reminders.js';
import { userActor } from '../access.js';

const strictObject = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });
const AgencyParams = Type.Object({ agencyId: Type.String({ minLength: 1, maxLength: 64 }) });
const tags = ['督办与提醒'];

export async function reminderRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/api/v1/agencies/:agencyId';
  const read = { kind: 'permission', permission: 'application.read', target: 'agency' } as const;

  r.get(
    `${base}/overdue-watch`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '督办：本机关即将超期和已超期的申请及经办人',
        params: AgencyParams,
      },
    },
    async (request) => ({ watch: await overdueWatch(ctx, request.params.agencyId) }),
  );

  r.get(
    `${base}/reminder-settings`,
    {
      config: { access: read },
      schema: { tags, summary: '提醒设置：“即将超期”的提前工作日数', params: AgencyParams },
    },
    async (request) => ({
      settings: await getReminderSettings(ctx.store.db, request.params.agencyId),
    }),
  );

  r.put(
    `${base}/reminder-settings`,
    {
      config: {
        access: { kind: 'permission', permission: 'application.configure', target: 'agency' },
      },
      schema: {
        tags,
        summary: '修改提醒设置',
        params: AgencyParams,
        body: strictObject({
          dueSoonWorkingDays: Type.Integer({ minimum: 1, maximum: MAX_DUE_SOON_WORKING_DAYS }),
        }),
      },
    },
    async (request) => ({
      settings: await updateReminderSettings(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.body,
      ),
    }),
  );

  r.get(
    '/api/v1/me/email',
    {
      config: { access: { kind: 'signed-in' } },
      schema: { tags, summary: '我接收提醒邮件的地址' },
    },
    async (request) => ({
      email: await getOwnEmail(ctx.store.db, userActor(request).principal.userId),
    }),
  );

  r.put(
    '/api/v1/me/email',
    {
      config: { access: { kind: 'signed-in' } },
      schema: {
        tags,
        summary: '设置（或清除）我接收提醒邮件的地址',
        body: strictObject({ email: Type.String({ maxLength: 254 }) }),
      },
    },
    async (request) => setOwnEmail(ctx, userActor(request), request.body.email),
  );
}
