/**
 * Importing table 二's （五）（六）（八） figures for a year, on both stores, through the route:
 * CSV in UTF-8 (with and without BOM) and GB18030, an XLSX made with exceljs, a preview that
 * saves nothing, every bad value listed at once with its row and column, a file of the wrong
 * type, a zip bomb and an oversize file refused; saved with 「导入：文件名」 as the source, in
 * the audit trail; another agency's administrator cannot import into this agency.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import { createUser } from '../../src/services/accounts.js';
import { bootstrapDemo } from '../support/accounts.js';
import { TestClient, testApp, testContext } from '../support/app.js';
import { SYSTEM } from '../support/applications.js';
import { buildZip } from '../support/zip-writer.js';
import { describeEachStore } from '../support/stores.js';

const password = 'Figures-pass-2026';

describeEachStore('importing table 二 figures', (getStore) => {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let agencyId: string;
  let admin: TestClient;
  let otherAdmin: TestClient;

  beforeAll(async () => {
    ctx = testContext(getStore().store);
    await bootstrapDemo(ctx);
    const agencies = await ctx.store.db.selectFrom('agency').select('id').orderBy('name').execute();
    agencyId = agencies[0]!.id;
    for (const [username, id] of [
      ['fi-admin', agencyId],
      ['fi-other', agencies[1]!.id],
    ] as const)
      await createUser(ctx, SYSTEM, {
        username,
        displayName: username,
        password,
        grants: [{ role: 'agency_admin', agencyId: id }],
        mustChangePassword: false,
      });
    app = await testApp(ctx);
    admin = new TestClient(app);
    await admin.loginReady('fi-admin', password);
    otherAdmin = new TestClient(app);
    await otherAdmin.loginReady('fi-other', password);
  });
  afterAll(async () => app?.close());

  const url = (year: number, preview = false) =>
    `/api/v1/agencies/${agencyId}/proactive/figures/${year}/import${preview ? '?preview=true' : ''}`;
  const send = (client: TestClient, target: string, name: string, bytes: Uint8Array) =>
    client.request('POST', target, Buffer.from(bytes) as unknown as string, {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(name),
    });
  const entered = async (year: number) =>
    (await admin.request('GET', `/api/v1/agencies/${agencyId}/proactive/figures/${year}`)).json<{
      entered: Record<string, unknown> | null;
    }>().entered;
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('imports a UTF-8 CSV (with a BOM), after a preview that saved nothing, with its source audited', async () => {
    const csv =
      '\ufeff项目,本年处理决定数量\r\n（五）行政许可,1 203\r\n行政处罚决定数,"45"\r\n行政强制,0\r\n行政事业性收费（万元）,12.3456\r\n';
    const preview = await send(admin, url(2025, true), '2025年表二.csv', utf8(csv));
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      saved: false,
      figures: { licensing: 1203, penalty: 45, coercion: 0, feesFen: 12_345_600 },
    });
    expect(await entered(2025)).toBeNull();
    const saved = await send(admin, url(2025), '2025年表二.csv', utf8(csv));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await entered(2025)).toMatchObject({
      licensing: 1203,
      penalty: 45,
      coercion: 0,
      feesFen: 12_345_600,
      source: '导入：2025年表二.csv',
    });
    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'proactive.year_figures')
      .execute();
    expect(JSON.stringify(audit)).toContain('导入：2025年表二.csv');
  });

  it('imports a GB18030 CSV without a header and a UTF-8 one without a BOM', async () => {
    const text = '行政许可,7\n行政处罚,8\n行政强制,9\n行政事业性收费,0.5\n';
    const gb = await send(admin, url(2024), '政务平台导出.csv', iconv.encode(text, 'gb18030'));
    expect(gb.statusCode, gb.body).toBe(200);
    expect(await entered(2024)).toMatchObject({
      licensing: 7,
      penalty: 8,
      coercion: 9,
      feesFen: 500_000,
      source: '导入：政务平台导出.csv',
    });
    const plain = await send(admin, url(2023), 'a.csv', utf8(text.replace('7', '17')));
    expect(plain.statusCode, plain.body).toBe(200);
    expect(await entered(2023)).toMatchObject({ licensing: 17 });
  });

  it('imports an XLSX made with exceljs', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('表二');
    sheet.addRow(['项目', '本年处理决定数量', '金额（万元）']);
    sheet.addRow(['（五）行政许可', 31]);
    sheet.addRow(['（六）行政处罚', 4]);
    sheet.addRow(['（六）行政强制', 2]);
    sheet.addRow(['（八）行政事业性收费', null, 106.25]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const response = await send(admin, url(2022), '表二.xlsx', bytes);
    expect(response.statusCode, response.body).toBe(200);
    expect(await entered(2022)).toMatchObject({
      licensing: 31,
      penalty: 4,
      coercion: 2,
      feesFen: 106_250_000,
      source: '导入：表二.xlsx',
    });
  });

  it('lists every bad value at once with its row and column, and saves nothing', async () => {
    const csv = '项目,数量\n行政许可,-3\n行政处罚,4.5\n行政处罚,1\n行政事业性收费,1.1234567\n';
    const response = await send(admin, url(2021), '错.csv', utf8(csv));
    expect(response.statusCode).toBe(400);
    const messages = response
      .json<{ error: { problems: { row: number; column: number; message: string }[] } }>()
      .error.problems.map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/^第 2 行第 2 列（行政许可）：“-3”不是不小于 0 的整数/),
      expect.stringMatching(/^第 3 行第 2 列（行政处罚）：“4\.5”不是不小于 0 的整数/),
      expect.stringMatching(/^第 4 行：“行政处罚”已在第 3 行出现过/),
      expect.stringMatching(/^第 5 行第 2 列（行政事业性收费）：“1\.1234567”不是以万元为单位/),
      expect.stringMatching(/^缺少“行政强制”一行/),
    ]);
    expect(await entered(2021)).toBeNull();
  });

  it('refuses a file of another type, a zip bomb and an oversize file, naming the file', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0]);
    const wrong = await send(admin, url(2020), '表二.csv', png);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { message: string } }>().error.message).toContain(
      '“表二.csv”不是 CSV 或 XLSX 文件',
    );
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(150 * 1024 * 1024), deflate: true },
    ]);
    const refused = await send(admin, url(2020), '表二.xlsx', bomb);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(
      /“表二\.xlsx”解压后.*疑似压缩炸弹/,
    );
    const big = await send(admin, url(2020), '大.csv', new Uint8Array(2 * 1024 * 1024 + 1));
    expect(big.statusCode).toBe(413);
    expect(await entered(2020)).toBeNull();
  });

  it("refuses another agency's administrator", async () => {
    const text = '行政许可,1\n行政处罚,1\n行政强制,1\n行政事业性收费,1\n';
    const response = await send(otherAdmin, url(2019), 'x.csv', utf8(text));
    expect([403, 404]).toContain(response.statusCode);
    expect(await entered(2019)).toBeNull();
  });
});
