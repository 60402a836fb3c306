/** The workspace walked as walkauditadmin (see walk.test.ts and test/support/walk/). */
import { describeRoleWalk } from '../support/walk/suite.js';

describeRoleWalk('walkauditadmin');
