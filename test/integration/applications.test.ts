import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import {
  agencyIdByName,
  citizenId,
  CREDIT_CODE,
  makeClerk,
  makeReviewer,
  personApplication,
} from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

interface Summary {
  id: string;
  number: string;
  status: string;
  dueOn: string | null;
  urgency: string | null;
  idNumberMasked: string;
}
interface Detail extends Summary {
  due: { dueOn: string | null; rule: string[]; error: string | null };
  events: { type: string; date: string; note: string | null; actor: string }[];
  actions: { action: string; allowed: boolean; reason: string | null }[];
  letters: { id: string; kind: string; title: string }[];
  fees: { status: string; amountFen: number; method: string; priorItems: number }[];
  outcome: string | null;
  canReveal: boolean;
}
interface ErrorBody {
  error: { code: string; message: string; field?: string; reason?: string };
}

const PASSWORD = 'Apply-pass-2026';

describeEachStore(
  'applications: registration, the clock, events, approvals, letters',
  (getStore) => {
    let app: FastifyInstance;
    let ctx: ServiceContext;
    let clerk: TestClient;
    let otherClerk: TestClient;
    let reviewer: TestClient;
    let agencyId: string;
    const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));
    const base = () => `/api/v1/agencies/${agencyId}`;
    /** Moves the clock; sessions would have expired over days, so everyone signs in again. */
    const setToday = async (date: string) => {
      clock.set(new Date(`${date}T02:00:00Z`));
      await clerk.loginReady('wang', PASSWORD);
      await otherClerk.loginReady('zhao', PASSWORD);
      await reviewer.loginReady('chen', PASSWORD);
    };

    beforeAll(async () => {
      ctx = testContext(getStore().store, clock);
      await bootstrapDemo(ctx);
      agencyId = await agencyIdByName(ctx, '示范市科学技术局');
      await makeClerk(ctx, agencyId, 'wang', PASSWORD, '王经办');
      await makeClerk(ctx, agencyId, 'zhao', PASSWORD, '赵经办');
      await makeReviewer(ctx, agencyId, 'chen', PASSWORD, 'section_head');
      app = await testApp(ctx);
      clerk = new TestClient(app);
      await clerk.loginReady('wang', PASSWORD);
      otherClerk = new TestClient(app);
      await otherClerk.loginReady('zhao', PASSWORD);
      reviewer = new TestClient(app);
      await reviewer.loginReady('chen', PASSWORD);
    });
    afterAll(async () => app?.close());

    const register = (body: Record<string, unknown>) =>
      clerk.request('POST', `${base()}/applications`, {
        channel: 'registered_mail',
        receivedOn: '2026-03-02',
        ...body,
      });
    const detail = async (id: string) =>
      (await clerk.request('GET', `${base()}/applications/${id}`)).json<Detail>();
    const event = (id: string, body: Record<string, unknown>, client = clerk) =>
      client.request('POST', `${base()}/applications/${id}/events`, body);
    const auditActions = async (id: string) =>
      (
        await ctx.store.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity_id', '=', id)
          .orderBy('seq')
          .execute()
      ).map((r) => r.action);

    let caseId: string;

    it('refuses an application without a description or with a malformed ID, naming the field', async () => {
      const missing = await register(personApplication({ description: '  ' }));
      expect(missing.statusCode).toBe(400);
      expect(missing.json<ErrorBody>().error.field).toBe('description');
      const badId = await register(personApplication({ idNumber: '110105198001011230' }));
      expect(badId.statusCode).toBe(400);
      expect(badId.json<ErrorBody>().error).toMatchObject({ field: 'idNumber' });
      expect(badId.json<ErrorBody>().error.message).toContain('校验码');
      const badCode = await register(
        personApplication({
          applicantType: 'organisation',
          organisationKind: 'commercial',
          idNumber: '91350100M000100Y44',
          legalRepresentative: '周法人',
        }),
      );
      expect(badCode.statusCode).toBe(400);
      expect(badCode.json<ErrorBody>().error.field).toBe('idNumber');
      const future = await register(personApplication({ receivedOn: '2026-03-03' }));
      expect(future.json<ErrorBody>().error.field).toBe('receivedOn');
    });

    it('registers a letter with its received date, masked ID and a query code; a double submit returns the same application', async () => {
      const body = personApplication({ idempotencyKey: 'form-1' });
      const first = await register(body);
      expect(first.statusCode).toBe(201);
      const created = first.json<{ application: Summary; queryCode: string; duplicate: boolean }>();
      expect(created.application.number).toBe('2026-00001');
      expect(created.queryCode).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
      expect(created.application.idNumberMasked).toBe(
        '110105********123' + body.idNumber.slice(-1),
      );
      caseId = created.application.id;

      const again = await register(body);
      expect(again.statusCode).toBe(200);
      expect(again.json<typeof created>()).toMatchObject({
        duplicate: true,
        queryCode: created.queryCode,
        application: { id: caseId, number: '2026-00001' },
      });
      const changed = await register({ ...body, description: '别的信息' });
      expect(changed.statusCode).toBe(409);
      expect(changed.json<ErrorBody>().error.code).toBe('duplicate_submission');
      const count = await ctx.store.db
        .selectFrom('application')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);

      // Stored encrypted: the ID number and phone do not appear in clear anywhere in the row.
      const row = await ctx.store.db
        .selectFrom('application')
        .selectAll()
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(body.idNumber);
      expect(JSON.stringify(row)).not.toContain('13812345678');
    });

    it('derives the due date from the events: 20 working days, the rule shown', async () => {
      const d = await detail(caseId);
      // 2026-03-02 (Monday): 20 working days from the next day, no holiday in March.
      expect(d.due.dueOn).toBe('2026-03-30');
      expect(d.due.rule.join('\n')).toContain('条例第三十三条');
      expect(d.due.rule.join('\n')).toContain('签收之日');
      expect(d.status).toBe('processing');
      expect(d.canReveal).toBe(true);
    });

    it('sends a correction request with its letter; the reply clock stops; illegal steps are 409 with the reason', async () => {
      const missingNote = await event(caseId, {
        type: 'correction_requested',
        date: '2026-03-02',
        correctBy: '2026-03-16',
      });
      expect(missingNote.statusCode).toBe(400);
      expect(missingNote.json<ErrorBody>().error.field).toBe('note');

      const r = await event(caseId, {
        type: 'correction_requested',
        date: '2026-03-02',
        correctBy: '2026-03-16',
        note: '请写明所需项目的名称或文号。',
      });
      expect(r.statusCode).toBe(200);
      const d = r.json<Detail>();
      expect(d.status).toBe('awaiting_correction');
      expect(d.due.dueOn).toBeNull();
      expect(d.letters.map((l) => l.kind)).toEqual(['correction']);
      expect(d.actions.find((a) => a.action === 'reply_request')!.allowed).toBe(false);

      const again = await event(caseId, {
        type: 'correction_requested',
        date: '2026-03-02',
        correctBy: '2026-03-20',
        note: '再补',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json<ErrorBody>().error).toMatchObject({
        code: 'invalid_transition',
        reason: 'correction_already_requested',
      });
      const reply = await clerk.request('POST', `${base()}/applications/${caseId}/approvals`, {
        kind: 'reply',
        outcome: 'disclosed',
        legalBasis: '条例第三十六条第（二）项',
      });
      expect(reply.statusCode).toBe(409);
      expect(reply.json<ErrorBody>().error.reason).toBe('awaiting_correction');
      const lapse = await event(caseId, { type: 'correction_lapsed', date: '2026-03-02' });
      expect(lapse.statusCode).toBe(409);
      expect(lapse.json<ErrorBody>().error.reason).toBe('correction_period_running');

      const doc = await clerk.request(
        'GET',
        `${base()}/applications/${caseId}/letters/${d.letters[0]!.id}/document.docx`,
      );
      expect(doc.statusCode).toBe(200);
      const text = (await mammoth.extractRawText({ buffer: doc.rawPayload })).value;
      expect(text).toContain('政府信息公开申请补正告知书');
      expect(text).toContain('请写明所需项目的名称或文号');
      expect(text).toContain('2026年3月16日');
      expect(text).toContain('示范市科学技术局');
    });

    it('restarts the clock from the corrected application (条例第三十条)', async () => {
      await setToday('2026-03-05');
      const r = await event(caseId, { type: 'correction_received', date: '2026-03-05' });
      expect(r.statusCode).toBe(200);
      const d = r.json<Detail>();
      expect(d.status).toBe('processing');
      // From 2026-03-05 (Thursday): 20 working days → 2026-04-02.
      expect(d.due.dueOn).toBe('2026-04-02');
      expect(d.due.rule.join('\n')).toContain('收到补正后的申请之日：2026-03-05');
    });

    it('runs an extension through the review chain: a clerk cannot approve, the section head can; ≤ 20 working days', async () => {
      const tooLong = await clerk.request('POST', `${base()}/applications/${caseId}/approvals`, {
        kind: 'extension',
        workingDays: 21,
        reason: '需要检索档案',
      });
      expect(tooLong.statusCode).toBe(409);
      const asked = await clerk.request('POST', `${base()}/applications/${caseId}/approvals`, {
        kind: 'extension',
        workingDays: 10,
        reason: '需要检索多年档案',
      });
      expect(asked.statusCode).toBe(200);
      expect((await detail(caseId)).due.dueOn).toBe('2026-04-02');
      const inbox = await reviewer.request('GET', `${base()}/approvals`);
      const approvals = inbox.json<{
        approvals: { id: string; canDecide: boolean; summary: string }[];
      }>().approvals;
      expect(approvals).toHaveLength(1);
      expect(approvals[0]!.canDecide).toBe(true);
      const byClerk = await clerk.request(
        'POST',
        `${base()}/approvals/${approvals[0]!.id}/decision`,
        { decision: 'approve' },
      );
      expect(byClerk.statusCode).toBe(403);
      const approved = await reviewer.request(
        'POST',
        `${base()}/approvals/${approvals[0]!.id}/decision`,
        { decision: 'approve', comment: '同意' },
      );
      expect(approved.statusCode).toBe(200);
      const d = await detail(caseId);
      // 2026-04-02 + 10 working days, across 清明节 (04-04–04-06): 04-03, 07–10, 13–17 → 04-17.
      expect(d.due.dueOn).toBe('2026-04-17');
      expect(d.letters.map((l) => l.kind)).toEqual(['correction', 'extension']);
      const second = await clerk.request('POST', `${base()}/applications/${caseId}/approvals`, {
        kind: 'extension',
        workingDays: 5,
        reason: '还要',
      });
      expect(second.statusCode).toBe(409);
      expect(second.json<ErrorBody>().error.reason).toBe('extension_already_approved');
    });

    it('shows the identity only to the assigned clerk, and audits each reveal', async () => {
      const other = await otherClerk.request('POST', `${base()}/applications/${caseId}/reveal`);
      expect(other.statusCode).toBe(403);
      const otherView = await otherClerk.request('GET', `${base()}/applications/${caseId}`);
      expect(otherView.json<Detail>().canReveal).toBe(false);
      expect(otherView.body).not.toContain(citizenId('11010519800101123'));
      const mine = await clerk.request('POST', `${base()}/applications/${caseId}/reveal`);
      expect(mine.statusCode).toBe(200);
      expect(mine.json()).toMatchObject({
        idNumber: citizenId('11010519800101123'),
        phone: '13812345678',
        email: 'li@example.com',
      });
      expect(await auditActions(caseId)).toContain('application.reveal_identity');
    });

    it('replies 部分公开 with its legal basis, generates the letter, records delivery and closes', async () => {
      await setToday('2026-03-20');
      const noBasis = await clerk.request('POST', `${base()}/applications/${caseId}/approvals`, {
        kind: 'reply',
        outcome: 'partially_disclosed',
        legalBasis: ' ',
      });
      expect(noBasis.statusCode).toBe(400);
      expect(noBasis.json<ErrorBody>().error.field).toBe('legalBasis');
      const lapseOutcome = await clerk.request(
        'POST',
        `${base()}/applications/${caseId}/approvals`,
        {
          kind: 'reply',
          outcome: 'other.no_correction',
          legalBasis: '条例第三十条',
        },
      );
      expect(lapseOutcome.statusCode).toBe(409);
      // A reply that withholds anything goes through the default chain: one level.
      const asked = await clerk.request('POST', `${base()}/applications/${caseId}/approvals`, {
        kind: 'reply',
        outcome: 'partially_disclosed',
        legalBasis: '《中华人民共和国政府信息公开条例》第三十七条',
        details: '现提供项目名单；评审专家个人信息属于个人隐私，不予公开。',
      });
      expect(asked.statusCode, asked.body).toBe(200);
      expect(asked.json<Detail>().status).toBe('processing');
      const [pending] = (await reviewer.request('GET', `${base()}/approvals?scope=inbox`)).json<{
        approvals: { id: string; kind: string }[];
      }>().approvals;
      expect(pending!.kind).toBe('application.reply_withholding');
      const approved = await reviewer.request(
        'POST',
        `${base()}/approvals/${pending!.id}/decision`,
        {
          decision: 'approve',
        },
      );
      expect(approved.json(), approved.body).toMatchObject({ status: 'approved' });
      const r = await clerk.request('GET', `${base()}/applications/${caseId}`);
      const d = r.json<Detail>();
      expect(d.status).toBe('replied');
      expect(d.outcome).toBe('partially_disclosed');
      const letter = d.letters.find((l) => l.kind === 'reply')!;
      expect(letter.title).toBe('政府信息公开申请答复告知书');
      const docx = await clerk.request(
        'GET',
        `${base()}/applications/${caseId}/letters/${letter.id}/document.docx`,
      );
      const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
      expect(text).toContain('第三十七条');
      expect(text).toContain('评审专家个人信息属于个人隐私');
      expect(text).toContain('六十日内向示范市人民政府申请行政复议');
      expect(text).toContain('六个月内');
      expect(text).toContain('（机关印章）');

      const closeEarly = await event(caseId, { type: 'closed', date: '2026-03-20' });
      expect(closeEarly.statusCode).toBe(409);
      expect(closeEarly.json<ErrorBody>().error.reason).toBe('not_delivered');
      expect(
        (await event(caseId, { type: 'delivered', date: '2026-03-20', note: '电子邮件送达' }))
          .statusCode,
      ).toBe(200);
      const closed = await event(caseId, { type: 'closed', date: '2026-03-20' });
      expect(closed.json<Detail>().status).toBe('closed');
      const after = await event(caseId, { type: 'withdrawn', date: '2026-03-20' });
      expect(after.statusCode).toBe(409);
      expect(after.json<ErrorBody>().error.reason).toBe('case_closed');
    });

    it('keeps the event list append-only in the database itself', async () => {
      await expect(
        ctx.store.db.updateTable('application_event').set({ note: '改动' }).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(ctx.store.db.deleteFrom('application_event').execute()).rejects.toThrow(
        /append-only/,
      );
    });

    it('writes an audit record for every change of the case', async () => {
      expect(await auditActions(caseId)).toEqual([
        'application.register',
        'application.event.correction_requested',
        'application.event.correction_received',
        'application.approval_submit',
        'application.event.extension_approved',
        'application.approval_approve',
        'application.reveal_identity',
        'application.approval_submit',
        'application.event.replied',
        'application.approval_approve',
        'application.event.delivered',
        'application.event.closed',
      ]);
    });

    describe('illegal transitions', () => {
      let id: string;
      beforeAll(async () => {
        await setToday('2026-03-23');
        const r = await register(personApplication({ receivedOn: '2026-03-23', name: '孙申请' }));
        id = r.json<{ application: Summary }>().application.id;
      });

      it.each([
        [{ type: 'correction_received', date: '2026-03-23' }, 'no_correction_pending'],
        [{ type: 'correction_lapsed', date: '2026-03-23' }, 'no_correction_pending'],
        [{ type: 'fee_paid', date: '2026-03-23' }, 'no_fee_pending'],
        [{ type: 'fee_lapsed', date: '2026-03-23' }, 'no_fee_pending'],
        [
          { type: 'consultation_answered', date: '2026-03-23', consultationId: 'C9' },
          'no_open_consultation',
        ],
        [{ type: 'delivered', date: '2026-03-23' }, 'not_replied'],
        [{ type: 'closed', date: '2026-03-23' }, 'not_delivered'],
      ])('%j → 409 %s', async (body, reason) => {
        const r = await event(id, body);
        expect(r.statusCode).toBe(409);
        expect(r.json<ErrorBody>().error).toMatchObject({ code: 'invalid_transition', reason });
        expect(r.json<ErrorBody>().error.message).toMatch(/[\u4e00-\u9fff]/);
      });

      it('refuses a correction request after 7 working days and a date before the last step', async () => {
        await setToday('2026-04-08');
        const late = await event(id, {
          type: 'correction_requested',
          date: '2026-04-08',
          correctBy: '2026-04-20',
          note: '补正',
        });
        expect(late.statusCode).toBe(409);
        expect(late.json<ErrorBody>().error.reason).toBe('correction_too_late');
        const backwards = await event(id, { type: 'withdrawn', date: '2026-03-20' });
        expect(backwards.statusCode).toBe(409);
        expect(backwards.json<ErrorBody>().error.reason).toBe('date_before_previous');
        const future = await event(id, { type: 'withdrawn', date: '2026-04-09' });
        expect(future.statusCode).toBe(400);
      });

      it('lists the case as overdue once its due date has passed', async () => {
        await setToday('2026-04-22');
        const list = await clerk.request('GET', `${base()}/applications?urgency=overdue`);
        const body = list.json<{ applications: Summary[]; counts: Record<string, number> }>();
        expect(body.applications.map((a) => a.id)).toEqual([id]);
        expect(body.counts.overdue).toBe(1);
        const notes = await clerk.request('GET', '/api/v1/notifications');
        expect(
          notes.json<{ notifications: { kind: string; applicationId: string }[] }>().notifications,
        ).toContainEqual(expect.objectContaining({ kind: 'overdue', applicationId: id }));
      });
    });

    describe('fees', () => {
      it('charges by volume, records payment, and ends the case as other.fee_unpaid on lapse', async () => {
        await setToday('2026-05-06');
        const org = await register(
          personApplication({
            applicantType: 'organisation',
            organisationKind: 'research',
            name: '示范科学研究院',
            idNumber: CREDIT_CODE,
            legalRepresentative: '钱院长',
            receivedOn: '2026-05-06',
          }),
        );
        expect(org.statusCode).toBe(201);
        const id = org.json<{ application: Summary }>().application.id;
        const quote = await clerk.request(
          'GET',
          `${base()}/applications/${id}/fee-quote?method=pages&quantity=101`,
        );
        expect(quote.json<{ fee: { totalFen: number } }>().fee.totalFen).toBe(72_000);
        const free = await event(id, {
          type: 'fee_notice_issued',
          date: '2026-05-06',
          method: 'pages',
          quantity: 30,
          deliveredOn: '2026-05-06',
        });
        expect(free.statusCode).toBe(400);
        const notice = await event(id, {
          type: 'fee_notice_issued',
          date: '2026-05-06',
          method: 'pages',
          quantity: 101,
          deliveredOn: '2026-05-07',
        });
        expect(notice.statusCode).toBe(200);
        const d = notice.json<Detail>();
        expect(d.status).toBe('awaiting_fee');
        expect(d.fees).toEqual([
          expect.objectContaining({ status: 'notified', amountFen: 72_000 }),
        ]);
        expect(d.letters.map((l) => l.kind)).toEqual(['fee']);
        const early = await event(id, { type: 'fee_lapsed', date: '2026-05-06' });
        expect(early.json<ErrorBody>().error.reason).toBe('fee_period_running');
        // 20 working days from the day after 05-07: 05-08 … 06-05.
        await setToday('2026-06-08');
        const lapsed = await event(id, { type: 'fee_lapsed', date: '2026-06-08' });
        expect(lapsed.statusCode).toBe(200);
        expect(lapsed.json<Detail>()).toMatchObject({
          status: 'closed',
          outcome: 'other.fee_unpaid',
          fees: [expect.objectContaining({ status: 'lapsed' })],
        });
      });

      it('counts items per applicant per calendar month', async () => {
        await setToday('2026-06-10');
        const ids: string[] = [];
        for (const day of ['2026-06-01', '2026-06-02']) {
          const r = await register(
            personApplication({
              name: '周申请',
              idNumber: citizenId('11010519900202333'),
              receivedOn: day,
            }),
          );
          ids.push(r.json<{ application: Summary }>().application.id);
        }
        const first = await event(ids[0]!, {
          type: 'fee_notice_issued',
          date: '2026-06-10',
          method: 'items',
          quantity: 12,
          deliveredOn: '2026-06-10',
        });
        expect(first.json<Detail>().fees[0]).toMatchObject({ amountFen: 20_000, priorItems: 0 });
        const quote = await clerk.request(
          'GET',
          `${base()}/applications/${ids[1]}/fee-quote?method=items&quantity=1`,
        );
        expect(quote.json()).toMatchObject({ priorItems: 12, fee: { totalFen: 10_000 } });
        const waived = await event(ids[1]!, {
          type: 'fee_waived',
          date: '2026-06-10',
          method: 'items',
          quantity: 1,
          waivedReason: '申请人为低保对象',
        });
        expect(waived.json<Detail>().fees[0]).toMatchObject({
          status: 'waived',
          amountFen: 10_000,
        });
        expect(await auditActions(ids[1]!)).toContain('application.fee_waived');
      });
    });

    it('exports the register as XLSX and CSV with masked ID numbers', async () => {
      const csv = await clerk.request('GET', `${base()}/application-register.csv?year=2026`);
      expect(csv.statusCode).toBe(200);
      expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const text = csv.rawPayload.toString('utf8');
      expect(text).toContain('2026-00001');
      expect(text).toContain('110105********123');
      expect(text).not.toContain(citizenId('11010519800101123'));
      expect(text).toContain('部分公开');
      const xlsx = await clerk.request('GET', `${base()}/application-register.xlsx?year=2026`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('申请登记台账')!;
      expect(sheet.getRow(1).getCell(1).value).toBe('申请编号');
      expect(sheet.getRow(2).getCell(1).value).toBe('2026-00001');
      expect(String(sheet.getRow(2).getCell(7).value)).toMatch(/^110105\*+/);
    });

    it('computes table 三 of the year from the records, and lists the cases of a cell', async () => {
      const r = await clerk.request('GET', `${base()}/application-statistics/2026`);
      const tables = r.json<{ applications: Record<string, Record<string, number>> }>()
        .applications;
      expect(tables.received!.total).toBe(5);
      expect(tables.partially_disclosed!.natural_person).toBe(1);
      expect(tables['other.fee_unpaid']!.research).toBe(1);
      expect(tables.carried_forward!.total).toBe(3);
      const cell = await clerk.request(
        'GET',
        `${base()}/application-statistics/2026/cell?table=applications&row=partially_disclosed&column=natural_person`,
      );
      expect(cell.json<{ cases: { number: string }[] }>().cases.map((c) => c.number)).toEqual([
        '2026-00001',
      ]);
    });
  },
);
