import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.js';
import { pingStore } from '../../store/database.js';

export async function healthRoutes(app: FastifyInstance, ctx: ServiceContext): Promise<void> {
  app.get(
    '/healthz',
    { config: { access: { kind: 'public' } }, schema: { hide: true } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    { config: { access: { kind: 'public' } }, schema: { hide: true } },
    async (request, reply) => {
      try {
        await pingStore(ctx.store);
        return { status: 'ready', store: ctx.store.dialect };
      } catch (error) {
        request.log.warn({ err: error }, 'store not ready');
        return reply.code(503).send({ status: 'unavailable', message: '数据库暂不可用。' });
      }
    },
  );
}
