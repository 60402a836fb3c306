/**
 * The authorisation matrix (see ./matrix.ts) of the public portal: the routes of
 * ./expectations/portal.ts.
 */
import { it } from 'vitest';
import { describeEachStore } from '../../support/stores.js';
import { expectAllowed } from './allowed.js';
import { useMatrix } from './matrix.js';

describeEachStore('authorisation matrix: portal', (getStore) => {
  const matrix = useMatrix(getStore);

  it('allows exactly what the expectations allow, for own and for another agency', async () => {
    await expectAllowed(matrix, 'portal');
  });
});
