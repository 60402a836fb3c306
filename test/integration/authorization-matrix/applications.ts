/**
 * The authorisation matrix (see ./matrix.ts) of 依申请公开: the routes of
 * ./expectations/applications.ts.
 */
import { itAllowsExactly } from './allowed.js';
import type { Matrix } from './matrix.js';

/** Registers the domain's tests in the calling describe block (see ./matrix.test.ts). */
export function applicationsMatrixTests(matrix: Matrix): void {
  itAllowsExactly(matrix, 'applications');
}
