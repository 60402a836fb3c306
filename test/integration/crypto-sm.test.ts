/**
 * 国密 deployment (GONGKAI_CRYPTO=sm): the main paths of personal data under SM4/SM3 — an
 * application registered and its identity revealed, a second factor enrolled and used, the audit
 * chain sealed with HMAC-SM3 and still catching a change — and data written before the switch
 * (AES-256-GCM, HMAC-SHA256) still reading and verifying.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/services/audit.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createSecretBox } from '../../src/services/secrets.js';
import { TEST_SECRET_HEX, TestClient, TestClock, testApp } from '../support/app.js';
import {
  agencyIdByName,
  citizenId,
  makeClerk,
  personApplication,
} from '../support/applications.js';
import { bootstrapDemo } from '../support/accounts.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Guomi-pass-2026';
const secret = Buffer.from(TEST_SECRET_HEX, 'hex');

describeEachStore('SM4/SM3 selected: personal data and the audit chain', (getStore, dialect) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let clerk: TestClient;
  let agencyId: string;
  let before: number;
  const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));
  const base = () => `/api/v1/agencies/${agencyId}`;

  beforeAll(async () => {
    // The installation starts on AES/SHA-256 (today's default), then switches to 国密.
    const aes: ServiceContext = { store: getStore().store, clock, secretKey: secret };
    await bootstrapDemo(aes);
    before = Number(
      (
        await getStore()
          .store.db.selectFrom('audit_log')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    agencyId = await agencyIdByName(aes, '示范市科学技术局');
    ctx = { ...aes, crypto: { suite: 'sm' } };
    await makeClerk(ctx, agencyId, 'sun', PASSWORD, '孙经办');
    app = await testApp(ctx);
    clerk = new TestClient(app);
    await clerk.loginReady('sun', PASSWORD);
  });
  afterAll(async () => app?.close());

  it('seals a registered application with SM4 and reveals it to its clerk', async () => {
    const registered = await clerk.request('POST', `${base()}/applications`, {
      ...personApplication(),
      channel: 'in_person',
      receivedOn: '2026-03-02',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const id = registered.json<{ application: { id: string } }>().application.id;
    const row = await getStore()
      .store.db.selectFrom('application')
      .select(['id_number_sealed', 'phone_sealed', 'address_sealed', 'email_sealed'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    for (const value of Object.values(row)) {
      expect(value).toMatch(/^v2:sm4:[0-9a-f]{8}:/);
      expect(value).not.toContain('1381234');
    }
    const reveal = await clerk.request('POST', `${base()}/applications/${id}/reveal`);
    expect(reveal.statusCode, reveal.body).toBe(200);
    expect(reveal.json()).toMatchObject({
      idNumber: citizenId('11010519800101123'),
      phone: '13812345678',
      address: '示范市幸福路 8 号',
      email: 'li@example.com',
    });

    // A value sealed before the switch (AES-256-GCM) still reads.
    const old = createSecretBox(secret, { suite: 'aes' });
    await getStore()
      .store.db.updateTable('application')
      .set({ phone_sealed: old.encrypt('13900000000') })
      .where('id', '=', id)
      .execute();
    const again = await clerk.request('POST', `${base()}/applications/${id}/reveal`);
    expect(again.json()).toMatchObject({ phone: '13900000000' });
  });

  it('seals the second factor with SM4, and signs in with its code', async () => {
    await clerk.enrolSecondFactor('sun');
    const row = await getStore()
      .store.db.selectFrom('second_factor')
      .innerJoin('user_account', 'user_account.id', 'second_factor.user_id')
      .select('second_factor.secret_sealed')
      .where('user_account.username', '=', 'sun')
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).toMatch(/^v2:sm4:/);
    clock.advance(60_000);
    const fresh = new TestClient(app);
    await fresh.loginReady('sun', PASSWORD);
    const me = await fresh.request('GET', '/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
  });

  it('chains the audit trail with HMAC-SM3 after the switch, and still catches a change', async () => {
    const rows = await getStore()
      .store.db.selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq')
      .execute();
    expect(rows.length).toBeGreaterThan(before);
    for (const r of rows) {
      if (Number(r.seq) <= before) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      else expect(r.hash).toMatch(/^sm3:[0-9a-f]{64}$/);
    }
    expect(await verifyAuditChain(getStore().store.db, secret)).toMatchObject({ ok: true });
    const target = rows[rows.length - 2]!;
    // Someone with direct access removes the append-only guard and rewrites a record.
    if (dialect === 'postgres') {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(
        getStore().store.db,
      );
    } else {
      await sql`DROP TRIGGER audit_log_no_update`.execute(getStore().store.db);
    }
    await getStore()
      .store.db.updateTable('audit_log')
      .set({ actor: '别人' })
      .where('seq', '=', target.seq)
      .execute();
    const broken = await verifyAuditChain(getStore().store.db, secret);
    expect(broken).toMatchObject({ ok: false, brokenSeq: Number(target.seq) });
  });
});
