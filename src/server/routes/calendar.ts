/**
 * The national holiday calendar: entering the State Council's notice from its pasted text
 * (read and checked first, for confirmation), and the calendar's status for the reminder that
 * a year's notice is due.
 */
import { Type, type TProperties } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  calendarStatus,
  enterHolidayNotice,
  previewNotice,
} from '../../services/calendar-notices.js';
import type { ServiceContext } from '../../services/context.js';
import { userActor } from '../access.js';

const strictObject = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

const tags = ['工作日历'];
const manage = { kind: 'permission', permission: 'calendar.manage', target: 'global' } as const;
const NoticeText = Type.String({ maxLength: 20_000 });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Notice = Type.String({ maxLength: 200 });

export async function calendarRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/calendar/status',
    {
      config: { access: { kind: 'signed-in' } },
      schema: {
        tags,
        summary: '工作日历状态：本年（及 11 月 1 日起下一年）的节假日安排是否已录入',
      },
    },
    async () => calendarStatus(ctx),
  );

  r.post(
    '/api/v1/calendar/notices/preview',
    {
      config: { access: manage },
      schema: {
        tags,
        summary:
          '读取粘贴的国务院办公厅节假日安排通知（不保存）：逐项列出放假和调休上班日期、没有看懂的行、与《全国年节及纪念日放假办法》不符之处',
        body: strictObject({
          text: NoticeText,
          year: Type.Optional(Type.Union([Year, Type.Null()])),
          notice: Type.Optional(Notice),
        }),
      },
    },
    async (request) => ({
      preview: previewNotice({
        text: request.body.text,
        year: request.body.year ?? null,
        notice: request.body.notice ?? null,
      }),
    }),
  );

  r.post(
    '/api/v1/calendar/notices',
    {
      config: { access: manage },
      schema: {
        tags,
        summary:
          '系统管理员按粘贴的通知全文录入（或更正）某年的节假日安排，适用于所有机关；各机关未办结申请的答复期限随即重新计算并记入各案',
        body: strictObject({ year: Year, text: NoticeText, notice: Type.Optional(Notice) }),
      },
    },
    async (request) =>
      enterHolidayNotice(ctx, userActor(request), request.body.year, {
        text: request.body.text,
        notice: request.body.notice ?? null,
      }),
  );
}
