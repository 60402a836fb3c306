/** The workspace walked as walksupervisor (see walk.test.ts and test/support/walk/). */
import { describeRoleWalk } from '../support/walk/suite.js';

describeRoleWalk('walksupervisor');
