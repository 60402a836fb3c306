/**
 * The full letter set with its 文号 (issue 11, item 6), and scans attached to a case, on both
 * stores: one sequence per agency, letter type and year, written by the agency's pattern, never
 * given twice — also when letters are issued at the same moment.
 */
import mammoth from 'mammoth';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { takeLetterSequence } from '../../src/store/repositories/letter-numbers.js';
import { REVIEW_LEVELS } from '../../src/core/auth/roles.js';
import { TestClient } from '../support/app.js';
import { clerkDesk, makeReviewer } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Letterset-pass-2026';

interface Detail {
  id: string;
  letters: { id: string; kind: string; title: string; documentNumber: string | null }[];
  attachments: { id: string; kindLabel: string; mediaType: string; sha256: string }[];
}

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describeEachStore('applications: the letter set and its 文号', (getStore) => {
  const desk = clerkDesk(getStore, PASSWORD);
  const { base, setToday } = desk;
  const post = (path: string, body?: unknown) =>
    desk.clerk.request('POST', `${base()}/applications/${path}`, body);
  const event = async (id: string, body: Record<string, unknown>) => {
    const r = await post(`${id}/events`, body);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Detail>();
  };
  const reviewers = new Map<string, TestClient>();
  beforeAll(async () => {
    for (const level of REVIEW_LEVELS) {
      await makeReviewer(desk.ctx, desk.agencyId, `rev-${level}`, PASSWORD, level);
    }
  });
  /** Asks for the approval and has each level of the agency's chain approve it. */
  const approve = async (id: string, body: Record<string, unknown>) => {
    const r = await post(`${id}/approvals`, body);
    expect(r.statusCode, r.body).toBe(200);
    for (;;) {
      const list = await desk.clerk.request('GET', `${base()}/applications/${id}/approvals`);
      const pending = list
        .json<{
          approvals: {
            id: string;
            status: string;
            levels: { role: string; reviewLevel?: string | null }[];
            currentLevelIndex: number | null;
          }[];
        }>()
        .approvals.find((a) => a.status === 'pending');
      if (!pending) break;
      // The review engine names each level by its role and review level; the default chains
      // ask a reviewer (股室负责人) for withholding replies and extensions.
      const step = pending.levels[pending.currentLevelIndex!]!;
      expect(step.role).toBe('reviewer');
      const level = step.reviewLevel!;
      if (!reviewers.has(level)) {
        const client = new TestClient(desk.app);
        await client.loginReady(`rev-${level}`, PASSWORD);
        reviewers.set(level, client);
      }
      const decided = await reviewers
        .get(level)!
        .request('POST', `${base()}/approvals/${pending.id}/decision`, { decision: 'approve' });
      expect(decided.statusCode, decided.body).toBe(200);
    }
    return (await desk.clerk.request('GET', `${base()}/applications/${id}`)).json<Detail>();
  };
  const docxText = async (id: string, letterId: string) => {
    const r = await desk.clerk.request(
      'GET',
      `${base()}/applications/${id}/letters/${letterId}/document.docx`,
    );
    expect(r.statusCode).toBe(200);
    return (await mammoth.extractRawText({ buffer: r.rawPayload })).value;
  };

  it('numbers each letter type in its own sequence, by the pattern set', async () => {
    await setToday('2026-03-02');
    const a = await desk.register('2026-03-02');
    const b = await desk.register('2026-03-02');
    await event(a, {
      type: 'correction_requested',
      date: '2026-03-02',
      correctBy: '2026-03-16',
      note: '请写明文号',
    });
    const d = await event(b, {
      type: 'correction_requested',
      date: '2026-03-02',
      correctBy: '2026-03-16',
      note: '请写明名称',
    });
    const first = (await desk.clerk.request('GET', `${base()}/applications/${a}`)).json<Detail>();
    expect(first.letters[0]!.documentNumber).toBe('〔2026〕第1号');
    expect(d.letters[0]!.documentNumber).toBe('〔2026〕第2号');

    // A refused pattern names the letter as the settings page labels it; nothing is saved.
    const refused = await desk.clerk.request('PUT', `${base()}/letter-numbers`, {
      patterns: { correction: '示科补〔{年}〕号' },
    });
    expect(refused.statusCode).toBe(403); // the clerk may not; the agency admin may
    const { setLetterNumberPatterns } =
      await import('../../src/services/applications/letter-numbers.js');
    await expect(
      setLetterNumberPatterns(
        desk.ctx,
        { kind: 'system', label: '测试' },
        desk.agencyId,
        {
          correction: '示科补〔{年}〕号',
          reply: '{号}{号}',
        },
        2026,
      ),
    ).rejects.toThrow('“政府信息公开申请补正告知书”的文号格式：文号格式中须有“{号}”');
    await setLetterNumberPatterns(
      desk.ctx,
      { kind: 'system', label: '测试' },
      desk.agencyId,
      { correction: '示科补〔{年}〕{号}号' },
      2026,
    );
    const c = await desk.register('2026-03-02');
    const e = await event(c, {
      type: 'correction_requested',
      date: '2026-03-02',
      correctBy: '2026-03-16',
      note: '请写明年份',
    });
    // The sequence goes on under the new pattern: a number is never given again.
    expect(e.letters[0]!.documentNumber).toBe('示科补〔2026〕3号');
    const text = await docxText(c, e.letters[0]!.id);
    expect(text).toContain('示科补〔2026〕3号');
  });

  it('never gives one number twice, when letters are issued at the same time', async () => {
    const { store } = getStore();
    const taken = await Promise.all(
      Array.from({ length: 24 }, () =>
        store.transaction((t) => takeLetterSequence(t, desk.agencyId, 'reply', 2031)),
      ),
    );
    expect([...taken].sort((x, y) => x - y)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));

    // Through the service: receipts of many cases issued at once.
    const ids = await Promise.all(Array.from({ length: 8 }, () => desk.register('2026-03-02')));
    const results = await Promise.all(ids.map((id) => post(`${id}/acknowledgement`)));
    expect(results.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    const numbers = results.map(
      (r) => r.json<Detail>().letters.find((l) => l.kind === 'acknowledgement')!.documentNumber,
    );
    expect(new Set(numbers).size).toBe(8);
    const seqs = numbers.map((n) => Number(/第(\d+)号/.exec(n!)![1])).sort((x, y) => x - y);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const issued = await store.db
      .selectFrom('issued_letter_number')
      .select(['document_number'])
      .where('agency_id', '=', desk.agencyId)
      .where('kind', '=', 'acknowledgement')
      .execute();
    expect(issued).toHaveLength(8);
    // A second receipt for the same case is refused with where to find the first.
    const again = await post(`${ids[0]}/acknowledgement`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('已出具受理回执');
  });

  it('issues every letter of the set, each with its 文号, 落款, seal and remedy where due', async () => {
    await setToday('2026-03-09');
    const kinds = new Map<string, { id: string; letterId: string; number: string }>();
    const keep = (id: string, d: Detail) => {
      for (const l of d.letters) {
        if (!kinds.has(l.kind))
          kinds.set(l.kind, { id, letterId: l.id, number: l.documentNumber! });
      }
    };
    const one = await desk.register('2026-03-09');
    keep(one, (await post(`${one}/acknowledgement`)).json<Detail>());
    keep(one, await approve(one, { kind: 'extension', workingDays: 10, reason: '需检索档案' }));
    keep(
      one,
      await event(one, {
        type: 'consultation_started',
        date: '2026-03-09',
        party: 'third_party',
        name: '某科技有限公司',
      }),
    );
    await event(one, { type: 'consultation_answered', date: '2026-03-09' });
    keep(
      one,
      await event(one, {
        type: 'fee_notice_issued',
        date: '2026-03-09',
        method: 'pages',
        quantity: 120,
        deliveredOn: '2026-03-09',
      }),
    );
    await event(one, { type: 'fee_paid', date: '2026-03-09' });
    keep(
      one,
      await approve(one, {
        kind: 'reply',
        outcome: 'disclosed',
        legalBasis: '条例第三十六条第（二）项',
      }),
    );
    const two = await desk.register('2026-03-09');
    const r = await desk.clerk.request('POST', `${base()}/applications/${two}/handoffs`, {
      type: 'forwarded',
      agencyName: '示范市教育局',
    });
    keep(two, r.json<Detail>());
    const three = await desk.register('2026-03-09');
    keep(
      three,
      await approve(three, {
        kind: 'reply',
        outcome: 'not_processed.publication',
        legalBasis: '条例第三十九条第二款',
        reasons: '所申请的信息为公开出版物，不属于本机关应予提供的政府信息。',
        details: '可通过书店购买。',
      }),
    );
    const four = await desk.register('2026-03-09');
    keep(
      four,
      await event(four, {
        type: 'correction_requested',
        date: '2026-03-09',
        correctBy: '2026-03-10',
        note: '请写明名称',
      }),
    );
    await setToday('2026-03-11');
    keep(four, await event(four, { type: 'correction_lapsed', date: '2026-03-11' }));

    expect([...kinds.keys()].sort()).toEqual(
      [
        'acknowledgement',
        'extension',
        'consultation',
        'consultation_notice',
        'fee',
        'reply',
        'forward',
        'not_processed',
        'correction',
        'lapse',
      ].sort(),
    );
    const withRemedy = ['reply', 'not_processed', 'lapse', 'forward'];
    for (const [kind, { id, letterId, number }] of kinds) {
      expect(number, kind).toMatch(/〔2026〕/);
      const text = await docxText(id, letterId);
      expect(text, kind).toContain(number);
      expect(text, kind).toContain('示范市科学技术局');
      expect(text, kind).toContain('（机关印章）');
      expect(text, kind).toMatch(/2026年3月(9|11)日/);
      if (withRemedy.includes(kind)) {
        // The remedy paragraph after the body and before the 落款.
        const remedy = text.indexOf('申请行政复议');
        expect(remedy, kind).toBeGreaterThan(text.indexOf('特此告知'));
        expect(remedy, kind).toBeLessThan(text.lastIndexOf('（机关印章）'));
      } else {
        expect(text, kind).not.toContain('申请行政复议');
      }
      const pdf = await desk.clerk.request(
        'GET',
        `${base()}/applications/${id}/letters/${letterId}/document.pdf`,
      );
      expect(pdf.statusCode, kind).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const consultation = await docxText(
      kinds.get('consultation')!.id,
      kinds.get('consultation')!.letterId,
    );
    expect(consultation).toContain('某科技有限公司：');
    expect(consultation).not.toContain('张三'); // the applicant is not named to the third party
  });

  describe('a scan of the incoming letter or envelope', () => {
    const upload = (id: string, bytes: Uint8Array, name: string, kind = 'envelope') =>
      desk.clerk.request(
        'POST',
        `${base()}/applications/${id}/attachments?kind=${kind}`,
        Buffer.from(bytes) as unknown as string,
        { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
      );

    // Each test sets its own day: run alone or in any order, the case is received that day.
    beforeEach(() => setToday('2026-03-11'));

    it('is typed by its content, kept once by its hash and shown with the case', async () => {
      const id = await desk.register('2026-03-11');
      const r = await upload(id, PNG, '信封.png');
      expect(r.statusCode, r.body).toBe(201);
      const again = await upload(id, PNG, '信封（背面）.jpg', 'letter');
      expect(again.statusCode).toBe(201);
      const d = (await desk.clerk.request('GET', `${base()}/applications/${id}`)).json<Detail>();
      const sha = createHash('sha256').update(PNG).digest('hex');
      expect(d.attachments.map((a) => [a.kindLabel, a.mediaType, a.sha256])).toEqual([
        ['信封', 'image/png', sha],
        ['来信', 'image/png', sha],
      ]);
      const blobs = await getStore()
        .store.db.selectFrom('blob')
        .select('sha256')
        .where('sha256', '=', sha)
        .execute();
      expect(blobs).toHaveLength(1);
      const file = await desk.clerk.request(
        'GET',
        `${base()}/applications/${id}/attachments/${d.attachments[0]!.id}/file`,
      );
      expect(file.statusCode).toBe(200);
      expect(new Uint8Array(file.rawPayload)).toEqual(PNG);
    });

    it('is refused when it is not a scan, or too large, saying why', async () => {
      const id = await desk.register('2026-03-11');
      const text = await upload(id, new TextEncoder().encode('not a scan'), '扫描件.pdf');
      expect(text.statusCode).toBe(400);
      expect(text.json<{ error: { message: string; field: string } }>().error).toMatchObject({
        field: 'file',
      });
      expect(text.body).toContain('只能上传 PDF、JPEG、PNG 或 TIFF');
      const big = new Uint8Array(20 * 1024 * 1024 + 1);
      big.set(PNG);
      const large = await upload(id, big, '大.png');
      expect(large.statusCode).toBe(400);
      expect(large.body).toContain('不能超过 20 MB');
      const empty = await upload(id, new Uint8Array(0), '空.png');
      expect(empty.statusCode).toBe(400);
    });
  });
});
