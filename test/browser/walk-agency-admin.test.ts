/** The workspace walked as walkagencyadmin (see walk.test.ts and test/support/walk/). */
import { describeRoleWalk } from '../support/walk/suite.js';

describeRoleWalk('walkagencyadmin');
