import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { invalidField } from '../../core/errors.js';
import { AppError } from '../../core/errors.js';
import { readerPoolOf, TooManyReadsError } from '../../ingest/pool.js';
import { userActor } from '../access.js';
import type { ServiceContext } from '../../services/context.js';
import { recordReportUpload } from '../../services/reports.js';

/**
 * Reading a published report uploaded by a supervisor or an agency: the raw file is the body
 * (application/octet-stream), its name in the `x-file-name` header (URI-encoded). Nothing is
 * saved as a report here — the person checks the reading, corrects it, and then saves it
 * through POST …/reports/:year/import. The file itself is kept (content-addressed) so the saved
 * report can always be traced to the exact document it was read from.
 */
export async function importRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  uploadLimitBytes: number,
): Promise<void> {
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: uploadLimitBytes },
    (_request, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/imports/queue',
    {
      config: { access: { kind: 'signed-in' } },
      schema: {
        tags: ['年度报告'],
        summary: '读取上传文件的排队情况：正在读取和排队的文件数，以及本人排队中的文件及其位置',
      },
    },
    async (request) => readerPoolOf(ctx).view(userActor(request).principal.userId),
  );

  r.post(
    '/api/v1/agencies/:agencyId/imports/read',
    {
      config: { access: { kind: 'permission', permission: 'report.import', target: 'agency' } },
      bodyLimit: uploadLimitBytes,
      schema: {
        tags: ['年度报告'],
        summary:
          '读取一份已发布的年度报告文件（文本、HTML、DOCX、PDF；UTF-8 或 GB18030）：返回读出的报告、审查结果、原文各行及每个数字所在的行',
        params: Type.Object({ agencyId: Type.String({ minLength: 1, maxLength: 64 }) }),
        headers: Type.Object({ 'x-file-name': Type.String({ minLength: 1, maxLength: 1000 }) }),
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw invalidField('body', '请以 application/octet-stream 上传文件内容。');
      }
      let filename: string;
      try {
        filename = decodeURIComponent(request.headers['x-file-name'] as string);
      } catch {
        throw invalidField(
          'x-file-name',
          '文件名编码不正确：请用 encodeURIComponent 编码后放在 x-file-name 头中。',
        );
      }
      // Control characters and path separators have no place in a name shown to people.
      filename = [...filename]
        .map((c) => (c.charCodeAt(0) < 0x20 || c === '/' || c === '\\' ? '_' : c))
        .join('')
        .slice(0, 255);
      const bytes = new Uint8Array(body);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // Read in a worker thread bounded in time: a file made to be slow holds neither the
      // server's other requests nor this one for long (it becomes a finding).
      // Read by the server's bounded pool (at most N threads, each with a memory limit; the
      // others wait their turn, GET /api/v1/imports/queue shows the place): a file made to be
      // slow or huge holds neither the server's other requests nor its memory.
      let read;
      try {
        read = await readerPoolOf(ctx).read(
          { bytes, file: filename },
          userActor(request).principal.userId,
        );
      } catch (error) {
        if (error instanceof TooManyReadsError) throw new AppError('rate_limited', error.message);
        throw error;
      }
      const result = { ...read, lines: read.lines ?? [] };
      if (bytes.length > 0) {
        await recordReportUpload(ctx, request.actor, request.params.agencyId, {
          bytes,
          sha256,
          filename,
          kind: result.kind,
          report: result.report,
          findings: result.findings.length,
        });
      }
      return { ...result, sha256, size: bytes.length };
    },
  );
}
