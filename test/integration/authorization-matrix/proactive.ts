/**
 * The authorisation matrix (see ./matrix.ts) of 主动公开: the routes of ./expectations/proactive.ts.
 */
import { itAllowsExactly } from './allowed.js';
import type { Matrix } from './matrix.js';

/** Registers the domain's tests in the calling describe block (see ./matrix.test.ts). */
export function proactiveMatrixTests(matrix: Matrix): void {
  itAllowsExactly(matrix, 'proactive');
}
