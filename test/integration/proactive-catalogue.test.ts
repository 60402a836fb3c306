/**
 * The 基层 catalogue of proactive disclosure on both stores: an entry past its time limit
 * without an item is overdue, a blank entry names every missing field at once, and an edit keeps
 * the entry's items.
 */
import { beforeAll, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import {
  addCatalogueEntry,
  listCatalogue,
  updateCatalogueEntry,
} from '../../src/services/proactive/catalogue.js';
import { recordPublishedItem } from '../../src/services/proactive/items.js';
import { bootstrapDemo } from '../support/accounts.js';
import { TestClock, testContext } from '../support/app.js';
import { demoAgencyIds, itemInput, SYSTEM } from '../support/proactive.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('proactive catalogue', (getStore) => {
  let ctx: ServiceContext;
  let agencyId: string;
  const clock = new TestClock(new Date('2026-06-01T02:00:00Z'));

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    [agencyId] = await demoAgencyIds(ctx.store.db);
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
