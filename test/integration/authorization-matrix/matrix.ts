/**
 * The authorisation matrix: every route × every role × own vs. another agency's data. The
 * expectations (./expectations/, one module a domain) are written out by hand — they are the
 * specification, not a copy of the implementation — and the tests fail when a route exists without
 * an expectation (./coverage.ts), or when any request is allowed that should not be, or leaks
 * another agency's data (one module of tests a domain, and ./isolation.ts). ./matrix.test.ts sets
 * the matrix up once a store and registers every module's tests on it.
 *
 * This module: the matrix's roles, its set-up (two agencies of two regions, one persona a role,
 * the records the routes act on) and a route's URL for either side.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../../src/core/auth/roles.js';
import { createUser } from '../../../src/services/accounts.js';
import { addAlias } from '../../../src/services/agency-aliases.js';
import { addAttachment } from '../../../src/services/proactive/attachments.js';
import { createItem, type ItemInput } from '../../../src/services/proactive/items.js';
import {
  addCatalogueEntry,
  type CatalogueEntryInput,
} from '../../../src/services/proactive/catalogue.js';
import { startImport } from '../../../src/services/supervision/bulk-import.js';
import { DEMO_REGION } from '../../../src/services/bootstrap.js';
import type { ServiceContext } from '../../../src/services/context.js';
import { createRegionWithAgencies } from '../../../src/services/organisations.js';
import { createReport, publishReport } from '../../../src/services/reports.js';
import { serverClock, TEST_CONFIG, TestClient, testContext } from '../../support/app.js';
import { buildApp } from '../../../src/server/app.js';
import { personApplication } from '../../support/applications.js';
import { fillNarrative } from '../../support/report-narrative.js';
import type { TestStore } from '../../support/stores.js';
import { bootstrapDemo } from '../../support/accounts.js';
import type { Domain } from './expectations/index.js';

export type Scope =
  | { scope: 'public' }
  | { scope: 'signed-in' }
  | { scope: 'agency'; roles: Role[] }
  /** About a region (`:regionCode`): own = the supervisor persona's region, other = another's. */
  | { scope: 'region'; roles: Role[] }
  | { scope: 'global'; roles: Role[] };

export type Expectation = Scope & { body?: () => unknown };

/** Records of each agency the application routes act on (set up in beforeAll). */
export const caseIds = new Map<
  string,
  { applicationId: string; letterId: string; approvalId: string; appealId: string }
>();
/** A draft proactive item with an attachment, of each agency (set up in beforeAll). */
export const proactiveIds = new Map<string, { itemId: string; attachmentId: string }>();
/** A 基层 catalogue entry of each agency (set up in beforeAll). */
export const catalogueIds = new Map<string, string>();
export const catalogueBody = (matter: string) => ({
  matter,
  content: '内容',
  basis: '依据',
  timeLimit: '20个工作日',
  subject: '本机关',
  channels: '政府网站',
  audience: '全社会',
  method: '主动公开',
  level: '县级',
  cycle: 'yearly',
  startsOn: '2026-01-01',
  dueDays: 30,
});
export const proactiveBody = (title: string) => ({
  kind: 'general',
  title,
  bodyHtml: '<p>矩阵正文</p>',
  issuingBody: '矩阵机关',
  topic: '综合政务',
  genre: '通知',
  article20Category: 'a20_15',
  channels: ['website'],
});
/** An alias recorded for each agency (set up in beforeAll). */
export const aliasIds = new Map<string, string>();
/** Each agency's government (its column: /portal/governments/:governmentId/…). */
export const governmentIds = new Map<string, string>();
/** A bulk import of each region (set up in beforeAll). */
export const importIds = new Map<string, string>();
export const SUPERVISORS: Role[] = ['supervisor'];
export let ownApplicationId = '';
export let ownAgencyId = '';
export let matrixClerkId = '';
export const ALL_ROLES: Role[] = [
  'system_admin',
  'security_admin',
  'audit_admin',
  'supervisor',
  'agency_admin',
  'clerk',
  'reviewer',
];
/** 三员分立: none of the three administrators works with business data. */
export const BUSINESS: Role[] = ['supervisor', 'agency_admin', 'clerk', 'reviewer'];
export const AGENCY_STAFF: Role[] = ['agency_admin', 'clerk', 'reviewer'];

/** The route's URL with the records of `target` (own or the other agency) filled in. */
export function urlFor(
  routeUrl: string,
  target: { agencyId: string; userId: string; regionCode: string },
): string {
  const ids = caseIds.get(target.agencyId);
  return routeUrl
    .replace(':regionCode', target.regionCode)
    .replace(':importId', importIds.get(target.regionCode) ?? 'none')
    .replace(':seq', '1')
    .replace(':chart', 'on-time')
    .replace(':key', 'applications.received.total')
    .replace(':kind', 'application.extension')
    .replace(':outcome', 'withheld.state_secret')
    .replace(':agencyId', target.agencyId)
    .replace(':governmentId', governmentIds.get(target.agencyId) ?? 'none')
    .replace(':userId', target.userId)
    .replace(':applicationId', ids?.applicationId ?? 'none')
    .replace(':letterId', ids?.letterId ?? 'none')
    .replace(':approvalId', ids?.approvalId ?? 'none')
    .replace(':appealId', ids?.appealId ?? 'none')
    .replace(':aliasId', aliasIds.get(target.agencyId) ?? 'none')
    .replace(':itemId', proactiveIds.get(target.agencyId)?.itemId ?? 'none')
    .replace(':attachmentId', proactiveIds.get(target.agencyId)?.attachmentId ?? 'none')
    .replace(':entryId', catalogueIds.get(target.agencyId) ?? 'none')
    .replace(':section', 'statutory')
    .replace(':alertId', 'none')
    .replace(':year', '2025')
    .replace(':version', '1')
    .replace(':format', 'json')
    .replace('*', 'reports/2026');
}

export interface Persona {
  name: string;
  role: Role | null;
  client: TestClient;
  username: string;
  password: string;
}

export type Side = {
  agencyId: string;
  agencyName: string;
  userId: string;
  username: string;
  regionCode: string;
};

/** The matrix's app on the context: the API, the portal and a stand-in workspace bundle. */
export async function matrixApp(ctx: ServiceContext): Promise<FastifyInstance> {
  const webRoot = mkdtempSync(join(tmpdir(), 'gongkai-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>工作台</title>');
  const app = await buildApp({ ctx, config: TEST_CONFIG, logger: false, webRoot });
  await app.ready();
  serverClock(app, ctx.clock);
  return app;
}

/** The matrix of one store, filled in by the set-up before the first test. */
export interface Matrix {
  ctx: ServiceContext;
  app: FastifyInstance;
  own: Side;
  other: Side;
  personas: Persona[];
  /** The domains whose tests are registered on this matrix (see ./allowed.ts, ./coverage.ts). */
  domains: Set<Domain>;
}

/**
 * Sets the matrix up on the store before the tests of the calling describe block (of
 * describeEachStore) and closes its app after them.
 */
export function useMatrix(getStore: () => TestStore): Matrix {
  let ctx: ServiceContext;
  let app: FastifyInstance;
  let own: Side;
  let other: Side;
  const personas: Persona[] = [];
  const password = 'Matrix-pass-2026';
  const matrix = { personas, domains: new Set<Domain>() } as Matrix;

  beforeAll(async () => {
    ctx = testContext(getStore().store);
    await bootstrapDemo(ctx);
    const system = { kind: 'system', label: '测试' } as const;
    const [b1] = await ctx.store.transaction((t) =>
      createRegionWithAgencies(ctx, t, system, {
        region: { code: '990200', name: '另一市', parentCode: null },
        governmentName: '另一市人民政府',
        agencies: [{ name: '另一市财政局' }],
      }),
    );
    const agencies = await ctx.store.db
      .selectFrom('agency')
      .select(['id', 'name', 'government_id'])
      .execute();
    for (const a of agencies) governmentIds.set(a.id, a.government_id);
    const a1 = agencies.find((a) => a.name === DEMO_REGION.agencies[0]!.name)!;
    const mk = async (
      username: string,
      grant: Parameters<typeof createUser>[2]['grants'][number],
    ) =>
      (
        await createUser(ctx, system, {
          username,
          displayName: username,
          password,
          grants: [grant],
          mustChangePassword: false,
        })
      ).user;
    const victimA = await mk('victim-own', { role: 'clerk', agencyId: a1.id });
    const victimB = await mk('victim-other', { role: 'clerk', agencyId: b1!.id });
    own = {
      agencyId: a1.id,
      agencyName: a1.name,
      userId: victimA.id,
      username: victimA.username,
      regionCode: DEMO_REGION.region.code,
    };
    ownAgencyId = a1.id;
    other = {
      agencyId: b1!.id,
      agencyName: b1!.name,
      userId: victimB.id,
      username: victimB.username,
      regionCode: '990200',
    };
    for (const side of [own, other]) {
      importIds.set(side.regionCode, (await startImport(ctx, system, side.regionCode, 2025)).id);
    }

    // Each agency has a published report, so reads return real data to leak if they could.
    for (const id of [a1.id, b1!.id]) {
      await createReport(ctx, system, id, 2025);
      await fillNarrative(ctx, system, id, 2025);
      await publishReport(ctx, system, id, 2025, {});
    }

    for (const [id, name] of [
      [a1.id, '示范市科技局'],
      [b1!.id, '另一市财政'],
    ] as const) {
      aliasIds.set(id, (await addAlias(ctx, system, id, { alias: name })).id);
    }
    for (const id of [a1.id, b1!.id]) {
      const item = await createItem(ctx, system, id, proactiveBody('矩阵草稿') as ItemInput);
      const attachment = await addAttachment(ctx, system, id, item.id, {
        name: 'a.png',
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      });
      proactiveIds.set(id, { itemId: item.id, attachmentId: attachment.id });
      catalogueIds.set(
        id,
        (await addCatalogueEntry(ctx, system, id, catalogueBody('矩阵目录') as CatalogueEntryInput))
          .id,
      );
    }

    app = await matrixApp(ctx);

    const grants: Record<Role, Parameters<typeof createUser>[2]['grants'][number]> = {
      system_admin: { role: 'system_admin' },
      security_admin: { role: 'security_admin' },
      audit_admin: { role: 'audit_admin' },
      supervisor: { role: 'supervisor', regionCode: DEMO_REGION.region.code },
      agency_admin: { role: 'agency_admin', agencyId: a1.id },
      clerk: { role: 'clerk', agencyId: a1.id },
      reviewer: { role: 'reviewer', agencyId: a1.id, reviewLevel: 'section_head' },
    };
    const anonymous = new TestClient(app);
    // With a valid CSRF token, so what is tested is access, not CSRF.
    await anonymous.fetchCsrf();
    personas.push({ name: 'anonymous', role: null, client: anonymous, username: '', password: '' });
    for (const role of ALL_ROLES) {
      const username = `p-${role.replace('_', '-')}`;
      await mk(username, grants[role]);
      const client = new TestClient(app);
      await client.loginReady(username, password);
      personas.push({ name: role, role, client, username, password });
    }

    // Each agency has an application with a letter, a pending approval and an appeal, made by
    // its own clerk; the demo agency's case is assigned to the clerk persona.
    matrixClerkId = (
      await ctx.store.db
        .selectFrom('user_account')
        .select('id')
        .where('username', '=', 'p-clerk')
        .executeTakeFirstOrThrow()
    ).id;
    for (const [target, victim] of [
      [own, 'victim-own'],
      [other, 'victim-other'],
    ] as const) {
      const clerk = new TestClient(app);
      await clerk.loginReady(victim, password);
      const base = `/api/v1/agencies/${target.agencyId}`;
      const registered = await clerk.request('POST', `${base}/applications`, {
        ...personApplication({ name: `${target.agencyName}的申请人` }),
        channel: 'in_person',
        receivedOn: '2026-03-02',
        assignedUserId: target === own ? matrixClerkId : target.userId,
      });
      const applicationId = registered.json<{ application: { id: string } }>().application.id;
      // Only the case's assigned clerk asks for an extension: the clerk persona on its own case.
      const assigned = target === own ? personas.find((p) => p.role === 'clerk')!.client : clerk;
      const approval = await assigned.request(
        'POST',
        `${base}/applications/${applicationId}/approvals`,
        {
          kind: 'extension',
          workingDays: 5,
          reason: '检索档案',
        },
      );
      const corrected = await clerk.request(
        'POST',
        `${base}/applications/${applicationId}/events`,
        {
          type: 'correction_requested',
          date: '2026-03-02',
          correctBy: '2026-03-20',
          note: '请写明文号',
        },
      );
      const appeal = await clerk.request('POST', `${base}/appeals`, {
        applicationId,
        kind: 'lawsuit',
        filedOn: '2026-03-02',
        body: '示范市中级人民法院',
        outcome: 'pending',
      });
      const approvals = await clerk.request('GET', `${base}/approvals`);
      if (
        approval.statusCode !== 200 ||
        corrected.statusCode !== 200 ||
        appeal.statusCode !== 201
      ) {
        throw new Error(`matrix set-up failed: ${approval.body} ${corrected.body} ${appeal.body}`);
      }
      caseIds.set(target.agencyId, {
        applicationId,
        letterId: corrected.json<{ letters: { id: string }[] }>().letters[0]!.id,
        approvalId: approvals.json<{ approvals: { id: string }[] }>().approvals[0]!.id,
        appealId: appeal.json<{ id: string }>().id,
      });
      if (target === own) ownApplicationId = applicationId;
    }
    Object.assign(matrix, { ctx, app, own, other });
  });

  afterAll(async () => {
    await app?.close();
  });
  return matrix;
}
