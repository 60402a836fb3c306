/**
 * The workspace's list of cases by urgency and the reminders: nothing that needs attention drops
 * out of it.
 */
import { describe, expect, it } from 'vitest';
import { clerkDesk } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Urgent-pass-2026';

interface Summary {
  id: string;
  number: string;
  deadline: { kind: string; on: string } | null;
  dueOn: string | null;
  urgency: string | null;
  urgencyNote: string | null;
  workingDaysLeft: number | null;
}
interface List {
  applications: Summary[];
  counts: Record<string, number>;
  problems: { id: string; message: string }[];
}

describeEachStore('applications: the urgency list', (getStore) => {
  const desk = clerkDesk(getStore, PASSWORD);
  const { base, setToday, register } = desk;
  const list = async (query = '') =>
    (await desk.clerk.request('GET', `${base()}/applications${query}`)).json<List>();
  const notifications = async () =>
    (await desk.clerk.request('GET', '/api/v1/notifications')).json<{
      notifications: { kind: string; applicationId: string | null; message: string }[];
    }>().notifications;

  describe('at year end, without next year’s holiday schedule', () => {
    it('an overdue case stays in the list as overdue, with a reminder', async () => {
      await setToday('2026-11-19');
      // Thursday 11-19: 20 working days from the next day → 2026-12-17.
      const id = await register('2026-11-19');
      // 2027 is not shipped: from 12-25 on, a working-day count needs it.
      await setToday('2026-12-28');
      const all = await list();
      const entry = all.applications.find((a) => a.id === id)!;
      expect(entry).toMatchObject({ dueOn: '2026-12-17', urgency: 'overdue' });
      // The days from 25 December are counted from the holiday law while 2027's notice is
      // missing (暂定): 12-18, 21–25, 28 → 7 working days overdue; nothing left uncounted.
      expect(entry).toMatchObject({ workingDaysLeft: -7, urgencyNote: null });
      expect(all.counts.overdue).toBeGreaterThanOrEqual(1);
      expect(all.problems.map((p) => p.id)).not.toContain(id);
      const overdue = await list('?urgency=overdue');
      expect(overdue.applications.map((a) => a.id)).toContain(id);
      expect(await notifications()).toContainEqual(
        expect.objectContaining({ kind: 'overdue', applicationId: id }),
      );
    });
  });

  describe('periods the applicant must keep', () => {
    const event = async (id: string, body: Record<string, unknown>) => {
      const r = await desk.clerk.request('POST', `${base()}/applications/${id}/events`, body);
      expect(r.statusCode, r.body).toBe(200);
    };
    const ids: Record<string, string> = {};

    it('lists an expired or expiring correction or payment period, with filters and counts', async () => {
      await setToday('2026-05-06');
      for (const name of ['correctionExpired', 'correctionExpiring', 'feeExpired', 'feeExpiring']) {
        ids[name] = await register('2026-05-06');
      }
      await event(ids.correctionExpired!, {
        type: 'correction_requested',
        date: '2026-05-06',
        correctBy: '2026-05-15',
        note: '请写明文号。',
      });
      await event(ids.correctionExpiring!, {
        type: 'correction_requested',
        date: '2026-05-06',
        correctBy: '2026-06-08',
        note: '请写明文号。',
      });
      // Delivered 05-06: 20 working days from 05-07 → 06-03. Delivered 05-08 → 06-05.
      await event(ids.feeExpired!, {
        type: 'fee_notice_issued',
        date: '2026-05-06',
        method: 'pages',
        quantity: 101,
        deliveredOn: '2026-05-06',
      });
      await setToday('2026-05-08');
      await event(ids.feeExpiring!, {
        type: 'fee_notice_issued',
        date: '2026-05-08',
        method: 'pages',
        quantity: 101,
        deliveredOn: '2026-05-08',
      });

      await setToday('2026-06-04');
      const all = await list();
      const urgencyOf = (id: string) => all.applications.find((a) => a.id === id)?.urgency;
      expect(urgencyOf(ids.correctionExpired!)).toBe('correction_expired');
      expect(urgencyOf(ids.correctionExpiring!)).toBe('correction_expiring');
      expect(urgencyOf(ids.feeExpired!)).toBe('fee_expired');
      expect(urgencyOf(ids.feeExpiring!)).toBe('fee_expiring');
      expect(all.counts).toMatchObject({
        correction_expired: 1,
        correction_expiring: 1,
        fee_expired: 1,
        fee_expiring: 1,
      });
      const expired = all.applications.find((a) => a.id === ids.correctionExpired)!;
      expect(expired).toMatchObject({ deadline: { kind: 'correction', on: '2026-05-15' } });
      expect((await list('?urgency=correction_expired')).applications.map((a) => a.id)).toEqual([
        ids.correctionExpired,
      ]);
      expect((await list('?urgency=fee_expired')).applications.map((a) => a.id)).toEqual([
        ids.feeExpired,
      ]);
    });

    it('reminds the clerk of each, once', async () => {
      const notes = await notifications();
      for (const [name, kind] of [
        ['correctionExpired', 'correction_expired'],
        ['correctionExpiring', 'correction_expiring'],
        ['feeExpired', 'fee_expired'],
        ['feeExpiring', 'fee_expiring'],
      ] as const) {
        expect(notes.filter((n) => n.applicationId === ids[name] && n.kind === kind)).toHaveLength(
          1,
        );
      }
      expect(notes.find((n) => n.applicationId === ids.correctionExpired)!.message).toContain(
        '补正期限',
      );
      expect(notes.find((n) => n.applicationId === ids.feeExpired)!.message).toContain('缴费期限');
      expect(notes.find((n) => n.applicationId === ids.correctionExpiring)!.message).toContain(
        '最迟于2026年6月8日（含当日）',
      );
      // Reading the notifications again sends nothing new.
      expect((await notifications()).length).toBe(notes.length);
    });
  });
});
