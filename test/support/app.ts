import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { buildApp, type AppOptions } from '../../src/server/app.js';
import type { Clock, ServiceContext } from '../../src/services/context.js';
import type { Store } from '../../src/store/database.js';
import { parseSuite, type CryptoSuite } from '../../src/services/secrets.js';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-03-02T02:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(instant: Date): void {
    this.current = new Date(instant);
  }
}

export const TEST_CONFIG = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  trustProxy: false,
  bodyLimitBytes: 64 * 1024,
  uploadLimitBytes: 2 * 1024 * 1024,
};

/** The secret the CLI tests also pass as GONGKAI_SECRET, so both see the same audit chain. */
export const TEST_SECRET_HEX = 'ab'.repeat(32);

export function testContext(
  store: Store,
  clock: Clock = new TestClock(),
  secretKey: Uint8Array = randomBytes(32),
): ServiceContext {
  return { store, clock, secretKey, crypto: { suite: testSuite() } };
}

/**
 * The suite the test run uses: GONGKAI_CRYPTO=sm runs every test that builds its context here
 * under SM4/SM3 (`GONGKAI_CRYPTO=sm npx vitest run …`); unset, AES-256-GCM/HMAC-SHA256.
 */
export function testSuite(): CryptoSuite {
  return parseSuite(process.env.GONGKAI_CRYPTO);
}

export async function testApp(
  ctx: ServiceContext,
  options: Pick<AppOptions, 'webRoot' | 'certificateAuthenticator'> = {},
): Promise<FastifyInstance> {
  const app = await buildApp({ ctx, config: TEST_CONFIG, logger: false, ...options });
  await app.ready();
  serverClock(app, ctx.clock);
  return app;
}

const clocks = new WeakMap<FastifyInstance, Clock>();

/**
 * Tells the test clients which clock the app's server runs on, so the codes they compute from
 * an authenticator secret are the server's (testApp does this itself).
 */
export function serverClock(app: FastifyInstance, clock: Clock): void {
  clocks.set(app, clock);
}

/** What a person's authenticator app knows: the secret, and their unused recovery codes. */
interface Authenticator {
  secret: string;
  lastStep: number;
  recoveryCodes: string[];
}

/**
 * Authenticators of the accounts the tests enrolled, by username: a test file's tests run one
 * after another, and the latest enrolment of a name is the one in force in its store.
 */
const authenticators = new Map<string, Authenticator>();

/**
 * Passwords the test clients had to change (first sign-in, an expired password), per app: a
 * person who changed their password signs in with the new one — the tests move their clocks
 * past the policy's 90 days and sign in again with the password they started with.
 */
const changedPasswords = new WeakMap<FastifyInstance, Map<string, string>>();

/** The RFC 6238 code for the secret at a given 30-second step: what the phone shows. */
export function totpCode(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: step * 30_000,
  });
}

/** A browser-like client: keeps cookies and the current CSRF token. */
export class TestClient {
  cookies = new Map<string, string>();
  csrfToken: string | undefined;
  /** Who signed in last with loginReady: their authenticator takes new recovery codes. */
  private username: string | undefined;

  /** `address`: the client's IP address as the server sees it (default 127.0.0.1). */
  constructor(
    readonly app: FastifyInstance,
    readonly address?: string,
  ) {}

  private remember(response: LightMyRequestResponse): void {
    for (const c of response.cookies) {
      const cookie = c as { name: string; value: string; maxAge?: number; expires?: Date };
      const expired =
        cookie.value === '' ||
        cookie.maxAge === 0 ||
        (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const allHeaders: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) allHeaders.cookie = this.cookieHeader();
    if (method !== 'GET' && this.csrfToken && !('x-csrf-token' in headers)) {
      allHeaders['x-csrf-token'] = this.csrfToken;
    }
    const response = await this.app.inject({
      method,
      url,
      headers: allHeaders,
      ...(this.address ? { remoteAddress: this.address } : {}),
      ...(body === undefined
        ? {}
        : typeof body === 'string'
          ? { payload: body }
          : { payload: body as object }),
    });
    this.remember(response);
    if (
      url === '/api/v1/auth/second-factor/recovery-codes' &&
      response.statusCode === 200 &&
      this.username
    ) {
      const auth = authenticators.get(this.username);
      if (auth) auth.recoveryCodes = response.json<{ recoveryCodes: string[] }>().recoveryCodes;
    }
    return response;
  }

  async fetchCsrf(): Promise<string> {
    const response = await this.request('GET', '/api/v1/auth/csrf');
    this.csrfToken = response.json<{ csrfToken: string }>().csrfToken;
    return this.csrfToken;
  }

  async login(username: string, password: string, code?: string): Promise<LightMyRequestResponse> {
    await this.fetchCsrf();
    const response = await this.request('POST', '/api/v1/auth/login', {
      username,
      password,
      ...(code ? { code } : {}),
    });
    if (response.statusCode === 200)
      this.csrfToken = response.json<{ csrfToken: string }>().csrfToken;
    return response;
  }

  private get now(): Date {
    return (clocks.get(this.app) ?? { now: () => new Date() }).now();
  }

  /**
   * The next code the person's authenticator would give for `username`: the current step's
   * (or the next one, the server allowing a step of drift) if not used yet, else a recovery
   * code — the tests' clocks often stand still, and a code is good only once.
   */
  nextCode(username: string): string | undefined {
    const auth = authenticators.get(username);
    if (!auth) return undefined;
    const step = Math.floor(this.now.getTime() / 30_000);
    const next = Math.max(auth.lastStep + 1, step - 1);
    if (next <= step + 1) {
      auth.lastStep = next;
      return totpCode(auth.secret, next);
    }
    return auth.recoveryCodes.shift();
  }

  /** Sets up the second factor of the signed-in account, as its owner would with a phone. */
  async enrolSecondFactor(username: string): Promise<Authenticator> {
    const begun = await this.request('POST', '/api/v1/auth/second-factor/enrolment');
    if (begun.statusCode !== 200) throw new Error(`enrolment failed: ${begun.body}`);
    const secret = begun.json<{ secret: string }>().secret;
    const step = Math.floor(this.now.getTime() / 30_000);
    const confirmed = await this.request('POST', '/api/v1/auth/second-factor/confirm', {
      code: totpCode(secret, step),
    });
    if (confirmed.statusCode !== 200) throw new Error(`confirmation failed: ${confirmed.body}`);
    const auth = {
      secret,
      lastStep: step,
      recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes,
    };
    authenticators.set(username, auth);
    return auth;
  }

  /**
   * Signs in as a person would: the password, the authenticator's code when asked for one; a
   * password that must change (first sign-in, reset, expired) is changed to `newPassword`, a
   * second factor the role requires is set up. Returns the password now in force.
   */
  async loginReady(username: string, password: string, wanted?: string): Promise<string> {
    let changed = changedPasswords.get(this.app);
    if (!changed) changedPasswords.set(this.app, (changed = new Map()));
    for (let seen = 0; changed.has(`${username}\u0000${password}`) && seen < 20; seen++) {
      password = changed.get(`${username}\u0000${password}`)!;
    }
    const newPassword = wanted ?? `${password}x9`;
    this.username = username;
    const response = await this.login(username, password, this.nextCode(username));
    if (response.statusCode !== 200) {
      throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
    }
    const body = response.json<{
      mustChangePassword: boolean;
      secondFactorEnrolmentRequired: boolean;
    }>();
    let current = password;
    if (body.mustChangePassword) {
      const done = await this.request('POST', '/api/v1/auth/password', {
        currentPassword: password,
        newPassword,
      });
      if (done.statusCode !== 200) throw new Error(`password change failed: ${done.body}`);
      changed.set(`${username}\u0000${password}`, newPassword);
      current = newPassword;
    }
    if (body.secondFactorEnrolmentRequired) await this.enrolSecondFactor(username);
    return current;
  }
}
