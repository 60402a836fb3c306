/** The workspace walked as walksecadmin (see walk.test.ts and test/support/walk/). */
import { describeRoleWalk } from '../support/walk/suite.js';

describeRoleWalk('walksecadmin');
