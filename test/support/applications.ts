import { citizenIdCheckChar } from '../../src/core/identity/identity-numbers.js';
import { createUser } from '../../src/services/accounts.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { ReviewLevel } from '../../src/core/auth/roles.js';

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
