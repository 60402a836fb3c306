/**
 * Lockout that cannot be used against the owner, and limits that hold across a restart: on
 * SQLite and on PostgreSQL, with the app built anew on the same store as a restarted (or
 * another) node would.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bootstrapDemo } from '../support/accounts.js';
import { TEST_SECRET_HEX, TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { agencyIdByName, makeClerk, personApplication } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'Keeper-secret-2026';
const ATTACKER = '203.0.113.7';
const OWNER_ELSEWHERE = '198.51.100.20';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function hidden(page: string, name: string): string {
  const m = new RegExp(`name="${name}"\\s+value="([^"]*)"`).exec(page);
  if (!m) throw new Error(`no hidden field ${name}`);
  return m[1]!;
}

describeEachStore('sign-in and query-code limits', (getStore) => {
  const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));
  const key = Buffer.from(TEST_SECRET_HEX, 'hex');
  let app: FastifyInstance;
  let agencyId: string;
  const restart = async () => {
    await app.close();
    app = await testApp(testContext(getStore().store, clock, key));
  };
  const signIn = (address: string, username: string, password: string, code?: string) =>
    new TestClient(app, address).login(username, password, code);

  beforeAll(async () => {
    const ctx = testContext(getStore().store, clock, key);
    await bootstrapDemo(ctx);
    agencyId = await agencyIdByName(ctx, '示范市科学技术局');
    await makeClerk(ctx, agencyId, 'owner', PASSWORD, '主人');
    await makeClerk(ctx, agencyId, 'owner2', PASSWORD, '有验证器的主人');
    await makeClerk(ctx, agencyId, 'desk', PASSWORD, '窗口经办');
    app = await testApp(ctx);
  });
  afterAll(async () => app?.close());

  it('20 wrong passwords from one address do not stop the owner signing in from another', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await signIn(ATTACKER, 'owner', `Guess-${i}-wrong`)).statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    // From the guesser's address even the right password waits out the lock…
    const there = await signIn(ATTACKER, 'owner', PASSWORD);
    expect(there.statusCode).toBe(429);
    expect(there.json().error.code).toBe('account_locked');
    expect(there.json().error.message).toMatch(/换一个网络立即登录/);

    // …from elsewhere the owner gets in after a short hold.
    const held = await signIn(OWNER_ELSEWHERE, 'owner', PASSWORD);
    expect(held.statusCode).toBe(429);
    expect(held.json().error.code).toBe('login_delayed');
    expect(held.json().error.message).toMatch(/请 30 秒后再点“登录”/);
    expect(held.headers['retry-after']).toBe('30');
    clock.advance(31_000);
    const owner = await signIn(OWNER_ELSEWHERE, 'owner', PASSWORD);
    expect(owner.statusCode, owner.body).toBe(200);
  });

  it('lets the owner with a second factor in at once, and the hold keeps a wrong password to one try in 30 seconds', async () => {
    const phone = new TestClient(app, '192.0.2.50');
    await phone.loginReady('owner2', PASSWORD);
    await phone.enrolSecondFactor('owner2');
    for (let i = 0; i < 6; i++) await signIn(ATTACKER, 'owner2', `Guess-${i}-wrong`);
    const elsewhere = new TestClient(app, '192.0.2.51');
    const withCode = await elsewhere.login('owner2', PASSWORD, elsewhere.nextCode('owner2'));
    expect(withCode.statusCode, withCode.body).toBe(200);

    // A guesser moving to a fresh address is held too: one try, then another hold.
    const fresh = '203.0.113.99';
    expect((await signIn(fresh, 'owner2', 'Another-guess-1')).json().error.code).toBe(
      'login_delayed',
    );
    clock.advance(31_000);
    expect((await signIn(fresh, 'owner2', 'Another-guess-2')).statusCode).toBe(401);
    expect((await signIn(fresh, 'owner2', 'Another-guess-3')).json().error.code).toBe(
      'login_delayed',
    );
  });

  it('keeps the sign-in limits across a restart', async () => {
    // The guesser, back when the first minute's lock ran out, fails again: two minutes now.
    expect((await signIn(ATTACKER, 'owner', 'Guess-again-wrong')).statusCode).toBe(401);
    await restart();
    const locked = await signIn(ATTACKER, 'owner', PASSWORD);
    expect(locked.json().error.code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBe(120);
    const held = await signIn('198.51.100.77', 'owner', PASSWORD);
    expect(held.json().error.code).toBe('login_delayed');
    clock.advance(31_000);
    expect((await signIn('198.51.100.77', 'owner', PASSWORD)).statusCode).toBe(200);
  });

  it('locks an address that fails on many accounts, also for names that do not exist', async () => {
    const sprayer = '203.0.113.200';
    let last = 0;
    for (let i = 0; i < 100; i++) {
      last = (await signIn(sprayer, `user${i}`, 'Spray-pass-2026')).statusCode;
    }
    expect(last).toBe(401);
    const blocked = await signIn(sprayer, 'someone-else', 'Spray-pass-2026');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    await restart();
    expect((await signIn(sprayer, 'owner', PASSWORD)).json().error.code).toBe('rate_limited');
  });

  it('never refuses the right query code for someone else’s wrong guesses from the same address, across a restart', async () => {
    const clerk = new TestClient(app, '192.0.2.9');
    await clerk.loginReady('desk', PASSWORD);
    const registered = await clerk.request('POST', `/api/v1/agencies/${agencyId}/applications`, {
      ...personApplication({ name: '查询人' }),
      channel: 'in_person',
      receivedOn: '2026-03-02',
    });
    const { application, queryCode } = registered.json<{
      application: { number: string };
      queryCode: string;
    }>();
    const office = '100.64.0.1'; // one carrier NAT address for everyone
    const follow = async (number: string, code: string) => {
      const visitor = new TestClient(app, office);
      const form = (await visitor.request('GET', '/portal/follow')).body;
      return visitor.request(
        'POST',
        '/portal/follow',
        new URLSearchParams({ _csrf: hidden(form, '_csrf'), number, code }).toString(),
        FORM,
      );
    };
    const guesses: number[] = [];
    for (let i = 0; i < 15; i++) {
      guesses.push(
        (await follow(application.number, `AAAAA-AAAA${'BCDEFGHJKM'[i % 10]}`)).statusCode,
      );
    }
    expect(guesses.slice(0, 10)).toEqual(Array<number>(10).fill(400));
    expect(new Set(guesses.slice(10))).toEqual(new Set([429]));
    const refused = await follow(application.number, 'AAAAA-AAAAA');
    expect(refused.body).toMatch(/查询失败的次数过多/);

    // The applicant, behind the same address, with the right code: in.
    const right = await follow(application.number, queryCode);
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/portal/follow/case');

    // A restarted node still limits the guesser and still lets the applicant in.
    await restart();
    expect((await follow(application.number, 'AAAAA-AAAAZ')).statusCode).toBe(429);
    expect((await follow(application.number, queryCode)).statusCode).toBe(303);
    // The limit lifts after its ten minutes.
    clock.advance(10 * 60_000 + 1000);
    expect((await follow(application.number, 'AAAAA-AAAAY')).statusCode).toBe(400);
  });
});
