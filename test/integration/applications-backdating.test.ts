/**
 * Backdating. A step that produces a letter, or any decision of the agency, is dated the day it
 * is recorded: a correction request or a fee notice dated last week would start the applicant's
 * period before they could have had the letter. What others did — the applicant's correction,
 * payment or withdrawal, a delivery, a consulted party's answer — may be recorded later with
 * the day it happened, with a note saying so; the timeline marks every such entry.
 */
import { describe, expect, it } from 'vitest';
import { clerkDesk } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Backdate-pass-2026';

interface Detail {
  status: string;
  events: { type: string; date: string; backdated: boolean; recordedOn: string }[];
}
interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

describeEachStore('applications: backdating', (getStore) => {
  const desk = clerkDesk(getStore, PASSWORD);
  const { base, setToday } = desk;
  const register = (receivedOn: string) =>
    desk.register(receivedOn, { channel: 'registered_mail' });
  const event = (id: string, body: Record<string, unknown>) =>
    desk.clerk.request('POST', `${base()}/applications/${id}/events`, body);

  describe('letters and the agency’s decisions carry the day they are recorded', () => {
    let id: string;

    it('registration may be backdated (the day of receipt, 条例第三十一条) and is marked', async () => {
      await setToday('2026-03-04');
      id = await register('2026-03-02');
      const d = (await desk.clerk.request('GET', `${base()}/applications/${id}`)).json<Detail>();
      expect(d.events[0]).toMatchObject({
        type: 'received',
        date: '2026-03-02',
        backdated: true,
        recordedOn: '2026-03-04',
      });
    });

    it.each([
      [
        'a correction request',
        { type: 'correction_requested', correctBy: '2026-03-20', note: '请写明文号。' },
      ],
      [
        'a fee notice',
        { type: 'fee_notice_issued', method: 'pages', quantity: 101, deliveredOn: '2026-03-03' },
      ],
      ['a consultation', { type: 'consultation_started', party: 'third_party', note: '征求' }],
    ])('%s dated before today is refused with the reason', async (_what, body) => {
      const r = await event(id, { ...body, date: '2026-03-03' });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json<ErrorBody>().error).toMatchObject({ field: 'date' });
      expect(r.json<ErrorBody>().error.message).toContain('只能以记录的当天');
      expect(r.json<ErrorBody>().error.message).toContain('2026-03-04');
    });

    it('the same step dated today is recorded and not marked', async () => {
      const r = await event(id, {
        type: 'correction_requested',
        date: '2026-03-04',
        correctBy: '2026-03-20',
        note: '请写明文号。',
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json<Detail>().events.at(-1)).toMatchObject({
        type: 'correction_requested',
        backdated: false,
      });
    });

    it('a lapse is the agency’s finding: dated the day it is recorded', async () => {
      await setToday('2026-03-25');
      const r = await event(id, { type: 'correction_lapsed', date: '2026-03-23', note: '补记' });
      expect(r.statusCode).toBe(400);
      expect(r.json<ErrorBody>().error.field).toBe('date');
    });
  });

  describe('what the applicant did may be recorded later, with a note', () => {
    it('a correction that arrived by post last week: the note is required, the entry marked', async () => {
      await setToday('2026-04-01');
      const id = await register('2026-04-01');
      await event(id, {
        type: 'correction_requested',
        date: '2026-04-01',
        correctBy: '2026-04-20',
        note: '请写明文号。',
      });
      await setToday('2026-04-10');
      const bare = await event(id, { type: 'correction_received', date: '2026-04-08' });
      expect(bare.statusCode).toBe(400);
      expect(bare.json<ErrorBody>().error.field).toBe('note');
      expect(bare.json<ErrorBody>().error.message).toContain('补记');
      const noted = await event(id, {
        type: 'correction_received',
        date: '2026-04-08',
        note: '4月8日邮寄签收，今日补记。',
      });
      expect(noted.statusCode, noted.body).toBe(200);
      expect(noted.json<Detail>().events.at(-1)).toMatchObject({
        type: 'correction_received',
        date: '2026-04-08',
        backdated: true,
        recordedOn: '2026-04-10',
      });
    });

    it('a payment made before it was recorded', async () => {
      await setToday('2026-05-06');
      const id = await register('2026-05-06');
      await event(id, {
        type: 'fee_notice_issued',
        date: '2026-05-06',
        method: 'pages',
        quantity: 101,
        deliveredOn: '2026-05-06',
      });
      await setToday('2026-05-12');
      const paid = await event(id, {
        type: 'fee_paid',
        date: '2026-05-08',
        note: '5月8日到账，财政票据今日送达。',
      });
      expect(paid.statusCode, paid.body).toBe(200);
      expect(paid.json<Detail>().events.at(-1)).toMatchObject({ backdated: true });
    });
  });
});
