import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import { AppError } from '../core/errors.js';
import type { SessionPolicy } from '../services/sessions.js';
import type { Config } from '../services/config.js';
import type { ServiceContext } from '../services/context.js';
import { clientErrorHandler } from './client-error.js';
import { registerAccessControl } from './access.js';
import { toErrorResponse } from './errors.js';
import { accountRoutes } from './routes/accounts.js';
import { agencyRoutes } from './routes/agencies.js';
import { aliasRoutes } from './routes/aliases.js';
import { approvalRoutes } from './routes/approvals.js';
import { applicationRoutes } from './routes/applications.js';
import { auditRoutes } from './routes/audit.js';
import { calendarRoutes } from './routes/calendar.js';
import { reminderRoutes } from './routes/reminders.js';
import { authRoutes } from './routes/auth.js';
import { certificateLoginRoutes } from './routes/certificate-login.js';
import type { CertificateAuthenticator } from '../services/certificate-login.js';
import { applicationPortalRoutes } from './portal/applications.js';
import { portalRoutes } from './portal/routes.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/imports.js';
import { reportRoutes } from './routes/reports.js';
import { supervisionRoutes } from './routes/supervision.js';
import { supervisionImportRoutes } from './routes/supervision-imports.js';
import { openDataRoutes } from './portal/open-data.js';
import { proactiveRoutes } from './routes/proactive.js';
import { proactivePortalRoutes } from './portal/proactive.js';
import { registerPortalChrome } from './portal/chrome.js';
import { portalPageCache, type PortalPageCache } from './portal/page-cache.js';
import { schemaRoutes } from './routes/schemas.js';
import { secondFactorRoutes } from './routes/second-factor.js';
import { securityRoutes } from './routes/security.js';
import { securityAlertRoutes } from './routes/security-alerts.js';
import { userRoutes } from './routes/users.js';
import { handoffRoutes } from './routes/handoffs.js';
import { validatorCompiler } from './validation.js';

export interface AppOptions {
  ctx: ServiceContext;
  config: Pick<
    Config,
    'sessionIdleMinutes' | 'sessionMaxHours' | 'trustProxy' | 'bodyLimitBytes' | 'uploadLimitBytes'
  >;
  /**
   * The rendered public column pages kept per portal generation (portal/page-cache.ts); by
   * default PORTAL_PAGE_CACHE_ENTRIES pages. `portalPageCache(store, 0)` renders every request.
   */
  portalPageCache?: PortalPageCache;
  /** pino options, or false to stay silent (tests). */
  logger?: FastifyServerOptions['logger'];
  /** The built workspace (vite build output); served at /workspace/ when present. */
  webRoot?: string;
  /**
   * The vendor's CA certificate / USB key authenticator, when the deployment has one: signing
   * in with password and certificate (routes/certificate-login.ts). None is bundled.
   */
  certificateAuthenticator?: CertificateAuthenticator;
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  // No page needs the camera, the microphone, the position or payment.
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** Builds the whole HTTP application; tests drive it with app.inject(), `serve` listens. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { ctx, config } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // A caller's x-request-id is kept when it is a sane identifier (it reaches logs and the
    // audit trail), otherwise replaced.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given)
        ? given
        : randomUUID();
    },
    // Errors Fastify raises before a route runs (a malformed URL) get the same Chinese body.
    frameworkErrors: (error, request, reply) => {
      const { status, body } = toErrorResponse(error, request);
      void (reply as unknown as FastifyReply).code(status).send(body);
    },
    // A request line or headers past Node's limit (a very long query): a Chinese page.
    clientErrorHandler,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);

  const policy: SessionPolicy = {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
  };

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorResponse(error as Error, request);
    if (typeof body.error.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(body.error.retryAfterSeconds));
    }
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const { status, body } = toErrorResponse(
      new AppError('not_found', `没有这个地址：${request.method} ${request.url.split('?')[0]}`),
      request,
    );
    return reply.code(status).send(body);
  });

  // Graceful shutdown: requests already in flight finish, and their connections close after
  // the response instead of lingering for the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    reply.header('x-request-id', String(request.id));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    const type = String(reply.getHeader('content-type') ?? '');
    // Every page, the API documentation included, under the same policy.
    if (type.startsWith('text/html')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    }
    // Behind TLS (directly, or a proxy saying so with GONGKAI_TRUST_PROXY=1): browsers keep to
    // HTTPS for a year.
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: config.bodyLimitBytes });
  registerAccessControl(app, ctx, policy);
  registerPortalChrome(app, ctx);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'gongkai API',
        description:
          '政府信息公开工作系统的 JSON 接口。修改数据的请求须带 x-csrf-token 头（从 /api/v1/auth/csrf 或登录响应取得）。错误响应的形状：{ error: { code, message, field?, requestId } }。',
        version: '1',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gk_session' } },
      },
    },
  });
  // Served to signed-in staff only (access.ts), without the online validator badge (no
  // request leaves the page; the page's CSP would refuse it anyway).
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null },
    staticCSP: false,
  });

  await app.register(async (scope) => healthRoutes(scope, ctx));
  await app.register(async (scope) => authRoutes(scope, ctx, policy));
  await app.register(async (scope) =>
    certificateLoginRoutes(scope, ctx, policy, options.certificateAuthenticator),
  );
  await app.register(async (scope) => agencyRoutes(scope, ctx));
  await app.register(async (scope) => aliasRoutes(scope, ctx));
  await app.register(async (scope) => userRoutes(scope, ctx));
  await app.register(async (scope) => accountRoutes(scope, ctx));
  await app.register(async (scope) => securityAlertRoutes(scope, ctx));
  await app.register(async (scope) => secondFactorRoutes(scope, ctx));
  await app.register(async (scope) => securityRoutes(scope, ctx));
  await app.register(async (scope) => auditRoutes(scope, ctx));
  await app.register(async (scope) => reportRoutes(scope, ctx));
  await app.register(async (scope) => importRoutes(scope, ctx, config.uploadLimitBytes));
  await app.register(async (scope) => applicationRoutes(scope, ctx));
  await app.register(async (scope) => approvalRoutes(scope, ctx));
  await app.register(async (scope) => calendarRoutes(scope, ctx));
  await app.register(async (scope) => reminderRoutes(scope, ctx));
  await app.register(async (scope) => schemaRoutes(scope));
  await app.register(async (scope) => portalRoutes(scope, ctx));
  await app.register(async (scope) => applicationPortalRoutes(scope, ctx));
  await app.register(async (scope) => supervisionRoutes(scope, ctx));
  await app.register(async (scope) => supervisionImportRoutes(scope, ctx, config.uploadLimitBytes));
  await app.register(async (scope) => openDataRoutes(scope, ctx));
  await app.register(async (scope) => handoffRoutes(scope, ctx, config.uploadLimitBytes));
  await app.register(async (scope) => proactiveRoutes(scope, ctx, config.uploadLimitBytes));
  const pageCache = options.portalPageCache ?? portalPageCache(ctx.store);
  await app.register(async (scope) => proactivePortalRoutes(scope, ctx, pageCache));

  if (options.webRoot && existsSync(join(options.webRoot, 'index.html'))) {
    const webRoot = options.webRoot;
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/workspace/',
      index: ['index.html'],
      wildcard: false,
      // Vite names every built asset after its content: a browser may keep one for good instead
      // of asking again on every page load (three requests, each resolving the session, per
      // load). index.html, which names the current assets, is asked for each time, as before.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          relative(webRoot, path).startsWith(`assets${sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'public, max-age=0',
        );
      },
    });
    // Client-side routes of the workspace all load the same page.
    app.get(
      '/workspace/*',
      { config: { access: { kind: 'public' } }, schema: { hide: true } },
      (_request, reply) => reply.sendFile('index.html', webRoot),
    );
    app.get(
      '/workspace',
      { config: { access: { kind: 'public' } }, schema: { hide: true } },
      (_request, reply) => reply.redirect('/workspace/'),
    );
  }
  app.get(
    '/',
    { config: { access: { kind: 'public' } }, schema: { hide: true } },
    (_request, reply) => reply.redirect('/portal'),
  );

  return app;
}
