import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { can, type Permission, type Target } from '../core/auth/roles.js';
import { AppError, forbidden, notFound } from '../core/errors.js';
import { resolveSession, type ActiveSession, type SessionPolicy } from '../services/sessions.js';
import type { Actor, ServiceContext } from '../services/context.js';
import type { ClientInfo } from '../services/security-alerts.js';
import { agencyTarget } from '../services/organisations.js';

/**
 * Who may call a route. Every route declares one (an unlisted route fails at start-up), and
 * one hook enforces it, so authorisation cannot be forgotten route by route.
 */
export type AccessRule =
  | { kind: 'public' }
  | {
      kind: 'signed-in';
      duringPasswordChange?: boolean;
      /** Open while the account must still set up its second factor. */
      duringEnrolment?: boolean;
      recentAuth?: boolean;
    }
  | {
      kind: 'permission';
      permission: Permission;
      /** What the request is about: everything, the agency in `:agencyId`, or a custom lookup. */
      target: 'global' | 'agency' | ((request: FastifyRequest) => Promise<Target | null>);
      /**
       * A sensitive act (revealing personal data, changing roles, exporting the register):
       * the password or a code must have been entered within the policy's few minutes.
       */
      recentAuth?: boolean;
    };

/** One entry per registered route, for the authorisation matrix test and the docs. */
export interface RouteAccess {
  method: string;
  url: string;
  access: AccessRule;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeAccess: RouteAccess[];
    /** The installation's secret, for the portal's CSRF tokens. */
    secretKeyForCsrf: Uint8Array;
  }
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    session: ActiveSession | null;
    /** True when a session cookie was sent but matched no live session. */
    sessionRejected: boolean;
    actor: Actor;
  }
}

export const SESSION_COOKIE = 'gk_session';
export const ANON_CSRF_COOKIE = 'gk_csrf';
/** A random id for the browser, kept long: whose browser signs in to what (security alerts). */
export const DEVICE_COOKIE = 'gk_device';
const DEVICE_PATTERN = /^[A-Za-z0-9_-]{32}$/;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes served by plugins (static files, API docs) that carry no data of anyone's. */
const PUBLIC_PREFIXES = ['/workspace', '/static/'];
export const DOCS_PREFIX = '/api/docs';

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieOptions(request: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

const ANON_SESSION_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;
const csrfKeys = new WeakMap<Uint8Array, Buffer>();

/**
 * The anonymous visitor's CSRF token, bound to its portal session: the cookie holds a random
 * session id, the token is an HMAC of it under a key derived from the installation's secret
 * (signed double submit). A cookie planted by someone else does not come with a token that
 * matches it unless the server made both; a token from one visitor's page fails with another
 * visitor's cookie.
 */
export function anonymousCsrfTokenOf(secretKey: Uint8Array, sessionId: string): string {
  let key = csrfKeys.get(secretKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secretKey, 'gongkai', 'portal-csrf', 32));
    csrfKeys.set(secretKey, key);
  }
  return createHmac('sha256', key).update(`portal-csrf:${sessionId}`).digest('base64url');
}

/** The anonymous visitor's CSRF token; the visitor's portal session begins on first use. */
export function anonymousCsrfToken(request: FastifyRequest, reply: FastifyReply): string {
  const secretKey = request.server.secretKeyForCsrf;
  const existing = request.cookies[ANON_CSRF_COOKIE];
  if (existing && ANON_SESSION_PATTERN.test(existing)) {
    return anonymousCsrfTokenOf(secretKey, existing);
  }
  const sessionId = randomBytes(24).toString('base64url');
  reply.setCookie(ANON_CSRF_COOKIE, sessionId, { ...cookieOptions(request), sameSite: 'strict' });
  // The same request may render a second form: it must carry the same token.
  request.cookies[ANON_CSRF_COOKIE] = sessionId;
  return anonymousCsrfTokenOf(secretKey, sessionId);
}

/** Where the request comes from: address, browser string and the browser's id if it has one. */
export function clientInfo(request: FastifyRequest): ClientInfo {
  const device = request.cookies[DEVICE_COOKIE];
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? '',
    deviceId: device && DEVICE_PATTERN.test(device) ? device : null,
  };
}

/** The browser's id, given to it (for 400 days, the longest a browser keeps) at sign-in. */
export function ensureDeviceId(request: FastifyRequest, reply: FastifyReply): string {
  const existing = clientInfo(request).deviceId;
  if (existing) return existing;
  const id = randomBytes(24).toString('base64url');
  reply.setCookie(DEVICE_COOKIE, id, cookieOptions(request, 400 * 86_400));
  return id;
}

/** The CSRF token the client must echo with its next state-changing request. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  return request.session ? request.session.csrfToken : anonymousCsrfToken(request, reply);
}

function submittedCsrfToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  return body && typeof body === 'object' && typeof body._csrf === 'string'
    ? body._csrf
    : undefined;
}

function accessOf(route: RouteOptions): AccessRule | undefined {
  const config = route.config as { access?: AccessRule } | undefined;
  if (config?.access) return config.access;
  // The API documentation maps every route: for signed-in staff only (the portal has no
  // sign-in; citizens never need it).
  if (route.url.startsWith(DOCS_PREFIX) && route.method !== 'POST') return { kind: 'signed-in' };
  if (PUBLIC_PREFIXES.some((p) => route.url.startsWith(p)) && route.method !== 'POST') {
    return { kind: 'public' };
  }
  return undefined;
}

export function registerAccessControl(
  app: FastifyInstance,
  ctx: ServiceContext,
  policy: SessionPolicy,
): void {
  app.decorate('secretKeyForCsrf', ctx.secretKey);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionRejected', false);
  // Set for every request by the onRequest hook below.
  app.decorateRequest<Actor | null>('actor', null);

  const registry: RouteAccess[] = [];
  app.decorate('routeAccess', registry);
  app.addHook('onRoute', (route) => {
    const access = accessOf(route);
    if (!access) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
    }
    route.config = { ...(route.config as object), access } as typeof route.config;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') registry.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.actor = {
      kind: 'anonymous',
      label: `访客 ${request.ip}`,
      requestId: String(request.id),
      ip: request.ip,
    };
    if (!token) return;
    const session = /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? await resolveSession(ctx, token, policy)
      : null;
    if (!session) {
      request.sessionRejected = true;
      return;
    }
    request.session = session;
    request.actor = {
      kind: 'user',
      principal: session.principal,
      requestId: String(request.id),
      ip: request.ip,
    };
  });

  // Who may call the route is settled before the body is read: an anonymous caller of a
  // protected upload gets 401 at once, not after 50 MB.
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return;
    rejectNulCharacters(request.params, '路径参数');
    rejectNulCharacters(request.query, '查询参数');
    const access = request.routeOptions.config.access;
    if (!access) throw forbidden();

    if (access.kind !== 'public') {
      if (!request.session) {
        if (request.sessionRejected) {
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
          throw new AppError('session_invalid', '登录状态无效或已过期，请重新登录。');
        }
        throw new AppError('unauthenticated', '请先登录。');
      }
      const session = request.session;
      const duringChange = access.kind === 'signed-in' && access.duringPasswordChange;
      if (session.mustChangePassword && !duringChange) {
        throw new AppError(
          'password_change_required',
          session.passwordExpired
            ? '您的密码已过有效期，须先修改密码才能继续。'
            : '首次登录或密码被重置后，须先修改密码才能继续。',
        );
      }
      const duringEnrolment =
        access.kind === 'signed-in' && (access.duringEnrolment || access.duringPasswordChange);
      if (session.secondFactorEnrolmentRequired && !duringEnrolment) {
        throw new AppError(
          'second_factor_enrolment_required',
          '您的角色（或所在机关）要求两步验证：请先在“账号安全”中设置手机验证器，才能继续使用。',
        );
      }
      if (access.recentAuth) {
        const since = ctx.clock.now().getTime() - session.reauthMinutes * 60_000;
        if (Date.parse(session.authenticatedAt) < since) {
          throw new AppError(
            'reauth_required',
            `这是敏感操作：请再次输入密码（已开启两步验证的，也可以输入验证码）确认是您本人。确认后 ${session.reauthMinutes} 分钟内无需再次输入。`,
            { reauthMinutes: session.reauthMinutes },
          );
        }
      }
    }

    if (access.kind === 'permission') {
      const principal = request.session!.principal;
      let target: Target | null;
      if (access.target === 'global') target = { kind: 'global' };
      else if (access.target === 'agency') {
        const agencyId = (request.params as { agencyId?: string }).agencyId;
        target = agencyId ? await agencyTarget(ctx.store.db, agencyId) : null;
        if (!target) throw notFound('机关');
      } else {
        target = await access.target(request);
        if (!target) throw notFound('所请求的资源');
      }
      if (!can(principal, access.permission, target)) throw forbidden();
    }
  });

  // CSRF needs the body (a no-JavaScript form sends its token as the `_csrf` field).
  app.addHook('preValidation', async (request) => {
    if (request.is404) return;
    rejectNulCharacters(request.body, '');
    if (STATE_CHANGING.has(request.method)) {
      const anonymous = request.cookies[ANON_CSRF_COOKIE];
      const expected = request.session
        ? request.session.csrfToken
        : anonymous && ANON_SESSION_PATTERN.test(anonymous)
          ? anonymousCsrfTokenOf(ctx.secretKey, anonymous)
          : undefined;
      if (!sameToken(submittedCsrfToken(request), expected)) {
        throw new AppError(
          'csrf_invalid',
          '页面已过期或来源不明（CSRF 校验失败）。请刷新页面后重新提交；您填写的内容不会丢失。',
        );
      }
    }
  });
}

/**
 * Text with a NUL character (U+0000) is refused: no one types it, and PostgreSQL cannot store
 * it (it would end as a 500). Walks objects and arrays; names the field.
 */
function rejectNulCharacters(value: unknown, where: string, path: string[] = []): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      const field = path.join('.') || '(请求体)';
      throw new AppError(
        'validation_failed',
        `${where}字段“${field}”含有空字符（U+0000），这不是正常的文字，请删除后重试。`,
        { field },
      );
    }
    return;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, inner] of Object.entries(value))
      rejectNulCharacters(inner, where, [...path, key]);
  }
}

/** The signed-in person behind a request on a route that requires one. */
export function userActor(request: FastifyRequest): Extract<Actor, { kind: 'user' }> {
  if (request.actor.kind !== 'user') throw new AppError('unauthenticated', '请先登录。');
  return request.actor;
}
