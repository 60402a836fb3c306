/**
 * 签收 → 转办 → 协办 and 转送 (issue 11, item 4), on both stores: every hand-off is a step of the
 * case, on its timeline and in the audit trail; none changes the receipt date or the due date.
 */
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { createUnit } from '../../src/services/applications/units.js';
import { clerkDesk, SYSTEM } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Handoffs-pass-2026';

interface Detail {
  id: string;
  receivedOn: string;
  dueOn: string | null;
  status: string;
  events: { type: string; label: string; date: string; details: string[] }[];
  handling: {
    unit: { id: string; name: string } | null;
    signedOn: string | null;
    assists: { id: string; unitName: string; dueOn: string; completedOn: string | null }[];
    forwarded: { agencyName: string } | null;
  };
  letters: { id: string; kind: string; title: string; documentNumber: string | null }[];
}

describeEachStore('applications: hand-offs (签收、转办、协办、转送)', (getStore) => {
  const desk = clerkDesk(getStore, PASSWORD);
  const { base, setToday } = desk;
  const units: Record<string, string> = {};
  const handoff = (id: string, body: Record<string, unknown>) =>
    desk.clerk.request('POST', `${base()}/applications/${id}/handoffs`, body);
  const ok = async (id: string, body: Record<string, unknown>) => {
    const r = await handoff(id, body);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Detail>();
  };
  const detail = async (id: string) =>
    (await desk.clerk.request('GET', `${base()}/applications/${id}`)).json<Detail>();

  it('an agency has units; the general office is one of them', async () => {
    for (const [name, generalOffice] of [
      ['办公室', true],
      ['科技计划科', false],
      ['政策法规科', false],
    ] as const) {
      const list = await createUnit(desk.ctx, SYSTEM, desk.agencyId, { name, generalOffice });
      units[name] = list.find((u) => u.name === name)!.id;
    }
    const r = await desk.clerk.request('GET', `${base()}/units`);
    expect(r.json<{ units: { name: string; generalOffice: boolean }[] }>().units).toEqual([
      { id: units['办公室'], name: '办公室', generalOffice: true },
      { id: units['政策法规科'], name: '政策法规科', generalOffice: false },
      { id: units['科技计划科'], name: '科技计划科', generalOffice: false },
    ]);
    await expect(createUnit(desk.ctx, SYSTEM, desk.agencyId, { name: '办公室' })).rejects.toThrow(
      '已有名为“办公室”的科室',
    );
  });

  it('signed for, transferred, assisted and replied: the receipt date and the due date stay', async () => {
    await setToday('2026-03-02');
    const id = await desk.register('2026-03-02');
    const before = await detail(id);
    expect(before.dueOn).not.toBeNull();
    await setToday('2026-03-04');

    // 转办 before anyone signed for it: refused with the reason.
    const early = await handoff(id, { type: 'transferred', unitId: units['科技计划科'] });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ error: { message: string } }>().error.message).toContain('请先签收');

    await ok(id, { type: 'signed_for', unitId: units['办公室'] });
    const moved = await ok(id, {
      type: 'transferred',
      unitId: units['科技计划科'],
      note: '属科技计划科职责',
    });
    expect(moved.handling.unit?.name).toBe('科技计划科');
    expect(moved.handling.signedOn).toBeNull();

    // The general office may not sign again for a case now with another unit.
    const wrong = await handoff(id, { type: 'signed_for', unitId: units['办公室'] });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.body).toContain('应由科技计划科签收');
    await ok(id, { type: 'signed_for', unitId: units['科技计划科'] });

    // 协办 by its own date, which may not run past the case's reply due date.
    const late = await handoff(id, {
      type: 'assist_requested',
      unitId: units['政策法规科'],
      dueOn: '2026-12-31',
    });
    expect(late.statusCode).toBe(400);
    const lateError = late.json<{ error: { message: string; field?: string } }>().error;
    expect(lateError.message).toContain('协办期限须在答复期限之内');
    const missing = await handoff(id, { type: 'assist_requested', unitId: units['政策法规科'] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { message: string; field: string } }>().error).toMatchObject({
      field: 'dueOn',
      message: '请填写“协办期限”。',
    });
    const assisted = await ok(id, {
      type: 'assist_requested',
      unitId: units['政策法规科'],
      dueOn: '2026-03-20',
      note: '请核对政策文件',
    });
    expect(assisted.handling.assists).toMatchObject([
      { id: 'A1', unitName: '政策法规科', dueOn: '2026-03-20', completedOn: null },
    ]);
    const ownUnit = await handoff(id, {
      type: 'assist_requested',
      unitId: units['科技计划科'],
      dueOn: '2026-03-20',
    });
    expect(ownUnit.statusCode).toBe(409);
    await setToday('2026-03-06');
    await ok(id, { type: 'assist_completed', assistId: 'A1', note: '已核对' });

    const reply = await desk.clerk.request('POST', `${base()}/applications/${id}/approvals`, {
      kind: 'reply',
      outcome: 'disclosed',
      legalBasis: '条例第三十六条第（二）项',
    });
    expect(reply.statusCode, reply.body).toBe(200);
    const after = await detail(id);
    expect(after.receivedOn).toBe('2026-03-02');
    expect(after.events.map((e) => e.label)).toEqual([
      '收到申请',
      '签收',
      '转办',
      '签收',
      '协办',
      '协办完成',
      '答复',
    ]);
    expect(after.events[2]!.details.join()).toContain('转办给：科技计划科');
    const letter = after.letters.find((l) => l.kind === 'reply')!;
    const docx = await desk.clerk.request(
      'GET',
      `${base()}/applications/${id}/letters/${letter.id}/document.docx`,
    );
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain('本机关于2026年3月2日收到你（单位）提出的政府信息公开申请');

    // Every hand-off is in the audit trail.
    const audit = await desk.ctx.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .execute();
    const actions = audit.map((a) => a.action);
    for (const type of ['signed_for', 'transferred', 'assist_requested', 'assist_completed']) {
      expect(actions).toContain(`application.event.${type}`);
    }
  });

  it('a unit of another agency is refused, by the field as labelled', async () => {
    const id = await desk.register('2026-03-06');
    const r = await handoff(id, { type: 'signed_for', unitId: 'not-a-unit' });
    expect(r.statusCode).toBe(400);
    expect(r.json<{ error: { message: string } }>().error.message).toContain(
      '所选科室不是本机关的科室',
    );
  });

  it('转送 to another agency issues a 转送告知书 naming it, and ends further hand-offs', async () => {
    const id = await desk.register('2026-03-06');
    const d = await ok(id, {
      type: 'forwarded',
      agencyName: '示范市教育局',
      contact: '0591-12345678',
    });
    expect(d.handling.forwarded?.agencyName).toBe('示范市教育局');
    const letter = d.letters.find((l) => l.kind === 'forward');
    expect(letter?.title).toBe('政府信息公开申请转送告知书');
    expect(letter?.documentNumber).toMatch(/^〔2026〕第\d+号$/);
    const docx = await desk.clerk.request(
      'GET',
      `${base()}/applications/${id}/letters/${letter!.id}/document.docx`,
    );
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain('负责公开该政府信息的行政机关为示范市教育局（联系方式：0591-12345678）');
    expect(text).toContain(letter!.documentNumber!);
    expect(text).toContain('申请行政复议');
    const again = await handoff(id, { type: 'signed_for', unitId: units['办公室'] });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('已于 2026-03-06 转送示范市教育局');
  });

  describe('a hand-off is the agency’s act', () => {
    it('is dated the day it is recorded and refused on a closed case', async () => {
      const id = await desk.register('2026-03-06');
      await desk.clerk.request('POST', `${base()}/applications/${id}/events`, {
        type: 'withdrawn',
        date: '2026-03-06',
      });
      const r = await handoff(id, { type: 'signed_for', unitId: units['办公室'] });
      expect(r.statusCode).toBe(409);
      const d = await detail(id);
      expect(d.events.map((e) => e.type)).toEqual(['received', 'withdrawn']);
    });
  });
});
