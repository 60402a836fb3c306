/**
 * The published JSON Schema of the annual report, served to anyone: every JSON report gongkai
 * writes names it as `$schema`, and the portal links it beside the JSON download.
 */
import type { FastifyInstance } from 'fastify';
import { reportJsonSchemaDocument } from '../../core/report/schema.js';

export const REPORT_SCHEMA_PATH = '/schemas/annual-report.v1.json';

export async function schemaRoutes(app: FastifyInstance): Promise<void> {
  const body = `${JSON.stringify(reportJsonSchemaDocument(), null, 2)}\n`;
  app.get(
    REPORT_SCHEMA_PATH,
    { config: { access: { kind: 'public' } }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .header('content-type', 'application/schema+json; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(body),
  );
}
