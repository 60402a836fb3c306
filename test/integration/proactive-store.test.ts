/**
 * Proactive items on both stores: 索引号 unique and never reused across a scheme change,
 * publishing only after review (409), search over bodies and attachment text (one, two and
 * more characters, metacharacters, a 10,000-character query), withdrawal, corrections kept, and
 * attachments refused by size, type, content and expansion. Validity and table 二 are in
 * proactive-validity.test.ts, the 基层 catalogue in proactive-catalogue.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import type { ServiceContext } from '../../src/services/context.js';
import { addAttachment } from '../../src/services/proactive/attachments.js';
import { updateIndexSettings } from '../../src/services/proactive/index-numbers.js';
import {
  createItem,
  getItem,
  publishItem,
  recordPublishedItem,
} from '../../src/services/proactive/items.js';
import {
  correctItem,
  itemVersions,
  withdrawItem,
} from '../../src/services/proactive/item-changes.js';
import { searchCatalogue } from '../../src/services/proactive/search.js';
import { bootstrapDemo } from '../support/accounts.js';
import { TestClock, testContext } from '../support/app.js';
import {
  demoAgencyIds,
  docxBomb,
  docxWith,
  itemInput,
  pdfWith,
  SYSTEM,
} from '../support/proactive.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('proactive items', (getStore) => {
  let ctx: ServiceContext;
  let agencyId: string;
  let otherAgencyId: string;
  const clock = new TestClock(new Date('2026-06-01T02:00:00Z'));

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    [agencyId, otherAgencyId] = await demoAgencyIds(ctx.store.db);
  });

  describe('索引号', () => {
    it('follows the scheme, is unique, and a scheme change renumbers nothing', async () => {
      await updateIndexSettings(ctx, SYSTEM, agencyId, {
        indexScheme: '{机构代码}/{分类}-{年份}-{流水号:4}',
        agencyCode: 'KJJ001',
      });
      const a = await createItem(ctx, SYSTEM, agencyId, itemInput());
      const b = await createItem(ctx, SYSTEM, agencyId, itemInput());
      expect(a.indexNumber).toMatch(/^KJJ001\/03-2026-\d{4}$/);
      expect(b.indexNumber).not.toBe(a.indexNumber);
      await updateIndexSettings(ctx, SYSTEM, agencyId, {
        indexScheme: 'SF-{年份}-{流水号}',
        agencyCode: 'KJJ001',
      });
      const c = await createItem(ctx, SYSTEM, agencyId, itemInput());
      expect(c.indexNumber).toMatch(/^SF-2026-\d{5}$/);
      expect((await getItem(ctx.store.db, agencyId, a.id)).indexNumber).toBe(a.indexNumber);
      // Back to the first scheme: the counter continues, never giving a number again.
      await updateIndexSettings(ctx, SYSTEM, agencyId, {
        indexScheme: '{机构代码}/{分类}-{年份}-{流水号:4}',
        agencyCode: 'KJJ001',
      });
      const d = await createItem(ctx, SYSTEM, agencyId, itemInput());
      expect([a.indexNumber, b.indexNumber, c.indexNumber]).not.toContain(d.indexNumber);
    });

    it('refuses a scheme without exactly one sequence', async () => {
      await expect(
        updateIndexSettings(ctx, SYSTEM, agencyId, {
          indexScheme: '{机构代码}-{年份}',
          agencyCode: 'X1',
        }),
      ).rejects.toThrow(/流水号/);
    });
  });

  it('publishing without the review chain is refused (409 invalid_transition)', async () => {
    const draft = await createItem(ctx, SYSTEM, agencyId, itemInput());
    const error = await publishItem(ctx, SYSTEM, agencyId, draft.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_transition');
    expect((await getItem(ctx.store.db, agencyId, draft.id)).status).toBe('draft');
  });

  it('sanitises bodies and titles (XSS payloads neutralised)', async () => {
    const item = await createItem(
      ctx,
      SYSTEM,
      agencyId,
      itemInput({
        title: '<script>alert(1)</script>标题',
        bodyHtml:
          '<p onclick="alert(1)">正文<img src=x onerror=alert(1)><a href="javascript:alert(1)">链接</a><script>alert(2)</script><iframe src="//x"></iframe></p>',
      }),
    );
    expect(item.bodyHtml).not.toMatch(/script|onerror|onclick|javascript:|iframe|<img/i);
    expect(item.bodyHtml).toContain('正文');
    // Titles are plain text: the page escapes them (see the portal test).
    expect(item.title).toContain('<script>');
  });

  describe('search', () => {
    let withDocx: string;
    beforeAll(async () => {
      const published = await recordPublishedItem(ctx, SYSTEM, agencyId, {
        ...itemInput({
          title: '示范市促进科技成果转化若干措施',
          bodyHtml: '<p>为加快科技成果转化，支持高校院所与企业共建中试基地。</p>',
          documentNumber: '示科规〔2026〕1号',
          kind: 'normative',
          article20Category: 'a20_01',
        }),
        publishedOn: '2026-03-10',
      });
      withDocx = published.id;
      await recordPublishedItem(ctx, SYSTEM, otherAgencyId, {
        ...itemInput({
          title: '示范市教育局关于开展星空研学活动的通知',
          issuingBody: '示范市教育局',
        }),
        publishedOn: '2026-04-01',
      });
    });

    it('finds one, two and four characters, the 文号, in the agency and across the region', async () => {
      const q = (text: string, agency?: string) =>
        searchCatalogue(ctx, { q: text, ...(agency ? { agencyId: agency } : {}) });
      expect((await q('孵', agencyId)).total).toBe(0);
      // One character that is there: found (an item of another agency, across the region).
      const star = await q('星');
      expect(star.results.map((r) => r.title)).toContain('示范市教育局关于开展星空研学活动的通知');
      expect(
        star.results.every((r) => r.title.includes('星') || r.snippet.some((p) => p.hit)),
      ).toBe(true);
      expect((await q('中试', agencyId)).results.map((r) => r.itemId)).toContain(withDocx);
      expect((await q('成果转化', agencyId)).results[0]!.itemId).toBe(withDocx);
      expect((await q('示科规〔2026〕1号')).results.map((r) => r.itemId)).toEqual([withDocx]);
      expect((await q('星空研学')).total).toBe(1);
      expect((await q('星空研学', agencyId)).total).toBe(0);
      const hit = (await q('中试基地', agencyId)).results[0]!;
      expect(hit.snippet.some((p) => p.hit && p.text === '中试基地')).toBe(true);
    });

    it('answers metacharacters and a 10,000-character query', async () => {
      for (const text of [
        '%',
        '_',
        '*',
        '"',
        '%_*"',
        '"中试',
        'a'.repeat(10_000),
        '中'.repeat(10_000),
      ]) {
        const result = await searchCatalogue(ctx, { q: text });
        expect(result.total).toBeGreaterThanOrEqual(0);
      }
      // Each is matched as the character it is, not as a pattern: no item holds any of them.
      for (const text of ['%', '_', '*', '"', '%_*"', '"中试', '中'.repeat(10_000)])
        expect((await searchCatalogue(ctx, { q: text })).total, text).toBe(0);
    });

    it('ranks title and 文号 hits before body hits', async () => {
      await recordPublishedItem(ctx, SYSTEM, agencyId, {
        ...itemInput({ title: '年度工作要点', bodyHtml: '<p>推动科技成果转化落地。</p>' }),
        publishedOn: '2026-05-20',
      });
      const results = (await searchCatalogue(ctx, { q: '成果转化', agencyId })).results;
      expect(results[0]!.title).toContain('成果转化');
      expect(results.length).toBeGreaterThanOrEqual(2);
    });

    it('finds the text of DOCX and PDF attachments', async () => {
      const draft = await createItem(ctx, SYSTEM, agencyId, itemInput({ title: '附件测试' }));
      await addAttachment(ctx, SYSTEM, agencyId, draft.id, {
        name: '申报指南.docx',
        bytes: await docxWith(['申报对象为注册满一年的孵化器在孵企业']),
      });
      await addAttachment(ctx, SYSTEM, agencyId, draft.id, {
        name: 'scan.pdf',
        bytes: pdfWith('Quarterly Budget Table'),
      });
      // Drafts are not searchable; a published item is, with its attachments.
      expect((await searchCatalogue(ctx, { q: '孵化器在孵' })).total).toBe(0);
      await ctx.store.db
        .updateTable('proactive_item')
        .set({ status: 'approved' })
        .where('id', '=', draft.id)
        .execute();
      await publishItem(ctx, SYSTEM, agencyId, draft.id);
      expect(
        (await searchCatalogue(ctx, { q: '孵化器在孵' })).results.map((r) => r.itemId),
      ).toEqual([draft.id]);
      expect(
        (await searchCatalogue(ctx, { q: 'budget table' })).results.map((r) => r.itemId),
      ).toEqual([draft.id]);
    });

    it('a withdrawn item leaves search; a corrected one keeps its earlier version', async () => {
      const item = await recordPublishedItem(ctx, SYSTEM, agencyId, {
        ...itemInput({ title: '临时交通管制公告', bodyHtml: '<p>原定日期为五月一日。</p>' }),
        publishedOn: '2026-04-20',
      });
      const corrected = await correctItem(ctx, SYSTEM, agencyId, item.id, {
        ...itemInput({ title: '临时交通管制公告', bodyHtml: '<p>更正后日期为五月二日。</p>' }),
        reason: '日期有误',
      });
      expect(corrected.version).toBe(2);
      const versions = await itemVersions(ctx.store.db, agencyId, item.id);
      expect(versions.map((v) => [v.version, v.reason])).toEqual([[1, '日期有误']]);
      expect(versions[0]!.item.bodyHtml).toContain('五月一日');
      expect((await searchCatalogue(ctx, { q: '五月二日' })).total).toBe(1);
      expect((await searchCatalogue(ctx, { q: '五月一日' })).total).toBe(0);
      await expect(withdrawItem(ctx, SYSTEM, agencyId, item.id, '  ')).rejects.toThrow(/撤回原因/);
      const withdrawn = await withdrawItem(ctx, SYSTEM, agencyId, item.id, '管制已取消');
      expect(withdrawn.status).toBe('withdrawn');
      expect((await searchCatalogue(ctx, { q: '交通管制' })).total).toBe(0);
      // Still in the archive.
      expect((await getItem(ctx.store.db, agencyId, item.id)).withdrawnReason).toBe('管制已取消');
    });
  });

  describe('attachments refused with the file named', () => {
    let draftId: string;
    beforeAll(async () => {
      draftId = (await createItem(ctx, SYSTEM, agencyId, itemInput())).id;
    });
    const refuse = (name: string, bytes: Uint8Array) =>
      addAttachment(ctx, SYSTEM, agencyId, draftId, { name, bytes }).then(
        () => new AppError('conflict', `“${name}” was accepted`),
        (e: unknown) => e as AppError,
      );

    it('too large, wrong type, content not matching, zip bomb', async () => {
      const big = await refuse('大文件.pdf', new Uint8Array(21 * 1024 * 1024));
      expect(big.message).toMatch(/“大文件\.pdf”.*20 MB/);
      const exe = await refuse('setup.exe', new Uint8Array([0x4d, 0x5a, 1, 2]));
      expect(exe.message).toMatch(/“setup\.exe”的类型不允许/);
      const fake = await refuse('伪装.pdf', await docxWith(['x']));
      expect(fake.message).toMatch(/“伪装\.pdf”的内容是Word/);
      const bomb = await refuse('炸弹.docx', docxBomb(200));
      expect(bomb.message).toMatch(/“炸弹\.docx”.*压缩炸弹/);
      const xss = await refuse('<img src=x onerror=alert(1)>.exe', new Uint8Array([1]));
      expect(xss.message).not.toContain('<img');
    });
  });
});
