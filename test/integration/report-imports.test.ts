import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import { addAlias } from '../../src/services/agency-aliases.js';
import type { ServiceContext } from '../../src/services/context.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

/** Reading a published report and importing it, through the agency's approval. */

type Detail = {
  findings: { code: string; severity: string; message: string }[];
  versions: { version: number; correctionReason: string | null; publishedOn: string }[];
  report: { tables: { applications: Record<string, Record<string, number>> } };
};

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
  it('a year whose import was returned can be written in the workspace instead; not while one is pending', async () => {
    const bytes = Buffer.concat([
      readFileSync('test/fixtures/corpus/002_947ca60925c42d42.txt'),
      Buffer.from('\n\n\n'),
    ]);
    const read = (await upload(bytes, 'r2021.txt')).json<{
      report: Record<string, unknown>;
      sha256: string;
    }>();
    const saved = await supervisor.request(
      'POST',
      `/api/v1/agencies/${agencyId}/reports/2021/import`,
      {
        report: { ...read.report, publishedOn: '2022-01-20' },
        source: { sha256: read.sha256 },
        agencyConfirmation: { reason: '测试：作为本局2021年度报告的样例' },
      },
    );
    expect(saved.statusCode, saved.body).toBe(201);
    const create = () =>
      clerk.request('POST', `/api/v1/agencies/${agencyId}/reports`, { year: 2021 });
    const whilePending = await create();
    expect(whilePending.statusCode).toBe(409);
    const returned = await decide(reviewer, saved.json<Pending>().approval!.id, {
      decision: 'return',
      comment: '不是本局的报告，请本局自行编写',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const created = await create();
    expect(created.statusCode, created.body).toBe(201);
    const detail = created.json<Pending & { draft: unknown }>();
    expect(detail.draft).not.toBeNull();
    expect(detail.versions).toEqual([]);
    expect(await onPortal(2021)).toBe(404);
  });
});
