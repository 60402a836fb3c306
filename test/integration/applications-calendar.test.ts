/**
 * The holiday schedule is national (国务院办公厅's yearly notice): a system admin enters a year
 * gongkai does not ship once, and it applies to every agency. Agencies cannot diverge from it;
 * the shipped years cannot be changed.
 */
import type { FastifyInstance } from 'fastify';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import type { ServiceContext } from '../../src/services/context.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { TestClient, TestClock, testApp, testContext } from '../support/app.js';
import { agencyIdByName, makeClerk, personApplication, SYSTEM } from '../support/applications.js';
import { SCHEDULE_2027 } from '../support/notices.js';
import { createTestStore, describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';

const PASSWORD = 'Calendar-pass-2026';

// A whole 2027 schedule: entering one is checked against the holiday law's count.
const y2027 = SCHEDULE_2027;

describeEachStore('applications: national holiday schedules entered once', (getStore, dialect) => {
  let app: FastifyInstance;
  let ctx: ServiceContext;
  let system: TestClient;
  let agencyAdmin: TestClient;
  const clerks: Record<string, TestClient> = {};
  const agencies: Record<string, string> = {};
  const clock = new TestClock(new Date('2026-12-21T02:00:00Z'));

  beforeAll(async () => {
    ctx = testContext(getStore().store, clock);
    await bootstrapDemo(ctx);
    agencies.kj = await agencyIdByName(ctx, '示范市科学技术局');
    agencies.jy = await agencyIdByName(ctx, '示范市教育局');
    await makeClerk(ctx, agencies.kj, 'kj-clerk', PASSWORD);
    await makeClerk(ctx, agencies.jy, 'jy-clerk', PASSWORD);
    await createUser(ctx, SYSTEM, {
      username: 'root2',
      displayName: '系统管理员二',
      password: PASSWORD,
      grants: [{ role: 'system_admin' }],
      mustChangePassword: false,
    });
    await createUser(ctx, SYSTEM, {
      username: 'kj-admin',
      displayName: '科技局管理员',
      password: PASSWORD,
      grants: [{ role: 'agency_admin', agencyId: agencies.kj }],
      mustChangePassword: false,
    });
    app = await testApp(ctx);
    const login = async (username: string) => {
      const c = new TestClient(app);
      await c.loginReady(username, PASSWORD);
      return c;
    };
    system = await login('root2');
    agencyAdmin = await login('kj-admin');
    clerks.kj = await login('kj-clerk');
    clerks.jy = await login('jy-clerk');
  });
  afterAll(async () => app?.close());

  const newCase = async (agency: 'kj' | 'jy') => {
    const r = await clerks[agency]!.request(
      'POST',
      `/api/v1/agencies/${agencies[agency]}/applications`,
      { ...personApplication(), channel: 'in_person', receivedOn: '2026-12-21' },
    );
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ application: { id: string } }>().application.id;
  };
  const due = async (agency: 'kj' | 'jy', id: string) =>
    (
      await clerks[agency]!.request(
        'GET',
        `/api/v1/agencies/${agencies[agency]}/applications/${id}`,
      )
    ).json<{
      due: {
        dueOn: string | null;
        error: string | null;
        provisionalYears: number[];
        rule: string[];
      };
    }>().due;

  it('an agency admin can no longer enter a year of its own', async () => {
    const own = await agencyAdmin.request(
      'PUT',
      `/api/v1/agencies/${agencies.kj}/calendar/years/2027`,
      y2027,
    );
    expect(own.statusCode).toBe(404);
    const national = await agencyAdmin.request('PUT', '/api/v1/calendar/years/2027', y2027);
    expect(national.statusCode).toBe(403);
  });

  it('without 2027, a due date reaching into it is 暂定, from the holiday law', async () => {
    const id = await newCase('kj');
    const d = await due('kj', id);
    // 12-22–12-31 (8), 2027-01-01 元旦 under the law, 01-04–08 (13), 11–15 (18), 18, 19.
    expect(d).toMatchObject({ dueOn: '2027-01-19', error: null, provisionalYears: [2027] });
    expect(d.rule.join('\n')).toContain('暂定：2027 年的节假日安排（国务院办公厅通知）尚未录入');
  });

  it('a system admin enters 2027 once; every agency’s due dates reach into it', async () => {
    const saved = await system.request('PUT', '/api/v1/calendar/years/2027', y2027);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ year: 2027, source: 'system' });
    // From 2026-12-21: 22–25, 28–31 (8), 2027-01-04–08 (13), 11–15 (18), 18, 19 → 01-19.
    for (const agency of ['kj', 'jy'] as const) {
      const id = await newCase(agency);
      expect(await due(agency, id)).toMatchObject({ dueOn: '2027-01-19', provisionalYears: [] });
    }
    const years = await clerks.jy!.request('GET', '/api/v1/calendar/years');
    expect(years.statusCode).toBe(200);
    expect(years.json<{ years: { year: number; source: string }[] }>().years).toContainEqual(
      expect.objectContaining({ year: 2027, source: 'system' }),
    );
  });

  it('shipped years stay immutable; a bad schedule is reported by its path', async () => {
    const shipped = await system.request('PUT', '/api/v1/calendar/years/2026', {
      ...y2027,
      year: 2026,
      holidays: ['2026-01-01'],
      workdays: [],
    });
    expect(shipped.statusCode).toBe(409);
    const bad = await system.request('PUT', '/api/v1/calendar/years/2028', {
      ...y2027,
      year: 2028,
      holidays: ['2028-01-01'],
      workdays: ['2028-02-09'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { field: 'workdays[0]' } });
  });

  it('the migration makes years agencies had entered national (the first entered wins)', async () => {
    const fresh = await createTestStore(dialect);
    try {
      const migrator = new Migrator({ db: fresh.store.db, provider: migrationProvider });
      const down = await migrator.migrateTo('0006-audit-head');
      expect(down.error).toBeUndefined();
      const [agency] = await fresh.store.db.selectFrom('agency').select('id').execute();
      expect(agency).toBeUndefined();
      // Two agencies entered 2027 differently; the earlier entry becomes the national one.
      await fresh.store.db
        .insertInto('region')
        .values({ code: '990100', name: '示范市', parent_code: null, created_at: 'x' })
        .execute();
      await fresh.store.db
        .insertInto('government')
        .values({ id: 'g', region_code: '990100', name: '示范市人民政府', created_at: 'x' })
        .execute();
      for (const id of ['a1', 'a2']) {
        await fresh.store.db
          .insertInto('agency')
          .values({
            id,
            government_id: 'g',
            name: id,
            is_government: 0,
            credit_code: null,
            address: '',
            postcode: '',
            phone: '',
            email: '',
            office_hours: '',
            created_at: 'x',
            updated_at: 'x',
          })
          .execute();
      }
      await fresh.store.db
        .insertInto('agency_calendar_year')
        .values([
          {
            agency_id: 'a2',
            year: 2027,
            schedule_json: JSON.stringify({ ...y2027, notice: '后录入' }),
            created_at: '2026-11-05T00:00:00.000Z',
            created_by: '乙',
          },
          {
            agency_id: 'a1',
            year: 2027,
            schedule_json: JSON.stringify(y2027),
            created_at: '2026-11-04T00:00:00.000Z',
            created_by: '甲',
          },
        ])
        .execute();
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      const rows = await fresh.store.db.selectFrom('calendar_year').selectAll().execute();
      expect(rows.map((r) => [r.year, r.created_by])).toEqual([[2027, '甲']]);
      expect(JSON.parse(rows[0]!.schedule_json)).toMatchObject({ notice: y2027.notice });
    } finally {
      await fresh.drop();
    }
  });
});
