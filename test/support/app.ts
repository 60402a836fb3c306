import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { Clock, ServiceContext } from '../../src/services/context.js';
import type { Store } from '../../src/store/database.js';

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
  return { store, clock, secretKey };
}

export async function testApp(
  ctx: ServiceContext,
  options: { webRoot?: string } = {},
): Promise<FastifyInstance> {
  const app = await buildApp({ ctx, config: TEST_CONFIG, logger: false, ...options });
  await app.ready();
  return app;
}

/** A browser-like client: keeps cookies and the current CSRF token. */
export class TestClient {
  cookies = new Map<string, string>();
  csrfToken: string | undefined;

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
    return response;
  }

  async fetchCsrf(): Promise<string> {
    const response = await this.request('GET', '/api/v1/auth/csrf');
    this.csrfToken = response.json<{ csrfToken: string }>().csrfToken;
    return this.csrfToken;
  }

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    await this.fetchCsrf();
    const response = await this.request('POST', '/api/v1/auth/login', { username, password });
    if (response.statusCode === 200)
      this.csrfToken = response.json<{ csrfToken: string }>().csrfToken;
    return response;
  }

  /** Logs in and, when the account must change its password first, changes it. */
  async loginReady(
    username: string,
    password: string,
    newPassword = `${password}x9`,
  ): Promise<string> {
    const response = await this.login(username, password);
    if (response.statusCode !== 200) {
      throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
    }
    if (response.json<{ mustChangePassword: boolean }>().mustChangePassword) {
      const changed = await this.request('POST', '/api/v1/auth/password', {
        currentPassword: password,
        newPassword,
      });
      if (changed.statusCode !== 200) throw new Error(`password change failed: ${changed.body}`);
      return newPassword;
    }
    return password;
  }
}
