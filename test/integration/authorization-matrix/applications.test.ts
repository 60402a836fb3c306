/**
 * The authorisation matrix (see ./matrix.ts) of 依申请公开: the routes of
 * ./expectations/applications.ts.
 */
import { it } from 'vitest';
import { describeEachStore } from '../../support/stores.js';
import { expectAllowed } from './allowed.js';
import { useMatrix } from './matrix.js';

describeEachStore('authorisation matrix: applications', (getStore) => {
  const matrix = useMatrix(getStore);

  it('allows exactly what the expectations allow, for own and for another agency', async () => {
    await expectAllowed(matrix, 'applications');
  });
});
