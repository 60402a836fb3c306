/**
 * Proactive items on both stores: 索引号 unique and never reused across a scheme change,
 * publishing only after review (409), search over bodies and attachment text (one, two and
 * more characters, metacharacters, a 10,000-character query), withdrawal, corrections kept,
 * validity, table 二 against an independent count, the 基层 catalogue's overdue entries, and
 * attachments refused by size, type, content and expansion.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import {
  ARTICLE_20_CATEGORIES,
  CHANNEL_LABELS,
  CHANNELS,
  type Article20Category,
  type Channel,
} from '../../src/core/proactive/categories.js';
import { DEMO_REGION } from '../../src/services/bootstrap.js';
import type { ServiceContext } from '../../src/services/context.js';
import { addAttachment } from '../../src/services/proactive/attachments.js';
import {
  addCatalogueEntry,
  listCatalogue,
  updateCatalogueEntry,
} from '../../src/services/proactive/catalogue.js';
import { proactiveFigures } from '../../src/services/proactive/figures.js';
import { updateIndexSettings } from '../../src/services/proactive/index-numbers.js';
import {
  createItem,
  getItem,
  publishItem,
  recordPublishedItem,
  updateItem,
} from '../../src/services/proactive/items.js';
import {
  changeValidity,
  correctItem,
  itemVersions,
  withdrawItem,
} from '../../src/services/proactive/item-changes.js';
import { searchCatalogue } from '../../src/services/proactive/search.js';
import { bootstrapDemo } from '../support/accounts.js';
import { TestClock, testContext } from '../support/app.js';
import { docxBomb, docxWith, itemInput, pdfWith, SYSTEM } from '../support/proactive.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('proactive items', (getStore) => {
  let ctx: ServiceContext;
  let agencyId: string;
  let otherAgencyId: string;
  const clock = new TestClock(new Date('2026-06-01T02:00:00Z'));

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    const agencies = await ctx.store.db.selectFrom('agency').select(['id', 'name']).execute();
    agencyId = agencies.find((a) => a.name === DEMO_REGION.agencies[0]!.name)!.id;
    otherAgencyId = agencies.find((a) => a.name === DEMO_REGION.agencies[1]!.name)!.id;
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

  it('a repealed normative document names its successor; table 二 equals an independent count', async () => {
    const items: {
      id: string;
      kind: string;
      publishedOn: string;
      category: Article20Category;
      channels: Channel[];
    }[] = [];
    const categories: Article20Category[] = ['a20_02', 'a20_03', 'a20_09', 'a20_12'];
    const channelSets: Channel[][] = [['website'], ['website', 'new_media'], ['notice_board']];
    // Not the demo data's year (the year before the clock's).
    const year = 2023;
    // A year of generated items: a seeded sequence, so the run is the same every time.
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 40; i++) {
      const kind = (['regulation', 'normative', 'general', 'policy'] as const)[
        Math.floor(rand() * 4)
      ]!;
      const publishedOn = `${rand() < 0.2 ? 2022 : year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-15`;
      const category =
        kind === 'regulation' || kind === 'normative'
          ? 'a20_01'
          : categories[Math.floor(rand() * categories.length)]!;
      const channels = channelSets[Math.floor(rand() * channelSets.length)]!;
      const item = await recordPublishedItem(ctx, SYSTEM, otherAgencyId, {
        ...itemInput({
          kind,
          title: `生成的文件${i}`,
          writtenOn: null,
          article20Category: category,
          channels,
        }),
        publishedOn,
      });
      items.push({ id: item.id, kind, publishedOn, category, channels });
    }
    // A draft never published counts nowhere.
    await createItem(
      ctx,
      SYSTEM,
      otherAgencyId,
      itemInput({ kind: 'normative', title: '未发布的草稿' }),
    );
    const normative = items.filter((i) => i.kind === 'normative');
    const repealed = normative.slice(0, 2);
    const successor = items.find((i) => i.kind === 'normative' && !repealed.includes(i))!;
    for (const r of repealed) {
      await changeValidity(ctx, SYSTEM, otherAgencyId, r.id, {
        validity: 'repealed',
        changedOn: `${year}-12-01`,
        successorId: successor.id,
      });
    }
    const figures = await proactiveFigures(ctx.store.db, otherAgencyId, year);
    for (const kind of ['regulation', 'normative'] as const) {
      const key = kind === 'regulation' ? 'regulations' : 'normative_documents';
      const docs = items.filter((i) => i.kind === kind);
      const issued = docs.filter((d) => d.publishedOn.startsWith(String(year))).length;
      const gone = kind === 'normative' ? repealed.length : 0;
      expect(figures.item1[key].issued.value).toBe(issued);
      expect(figures.item1[key].repealed.value).toBe(gone);
      expect(figures.item1[key].in_force.value).toBe(docs.length - gone);
      expect(figures.item1[key].in_force.itemIds.length).toBe(docs.length - gone);
    }
    // Section 一: the total, then each category and each channel, counted here independently.
    const inYear = items.filter((i) => i.publishedOn.startsWith(String(year)));
    expect(figures.sectionOne).toMatch(new RegExp(`^全年主动公开政府信息${inYear.length}条，其中`));
    const sentenceParts: string[] = [];
    for (const c of ARTICLE_20_CATEGORIES) {
      const n = inYear.filter((i) => i.category === c.key).length;
      if (n > 0) sentenceParts.push(`${c.label}${n}条`);
      else expect(figures.sectionOne).not.toContain(c.label);
    }
    for (const ch of CHANNELS) {
      const n = inYear.filter((i) => i.channels.includes(ch)).length;
      if (n > 0) sentenceParts.push(`通过${CHANNEL_LABELS[ch]}发布${n}条`);
    }
    expect(sentenceParts.length).toBeGreaterThan(4);
    for (const part of sentenceParts) expect(figures.sectionOne).toContain(part);
    const first = await getItem(ctx.store.db, otherAgencyId, repealed[0]!.id);
    expect(first.validity).toBe('repealed');
    expect(first.successorId).toBe(successor.id);
    await expect(
      changeValidity(ctx, SYSTEM, otherAgencyId, repealed[0]!.id, {
        validity: 'expired',
        changedOn: '2026-01-01',
      }),
    ).rejects.toThrow(/已废止/);
  });

  it('validity changes only on a published document; a withdrawn policy gets no interpretation', async () => {
    const draft = await createItem(ctx, SYSTEM, agencyId, itemInput({ kind: 'normative' }));
    const change = { validity: 'repealed' as const, changedOn: '2026-03-01' };
    await expect(changeValidity(ctx, SYSTEM, agencyId, draft.id, change)).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringMatching(/尚未发布.*请先提交审查并发布/),
    });
    expect((await getItem(ctx.store.db, agencyId, draft.id)).validity).toBe('in_force');
    const policy = await recordPublishedItem(ctx, SYSTEM, agencyId, {
      ...itemInput({ kind: 'normative', title: '将撤回的规范性文件' }),
      publishedOn: '2026-02-01',
    });
    await withdrawItem(ctx, SYSTEM, agencyId, policy.id, '已另行发布');
    await expect(changeValidity(ctx, SYSTEM, agencyId, policy.id, change)).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringContaining('已撤回'),
    });
    const interpretation = {
      kind: 'interpretation' as const,
      policyId: policy.id,
      interpretationForm: 'text' as const,
    };
    await expect(
      createItem(ctx, SYSTEM, agencyId, itemInput(interpretation)),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('政策文件已撤回'),
    });
    const reading = await createItem(ctx, SYSTEM, agencyId, itemInput({ kind: 'general' }));
    await expect(
      updateItem(ctx, SYSTEM, agencyId, reading.id, itemInput(interpretation)),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('a 基层 catalogue entry past its time limit without an item is overdue', async () => {
    const entry = await addCatalogueEntry(ctx, SYSTEM, agencyId, {
      matter: '科技项目立项公示',
      content: '项目名称、承担单位、资助金额',
      basis: '《示范市科技计划项目管理办法》',
      timeLimit: '每季度结束后15日内',
      subject: '示范市科学技术局',
      channels: '政府网站',
      audience: '全社会',
      method: '主动公开',
      level: '市级',
      cycle: 'quarterly',
      startsOn: '2026-01-01',
      dueDays: 15,
    });
    clock.set(new Date('2026-04-20T02:00:00Z'));
    let status = (await listCatalogue(ctx, ctx.store.db, agencyId)).find(
      (e) => e.id === entry.id,
    )!.status;
    expect(status).toMatchObject({ overdue: true, dueOn: '2026-04-16' });
    await recordPublishedItem(ctx, SYSTEM, agencyId, {
      ...itemInput({ title: '2026年第一季度科技项目立项公示', catalogueEntryId: entry.id }),
      publishedOn: '2026-04-20',
    });
    status = (await listCatalogue(ctx, ctx.store.db, agencyId)).find(
      (e) => e.id === entry.id,
    )!.status;
    expect(status.overdue).toBe(false);
    clock.set(new Date('2026-06-01T02:00:00Z'));
  });

  it('a catalogue entry names every missing field at once, and an edit keeps its items', async () => {
    const blank = {
      matter: ' ',
      content: '',
      basis: '',
      timeLimit: '',
      subject: '示范市科学技术局',
      channels: '',
      audience: '',
      method: '',
      level: '',
      cycle: 'monthly' as const,
      startsOn: '2026-13',
      dueDays: 10,
    };
    const refused = await addCatalogueEntry(ctx, SYSTEM, agencyId, blank).catch((e: unknown) => e);
    expect(
      (refused as { details: { fields: { field: string }[] } }).details.fields.map((f) => f.field),
    ).toEqual([
      'matter',
      'content',
      'basis',
      'timeLimit',
      'channels',
      'audience',
      'method',
      'level',
      'startsOn',
    ]);
    const filled = {
      ...blank,
      matter: '科技特派员名单',
      content: '姓名、服务单位',
      basis: '《科技特派员工作办法》',
      timeLimit: '每月10日前',
      channels: '政府网站',
      audience: '全社会',
      method: '主动公开',
      level: '市级',
      startsOn: '2026-01-01',
    };
    const { id } = await addCatalogueEntry(ctx, SYSTEM, agencyId, filled);
    await recordPublishedItem(ctx, SYSTEM, agencyId, {
      ...itemInput({ title: '2026年5月科技特派员名单', catalogueEntryId: id }),
      publishedOn: '2026-05-08',
    });
    await updateCatalogueEntry(ctx, SYSTEM, agencyId, id, {
      ...filled,
      timeLimit: '每月15日前',
      dueDays: 15,
    });
    const entry = (await listCatalogue(ctx, ctx.store.db, agencyId)).find((e) => e.id === id)!;
    expect(entry).toMatchObject({ timeLimit: '每月15日前', dueDays: 15, itemCount: 1 });
    await expect(
      updateCatalogueEntry(ctx, SYSTEM, agencyId, 'no-such-entry', filled),
    ).rejects.toThrow(/不存在/);
  });
});
