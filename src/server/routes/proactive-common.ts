/** What the workspace's 主动公开 routes share: their parameters, tags and permission check. */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { invalidField } from '../../core/errors.js';

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const AgencyParams = Type.Object({ agencyId: Id });
export const YearParams = Type.Object({
  agencyId: Id,
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
});
export const lit = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));
export const Text = (max: number) => Type.String({ maxLength: max });

export const tags = ['主动公开'];
export const base = '/api/v1/agencies/:agencyId/proactive';
export const perm = (
  permission: 'proactive.read' | 'proactive.edit' | 'proactive.publish' | 'proactive.configure',
) => ({ access: { kind: 'permission', permission, target: 'agency' } }) as const;

/** The file of an upload route: the body as bytes, its name from the URI-encoded x-file-name. */
export function uploadedFile(request: FastifyRequest): { name: string; bytes: Uint8Array } {
  const body = request.body;
  if (!Buffer.isBuffer(body))
    throw invalidField('body', '请以 application/octet-stream 上传文件内容。');
  try {
    return {
      name: decodeURIComponent(request.headers['x-file-name'] as string),
      bytes: new Uint8Array(body),
    };
  } catch {
    throw invalidField(
      'x-file-name',
      '文件名编码不正确：请用 encodeURIComponent 编码后放在 x-file-name 头中。',
    );
  }
}
