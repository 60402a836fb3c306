/**
 * 开放数据 on the public portal: linked from the home page, the region's dataset for a year as
 * JSON that validates against its published schema (each report against the report schema),
 * as CSV, with the data dictionary — and nothing unpublished.
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPORT_CELLS } from '../../src/core/report/cells.js';
import { reportJsonSchemaDocument } from '../../src/core/report/schema.js';
import { bootstrap } from '../../src/services/bootstrap.js';
import { loadConfig } from '../../src/services/config.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createReport } from '../../src/services/reports.js';
import type { Agency } from '../../src/services/organisations.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { SYSTEM } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';
import { makeRegions, PROVINCE_TREE, publishWithFigures } from '../support/supervision.js';

describeEachStore('open data on the portal', (getStore) => {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let agencies: Map<string, Agency>;

  beforeAll(async () => {
    const clock = new TestClock(new Date('2026-01-05T02:00:00Z'));
    ctx = testContext(getStore().store, clock);
    await bootstrap(
      ctx,
      loadConfig({ GONGKAI_DEMO: '0', GONGKAI_ADMIN_PASSWORD: 'First-pass-2026' }, '/tmp'),
    );
    agencies = await makeRegions(ctx, PROVINCE_TREE);
    await publishWithFigures(ctx, clock, agencies.get('东县教育局')!.id, 2025, '2026-01-10', {
      received: 7,
      notHeld: 2,
    });
    await publishWithFigures(ctx, clock, agencies.get('西县教育局')!.id, 2025, '2026-01-11', {
      received: 3,
    });
    await createReport(ctx, SYSTEM, agencies.get('东县民政局')!.id, 2025); // a draft: not public
    clock.set(new Date('2026-01-20T02:00:00Z'));
    app = await testApp(ctx);
  });
  afterAll(async () => app?.close());

  it('is linked from the portal home page and lists the regions with data', async () => {
    const visitor = new TestClient(app);
    const home = await visitor.request('GET', '/portal');
    expect(home.body).toContain('<a href="/portal/open-data">开放数据</a>');
    const page = await visitor.request('GET', '/portal/open-data');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/portal/open-data/980102/2025.json');
    expect(page.body).toContain('/portal/open-data/980000/2025.csv');
    const dictionary = await visitor.request('GET', '/portal/open-data/dictionary');
    expect(dictionary.body).toContain('applications.received.total');
    expect(dictionary.body).toContain('本年新收政府信息公开申请数量');
  });

  it('serves JSON that validates against the published schemas, without drafts', async () => {
    const visitor = new TestClient(app);
    const response = await visitor.request('GET', '/portal/open-data/980100/2025.json');
    expect(response.statusCode).toBe(200);
    const dataset = response.json();
    const schema = await visitor.request('GET', '/schemas/open-data.v1.json');
    expect(schema.statusCode).toBe(200);
    const ajv = new Ajv({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
    ajv.addSchema(reportJsonSchemaDocument());
    const validate = ajv.compile(schema.json());
    expect(validate(dataset), JSON.stringify(validate.errors)).toBe(true);
    const reportOnly = ajv.getSchema('urn:gongkai:schema:annual-report:v1')!;
    const published = dataset.agencies.filter((a: { report: unknown }) => a.report !== null);
    expect(published).toHaveLength(2);
    for (const a of published) expect(reportOnly(a.report)).toBe(true);
    const east = dataset.agencies.find((a: { agency: string }) => a.agency === '东县教育局');
    expect(east.report.tables.applications.received.total).toBe(7);
    const draft = dataset.agencies.find((a: { agency: string }) => a.agency === '东县民政局');
    expect(draft).toMatchObject({ state: 'not_published', report: null, publishedOn: null });
    expect(JSON.stringify(dataset)).not.toContain('草稿');
  });

  it('answers an unknown region with a page in Chinese', async () => {
    const visitor = new TestClient(app);
    const missing = await visitor.request('GET', '/portal/open-data/999999/2025.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
    expect(missing.body).toContain('行政区划不存在');
  });

  it('serves CSV with one column per cell key and one row per agency', async () => {
    const visitor = new TestClient(app);
    const csv = await visitor.request('GET', '/portal/open-data/980102/2025.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const header = lines[0]!.split(',');
    for (const cell of REPORT_CELLS) expect(header).toContain(cell.key);
    expect(lines).toHaveLength(4);
    const row = lines.find((l) => l.includes('东县教育局'))!.split(',');
    expect(row[header.indexOf('applications.unable.not_held.total')]).toBe('2');
    expect(lines.find((l) => l.includes('东县民政局'))).toContain('未发布');
  });
});
