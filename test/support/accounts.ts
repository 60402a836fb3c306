/**
 * Sign-ins and the three administrators (三员) in one place for every test, so a change to
 * roles or to the sign-in touches this file, not each test.
 */
import type { FastifyInstance } from 'fastify';
import type { AdministratorRole } from '../../src/core/auth/roles.js';
import {
  bootstrap,
  FIRST_ADMINISTRATORS,
  type BootstrapResult,
} from '../../src/services/bootstrap.js';
import { loadConfig, type Config } from '../../src/services/config.js';
import type { ServiceContext } from '../../src/services/context.js';
import { TestClient } from './app.js';

/** The initial passwords the tests give the three administrators. */
export const ADMIN_PASSWORDS: Record<AdministratorRole, string> = {
  system_admin: 'First-pass-2026',
  security_admin: 'Guard-pass-2026',
  audit_admin: 'Ledger-pass-2026',
};

export const ADMIN_USERNAMES = Object.fromEntries(
  FIRST_ADMINISTRATORS.map((a) => [a.role, a.username]),
) as Record<AdministratorRole, string>;

/** The configuration a test starts with: the administrators' passwords set, demo data on. */
export function testConfig(env: Record<string, string> = {}, cwd = '/tmp'): Config {
  return loadConfig(
    {
      GONGKAI_ADMIN_PASSWORD: ADMIN_PASSWORDS.system_admin,
      GONGKAI_SECURITY_ADMIN_PASSWORD: ADMIN_PASSWORDS.security_admin,
      GONGKAI_AUDIT_ADMIN_PASSWORD: ADMIN_PASSWORDS.audit_admin,
      ...(process.env.GONGKAI_CRYPTO ? { GONGKAI_CRYPTO: process.env.GONGKAI_CRYPTO } : {}),
      ...env,
    },
    cwd,
  );
}

/** The first start on an empty store: the three administrators and the demo city. */
export function bootstrapDemo(
  ctx: ServiceContext,
  env: Record<string, string> = {},
): Promise<BootstrapResult> {
  return bootstrap(ctx, testConfig(env));
}

/**
 * A client signed in as one of the first administrators, its initial password changed (to the
 * initial one with `x9` added, the TestClient's default); `address` is where it signs in from.
 */
export async function signInAdministrator(
  app: FastifyInstance,
  role: AdministratorRole,
  address?: string,
): Promise<TestClient> {
  const client = new TestClient(app, address);
  let known = passwordsInForce.get(app);
  if (!known) passwordsInForce.set(app, (known = new Map()));
  known.set(
    role,
    await client.loginReady(ADMIN_USERNAMES[role], known.get(role) ?? ADMIN_PASSWORDS[role]),
  );
  return client;
}

/** The administrators' passwords after their first sign-in changed them, per app. */
const passwordsInForce = new WeakMap<FastifyInstance, Map<AdministratorRole, string>>();
