/**
 * The brake on guessing query codes. Behind a reverse proxy without GONGKAI_TRUST_PROXY (or a
 * carrier's NAT) every visitor has the same address, so a brake that refused everything from
 * an address let one person guessing lock everyone out of following their applications. Wrong
 * codes are limited per (address, application number) and per address, in the database; the
 * right code always gets in.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { agencyIdByName, makeClerk, personApplication } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PASSWORD = 'Throttle-pass-2026';

function hidden(page: string, name: string): string {
  const m = new RegExp(`name="${name}"\\s+value="([^"]*)"`).exec(page);
  if (!m) throw new Error(`no hidden field ${name}`);
  return m[1]!;
}
const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describeEachStore('portal: the query-code brake', (getStore) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let clerk: TestClient;
  let agencyId: string;
  const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));
  const cases: { number: string; code: string }[] = [];

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    await makeClerk(ctx, agencyId, 'wang', PASSWORD, '王经办');
    app = await testApp(ctx);
    clerk = new TestClient(app);
    await clerk.loginReady('wang', PASSWORD);
    for (const name of ['甲申请', '乙申请']) {
      const r = await clerk.request('POST', `/api/v1/agencies/${agencyId}/applications`, {
        ...personApplication({ name }),
        channel: 'in_person',
        receivedOn: '2026-03-02',
      });
      const body = r.json<{ application: { number: string }; queryCode: string }>();
      cases.push({ number: body.application.number, code: body.queryCode });
    }
  });
  afterAll(async () => app?.close());

  /** A visitor — every one of them from the same address, as behind a proxy. */
  const follow = async (visitor: TestClient, number: string, code: string) => {
    const form = (await visitor.request('GET', '/portal/follow')).body;
    return visitor.request(
      'POST',
      '/portal/follow',
      encode({ _csrf: hidden(form, '_csrf'), number, code }),
      FORM,
    );
  };

  it('stops guessing at one application after 10 failures', async () => {
    const attacker = new TestClient(app);
    for (let i = 0; i < 10; i++) {
      const r = await follow(attacker, cases[0]!.number, 'AAAAA-AAAAA');
      expect(r.statusCode).toBe(400);
    }
    const blocked = await follow(attacker, cases[0]!.number, 'AAAAA-AAAAA');
    expect(blocked.statusCode).toBe(429);
    // The right code is never refused: whoever else behind this address guessed wrong, the
    // applicant with the code gets in (the brake bounds the guesser, not the applicant).
    expect((await follow(attacker, cases[0]!.number, cases[0]!.code)).statusCode).toBe(303);
  });

  it('does not lock out another applicant behind the same address', async () => {
    const applicant = new TestClient(app);
    const r = await follow(applicant, cases[1]!.number, cases[1]!.code);
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/portal/follow/case');
  });

  it('lifts after 10 minutes', async () => {
    const guesser = new TestClient(app);
    expect((await follow(guesser, cases[0]!.number, 'AAAAA-AAAAB')).statusCode).toBe(429);
    clock.advance(10 * 60_000 + 1000);
    expect((await follow(guesser, cases[0]!.number, 'AAAAA-AAAAB')).statusCode).toBe(400);
  });
});
