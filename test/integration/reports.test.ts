import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import mammoth from 'mammoth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { figurePaths, type ReportDraft } from '../../src/core/report/draft.js';
import { createUser } from '../../src/services/accounts.js';
import type { ServiceContext } from '../../src/services/context.js';
import {
  createReport,
  getReport,
  publishReport,
  saveDraft,
  startCorrection,
} from '../../src/services/reports.js';
import { registerApplication } from '../../src/services/applications/cases.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { agencyIdByName, makeClerk, personApplication, SYSTEM } from '../support/applications.js';
import { fillNarrative } from '../support/report-narrative.js';
import { describeEachStore, type TestStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

type Detail = {
  draft: ReportDraft | null;
  findings: { code: string; severity: string; message: string }[];
  versions: { version: number; correctionReason: string | null; publishedOn: string }[];
  report: { tables: { applications: Record<string, Record<string, number>> } };
};

/** The leaf figures of a report detail, as a draft edit wants them. */
function correctionFiguresOf(detail: Detail): unknown {
  const t = detail.report.tables as unknown as Record<
    string,
    Record<string, Record<string, number>>
  >;
  const strip = (
    table: Record<string, Record<string, number>>,
    drop: (row: string, col: string) => boolean,
  ) =>
    Object.fromEntries(
      Object.entries(table)
        .filter(([row]) => !drop(row, ''))
        .map(([row, cols]) => [
          row,
          Object.fromEntries(Object.entries(cols).filter(([col]) => !drop(row, col))),
        ]),
    );
  return {
    proactive: t.proactive,
    applications: strip(t.applications!, (row, col) => row === 'total' || col === 'total'),
    appeals: strip(t.appeals!, (_row, col) => col === 'total'),
  };
}

describeEachStore('annual report lifecycle', (getStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let clerk: TestClient;
  let reviewer: TestClient;
  let agencyId: string;
  const clock = new TestClock(new Date('2026-01-10T02:00:00Z'));
  const base = () => `/api/v1/agencies/${agencyId}/reports`;

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    const agency = await ctx.store.db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', '示范市科学技术局')
      .executeTakeFirstOrThrow();
    agencyId = agency.id;
    await createUser(
      ctx,
      { kind: 'system', label: '测试' },
      {
        username: 'zhang',
        displayName: '张经办',
        password: 'Report-pass-2026',
        grants: [{ role: 'clerk', agencyId }],
        mustChangePassword: false,
      },
    );
    await createUser(
      ctx,
      { kind: 'system', label: '测试' },
      {
        username: 'li-review',
        displayName: '李审核',
        password: 'Report-pass-2026',
        grants: [{ role: 'reviewer', agencyId, reviewLevel: 'section_head' }],
        mustChangePassword: false,
      },
    );
    app = await testApp(ctx);
    clerk = new TestClient(app);
    await clerk.loginReady('zhang', 'Report-pass-2026');
    reviewer = new TestClient(app);
    await reviewer.loginReady('li-review', 'Report-pass-2026');
  });

  /**
   * Publishing goes through the agency's review chain (one level by default): the clerk's
   * request publishes nothing until the reviewer approves it.
   */
  async function publishApproved(body: Record<string, unknown>) {
    const before = (await clerk.request('GET', `${base()}/2025`)).json<Detail>().versions.length;
    const asked = await clerk.request('POST', `${base()}/2025/publish`, body);
    expect(asked.statusCode, asked.body).toBe(200);
    const pending = asked.json<Detail & { approval: { id: string; status: string } | null }>();
    expect(pending.versions).toHaveLength(before);
    expect(pending.approval).toMatchObject({ status: 'pending' });
    const self = await clerk.request(
      'POST',
      `/api/v1/agencies/${agencyId}/approvals/${pending.approval!.id}/decision`,
      { decision: 'approve' },
    );
    expect(self.statusCode).toBe(403);
    const approved = await reviewer.request(
      'POST',
      `/api/v1/agencies/${agencyId}/approvals/${pending.approval!.id}/decision`,
      { decision: 'approve' },
    );
    expect(approved.json(), approved.body).toMatchObject({ status: 'approved' });
    return clerk.request('GET', `${base()}/2025`);
  }
  afterAll(async () => app?.close());

  it('creates a draft for a year with the official sections, the agency profile and zero tables', async () => {
    const r = await clerk.request('POST', base(), { year: 2025 });
    expect(r.statusCode).toBe(201);
    const detail = r.json<Detail>();
    expect(detail.draft!.sections.map((s) => s.number)).toEqual([
      '一',
      '二',
      '三',
      '四',
      '五',
      '六',
    ]);
    expect(detail.draft!.preamble).toContain('统计期限自2025年1月1日起至2025年12月31日止');
    expect(detail.draft!.preamble).toContain('0999-1234567');
    expect(detail.report.tables.applications.total!.total).toBe(0);
    const again = await clerk.request('POST', base(), { year: 2025 });
    expect(again.statusCode).toBe(409);
    const future = await clerk.request('POST', base(), { year: 2027 });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.field).toBe('year');
  });

  it('saves figures, computes every total, marks hand-typed figures and reports findings', async () => {
    const detail = (await clerk.request('GET', `${base()}/2025`)).json<Detail>();
    const draft = detail.draft!;
    draft.figures.applications.received.natural_person = 3;
    draft.figures.applications.received.commercial = 1;
    draft.figures.applications.disclosed.natural_person = 2;
    draft.figures.applications.partially_disclosed.commercial = 1;
    draft.figures.applications.carried_forward.natural_person = 1;
    for (const section of draft.sections)
      section.text = `${section.title}：本局按条例要求开展了工作。`;
    draft.sections[0]!.html =
      '<p>2025年，本局收到政府信息公开申请4件。<script>alert(1)</script></p><img src=x onerror=alert(1)>';
    const { figureSources: _ignored, ...edit } = draft;
    const saved = await clerk.request('PUT', `${base()}/2025/draft`, edit);
    expect(saved.statusCode).toBe(200);
    const after = saved.json<Detail>();
    expect(after.report.tables.applications.received!.total).toBe(4);
    expect(after.report.tables.applications.total!.natural_person).toBe(2);
    expect(after.report.tables.applications.total!.total).toBe(3);
    expect(after.draft!.figureSources['applications.received.natural_person']).toMatchObject({
      kind: 'manual',
      by: '张经办（zhang）',
    });
    expect(after.draft!.sections[0]!.html).toBe('<p>2025年，本局收到政府信息公开申请4件。</p>');
    expect(after.draft!.sections[0]!.text).toBe('2025年，本局收到政府信息公开申请4件。');
    expect(after.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('rejects bad figures naming the cell, and unknown cells', async () => {
    const detail = (await clerk.request('GET', `${base()}/2025`)).json<Detail>();
    const { figureSources: _ignored, ...edit } = detail.draft!;
    edit.figures.applications.received.research = 1.5;
    const fraction = await clerk.request('PUT', `${base()}/2025/draft`, edit);
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json().error.field).toBe('figures.applications.received.research');
    edit.figures.applications.received.research = 0;
    (edit.figures.applications as Record<string, unknown>).made_up = { natural_person: 1 };
    const unknown = await clerk.request('PUT', `${base()}/2025/draft`, edit);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('figures.applications.made_up');
  });

  it('refuses to publish a report whose tables do not reconcile', async () => {
    const detail = (await clerk.request('GET', `${base()}/2025`)).json<Detail>();
    const { figureSources: _ignored, ...edit } = detail.draft!;
    edit.figures.applications.received.natural_person = 9;
    await clerk.request('PUT', `${base()}/2025/draft`, edit);
    const r = await clerk.request('POST', `${base()}/2025/publish`, {});
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toMatch(/不能发布/);
    expect(r.json().error.findings.some((f: { code: string }) => f.code === 'balance')).toBe(true);
    edit.figures.applications.received.natural_person = 3;
    await clerk.request('PUT', `${base()}/2025/draft`, edit);
  });

  it('publishes; the published version is immutable; a correction is a new version with its reason and a diff', async () => {
    const published = await publishApproved({});
    expect(published.statusCode).toBe(200);
    const v1 = published.json<Detail>();
    expect(v1.draft).toBeNull();
    expect(v1.versions).toHaveLength(1);
    expect(v1.versions[0]!.publishedOn).toBe('2026-01-10');

    // A well-formed edit of a published report is refused by the lifecycle, not the schema.
    const published1 = v1.report as unknown as { sections: unknown[] };
    const edit = await clerk.request('PUT', `${base()}/2025/draft`, {
      title: 'x',
      preamble: '',
      sections: published1.sections,
      closing: '',
      figures: correctionFiguresOf(v1),
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('invalid_transition');
    const noDraft = await clerk.request('POST', `${base()}/2025/publish`, {});
    expect(noDraft.statusCode).toBe(409);

    const correction = await clerk.request('POST', `${base()}/2025/correction`);
    expect(correction.statusCode).toBe(200);
    const { figureSources: _ignored, ...draft } = correction.json<Detail>().draft!;
    draft.figures.proactive.normative_documents.in_force = 5;
    await clerk.request('PUT', `${base()}/2025/draft`, draft);
    const withoutReason = await clerk.request('POST', `${base()}/2025/publish`, {});
    expect(withoutReason.statusCode).toBe(400);
    expect(withoutReason.json().error.field).toBe('correctionReason');
    clock.advance(86_400_000);
    await clerk.loginReady('zhang', 'Report-pass-2026');
    await reviewer.loginReady('li-review', 'Report-pass-2026');
    const v2 = await publishApproved({ correctionReason: '现行有效规范性文件件数统计有误' });
    expect(v2.statusCode).toBe(200);
    expect(v2.json<Detail>().versions.map((v) => [v.version, v.publishedOn])).toEqual([
      [1, '2026-01-10'],
      [2, '2026-01-11'],
    ]);
    // The report keeps the date it was first published (条例第四十九条); a correction after
    // the deadline does not make it late.
    const corrected = v2.json<Detail & { report: { publishedOn: string } }>();
    expect(corrected.report.publishedOn).toBe('2026-01-10');
    // Every figure of a published version has a known origin.
    const v2draft = (
      await ctx.store.db
        .selectFrom('annual_report_version')
        .select('draft_json')
        .where('version', '=', 2)
        .executeTakeFirstOrThrow()
    ).draft_json;
    const sources = (JSON.parse(v2draft!) as ReportDraft).figureSources;
    expect(Object.keys(sources)).toHaveLength(figurePaths().length);
    expect(sources['proactive.normative_documents.in_force']).toMatchObject({
      kind: 'manual',
      by: '张经办（zhang）',
    });
    expect(
      sources['appeals.review.upheld']!.kind === 'manual' && sources['appeals.review.upheld']!.by,
    ).toMatch(/发布时确认/);

    const diff = await clerk.request('GET', `${base()}/2025/diff?from=1&to=2`);
    expect(diff.json().changes).toEqual([
      expect.objectContaining({
        kind: 'figure',
        path: 'proactive.normative_documents.in_force',
        before: 0,
        after: 5,
      }),
    ]);
    const v1json = await clerk.request('GET', `${base()}/2025/versions/1/document.json`);
    expect(JSON.parse(v1json.body).tables.proactive.normative_documents.in_force).toBe(0);
  });

  it('serves every text format and a DOCX holding the same figures; the portal lists both versions', async () => {
    for (const format of ['html', 'json', 'csv', 'txt'] as const) {
      const r = await clerk.request('GET', `${base()}/2025/versions/2/document.${format}`);
      expect(r.statusCode, format).toBe(200);
      expect(r.headers['content-disposition']).toContain(
        encodeURIComponent('示范市科学技术局2025年政府信息公开工作年度报告第2版'),
      );
    }
    const txt = await clerk.request('GET', `${base()}/2025/versions/2/document.txt`);
    expect(txt.body).toContain('一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4');
    const docx = await clerk.request('GET', `${base()}/2025/versions/2/document.docx`);
    const { value } = await mammoth.extractRawText({ buffer: docx.rawPayload });
    expect(value).toContain('行政规范性文件');

    const anonymous = new TestClient(app);
    const page = await anonymous.request('GET', `/portal/agencies/${agencyId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2025年度');
    expect(page.body).toContain('已更正（第2版，2026-01-11）');
    const report = await anonymous.request('GET', `/portal/agencies/${agencyId}/reports/2025`);
    expect(report.body).toContain('更正原因：现行有效规范性文件件数统计有误');
    expect(report.body).toContain('与第 1 版相比的更正（1 处）');
    const old = await anonymous.request('GET', `/portal/agencies/${agencyId}/reports/2025/v/1`);
    expect(old.body).toContain('已被第 2 版更正');
    const download = await anonymous.request(
      'GET',
      `/portal/agencies/${agencyId}/reports/2025/v/1/download.csv`,
    );
    expect(download.statusCode).toBe(200);
    const missing = await anonymous.request('GET', `/portal/agencies/${agencyId}/reports/2019`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('text/html');
    expect(missing.body).toContain('不存在');
  });
});

/** A fresh demo database on the given clock, and the id of its 示范市教育局. */
async function educationBureau(store: TestStore['store'], at: string) {
  const ctx = testContext(store, new TestClock(new Date(at)));
  await bootstrapDemo(ctx);
  return { ctx, id: await agencyIdByName(ctx, '示范市教育局') };
}

describeEachStore('documents when Chromium is missing', (getStore) => {
  it('answers a PDF download with 503 and a clear message, while other formats work', async () => {
    const { ctx, id } = await educationBureau(getStore().store, '2026-03-02T02:00:00Z');
    const system = SYSTEM;
    await createReport(ctx, system, id, 2025);
    await fillNarrative(ctx, system, id, 2025);
    await publishReport(ctx, system, id, 2025, {});
    const app = await testApp(ctx);
    const previous = process.env.GONGKAI_CHROMIUM;
    process.env.GONGKAI_CHROMIUM = '/nonexistent/chromium';
    try {
      const visitor = new TestClient(app);
      const pdf = await visitor.request(
        'GET',
        `/portal/agencies/${id}/reports/2025/v/1/download.pdf`,
      );
      expect(pdf.statusCode).toBe(503);
      expect(pdf.body).toContain('暂时无法生成 PDF');
      expect(pdf.body).toContain('GONGKAI_CHROMIUM');
      const html = await visitor.request(
        'GET',
        `/portal/agencies/${id}/reports/2025/v/1/download.html`,
      );
      expect(html.statusCode).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.GONGKAI_CHROMIUM;
      else process.env.GONGKAI_CHROMIUM = previous;
      await app.close();
    }
  });
});

describeEachStore('published versions cannot change', (getStore, dialect) => {
  it('the database refuses updates and deletes; a version altered behind its back is detected on read', async () => {
    const { ctx, id } = await educationBureau(getStore().store, '2026-01-20T02:00:00Z');
    const system = SYSTEM;
    const created = await createReport(ctx, system, id, 2025);
    const { figureSources: _s, ...draft } = created.draft!;
    for (const section of draft.sections) section.text = `${section.title}。`;
    await saveDraft(ctx, system, id, 2025, draft);
    await publishReport(ctx, system, id, 2025, {});
    const db = ctx.store.db;
    await expect(
      db.updateTable('annual_report_version').set({ content_json: '{}' }).execute(),
    ).rejects.toThrow(/immutable/);
    await expect(db.deleteFrom('annual_report_version').execute()).rejects.toThrow(/immutable/);

    if (dialect === 'postgres') {
      await sql`ALTER TABLE annual_report_version DISABLE TRIGGER annual_report_version_no_change`.execute(
        db,
      );
    } else {
      await sql`DROP TRIGGER annual_report_version_no_update`.execute(db);
    }
    const row = await db
      .selectFrom('annual_report_version')
      .select('content_json')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('annual_report_version')
      .set({ content_json: row.content_json.replace('"year":2025', '"year":2025 ') })
      .execute();
    await expect(getReport(ctx, id, 2025)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/校验值不符/),
    });
  });
});

describeEachStore('a correction starts from exactly what was published', (getStore) => {
  it('keeps hand-typed tables 三/四 and their reason instead of recomputing them from records', async () => {
    const { ctx, id } = await educationBureau(getStore().store, '2026-01-20T02:00:00Z');
    const system = SYSTEM;
    // One application in the system for 2025: computing from records would give 1, not 10.
    const clerkId = await makeClerk(ctx, id, 'liu', 'Mid-year-pass-2026');
    const clerk = {
      kind: 'user',
      principal: {
        userId: clerkId,
        username: 'liu',
        displayName: 'liu',
        grants: [{ id: 'g', role: 'clerk', agencyId: id, regionCode: null, reviewLevel: null }],
      },
    } as const;
    await registerApplication(ctx, clerk, id, {
      ...(personApplication() as Parameters<typeof registerApplication>[3]),
      channel: 'letter',
      receivedOn: '2025-11-03',
    });
    const created = await createReport(ctx, system, id, 2025);
    expect(created.report.tables.applications.received!.total).toBe(1);
    const { figureSources: _s, ...draft } = created.draft!;
    for (const section of draft.sections) section.text = `${section.title}。`;
    draft.caseFigures = { mode: 'manual', reason: '本机关年中才开始使用本系统' };
    draft.figures.applications.received.natural_person = 10;
    draft.figures.applications.disclosed.natural_person = 10;
    draft.figures.applications.carried_forward.natural_person = 0;
    await saveDraft(ctx, system, id, 2025, draft);
    await publishReport(ctx, system, id, 2025, {});
    const correction = await startCorrection(ctx, system, id, 2025);
    expect(correction.draft!.caseFigures).toEqual({
      mode: 'manual',
      reason: '本机关年中才开始使用本系统',
    });
    expect(correction.report.tables.applications.received!.total).toBe(10);
    expect(correction.draft!.figureSources['applications.received.natural_person']).toMatchObject({
      kind: 'manual',
    });
  });
});
