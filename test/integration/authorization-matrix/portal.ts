/**
 * The authorisation matrix (see ./matrix.ts) of the public portal: the routes of
 * ./expectations/portal.ts.
 */
import { itAllowsExactly } from './allowed.js';
import type { Matrix } from './matrix.js';

/** Registers the domain's tests in the calling describe block (see ./matrix.test.ts). */
export function portalMatrixTests(matrix: Matrix): void {
  itAllowsExactly(matrix, 'portal');
}
