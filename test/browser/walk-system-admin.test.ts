/** The workspace walked as walksysadmin (see walk.test.ts and test/support/walk/). */
import { describeRoleWalk } from '../support/walk/suite.js';

describeRoleWalk('walksysadmin');
