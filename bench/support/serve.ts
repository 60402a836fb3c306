/** `gongkai serve` from the TypeScript sources, for benchmarks that load the real server. */
import { runFromProcess } from '../../src/cli/main.js';

await runFromProcess();
