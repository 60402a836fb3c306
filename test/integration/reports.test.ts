import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import mammoth from 'mammoth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { figurePaths, type ReportDraft } from '../../src/core/report/draft.js';
import { createUser } from '../../src/services/accounts.js';
import { addAlias } from '../../src/services/agency-aliases.js';
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

describeEachStore('reading and importing a published report', (getStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let supervisor: TestClient;
  let clerk: TestClient;
  let reviewer: TestClient;
  let agencyId: string;

  beforeAll(async () => {
    ctx = testContext(getStore().store, new TestClock(new Date('2026-03-02T02:00:00Z')));
    await bootstrapDemo(ctx);
    agencyId = (
      await ctx.store.db
        .selectFrom('agency')
        .select('id')
        .where('name', '=', '示范市教育局')
        .executeTakeFirstOrThrow()
    ).id;
    await createUser(
      ctx,
      { kind: 'system', label: '测试' },
      {
        username: 'sup',
        displayName: '政务公开办',
        password: 'Region-watch-2026',
        grants: [{ role: 'supervisor', regionCode: '990100' }],
        mustChangePassword: false,
      },
    );
    await createUser(
      ctx,
      { kind: 'system', label: '测试' },
      {
        username: 'edu-clerk',
        displayName: '教育局经办人',
        password: 'School-desk-2026-ok',
        grants: [{ role: 'clerk', agencyId }],
        mustChangePassword: false,
      },
    );
    await createUser(
      ctx,
      { kind: 'system', label: '测试' },
      {
        username: 'edu-review',
        displayName: '教育局审核人',
        password: 'School-check-2026-ok',
        grants: [{ role: 'reviewer', agencyId, reviewLevel: 'section_head' }],
        mustChangePassword: false,
      },
    );
    app = await testApp(ctx);
    supervisor = new TestClient(app);
    await supervisor.loginReady('sup', 'Region-watch-2026');
    reviewer = new TestClient(app);
    await reviewer.loginReady('edu-review', 'School-check-2026-ok');
    clerk = new TestClient(app);
    await clerk.loginReady('edu-clerk', 'School-desk-2026-ok');
  });
  afterAll(async () => app?.close());

  type Pending = Detail & {
    versions: { origin: string; sourceFilename: string }[];
    approval: { id: string; status: string } | null;
  };
  const decide = (by: TestClient, id: string, body: Record<string, unknown>) =>
    by.request('POST', `/api/v1/agencies/${agencyId}/approvals/${id}/decision`, body);
  const onPortal = async (year: number) =>
    (await new TestClient(app).request('GET', `/portal/agencies/${agencyId}/reports/${year}`))
      .statusCode;

  const upload = (bytes: Uint8Array | string, name: string) =>
    supervisor.request(
      'POST',
      `/api/v1/agencies/${agencyId}/imports/read`,
      typeof bytes === 'string' ? bytes : Buffer.from(bytes),
      {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
      },
    );

  it('reads an uploaded report into the model, with findings and the line of every figure', async () => {
    const bytes = readFileSync('test/fixtures/corpus/002_947ca60925c42d42.txt');
    const r = await upload(bytes, '中卫市科学技术局2023年报告.txt');
    expect(r.statusCode).toBe(200);
    const result = r.json<{
      kind: string;
      report: {
        agency: string;
        year: number;
        tables: { applications: Record<string, Record<string, number>> };
      };
      findings: { code: string; location: { line?: number } }[];
      lines: string[];
      sourceLines: Record<string, number>;
      sha256: string;
    }>();
    expect(result.kind).toBe('text');
    expect(result.report.year).toBe(2023);
    expect(result.report.tables.applications.received!.total).toBe(1);
    const line = result.sourceLines['applications.received.total']!;
    expect(result.lines[line - 1]).toContain('本年新收政府信息公开申请数量');
    expect(result.findings.some((f) => f.code === 'cell-count' && f.location.line)).toBe(true);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('turns unreadable uploads into findings, and refuses oversize ones with 413', async () => {
    const empty = await upload('', 'empty.txt');
    expect(empty.statusCode).toBe(200);
    expect(empty.json().findings[0].code).toBe('unreadable-file');
    const junk = await upload(new Uint8Array([0, 1, 2, 3, 255, 254, 0, 0, 7, 8, 0, 1]), 'x.bin');
    expect(junk.json().report).toBeNull();
    expect(junk.json().findings[0].code).toBe('unreadable-file');
    const huge = await upload(new Uint8Array(3 * 1024 * 1024), 'big.txt');
    expect(huge.statusCode).toBe(413);
    const noName = await supervisor.request(
      'POST',
      `/api/v1/agencies/${agencyId}/imports/read`,
      Buffer.from('x'),
      {
        'content-type': 'application/octet-stream',
      },
    );
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.field).toBe('x-file-name');
  });

  it("saves the checked reading as the agency's version 1, marked with its source, traceable to the file", async () => {
    const bytes = readFileSync('test/fixtures/corpus/002_947ca60925c42d42.txt');
    const read = (await upload(bytes, '中卫市科学技术局2023年报告.txt')).json<{
      report: Record<string, unknown>;
      sha256: string;
    }>();
    const source = {
      filename: '中卫市科学技术局2023年报告.txt',
      sha256: read.sha256,
      size: bytes.length,
      format: 'txt',
      corrections: [] as { path: string; read: number | null; corrected: number | null }[],
    };
    const noDate = await supervisor.request(
      'POST',
      `/api/v1/agencies/${agencyId}/reports/2023/import`,
      {
        report: { ...read.report, publishedOn: null },
        source,
      },
    );
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.field).toBe('report.publishedOn');
    const unknownFile = await supervisor.request(
      'POST',
      `/api/v1/agencies/${agencyId}/reports/2023/import`,
      {
        report: { ...read.report, publishedOn: '2024-01-20' },
        source: { ...source, sha256: 'b'.repeat(64) },
      },
    );
    expect(unknownFile.statusCode).toBe(400);
    expect(unknownFile.json().error.field).toBe('source.sha256');
    // A file read for another agency (or any stored file, such as a letter) is not this
    // agency's source.
    const other = await ctx.store.db
      .selectFrom('agency')
      .select('id')
      .where('id', '!=', agencyId)
      .executeTakeFirstOrThrow();
    const elsewhere = Buffer.concat([bytes, Buffer.from('\n')]);
    const readElsewhere = await supervisor.request(
      'POST',
      `/api/v1/agencies/${other.id}/imports/read`,
      elsewhere,
      { 'content-type': 'application/octet-stream', 'x-file-name': 'x.txt' },
    );
    expect(readElsewhere.statusCode).toBe(200);
    const otherAgencysFile = await supervisor.request(
      'POST',
      `/api/v1/agencies/${agencyId}/reports/2023/import`,
      {
        report: { ...read.report, publishedOn: '2024-01-20' },
        source: { ...source, sha256: readElsewhere.json<{ sha256: string }>().sha256 },
      },
    );
    expect(otherAgencysFile.statusCode).toBe(400);
    expect(otherAgencysFile.json().error.field).toBe('source.sha256');
    const bad = await supervisor.request(
      'POST',
      `/api/v1/agencies/${agencyId}/reports/2023/import`,
      {
        report: {
          ...read.report,
          publishedOn: '2024-01-20',
          tables: {
            ...(read.report.tables as object),
            applications: { received: { total: 'one' } },
          },
        },
        source,
      },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('report.tables.applications.received.total');

    // One figure corrected by hand; the client's account of the file and of the corrections
    // is not what is recorded: the server's record of the reading is.
    const tables = read.report.tables as {
      proactive: Record<string, Record<string, number | null>>;
    };
    const corrected = {
      ...read.report,
      publishedOn: '2024-02-05',
      tables: {
        ...tables,
        proactive: {
          ...tables.proactive,
          licensing: { ...tables.proactive.licensing, decisions: 77 },
        },
      },
    };
    // The file names 中卫市科学技术局, not 示范市教育局 (nor an alias of it): refused, naming
    // both, unless a supervisor over the agency confirms with a reason.
    const forged = { ...source, filename: 'forged.pdf', size: 1, format: 'pdf', corrections: [] };
    const unconfirmed = await supervisor.request(
      'POST',
      `/api/v1/agencies/${agencyId}/reports/2023/import`,
      { report: corrected, source: forged },
    );
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.field).toBe('agencyConfirmation');
    expect(unconfirmed.json().error.message).toContain('读出的机关是“中卫市科学技术局”');
    expect(unconfirmed.json().error.message).toContain('“示范市教育局”');
    const byClerk = await clerk.request(
      'POST',
      `/api/v1/agencies/${agencyId}/reports/2023/import`,
      { report: corrected, source: forged, agencyConfirmation: { reason: '经办人认为是本局的' } },
    );
    expect(byClerk.statusCode).toBe(403);
    expect(byClerk.json().error.message).toContain('政务公开办（监督）人员');
    const noReason = await supervisor.request(
      'POST',
      `/api/v1/agencies/${agencyId}/reports/2023/import`,
      { report: corrected, source: forged, agencyConfirmation: { reason: '  ' } },
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('agencyConfirmation.reason');
    const reason = '测试数据：借用中卫市科学技术局的报告作为示范市教育局的样例';
    const r = await supervisor.request('POST', `/api/v1/agencies/${agencyId}/reports/2023/import`, {
      report: corrected,
      source: forged,
      agencyConfirmation: { reason },
    });
    expect(r.statusCode).toBe(201);
    // Saved = submitted along report.publish, the same approval as a report written here:
    // nothing is published, and the portal does not show it, until the reviewer approves.
    const pending = r.json<Pending>();
    expect(pending.versions).toEqual([]);
    expect(pending.approval).toMatchObject({ status: 'pending' });
    // Its page shows what was submitted (the corrected figure included).
    expect((pending.report.tables as unknown as typeof tables).proactive.licensing!.decisions).toBe(
      77,
    );
    expect(await onPortal(2023)).toBe(404);
    const versionsOf2023 = () =>
      ctx.store.db
        .selectFrom('annual_report_version as v')
        .innerJoin('annual_report as r', 'r.id', 'v.report_id')
        .select('v.version')
        .where('r.agency_id', '=', agencyId)
        .where('r.year', '=', 2023)
        .execute();
    expect(await versionsOf2023()).toEqual([]);
    // The importer cannot approve their own import (the engine's two-person rule).
    const self = await decide(supervisor, pending.approval!.id, { decision: 'approve' });
    expect(self.statusCode).toBe(403);
    expect(await onPortal(2023)).toBe(404);
    const inbox = await reviewer.request(
      'GET',
      `/api/v1/agencies/${agencyId}/approvals/${pending.approval!.id}`,
    );
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(inbox.body).toContain('导入来源');
    expect(inbox.body).toContain(source.filename);
    const approved = await decide(reviewer, pending.approval!.id, { decision: 'approve' });
    expect(approved.json(), approved.body).toMatchObject({ status: 'approved' });
    expect(await onPortal(2023)).toBe(200);
    const version = await ctx.store.db
      .selectFrom('annual_report_version')
      .select(['source_json', 'published_by'])
      .where('origin', '=', 'imported')
      .executeTakeFirstOrThrow();
    // The version is the importer's, approved by the reviewer (both in the audit trail).
    expect(version.published_by).toBe('政务公开办（sup）');
    expect(JSON.parse(version.source_json!)).toEqual({
      filename: source.filename,
      sha256: read.sha256,
      size: bytes.length,
      format: 'txt',
      corrections: [
        {
          path: 'proactive.licensing.decisions',
          read: tables.proactive.licensing!.decisions,
          corrected: 77,
        },
      ],
      agencyConfirmed: {
        stated: '中卫市科学技术局',
        chosen: '示范市教育局',
        reason,
        confirmedBy: '政务公开办（sup）',
      },
    });
    const detail = (
      await supervisor.request('GET', `/api/v1/agencies/${agencyId}/reports/2023`)
    ).json<Pending>();
    expect(detail.versions).toEqual([
      expect.objectContaining({
        version: 1,
        origin: 'imported',
        publishedOn: '2024-02-05',
        sourceFilename: source.filename,
      }),
    ]);
    // Published after 31 January: late, by the same rule as any report.
    expect(detail.findings.map((f) => f.code)).toContain('late-publication');

    const again = await supervisor.request(
      'POST',
      `/api/v1/agencies/${agencyId}/reports/2023/import`,
      {
        report: { ...read.report, publishedOn: '2024-01-05' },
        source,
      },
    );
    expect(again.statusCode).toBe(409);
    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('action', '=', 'report.import')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).toContain(source.filename);
    expect(audit[0]!.after_json).toContain(reason);

    const visitor = new TestClient(app);
    const page = await visitor.request('GET', `/portal/agencies/${agencyId}/reports/2023`);
    expect(page.body).toContain('由已公开的文件读入');
    const original = await visitor.request(
      'GET',
      `/portal/agencies/${agencyId}/reports/2023/v/1/source`,
    );
    expect(original.statusCode).toBe(200);
    expect(Buffer.compare(original.rawPayload, bytes)).toBe(0);
  });

  it('a reading that names the agency by a recorded alias is saved by its clerk without confirmation', async () => {
    const bytes = Buffer.concat([
      readFileSync('test/fixtures/corpus/002_947ca60925c42d42.txt'),
      Buffer.from('\n\n'),
    ]);
    const read = (
      await clerk.request('POST', `/api/v1/agencies/${agencyId}/imports/read`, bytes, {
        'content-type': 'application/octet-stream',
        'x-file-name': 'nb.txt',
      })
    ).json<{ report: Record<string, unknown>; sha256: string }>();
    const save = () =>
      clerk.request('POST', `/api/v1/agencies/${agencyId}/reports/2022/import`, {
        report: { ...read.report, publishedOn: '2023-01-20' },
        source: { sha256: read.sha256 },
      });
    const before = await save();
    expect(before.statusCode).toBe(400);
    expect(before.json().error.field).toBe('agencyConfirmation');
    await addAlias(ctx, { kind: 'system', label: '测试' }, agencyId, {
      alias: '中卫市科学技术局',
    });
    const after = await save();
    expect(after.statusCode).toBe(201);
    // A return sends it back to the importer with the comment; nothing is published.
    const first = after.json<Pending>().approval!;
    const returned = await decide(reviewer, first.id, {
      decision: 'return',
      comment: '发布日期与网站不符，请核对',
    });
    expect(returned.json(), returned.body).toMatchObject({ status: 'returned' });
    const back = (await clerk.request('GET', `/api/v1/agencies/${agencyId}/reports/2022`)).json<
      Pending & { approval: { steps: { comment: string | null }[] } }
    >();
    expect(back.versions).toEqual([]);
    expect(back.approval).toMatchObject({ status: 'returned' });
    expect(back.approval!.steps.at(-1)!.comment).toBe('发布日期与网站不符，请核对');
    expect(await onPortal(2022)).toBe(404);
    // Saved again, then approved: published as imported.
    const again = await save();
    expect(again.statusCode, again.body).toBe(201);
    const approved = await decide(reviewer, again.json<Pending>().approval!.id, {
      decision: 'approve',
    });
    expect(approved.json(), approved.body).toMatchObject({ status: 'approved' });
    expect(await onPortal(2022)).toBe(200);
    const version = await ctx.store.db
      .selectFrom('annual_report_version as v')
      .innerJoin('annual_report as r', 'r.id', 'v.report_id')
      .select('v.source_json')
      .where('r.agency_id', '=', agencyId)
      .where('r.year', '=', 2022)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(version.source_json!).agencyConfirmed).toBeUndefined();
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
