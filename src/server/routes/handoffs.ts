/**
 * Hand-offs (签收、转办、协办、转送), the agency's units, the 文号 patterns, the 受理回执 and the
 * scans attached to a case. Kept apart from routes/applications.ts: each is one service call.
 */
import { Type, type TProperties } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { invalidField } from '../../core/errors.js';
import {
  addAttachment,
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  attachmentFile,
  type AttachmentKind,
} from '../../services/applications/attachments.js';
import { caseEnv, getApplication, loadCase } from '../../services/applications/cases.js';
import { recordHandoff, type HandoffInput } from '../../services/applications/handoffs.js';
import { issueAcknowledgement } from '../../services/applications/letters.js';
import {
  listLetterNumberPatterns,
  setLetterNumberPatterns,
} from '../../services/applications/letter-numbers.js';
import { createUnit, listUnits } from '../../services/applications/units.js';
import { shanghaiDate, type ServiceContext } from '../../services/context.js';
import { userActor } from '../access.js';
import { sendDocument } from './reports.js';

const strictObject = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });
const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));
const Id = Type.String({ minLength: 1, maxLength: 64 });
const AgencyParams = Type.Object({ agencyId: Id });
const ApplicationParams = Type.Object({ agencyId: Id, applicationId: Id });

const HandoffBody = strictObject({
  type: literals([
    'signed_for',
    'transferred',
    'assist_requested',
    'assist_completed',
    'forwarded',
  ] as const),
  unitId: Type.Optional(Type.String({ maxLength: 64 })),
  dueOn: Type.Optional(Type.String({ maxLength: 20 })),
  assistId: Type.Optional(Type.String({ maxLength: 20 })),
  agencyName: Type.Optional(Type.String({ maxLength: 200 })),
  contact: Type.Optional(Type.String({ maxLength: 400 })),
  note: Type.Optional(Type.String({ maxLength: 5000 })),
});

export async function handoffRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  uploadLimitBytes: number,
): Promise<void> {
  const bodyLimit = Math.max(uploadLimitBytes, ATTACHMENT_MAX_BYTES + 1024);
  app.addContentTypeParser(
    ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit },
    (_request, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = { kind: 'permission', permission: 'application.read', target: 'agency' } as const;
  const handle = {
    kind: 'permission',
    permission: 'application.handle',
    target: 'agency',
  } as const;
  const configure = {
    kind: 'permission',
    permission: 'application.configure',
    target: 'agency',
  } as const;
  const tags = ['依申请公开'];
  const base = '/api/v1/agencies/:agencyId';
  const today = () => shanghaiDate(ctx.clock.now());

  r.post(
    `${base}/applications/:applicationId/handoffs`,
    {
      config: { access: handle },
      schema: {
        tags,
        summary:
          '签收、转办（给承办科室）、协办（协办期限在答复期限之内）、协办完成、转送其他机关（生成转送告知书）；收到申请之日不变',
        params: ApplicationParams,
        body: HandoffBody,
      },
    },
    async (request) =>
      recordHandoff(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.applicationId,
        request.body as HandoffInput,
      ),
  );

  r.post(
    `${base}/applications/:applicationId/acknowledgement`,
    {
      config: { access: handle },
      schema: {
        tags,
        summary: '出具受理回执（每件申请一次，编入文号）',
        params: ApplicationParams,
      },
    },
    async (request) => {
      const { agencyId, applicationId } = request.params;
      const actor = userActor(request);
      const env = await caseEnv(ctx.store.db, agencyId);
      await issueAcknowledgement(ctx, actor, agencyId, applicationId, env, async (t) => {
        const loaded = await loadCase(t, agencyId, applicationId, env);
        return { row: loaded.row, state: loaded.replayed.state };
      });
      return getApplication(ctx, actor, agencyId, applicationId);
    },
  );

  r.post(
    `${base}/applications/:applicationId/attachments`,
    {
      config: { access: handle },
      bodyLimit,
      schema: {
        tags,
        summary:
          '上传来信、信封等扫描件（PDF、JPEG、PNG、TIFF，不超过 20 MB；按内容识别格式，按 SHA-256 保存）：文件内容为请求体，文件名放在 x-file-name 头（URI 编码）',
        params: ApplicationParams,
        querystring: strictObject({
          kind: literals(Object.keys(ATTACHMENT_KINDS) as AttachmentKind[]),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        headers: Type.Object({ 'x-file-name': Type.Optional(Type.String({ maxLength: 1000 })) }),
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw invalidField('file', '请选择要上传的扫描件。');
      let filename = '';
      try {
        filename = decodeURIComponent(String(request.headers['x-file-name'] ?? ''));
      } catch {
        throw invalidField('file', '文件名编码不正确，请重新选择文件。');
      }
      const attachments = await addAttachment(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.params.applicationId,
        {
          kind: request.query.kind,
          filename,
          bytes: new Uint8Array(body),
          ...(request.query.note ? { note: request.query.note } : {}),
        },
      );
      return reply.code(201).send({ attachments });
    },
  );

  r.get(
    `${base}/applications/:applicationId/attachments/:attachmentId/file`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '下载扫描件',
        params: Type.Object({ agencyId: Id, applicationId: Id, attachmentId: Id }),
      },
    },
    async (request, reply) =>
      sendDocument(
        reply,
        await attachmentFile(
          ctx.store.db,
          request.params.agencyId,
          request.params.applicationId,
          request.params.attachmentId,
        ),
      ),
  );

  r.get(
    `${base}/units`,
    {
      config: { access: read },
      schema: {
        tags,
        summary: '本机关的科室（办公室签收，转办、协办的对象）',
        params: AgencyParams,
      },
    },
    async (request) => ({ units: await listUnits(ctx.store.db, request.params.agencyId) }),
  );

  r.post(
    `${base}/units`,
    {
      config: { access: configure },
      schema: {
        tags,
        summary: '新增科室（可设为办公室：负责签收来件）',
        params: AgencyParams,
        body: strictObject({
          name: Type.String({ maxLength: 100 }),
          generalOffice: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        units: await createUnit(ctx, userActor(request), request.params.agencyId, request.body),
      }),
  );

  r.get(
    `${base}/letter-numbers`,
    {
      config: { access: read },
      schema: { tags, summary: '各类文书的文号格式及下一个文号示例', params: AgencyParams },
    },
    async (request) => ({
      patterns: await listLetterNumberPatterns(
        ctx.store.db,
        request.params.agencyId,
        Number(today().slice(0, 4)),
      ),
    }),
  );

  r.put(
    `${base}/letter-numbers`,
    {
      config: { access: configure },
      schema: {
        tags,
        summary:
          '设置文号格式（如“〔{年}〕第{号}号”；序号按机关、文书种类、年度连续编排，不重复使用）',
        params: AgencyParams,
        body: strictObject({
          patterns: Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request) => ({
      patterns: await setLetterNumberPatterns(
        ctx,
        userActor(request),
        request.params.agencyId,
        request.body.patterns,
        Number(today().slice(0, 4)),
      ),
    }),
  );
}
