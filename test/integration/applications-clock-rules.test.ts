/**
 * The clock rules a case lives under: it keeps the settings it was registered with, so a later
 * change of the agency's settings neither moves its due date nor locks it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import { TestClient } from '../support/app.js';
import { clerkDesk, SYSTEM } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Clock-pass-2026';

interface Detail {
  id: string;
  status: string;
  due: { dueOn: string | null; rule: string[]; error: string | null };
  historyProblem: string | null;
  actions: { action: string; allowed: boolean }[];
}

describeEachStore('applications: the clock rules of a case', (getStore) => {
  const desk = clerkDesk(getStore, PASSWORD);
  const { base, register } = desk;
  let admin: TestClient;
  const setToday = async (date: string) => {
    await desk.setToday(date);
    await admin.loginReady('boss', PASSWORD);
  };
  const settings = (countFrom: 'next_day' | 'same_day') =>
    admin.request('PUT', `${base()}/application-settings`, {
      reviewBody: '示范市人民政府',
      court: '示范市示范区人民法院',
      countFrom,
      feeWait: 'excluded',
      extensionLevels: ['section_head'],
      replyLevels: [],
      replyWithholdingLevels: [],
    });
  const detail = async (id: string) =>
    (await desk.clerk.request('GET', `${base()}/applications/${id}`)).json<Detail>();
  const event = (id: string, body: Record<string, unknown>) =>
    desk.clerk.request('POST', `${base()}/applications/${id}/events`, body);

  beforeAll(async () => {
    // The desk's clerk is signed in; an agency admin beside them changes the settings.
    await createUser(desk.ctx, SYSTEM, {
      username: 'boss',
      displayName: '管理员',
      password: PASSWORD,
      grants: [{ role: 'agency_admin', agencyId: desk.agencyId }],
      mustChangePassword: false,
    });
    admin = new TestClient(desk.app);
    await setToday('2026-03-02');
  });

  describe('a change of countFrom applies to new cases only', () => {
    let id: string;

    it('a case registered under next_day, corrected on the 7th working day', async () => {
      expect((await settings('next_day')).statusCode).toBe(200);
      id = await register('2026-03-02');
      // Monday 03-02; next_day: 03-03…06 1–4, 03-09…11 5–7.
      await setToday('2026-03-11');
      const asked = await event(id, {
        type: 'correction_requested',
        date: '2026-03-11',
        correctBy: '2026-03-25',
        note: '请写明文号。',
      });
      expect(asked.statusCode, asked.body).toBe(200);
      await setToday('2026-03-12');
      const corrected = await event(id, { type: 'correction_received', date: '2026-03-12' });
      expect(corrected.statusCode, corrected.body).toBe(200);
      // From 03-12, next day first: 03-13 1, 03-16…20 2–6, 03-23…27 7–11, 03-30…04-03 12–16,
      // [清明 04-04–04-06], 04-07…10 17–20.
      expect((await detail(id)).due.dueOn).toBe('2026-04-10');
    });

    it('after the agency switches to same_day, the case keeps its due date and its steps', async () => {
      expect((await settings('same_day')).statusCode).toBe(200);
      const after = await detail(id);
      expect(after.historyProblem).toBeNull();
      expect(after.due.dueOn).toBe('2026-04-10');
      expect(after.due.rule.join('\n')).toContain('收到之日不计入');
      // Further steps are not refused: the history still stands.
      const consult = await event(id, {
        type: 'consultation_started',
        date: '2026-03-12',
        party: 'third_party',
        name: '某公司',
      });
      expect(consult.statusCode, consult.body).toBe(200);
      expect(consult.json<Detail>().status).toBe('consulting');
    });

    it('a case registered after the change counts the day of receipt', async () => {
      const fresh = await register('2026-03-12');
      // Thursday 03-12 is day 1 → 04-09.
      const d = await detail(fresh);
      expect(d.due.dueOn).toBe('2026-04-09');
      expect(d.due.rule.join('\n')).toContain('收到之日为工作日的，计为第 1 个工作日');
    });
  });

  describe('an extension that would reach a year without a holiday schedule', () => {
    // Before issue 11 such a request was refused (calendar_year_unknown); a year without the
    // State Council's notice is now counted from the holiday law, so it goes to approval and
    // the due date it leads to is 暂定 (calendar-notices.test.ts).
    it('goes to approval, counted from the holiday law (暂定)', async () => {
      await setToday('2026-11-20');
      const id = await register('2026-11-20');
      await setToday('2026-12-01');
      const asked = await desk.clerk.request('POST', `${base()}/applications/${id}/approvals`, {
        kind: 'extension',
        workingDays: 20,
        reason: '需要检索多年档案',
      });
      expect(asked.statusCode, asked.body).toBe(200);
      const pending = await desk.clerk.request('GET', `${base()}/applications/${id}/approvals`);
      expect(pending.json<{ approvals: { status: string }[] }>().approvals).toEqual([
        expect.objectContaining({ status: 'pending' }),
      ]);
    });
  });
});
