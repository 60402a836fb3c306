/**
 * Bulk import of off-system reports: a ZIP of corpus-derived reports is read, each matched by
 * name, by alias, or proposed (never guessed); hostile entries are refused one by one with the
 * reason while the others are read; rows are confirmed and saved; the same file uploaded again
 * is recognised by its hash.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addAlias } from '../../src/services/agency-aliases.js';
import { bootstrap } from '../../src/services/bootstrap.js';
import { loadConfig } from '../../src/services/config.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { Agency } from '../../src/services/organisations.js';
import { importReading } from '../../src/services/supervision/bulk-import-reading.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { SYSTEM } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';
import { makeRegions, makeSupervisor } from '../support/supervision.js';
import { buildZip } from '../support/zip-writer.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));

interface Item {
  seq: number;
  filename: string;
  status: string;
  refusal: string | null;
  statedAgency: string | null;
  matchKind: string | null;
  agencyName: string | null;
  proposals: { agencyId: string; agencyName: string }[];
  publishedOn: string | null;
  figuresRead: number;
  earlier: string | null;
  problems: string[];
}

describeEachStore('bulk import of off-system reports', (getStore) => {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let agencies: Map<string, Agency>;
  const password = 'Import-pass-2026';

  beforeAll(async () => {
    ctx = testContext(getStore().store, new TestClock(new Date('2024-03-05T02:00:00Z')));
    await bootstrap(
      ctx,
      loadConfig({ GONGKAI_DEMO: '0', GONGKAI_ADMIN_PASSWORD: 'First-pass-2026' }, '/tmp'),
    );
    agencies = await makeRegions(ctx, [
      {
        code: '970100',
        name: '试读市',
        parentCode: null,
        government: '试读市人民政府',
        departments: [
          '中卫市科学技术局',
          '济南市市中区工业和信息化局',
          '温县科学技术和工业信息化局',
        ],
      },
    ]);
    await addAlias(ctx, SYSTEM, agencies.get('济南市市中区工业和信息化局')!.id, {
      alias: '市中区工业和信息化局',
    });
    await makeSupervisor(ctx, '970100', 'reader-office', password);
    app = await testApp(ctx);
  });
  afterAll(async () => app?.close());

  async function upload(client: TestClient, importId: string, name: string, bytes: Uint8Array) {
    const response = await client.request(
      'POST',
      `/api/v1/supervision/970100/imports/${importId}/files`,
      Buffer.from(bytes) as unknown as string,
      { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
    );
    expect(response.statusCode, response.body).toBe(200);
    await importReading(importId);
    const view = await client.request('GET', `/api/v1/supervision/970100/imports/${importId}`);
    return view.json<{ items: Item[]; ready: number; queued: number }>();
  }

  it('reads a ZIP of reports, matches by name and alias, proposes the rest, refuses hostile entries', async () => {
    const office = new TestClient(app);
    await office.loginReady('reader-office', password);
    const started = await office.request('POST', '/api/v1/supervision/970100/imports', {
      year: 2023,
    });
    expect(started.statusCode).toBe(201);
    const importId = started.json<{ id: string }>().id;

    const zeros = new Uint8Array(51 * 1024 * 1024);
    const zip = buildZip([
      { name: '报告/中卫.txt', data: fixture('corpus/002_947ca60925c42d42.txt'), deflate: true },
      { name: '报告/市中区.html', data: fixture('ingest/formats/003_d68fabd84de01588.html') },
      { name: '报告/温县.docx', data: fixture('ingest/formats/000_10421f3e08d9eefa.docx') },
      { name: '嵌套.zip', data: buildZip([{ name: 'a.txt', data: 'x' }]) },
      { name: '../逃逸.txt', data: 'x' },
      { name: '/etc/passwd', data: 'x' },
      { name: '巨大.txt', data: zeros, deflate: true },
      { name: '谎报.txt', data: zeros, deflate: true, declaredSize: 100 },
    ]);
    const view = await upload(office, importId, '年报.zip', zip);
    const byName = (part: string) => view.items.find((i) => i.filename.includes(part))!;

    expect(byName('中卫')).toMatchObject({
      status: 'read',
      matchKind: 'name',
      agencyName: '中卫市科学技术局',
    });
    expect(byName('中卫').figuresRead).toBeGreaterThan(100);
    expect(byName('市中区')).toMatchObject({
      matchKind: 'alias',
      agencyName: '济南市市中区工业和信息化局',
      publishedOn: '2024-01-11',
      problems: [],
    });
    const wen = byName('温县');
    expect(wen.matchKind).toBe('proposal');
    expect(wen.agencyName).toBeNull();
    expect(wen.proposals[0]!.agencyName).toBe('温县科学技术和工业信息化局');
    expect(wen.problems.join()).toContain('尚未确定机关');

    for (const [part, reason] of [
      ['嵌套', '压缩包中的'],
      ['逃逸', '上级目录'],
      ['passwd', '绝对路径'],
      ['巨大', '超过单个文件'],
      ['谎报', '无法解压'],
    ] as const) {
      expect(byName(part).status, part).toBe('refused');
      expect(byName(part).refusal, part).toContain(reason);
    }

    // Only the row without a problem is saved by "save all"; the others wait.
    const all = await office.request(
      'POST',
      `/api/v1/supervision/970100/imports/${importId}/save-ready`,
    );
    expect(all.json().saved).toBe(1);
    const zhongwei = byName('中卫');
    expect(zhongwei.problems.join()).toContain('发布日期');
    const settled = await office.request(
      'PUT',
      `/api/v1/supervision/970100/imports/${importId}/items/${zhongwei.seq}`,
      { publishedOn: '2024-01-30' },
    );
    expect(settled.statusCode).toBe(200);
    const chosen = await office.request(
      'PUT',
      `/api/v1/supervision/970100/imports/${importId}/items/${wen.seq}`,
      { agencyId: wen.proposals[0]!.agencyId, rememberAlias: true, publishedOn: '2024-01-25' },
    );
    const chosenItem = chosen.json<{ items: Item[] }>().items.find((i) => i.seq === wen.seq)!;
    expect(chosenItem).toMatchObject({ matchKind: 'chosen', problems: [] });
    const saved = await office.request(
      'POST',
      `/api/v1/supervision/970100/imports/${importId}/save-ready`,
    );
    expect(saved.json().saved).toBe(2);

    const versions = await ctx.store.db
      .selectFrom('annual_report_version')
      .select(['origin', 'published_on'])
      .orderBy('published_on')
      .execute();
    expect(versions).toEqual([
      { origin: 'imported', published_on: '2024-01-11' },
      { origin: 'imported', published_on: '2024-01-25' },
      { origin: 'imported', published_on: '2024-01-30' },
    ]);
    // The stated name became an alias: the next import matches it without asking.
    const aliases = await office.request(
      'GET',
      `/api/v1/agencies/${agencies.get('温县科学技术和工业信息化局')!.id}/aliases`,
    );
    expect(aliases.json().aliases.map((a: { alias: string }) => a.alias)).toEqual([
      '温县科技和工业信息化局',
    ]);

    // The same file again, in a new batch: recognised by its hash and not saved twice.
    const again = (
      await office.request('POST', '/api/v1/supervision/970100/imports', { year: 2023 })
    ).json<{ id: string }>().id;
    const second = await upload(
      office,
      again,
      '中卫.txt',
      fixture('corpus/002_947ca60925c42d42.txt'),
    );
    expect(second.items[0]!.earlier).toContain('导入为报告');
    expect(second.items[0]!.problems.length).toBeGreaterThan(0);
  });

  it('reads the first thousand of thousands of tiny files and refuses the rest by name', async () => {
    const office = new TestClient(app);
    await office.loginReady('reader-office', password);
    const importId = (
      await office.request('POST', '/api/v1/supervision/970100/imports', { year: 2023 })
    ).json<{ id: string }>().id;
    const tiny = buildZip(
      Array.from({ length: 1005 }, (_, i) => ({ name: `小/${i}.txt`, data: `${i}` })),
    );
    const view = await upload(office, importId, '很多.zip', tiny);
    expect(view.items).toHaveLength(1005);
    expect(view.queued).toBe(0);
    const refused = view.items.filter((i) => i.status === 'refused');
    expect(refused).toHaveLength(5);
    expect(refused[0]!.refusal).toContain('最多读取 1000 个文件');
    expect(view.items.filter((i) => i.status === 'read')).toHaveLength(1000);
    expect(view.ready).toBe(0);
  });

  it('a GB18030 name without the UTF-8 flag reads as Chinese; a RAR is refused', async () => {
    const office = new TestClient(app);
    await office.loginReady('reader-office', password);
    const importId = (
      await office.request('POST', '/api/v1/supervision/970100/imports', { year: 2023 })
    ).json<{ id: string }>().id;
    const gbName = Buffer.from([0xc4, 0xea, 0xb1, 0xa8, 0x2e, 0x74, 0x78, 0x74]); // 年报.txt
    const view = await upload(
      office,
      importId,
      'gb.zip',
      buildZip([{ name: '', nameBytes: gbName, data: fixture('corpus/002_947ca60925c42d42.txt') }]),
    );
    expect(view.items[0]!.filename).toBe('gb.zip/年报.txt');
    const rar = await upload(
      office,
      importId,
      'x.rar',
      new Uint8Array([0x52, 0x61, 0x72, 0x21, 1, 2]),
    );
    expect(rar.items[1]!.refusal).toContain('RAR');
  });
});
