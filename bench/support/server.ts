/** The real server in a child process, for the benchmarks that load it over HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * The real server (`gongkai serve` from the sources) in a child process on a free port, with a
 * throwaway data directory and secret; `env` adds to (or overrides) its environment. Resolves
 * once /readyz answers; `pid` is the server's process (its RSS is the server's memory).
 */
export async function startServer(
  databaseUrl: string,
  dataDir: string,
  env: Record<string, string> = {},
) {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.GONGKAI_BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.GONGKAI_BENCH_PROFILE}`]
        : []),
      '--import',
      'tsx',
      join(import.meta.dirname, 'serve.ts'),
      'serve',
    ],
    {
      env: {
        ...process.env,
        GONGKAI_DATABASE_URL: databaseUrl,
        GONGKAI_DATA_DIR: dataDir,
        GONGKAI_PORT: String(port),
        GONGKAI_HOST: '127.0.0.1',
        GONGKAI_DEMO: '0',
        GONGKAI_ADMIN_PASSWORD: 'Bench-pass-2026',
        GONGKAI_SECRET: randomBytes(32).toString('hex'),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  // Starting from the TypeScript sources takes long on a loaded machine: up to two minutes.
  let ready = false;
  for (let i = 0; i < 1200 && !ready; i++) {
    if (child.exitCode !== null) throw new Error(`服务未能启动：${stderr}`);
    try {
      ready = (await fetch(`${base}/readyz`)).ok;
    } catch {
      // not listening yet
    }
    if (!ready) await new Promise((r) => setTimeout(r, 100));
  }
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`服务两分钟内未就绪（/readyz）：${stderr}`);
  }
  return {
    base,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
