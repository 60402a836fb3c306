/** What the workspace's 主动公开 routes share: their parameters, tags and permission check. */
import { Type } from '@sinclair/typebox';

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
