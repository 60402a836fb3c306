/**
 * The authorisation matrix (see ./matrix.ts) of the annual reports and their supervision: the
 * routes of ./expectations/reports.ts; the report editor and the 主动公开 register agree.
 */
import { expect, it } from 'vitest';
import type { Role } from '../../../src/core/auth/roles.js';
import { itAllowsExactly } from './allowed.js';
import { EXPECTATIONS } from './expectations/index.js';
import { type Matrix } from './matrix.js';

/** Registers the domain's tests in the calling describe block (see ./matrix.test.ts). */
export function reportsMatrixTests(matrix: Matrix): void {
  itAllowsExactly(matrix, 'reports');

  it('the report editor and the 主动公开 register agree: whoever may save a draft reads the figures it takes; the system administrator neither (三员)', async () => {
    const { own, personas } = matrix;
    const rolesOf = (key: string) => {
      const e = EXPECTATIONS[key]!;
      return e.scope === 'agency' ? e.roles : [];
    };
    const editors = rolesOf('PUT /api/v1/agencies/:agencyId/reports/:year/draft');
    const readers = rolesOf('GET /api/v1/agencies/:agencyId/proactive/figures/:year');
    expect(editors.filter((r) => !readers.includes(r))).toEqual([]);
    for (const roles of [editors, readers]) expect(roles).not.toContain('system_admin');
    const byRole = (role: Role) => personas.find((p) => p.role === role)!.client;
    const figures = `/api/v1/agencies/${own.agencyId}/proactive/figures/2025`;
    expect((await byRole('clerk').request('GET', figures)).statusCode).toBe(200);
    for (const url of [figures, `/api/v1/agencies/${own.agencyId}/reports/2025`]) {
      const refused = await byRole('system_admin').request('GET', url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/权限/);
    }
  });
}
