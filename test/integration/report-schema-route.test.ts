/**
 * The report JSON Schema served publicly, as the `$schema` of every JSON report points to it,
 * and linked from the portal's report page beside the JSON download.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPORT_SCHEMA_ID, reportJsonSchemaDocument } from '../../src/core/report/schema.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createReport, publishReport } from '../../src/services/reports.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { fillNarrative } from '../support/report-narrative.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

describeEachStore('the published report JSON Schema', (getStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let agencyId: string;

  beforeAll(async () => {
    ctx = testContext(getStore().store, new TestClock(new Date('2026-01-10T02:00:00Z')));
    await bootstrapDemo(ctx);
    agencyId = (
      await ctx.store.db
        .selectFrom('agency')
        .select('id')
        .where('name', '=', '示范市科学技术局')
        .executeTakeFirstOrThrow()
    ).id;
    const system = { kind: 'system', label: '测试' } as const;
    await createReport(ctx, system, agencyId, 2025);
    await fillNarrative(ctx, system, agencyId, 2025);
    await publishReport(ctx, system, agencyId, 2025, {});
    app = await testApp(ctx);
  });
  afterAll(async () => app?.close());

  it('is served to anyone at /schemas/annual-report.v1.json as application/schema+json', async () => {
    const visitor = new TestClient(app);
    const r = await visitor.request('GET', '/schemas/annual-report.v1.json');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/schema\+json/);
    expect(JSON.parse(r.body)).toEqual(reportJsonSchemaDocument());
  });

  it('is what a downloaded JSON report names as its $schema', async () => {
    const visitor = new TestClient(app);
    const json = await visitor.request(
      'GET',
      `/portal/agencies/${agencyId}/reports/2025/v/1/download.json`,
    );
    expect(json.statusCode).toBe(200);
    expect(JSON.parse(json.body).$schema).toBe(REPORT_SCHEMA_ID);
    const schema = await visitor.request('GET', '/schemas/annual-report.v1.json');
    expect(JSON.parse(schema.body).$id).toBe(REPORT_SCHEMA_ID);
  });

  it('is linked from the portal report page beside the JSON download', async () => {
    const visitor = new TestClient(app);
    const page = await visitor.request('GET', `/portal/agencies/${agencyId}/reports/2025`);
    expect(page.statusCode).toBe(200);
    const downloads = /<p>\s*下载：[\s\S]*?<\/p>/.exec(page.body)?.[0] ?? '';
    expect(downloads).toContain('download.json');
    expect(downloads).toContain('href="/schemas/annual-report.v1.json"');
  });
});
