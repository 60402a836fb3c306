/**
 * 先审查、后公开 through the one review-chain engine: a clerk drafts an item with an attachment
 * and submits it; the 股室负责人 completes the 保密审查 checklist and approves; the 分管领导
 * returns it with a comment; the clerk revises and resubmits; both approve; the item is in the
 * column and in search (with the attachment's text); the 发布审查表 downloads as DOCX and PDF
 * and is archived; publish without the chain answers 409; withdrawal leaves the portal; every
 * step is in the audit trail. No one approves their own item.
 */
import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeSharedChromium } from '../../src/render/chromium.js';
import type { ServiceContext } from '../../src/services/context.js';
import { STANDARD_SECRECY_ITEMS } from '../../src/core/proactive/secrecy.js';
import { TestClient, testApp, testContext } from '../support/app.js';
import { bootstrapDemo } from '../support/accounts.js';
import { makeClerk, makeReviewer } from '../support/applications.js';
import { docxWith, itemInput } from '../support/proactive.js';
import { describeEachStore } from '../support/stores.js';

const password = 'Review-pass-2026';
const allClear = STANDARD_SECRECY_ITEMS.map((i) => ({ key: i.key, answer: 'clear' }));

describeEachStore('proactive review chain', (getStore) => {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let agencyId: string;
  const signIn = async (username: string) => {
    const c = new TestClient(app);
    await c.loginReady(username, password);
    return c;
  };

  beforeAll(async () => {
    ctx = testContext(getStore().store);
    await bootstrapDemo(ctx);
    agencyId = (
      await ctx.store.db
        .selectFrom('agency')
        .select('id')
        .orderBy('name', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
    await makeClerk(ctx, agencyId, 'pi-clerk', password);
    await makeReviewer(ctx, agencyId, 'pi-head', password, 'section_head');
    await makeReviewer(ctx, agencyId, 'pi-deputy', password, 'deputy');
    app = await testApp(ctx);
  });
  afterAll(async () => {
    await app?.close();
    await closeSharedChromium();
  });

  it('runs the whole chain, then publishes, exports the sheet and withdraws', async () => {
    const clerk = await signIn('pi-clerk');
    const head = await signIn('pi-head');
    const deputy = await signIn('pi-deputy');
    const base = `/api/v1/agencies/${agencyId}/proactive/items`;
    const created = await clerk.request(
      'POST',
      base,
      itemInput({ title: '关于公布2026年度科普基地名单的通知', issuingBody: '示范市教育局' }),
    );
    expect(created.statusCode).toBe(201);
    const id = created.json<{ item: { id: string } }>().item.id;
    const upload = await clerk.request(
      'POST',
      `${base}/${id}/attachments`,
      Buffer.from(await docxWith(['附件：科普基地名单，含星光天文馆'])),
      {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('名单.docx'),
      },
    );
    expect(upload.statusCode).toBe(201);

    // Publishing without the chain is refused, with the reason.
    const early = await clerk.request('POST', `${base}/${id}/publish`);
    expect(early.statusCode).toBe(409);
    expect(early.json<{ error: { message: string } }>().error.message).toMatch(/审查/);

    expect((await clerk.request('POST', `${base}/${id}/submit`, {})).statusCode).toBe(200);
    // The clerk cannot approve their own item (and holds no review permission anyway).
    expect(
      (
        await clerk.request('POST', `${base}/${id}/review`, {
          decision: 'approve',
          checks: allClear,
        })
      ).statusCode,
    ).toBe(403);
    // The deputy is not the current level.
    expect(
      (await deputy.request('POST', `${base}/${id}/review`, { decision: 'approve' })).statusCode,
    ).toBe(409);
    // The first level must complete the checklist.
    const noChecks = await head.request('POST', `${base}/${id}/review`, { decision: 'approve' });
    expect(noChecks.statusCode).toBe(400);
    expect(noChecks.body).toContain('保密审查清单未填完');
    expect(
      (
        await head.request('POST', `${base}/${id}/review`, {
          decision: 'approve',
          checks: allClear,
          comment: '同意',
        })
      ).statusCode,
    ).toBe(200);
    const returned = await deputy.request('POST', `${base}/${id}/review`, {
      decision: 'return',
      comment: '请补充联系方式',
    });
    expect(returned.statusCode).toBe(200);
    let item = (await clerk.request('GET', `${base}/${id}`)).json<{ item: { status: string } }>()
      .item;
    expect(item.status).toBe('draft');
    const reviews = (await clerk.request('GET', `${base}/${id}/reviews`)).json<{
      reviews: { status: string; steps: { comment: string | null }[] }[];
    }>().reviews;
    expect(reviews[0]!.status).toBe('returned');
    expect(reviews[0]!.steps.map((s) => s.comment)).toContain('请补充联系方式');

    const revised = await clerk.request(
      'PUT',
      `${base}/${id}`,
      itemInput({
        title: '关于公布2026年度科普基地名单的通知',
        bodyHtml: '<p>现将名单公布如下。联系电话：0999-7654321。</p>',
        issuingBody: '示范市教育局',
      }),
    );
    expect(revised.statusCode).toBe(200);
    expect((await clerk.request('POST', `${base}/${id}/submit`, {})).statusCode).toBe(200);
    expect(
      (
        await head.request('POST', `${base}/${id}/review`, {
          decision: 'approve',
          checks: allClear,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await deputy.request('POST', `${base}/${id}/review`, {
          decision: 'approve',
          comment: '同意发布',
        })
      ).statusCode,
    ).toBe(200);
    item = (await clerk.request('GET', `${base}/${id}`)).json<{ item: { status: string } }>().item;
    expect(item.status).toBe('published');

    const visitor = new TestClient(app);
    const page = await visitor.request('GET', `/portal/agencies/${agencyId}/items/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('名单.docx');
    const search = await visitor.request(
      'GET',
      `/portal/search?q=${encodeURIComponent('星光天文馆')}`,
    );
    expect(search.body).toContain(`/items/${id}`);

    const docx = await clerk.request('GET', `${base}/${id}/review-sheet.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // The sheet records every step: the return with its comment, both approvals, the checklist.
    const sheet = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    for (const text of ['请补充联系方式', '同意发布', STANDARD_SECRECY_ITEMS[0]!.label])
      expect(sheet, text).toContain(text);
    const pdf = await clerk.request('GET', `${base}/${id}/review-sheet.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const archived = await ctx.store.db
      .selectFrom('proactive_review_sheet')
      .select('format')
      .where('item_id', '=', id)
      .execute();
    expect(archived.map((a) => a.format).sort()).toEqual(['docx', 'pdf']);

    expect((await clerk.request('POST', `${base}/${id}/withdraw`, { reason: '' })).statusCode).toBe(
      400,
    );
    expect(
      (
        await clerk.request('POST', `${base}/${id}/withdraw`, {
          reason: '名单有误，核实后重新发布',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await visitor.request('GET', `/portal/agencies/${agencyId}/items/${id}`)).statusCode,
    ).toBe(404);
    expect(
      (await visitor.request('GET', `/portal/search?q=${encodeURIComponent('星光天文馆')}`)).body,
    ).not.toContain(id);

    const actions = (
      await ctx.store.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((a) => a.action);
    for (const a of [
      'proactive.create',
      'proactive.attachment_add',
      'proactive_item.approval_submit',
      'proactive.secrecy_check',
      'proactive_item.approval_return',
      'proactive.publish',
      'proactive.withdraw',
    ])
      expect(actions, a).toContain(a);
  });

  it('the generic decision route cannot skip the 保密审查 checklist; a withdrawn review makes the item a draft again', async () => {
    const clerk = await signIn('pi-clerk');
    const head = await signIn('pi-head');
    const deputy = await signIn('pi-deputy');
    const base = `/api/v1/agencies/${agencyId}/proactive/items`;
    const id = (
      await clerk.request('POST', base, itemInput({ title: '关于调整科技馆开放时间的公告' }))
    ).json<{ item: { id: string } }>().item.id;
    const { approvalId } = (await clerk.request('POST', `${base}/${id}/submit`, {})).json<{
      approvalId: string;
    }>();
    const decision = `/api/v1/agencies/${agencyId}/approvals/${approvalId}/decision`;

    // Level 1 through /approvals: refused, nothing recorded, still waiting for level 1.
    const skipped = await head.request('POST', decision, { decision: 'approve', comment: '同意' });
    expect(skipped.statusCode).toBe(400);
    expect(skipped.json<{ error: { field: string; message: string } }>().error).toMatchObject({
      field: 'checks',
      message: expect.stringContaining('保密审查清单') as string,
    });
    let reviews = (await clerk.request('GET', `${base}/${id}/reviews`)).json<{
      reviews: { status: string; currentLevelIndex: number | null; steps: unknown[] }[];
    }>().reviews;
    expect(reviews[0]).toMatchObject({ status: 'pending', currentLevelIndex: 0, steps: [] });
    // The deputy cannot jump ahead either.
    expect((await deputy.request('POST', decision, { decision: 'approve' })).statusCode).toBe(403);

    // Every unanswered or unexplained question is named at once, each with its own field.
    const partial = await head.request('POST', `${base}/${id}/review`, {
      decision: 'approve',
      checks: [
        { key: 'state_secret', answer: 'clear' },
        { key: 'personal', answer: 'handled', note: ' ' },
      ],
    });
    expect(partial.statusCode).toBe(400);
    const fields = partial
      .json<{ error: { fields: { field: string }[] } }>()
      .error.fields.map((f) => f.field);
    expect(fields).toEqual([
      'checks.sensitive',
      'checks.personal',
      'checks.commercial',
      'checks.internal',
    ]);
    expect(
      await ctx.store.db
        .selectFrom('proactive_secrecy_check')
        .select('approval_id')
        .where('item_id', '=', id)
        .execute(),
    ).toEqual([]);

    // The author takes the review back: the item is a draft again, editable and resubmittable.
    expect(
      (
        await clerk.request(
          'POST',
          `/api/v1/agencies/${agencyId}/approvals/${approvalId}/withdraw`,
          {},
        )
      ).statusCode,
    ).toBe(200);
    const item = (await clerk.request('GET', `${base}/${id}`)).json<{ item: { status: string } }>()
      .item;
    expect(item.status).toBe('draft');
    expect(
      (
        await clerk.request(
          'PUT',
          `${base}/${id}`,
          itemInput({ title: '关于调整科技馆冬季开放时间的公告' }),
        )
      ).statusCode,
    ).toBe(200);
    reviews = (await clerk.request('GET', `${base}/${id}/reviews`)).json<{
      reviews: { status: string; currentLevelIndex: number | null; steps: unknown[] }[];
    }>().reviews;
    expect(reviews.map((r) => r.status)).toEqual(['withdrawn']);
  });

  it('every route that could publish refuses an item that has not been through the chain', async () => {
    const clerk = await signIn('pi-clerk');
    const base = `/api/v1/agencies/${agencyId}/proactive/items`;
    const id = (await clerk.request('POST', base, itemInput())).json<{ item: { id: string } }>()
      .item.id;
    expect((await clerk.request('POST', `${base}/${id}/publish`)).statusCode).toBe(409);
    const { kind: _k, ...rest } = itemInput();
    expect(
      (await clerk.request('POST', `${base}/${id}/correction`, { ...rest, reason: '更正' }))
        .statusCode,
    ).toBe(409);
    // A submitted item is still not published until the last level approves.
    await clerk.request('POST', `${base}/${id}/submit`, {});
    expect((await clerk.request('POST', `${base}/${id}/publish`)).statusCode).toBe(409);
    const visitor = new TestClient(app);
    expect(
      (await visitor.request('GET', `/portal/agencies/${agencyId}/items/${id}`)).statusCode,
    ).toBe(404);
  });
});
