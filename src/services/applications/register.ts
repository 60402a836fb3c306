/**
 * The application register (政府信息公开申请登记台账) as XLSX (exceljs) and CSV (UTF-8 with a
 * BOM, so Excel opens the Chinese correctly). ID numbers appear masked only.
 *
 * Names and descriptions come from the public form: a CSV cell that starts with = + - @, a
 * tab or a CR would run as a formula when the file is opened in a spreadsheet (=HYPERLINK…),
 * so such a cell is prefixed with an apostrophe. The XLSX needs no prefix: exceljs writes a
 * string as a text cell (a formula only when given `{ formula }`), which Excel never evaluates.
 */
import { isCalendarDate } from '../../core/calendar/date.js';
import { invalidField } from '../../core/errors.js';
import * as repo from '../../store/repositories/applications.js';
import { recordChange } from '../audit.js';
import type { Actor, ServiceContext } from '../context.js';
import { getAgency } from '../organisations.js';
import { caseEnv } from './cases.js';
import { coreEventsOf, replay } from './events.js';
import { dueDateOfState } from '../../core/applications/due-date.js';
import { loadExcelJs } from '../../render/exceljs.js';
import {
  applicantKindLabel,
  channelLabel,
  DELIVERY_LABELS,
  FORM_LABELS,
  ID_TYPE_LABELS,
  outcomeLabel,
  phaseLabel,
} from './model.js';

const COLUMNS: { header: string; width: number }[] = [
  { header: '申请编号', width: 13 },
  { header: '收到日期', width: 12 },
  { header: '申请渠道', width: 12 },
  { header: '申请人类型', width: 12 },
  { header: '申请人', width: 20 },
  { header: '证件类型', width: 14 },
  { header: '证件号码（已隐去部分）', width: 22 },
  { header: '法定代表人', width: 10 },
  { header: '所需信息', width: 40 },
  { header: '获取形式', width: 8 },
  { header: '获取方式', width: 10 },
  { header: '经办人', width: 10 },
  { header: '办理状态', width: 10 },
  { header: '答复期限', width: 12 },
  { header: '办理结果', width: 30 },
  { header: '法律依据', width: 30 },
  { header: '办结日期', width: 12 },
];

export interface RegisterRange {
  from: string;
  to: string;
}

export function rangeOf(query: { year?: number; from?: string; to?: string }): RegisterRange {
  if (query.year !== undefined) return { from: `${query.year}-01-01`, to: `${query.year}-12-31` };
  const from = query.from ?? '0000-01-01';
  const to = query.to ?? '9999-12-31';
  if (query.from && !isCalendarDate(query.from)) throw invalidField('from', '起始日期无效。');
  if (query.to && !isCalendarDate(query.to)) throw invalidField('to', '截止日期无效。');
  return { from, to };
}

/** A register cell: text, or a calendar date (a date cell in the XLSX). */
type RegisterCell = string | { date: string };

/** Columns holding a date: received, due, outcome. */
const dateCell = (value: string | null | undefined): RegisterCell =>
  value && isCalendarDate(value) ? { date: value } : (value ?? '');

async function registerRows(
  ctx: ServiceContext,
  agencyId: string,
  range: RegisterRange,
): Promise<RegisterCell[][]> {
  const db = ctx.store.db;
  const rows = await repo.listRegister(db, agencyId, range.from, range.to);
  const env = await caseEnv(db, agencyId);
  const events = await repo.listEventsOf(
    db,
    rows.map((r) => r.id),
  );
  const byApplication = new Map<string, repo.ApplicationEventRow[]>();
  for (const e of events) {
    byApplication.set(e.application_id, [...(byApplication.get(e.application_id) ?? []), e]);
  }
  const names = await repo.userNames(db, [
    ...new Set(rows.flatMap((r) => (r.assigned_user_id ? [r.assigned_user_id] : []))),
  ]);
  return rows.map((r) => {
    let due = '';
    try {
      const { state } = replay(
        coreEventsOf(byApplication.get(r.id) ?? []),
        env.calendar,
        env.settings.clock,
      );
      due = dueDateOfState(state, env.calendar).dueOn ?? '';
    } catch {
      due = '（缺少节假日安排）';
    }
    return [
      r.number,
      dateCell(r.received_on),
      channelLabel(r.channel),
      r.applicant_type === 'natural_person' ? '公民' : applicantKindLabel(r.applicant_kind),
      r.applicant_name,
      ID_TYPE_LABELS[r.id_type as keyof typeof ID_TYPE_LABELS] ?? r.id_type,
      r.id_number_masked ?? '',
      r.legal_representative ?? '',
      r.description,
      FORM_LABELS[r.form_wanted as keyof typeof FORM_LABELS] ?? r.form_wanted,
      DELIVERY_LABELS[r.delivery_method as keyof typeof DELIVERY_LABELS] ?? r.delivery_method,
      r.assigned_user_id ? (names.get(r.assigned_user_id) ?? '') : '',
      phaseLabel(r.status),
      dateCell(due),
      r.outcome ? outcomeLabel(r.outcome) : '',
      r.legal_basis ?? '',
      dateCell(r.outcome_on),
    ];
  });
}

function filenameOf(agencyName: string, range: RegisterRange, ext: string): string {
  const span =
    range.from.endsWith('-01-01') &&
    range.to.endsWith('-12-31') &&
    range.from.slice(0, 4) === range.to.slice(0, 4)
      ? `${range.from.slice(0, 4)}年`
      : range.from === '0000-01-01' && range.to === '9999-12-31'
        ? ''
        : `${range.from}至${range.to}`;
  return `${agencyName}政府信息公开申请登记台账${span}.${ext}`;
}

/** One CSV field: formula-like text made inert with a leading apostrophe, then quoted if needed. */
export function csvCell(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

const textOf = (cell: RegisterCell) => (typeof cell === 'string' ? cell : cell.date);

export async function registerCsv(
  ctx: ServiceContext,
  agencyId: string,
  range: RegisterRange,
): Promise<{ bytes: Uint8Array; filename: string }> {
  const agency = await getAgency(ctx.store.db, agencyId);
  const rows = await registerRows(ctx, agencyId, range);
  const lines = [COLUMNS.map((c) => c.header), ...rows.map((r) => r.map(textOf))].map((r) =>
    r.map(csvCell).join(','),
  );
  const text = `\uFEFF${lines.join('\r\n')}\r\n`;
  return { bytes: new TextEncoder().encode(text), filename: filenameOf(agency.name, range, 'csv') };
}

export async function registerXlsx(
  ctx: ServiceContext,
  agencyId: string,
  range: RegisterRange,
): Promise<{ bytes: Uint8Array; filename: string }> {
  const agency = await getAgency(ctx.store.db, agencyId);
  const rows = await registerRows(ctx, agencyId, range);
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  workbook.creator = 'gongkai';
  workbook.created = ctx.clock.now();
  const sheet = workbook.addWorksheet('申请登记台账', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row = sheet.addRow(
      // A calendar date as midnight UTC: exceljs converts it to the Excel serial of that day.
      r.map((c) => (typeof c === 'string' ? c : new Date(`${c.date}T00:00:00Z`))),
    );
    r.forEach((c, i) => {
      if (typeof c !== 'string') row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    bytes: new Uint8Array(buffer as ArrayBuffer),
    filename: filenameOf(agency.name, range, 'xlsx'),
  };
}

export const REGISTER_MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** 安全审计: every export of the register (it lists applicants by name) is in the trail. */
export async function recordRegisterExport(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  format: 'xlsx' | 'csv',
  range: RegisterRange,
): Promise<void> {
  await ctx.store.transaction((t) =>
    recordChange(ctx, t, actor, ctx.clock.now(), {
      action: 'application.register_export',
      entityType: 'agency',
      entityId: agencyId,
      agencyId,
      after: { format, from: range.from, to: range.to },
    }),
  );
}
