/**
 * A correction sent on the portal after its period: 条例第三十条 leaves 正当理由 to the agency,
 * so it waits for the clerk, who accepts it (the clock restarts from the day it arrived) or
 * not (the case ends as other.no_correction). The applicant sees that it is being considered.
 */
import { describe, expect, it } from 'vitest';
import { TestClient } from '../support/app.js';
import { clerkDesk, personApplication } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PASSWORD = 'Late-pass-2026';

function hidden(page: string, name: string): string {
  const m = new RegExp(`name="${name}"\\s+value="([^"]*)"`).exec(page);
  if (!m) throw new Error(`no hidden field ${name}`);
  return m[1]!;
}
const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

interface Detail {
  id: string;
  status: string;
  statusLabel: string;
  outcome: string | null;
  due: { dueOn: string | null; rule: string[] };
  correction: { lateSubmission: { on: string; text: string | null } | null } | null;
  actions: { action: string; label: string; allowed: boolean }[];
  letters: { kind: string }[];
}

describeEachStore('applications: a late correction waits for the agency', (getStore) => {
  const desk = clerkDesk(getStore, PASSWORD);
  const { base, setToday } = desk;
  const detail = async (id: string) =>
    (await desk.clerk.request('GET', `${base()}/applications/${id}`)).json<Detail>();
  const event = (id: string, body: Record<string, unknown>) =>
    desk.clerk.request('POST', `${base()}/applications/${id}/events`, body);

  interface Followed {
    id: string;
    visitor: TestClient;
    /** Follows the case again: the follow cookie lasts two hours, the test moves by days. */
    follow: () => Promise<void>;
  }

  /** A case registered on 03-02 whose correction period ends 03-06, followed by a visitor. */
  async function lateCase(): Promise<Followed> {
    await setToday('2026-03-02');
    const r = await desk.clerk.request('POST', `${base()}/applications`, {
      ...personApplication(),
      channel: 'in_person',
      receivedOn: '2026-03-02',
    });
    expect(r.statusCode, r.body).toBe(201);
    const { application, queryCode } = r.json<{
      application: { id: string; number: string };
      queryCode: string;
    }>();
    const asked = await event(application.id, {
      type: 'correction_requested',
      date: '2026-03-02',
      correctBy: '2026-03-06',
      note: '请写明项目名称。',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    await setToday('2026-03-10');
    const visitor = new TestClient(desk.app);
    const follow = async () => {
      const form = (await visitor.request('GET', '/portal/follow')).body;
      const followed = await visitor.request(
        'POST',
        '/portal/follow',
        encode({ _csrf: hidden(form, '_csrf'), number: application.number, code: queryCode }),
        FORM,
      );
      expect(followed.statusCode).toBe(303);
    };
    await follow();
    return { id: application.id, visitor, follow };
  }

  async function submitLate(visitor: TestClient) {
    const page = (await visitor.request('GET', '/portal/follow/case')).body;
    // The applicant is not asked to certify 正当理由: only to explain, for the agency to judge.
    expect(page).not.toContain('name="lateReason"');
    expect(page).toContain('name="explanation"');
    expect(page).toContain('由本机关审查');
    const sent = await visitor.request(
      'POST',
      '/portal/follow/case/correction',
      encode({
        _csrf: hidden(page, '_csrf'),
        text: '示范市2025年重点研发计划项目资金分配结果',
        explanation: '住院治疗，未能按期补正',
      }),
      FORM,
    );
    expect(sent.statusCode).toBe(303);
    return sent.headers.location as string;
  }

  describe('accepted by the clerk', () => {
    let id: string;
    let visitor: TestClient;
    let follow: () => Promise<void>;

    it('is recorded as submitted late; the applicant sees it is under consideration', async () => {
      ({ id, visitor, follow } = await lateCase());
      const location = await submitLate(visitor);
      const page = (await visitor.request('GET', location)).body;
      expect(page).toContain('本机关将审查是否接受');
      expect(page).toContain('已超过补正期限');
      expect(page).toContain('本机关正在审查是否接受');
      expect(page).toContain('逾期补正待审查');
      expect(page).not.toContain('需要您补正申请');
      // A second submission while it is considered is refused, with the reason.
      const token = hidden((await visitor.request('GET', '/portal/follow')).body, '_csrf');
      await follow();
      const again = await visitor.request(
        'POST',
        '/portal/follow/case/correction',
        encode({ _csrf: token, text: '再交一次' }),
        FORM,
      );
      expect(again.statusCode).toBe(409);

      const d = await detail(id);
      expect(d.status).toBe('correction_review');
      expect(d.due.dueOn).toBeNull();
      expect(d.correction!.lateSubmission).toMatchObject({
        on: '2026-03-10',
        text: '示范市2025年重点研发计划项目资金分配结果',
      });
      const accept = d.actions.find((a) => a.action === 'correction_received')!;
      const reject = d.actions.find((a) => a.action === 'correction_lapsed')!;
      expect(accept).toMatchObject({ allowed: true, label: '接受逾期补正' });
      expect(reject).toMatchObject({ allowed: true, label: '不接受逾期补正' });
      const notes = (await desk.clerk.request('GET', '/api/v1/notifications')).json<{
        notifications: { kind: string; applicationId: string; message: string }[];
      }>().notifications;
      expect(notes).toContainEqual(
        expect.objectContaining({
          kind: 'applicant_correction',
          applicationId: id,
          message: expect.stringContaining('逾期'),
        }),
      );
    });

    it('the clerk accepts it with the agency’s reason; the clock runs from the day it arrived', async () => {
      await setToday('2026-03-12');
      const noReason = await event(id, { type: 'correction_received', date: '2026-03-12' });
      expect(noReason.statusCode).toBe(409);
      const r = await event(id, {
        type: 'correction_received',
        date: '2026-03-12',
        lateReason: '申请人住院，有住院证明，属于正当理由',
      });
      expect(r.statusCode, r.body).toBe(200);
      const d = r.json<Detail>();
      expect(d.status).toBe('processing');
      // From 03-10: 03-11…13 1–3, 16…20 4–8, 23…27 9–13, 03-30…04-03 14–18, [清明], 04-07 19,
      // 04-08 20.
      expect(d.due.dueOn).toBe('2026-04-08');
      expect(d.due.rule.join('\n')).toContain('收到补正后的申请之日：2026-03-10');
      await follow();
      const page = (await visitor.request('GET', '/portal/follow/case')).body;
      expect(page).toContain('办理中');
      expect(page).toContain('最迟于2026年4月8日（含当日）');
    });
  });

  describe('not accepted by the clerk', () => {
    it('ends the case as other.no_correction with its letter, after the clerk says why', async () => {
      const { id, visitor, follow } = await lateCase();
      await submitLate(visitor);
      await setToday('2026-03-12');
      const bare = await event(id, { type: 'correction_lapsed', date: '2026-03-12' });
      expect(bare.statusCode).toBe(400);
      const r = await event(id, {
        type: 'correction_lapsed',
        date: '2026-03-12',
        note: '申请人所述理由不属于正当理由。',
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json<Detail>()).toMatchObject({ status: 'closed', outcome: 'other.no_correction' });
      expect(r.json<Detail>().letters.map((l) => l.kind)).toContain('lapse');
      await follow();
      const page = (await visitor.request('GET', '/portal/follow/case')).body;
      expect(page).toContain('已办结');
      expect(page).toContain('政府信息公开申请不再处理告知书');
    });
  });
});
