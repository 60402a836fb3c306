/**
 * Validity of proactive items on both stores: a repealed normative document names its
 * successor, table 二 against an independent count, validity changed only on a published
 * document, and no interpretation of a withdrawn policy.
 */
import { beforeAll, expect, it } from 'vitest';
import {
  ARTICLE_20_CATEGORIES,
  CHANNEL_LABELS,
  CHANNELS,
  type Article20Category,
  type Channel,
} from '../../src/core/proactive/categories.js';
import type { ServiceContext } from '../../src/services/context.js';
import { proactiveFigures } from '../../src/services/proactive/figures.js';
import { changeValidity, withdrawItem } from '../../src/services/proactive/item-changes.js';
import {
  createItem,
  getItem,
  recordPublishedItem,
  updateItem,
} from '../../src/services/proactive/items.js';
import { bootstrapDemo } from '../support/accounts.js';
import { TestClock, testContext } from '../support/app.js';
import { demoAgencyIds, itemInput, SYSTEM } from '../support/proactive.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('proactive item validity', (getStore) => {
  let ctx: ServiceContext;
  let agencyId: string;
  let otherAgencyId: string;
  const clock = new TestClock(new Date('2026-06-01T02:00:00Z'));

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    [agencyId, otherAgencyId] = await demoAgencyIds(ctx.store.db);
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
});
