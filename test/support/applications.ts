import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { citizenIdCheckChar } from '../../src/core/identity/identity-numbers.js';
import { createUser } from '../../src/services/accounts.js';
import type { ServiceContext } from '../../src/services/context.js';
import { TestClient, TestClock, testApp, testContext } from './app.js';
import type { TestStore } from './stores.js';
import type { ReviewLevel } from '../../src/core/auth/roles.js';
import { bootstrapDemo } from './accounts.js';

/** A GB 11643 number with a correct check character, from its first 17 digits. */
export function citizenId(first17: string): string {
  return `${first17}${citizenIdCheckChar(first17)}`;
}

/** A valid unified social credit code (GB 32100), from the standard's example. */
export const CREDIT_CODE = '91350100M000100Y43';

export const SYSTEM = { kind: 'system', label: '测试' } as const;

export async function agencyIdByName(ctx: ServiceContext, name: string): Promise<string> {
  const row = await ctx.store.db
    .selectFrom('agency')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function makeClerk(
  ctx: ServiceContext,
  agencyId: string,
  username: string,
  password: string,
  displayName = username,
): Promise<string> {
  const { user } = await createUser(ctx, SYSTEM, {
    username,
    displayName,
    password,
    grants: [{ role: 'clerk', agencyId }],
    mustChangePassword: false,
  });
  return user.id;
}

export async function makeReviewer(
  ctx: ServiceContext,
  agencyId: string,
  username: string,
  password: string,
  reviewLevel: ReviewLevel,
): Promise<string> {
  const { user } = await createUser(ctx, SYSTEM, {
    username,
    displayName: username,
    password,
    grants: [{ role: 'reviewer', agencyId, reviewLevel }],
    mustChangePassword: false,
  });
  return user.id;
}

/** A complete application from a natural person, as the API takes it. */
export function personApplication(overrides: Record<string, unknown> = {}) {
  return {
    applicantType: 'natural_person',
    name: '李申请',
    idType: 'resident_id',
    idNumber: citizenId('11010519800101123'),
    phone: '13812345678',
    address: '示范市幸福路 8 号',
    email: 'li@example.com',
    description: '2025年示范市科技创新项目资金分配结果',
    formWanted: 'electronic',
    deliveryMethod: 'email',
    ...overrides,
  };
}

/**
 * The desk most applications tests work at: the demo agency 示范市科学技术局 with the clerk wang
 * signed in, on a clock the test moves (2026-03-02 at the start). Registers its own beforeAll
 * and afterAll; its fields are set once beforeAll has run.
 */
export interface ClerkDesk {
  readonly clock: TestClock;
  ctx: ServiceContext;
  app: FastifyInstance;
  clerk: TestClient;
  agencyId: string;
  /** The agency's API root. */
  base: () => string;
  /** Moves the clock to that day (02:00 UTC) and signs the clerk in again. */
  setToday: (date: string) => Promise<void>;
  /** Registers a person's application received that day; its id. */
  register: (
    receivedOn: string,
    options?: { overrides?: Record<string, unknown>; channel?: string },
  ) => Promise<string>;
}

export function clerkDesk(getStore: () => TestStore, password: string): ClerkDesk {
  const desk = {
    clock: new TestClock(new Date('2026-03-02T02:00:00Z')),
    base: () => `/api/v1/agencies/${desk.agencyId}`,
    setToday: async (date: string) => {
      desk.clock.set(new Date(`${date}T02:00:00Z`));
      await desk.clerk.loginReady('wang', password);
    },
    register: async (
      receivedOn: string,
      options: { overrides?: Record<string, unknown>; channel?: string } = {},
    ) => {
      const r = await desk.clerk.request('POST', `${desk.base()}/applications`, {
        ...personApplication(options.overrides),
        channel: options.channel ?? 'in_person',
        receivedOn,
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ application: { id: string } }>().application.id;
    },
  } as ClerkDesk;
  beforeAll(async () => {
    desk.ctx = testContext(getStore().store, desk.clock);
    await bootstrapDemo(desk.ctx);
    desk.agencyId = await agencyIdByName(desk.ctx, '示范市科学技术局');
    await makeClerk(desk.ctx, desk.agencyId, 'wang', password, '王经办');
    desk.app = await testApp(desk.ctx);
    desk.clerk = new TestClient(desk.app);
    await desk.setToday('2026-03-02');
  });
  afterAll(async () => desk.app?.close());
  return desk;
}
