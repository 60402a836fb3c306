/**
 * The authorisation matrix (see ./matrix.ts), set up once a store: the coverage checks, each
 * domain's tests (one module a domain) and the isolation tests, all on the same set-up.
 */
import { describe } from 'vitest';
import { describeEachStore } from '../../support/stores.js';
import { accountsMatrixTests, administratorsMatrixTests } from './accounts.js';
import { applicationsMatrixTests } from './applications.js';
import { coverageMatrixTests } from './coverage.js';
import { isolationMatrixTests } from './isolation.js';
import { useMatrix } from './matrix.js';
import { portalMatrixTests } from './portal.js';
import { proactiveMatrixTests } from './proactive.js';
import { reportsMatrixTests } from './reports.js';

describeEachStore('authorisation matrix', (getStore) => {
  const matrix = useMatrix(getStore);

  // Describe blocks are collected before any test runs: every domain's tests are registered by
  // the time the coverage checks run.
  describe('coverage', () => coverageMatrixTests(matrix));
  describe('accounts', () => accountsMatrixTests(matrix));
  describe('applications', () => applicationsMatrixTests(matrix));
  describe('reports', () => reportsMatrixTests(matrix));
  describe('proactive', () => proactiveMatrixTests(matrix));
  describe('portal', () => portalMatrixTests(matrix));
  describe('isolation', () => isolationMatrixTests(matrix));
  // Last, on the audit trail every test above wrote (the lists are checked entry by entry).
  describe('administrators and lists', () => administratorsMatrixTests(matrix));
});
