/**
 * Names an agency is also known by: recorded by the supervisor, never by the agency itself,
 * each change in the audit trail, and used to match a stated name — exactly, by alias, or as a
 * proposal, never a guess.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { matchStatedAgency, statedNameOfAgency } from '../../src/services/agency-aliases.js';
import { bootstrap } from '../../src/services/bootstrap.js';
import { loadConfig } from '../../src/services/config.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { Agency } from '../../src/services/organisations.js';
import { TestClient, testApp, testContext } from '../support/app.js';
import { makeClerk } from '../support/applications.js';
import { describeEachStore } from '../support/stores.js';
import { makeRegions, makeSupervisor, PROVINCE_TREE } from '../support/supervision.js';

describeEachStore('agency aliases', (getStore) => {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let agencies: Map<string, Agency>;
  let cityKjj: Agency;
  const password = 'Alias-pass-2026';

  beforeAll(async () => {
    ctx = testContext(getStore().store);
    await bootstrap(
      ctx,
      loadConfig({ GONGKAI_DEMO: '0', GONGKAI_ADMIN_PASSWORD: 'First-pass-2026' }, '/tmp'),
    );
    agencies = await makeRegions(ctx, PROVINCE_TREE);
    cityKjj = agencies.get('甲市科学技术局')!;
    await makeSupervisor(ctx, '980100', 'city-office', password);
    await makeSupervisor(ctx, '980102', 'east-office', password);
    await makeClerk(ctx, cityKjj.id, 'kjj-clerk', password);
    app = await testApp(ctx);
  });
  afterAll(async () => app?.close());

  it("the city's supervisor records an alias; it is listed, audited and matched", async () => {
    const office = new TestClient(app);
    await office.loginReady('city-office', password);
    const added = await office.request('POST', `/api/v1/agencies/${cityKjj.id}/aliases`, {
      alias: ' 甲市 科技局 ',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().alias).toMatchObject({ agencyId: cityKjj.id, alias: '甲市 科技局' });
    const listed = await office.request('GET', `/api/v1/agencies/${cityKjj.id}/aliases`);
    expect(listed.json().aliases.map((a: { alias: string }) => a.alias)).toEqual(['甲市 科技局']);

    const audit = await ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'agency_id', 'actor'])
      .where('action', '=', 'agency.alias_add')
      .execute();
    expect(audit).toEqual([
      { action: 'agency.alias_add', agency_id: cityKjj.id, actor: 'city-office（city-office）' },
    ]);

    expect(await statedNameOfAgency(ctx.store.db, cityKjj.id, '甲市科学技术局')).toBe('name');
    expect(await statedNameOfAgency(ctx.store.db, cityKjj.id, '甲市科技局')).toBe('alias');
    expect(await statedNameOfAgency(ctx.store.db, cityKjj.id, '甲市教育局')).toBeNull();

    const region = [...agencies.values()].filter((a) => a.regionCode === '980100');
    expect(await matchStatedAgency(ctx.store.db, region, '甲市科技局')).toMatchObject({
      kind: 'alias',
      agencyId: cityKjj.id,
    });
    expect(await matchStatedAgency(ctx.store.db, region, '甲市科学技术局')).toEqual({
      kind: 'name',
      agencyId: cityKjj.id,
    });
    const near = await matchStatedAgency(ctx.store.db, region, '甲市科学枝术局');
    expect(near.kind).toBe('proposal');
  });

  it("refuses an alias that is the own name, a duplicate, or a sibling agency's name, with the field", async () => {
    const office = new TestClient(app);
    await office.loginReady('city-office', password);
    const url = `/api/v1/agencies/${cityKjj.id}/aliases`;
    const own = await office.request('POST', url, { alias: '甲市科学技术局' });
    expect(own.statusCode).toBe(400);
    expect(own.json().error).toMatchObject({ field: 'alias' });
    const twice = await office.request('POST', url, { alias: '甲市科技局' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('已经是');
    const sibling = await office.request('POST', url, { alias: '甲市教育局' });
    expect(sibling.statusCode).toBe(409);
    expect(sibling.json().error.message).toContain('甲市教育局');
    const blank = await office.request('POST', url, { alias: '（）  ' });
    expect(blank.statusCode).toBe(400);
  });

  it("the agency's own clerk and a county's supervisor cannot record one; removal is audited", async () => {
    const clerk = new TestClient(app);
    await clerk.loginReady('kjj-clerk', password);
    const url = `/api/v1/agencies/${cityKjj.id}/aliases`;
    expect((await clerk.request('POST', url, { alias: '甲市科委' })).statusCode).toBe(403);
    expect((await clerk.request('GET', url)).statusCode).toBe(200);
    const county = new TestClient(app);
    await county.loginReady('east-office', password);
    expect((await county.request('POST', url, { alias: '甲市科委' })).statusCode).toBe(403);
    expect((await county.request('GET', url)).statusCode).toBe(403);

    const office = new TestClient(app);
    await office.loginReady('city-office', password);
    const [alias] = (await office.request('GET', url)).json().aliases as { id: string }[];
    expect((await county.request('DELETE', `${url}/${alias!.id}`)).statusCode).toBe(403);
    expect((await office.request('DELETE', `${url}/${alias!.id}`)).statusCode).toBe(204);
    expect((await office.request('DELETE', `${url}/${alias!.id}`)).statusCode).toBe(404);
    expect((await office.request('GET', url)).json().aliases).toEqual([]);
    const removed = await ctx.store.db
      .selectFrom('audit_log')
      .select('before_json')
      .where('action', '=', 'agency.alias_remove')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(removed.before_json!)).toEqual({ alias: '甲市 科技局' });
    expect(await statedNameOfAgency(ctx.store.db, cityKjj.id, '甲市科技局')).toBeNull();
  });
});
