/**
 * The gongkai CLI from the TypeScript sources, for tests that need it in a real child process
 * (to kill it with SIGKILL mid-run): `node --import tsx test/support/cli-child.ts ARGS…`.
 */
import { runFromProcess } from '../../src/cli/main.js';

await runFromProcess();
