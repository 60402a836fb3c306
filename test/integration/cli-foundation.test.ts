import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import { runCli } from '../support/cli.js';
import { TEST_SECRET_HEX, TestClock, testContext } from '../support/app.js';
import { describeEachStore } from '../support/stores.js';
import { bootstrapDemo } from '../support/accounts.js';
import { createAuditAnchor } from '../../src/services/audit-anchor.js';
import type { ServiceContext } from '../../src/services/context.js';

/** The services write the chain's heads where the CLI's verification will look for them. */
const anchored = (ctx: ServiceContext, dataDir: string): ServiceContext => ({
  ...ctx,
  auditAnchor: createAuditAnchor({
    dir: join(dataDir, 'audit-anchor'),
    onError: (error) => {
      throw error;
    },
  }),
});

describeEachStore('gongkai migrate, user create, audit-log verify', (getStore, dialect) => {
  // One data folder, so the CLI and the services here share the audit chain's anchor in it.
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
  const env = () => ({
    GONGKAI_DATABASE_URL: getStore().url,
    GONGKAI_DATA_DIR: dataDir,
    GONGKAI_SECRET: TEST_SECRET_HEX,
  });

  it('migrate reports an up-to-date store', async () => {
    const r = await runCli(['migrate'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已是最新结构/);
  });

  it('user create makes an account with a one-time initial password', async () => {
    const ctx = testContext(getStore().store, new TestClock(), Buffer.from(TEST_SECRET_HEX, 'hex'));
    await bootstrapDemo(ctx);
    const r = await runCli(
      [
        'user',
        'create',
        '--username',
        'wang',
        '--name',
        '王经办',
        '--role',
        'clerk',
        '--agency',
        '示范市教育局',
      ],
      { env: env() },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已创建用户 wang/);
    expect(r.stdout).toMatch(/初始密码：[A-Za-z0-9]{14}/);
    const again = await runCli(
      [
        'user',
        'create',
        '--username',
        'wang',
        '--name',
        '王经办',
        '--role',
        'clerk',
        '--agency',
        '示范市教育局',
      ],
      { env: env() },
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/已被使用/);
    const noAgency = await runCli(
      [
        'user',
        'create',
        '--username',
        'li',
        '--name',
        '李',
        '--role',
        'clerk',
        '--agency',
        '不存在局',
      ],
      { env: env() },
    );
    expect(noAgency.code).toBe(2);
    expect(noAgency.stderr).toMatch(/找不到机关“不存在局”/);
  });

  it('the audit trail refuses updates, and verify names exactly the altered row', async () => {
    const { store } = getStore();
    const ctx = anchored(
      testContext(store, new TestClock(), Buffer.from(TEST_SECRET_HEX, 'hex')),
      dataDir,
    );
    for (const name of ['a1', 'a2', 'a3']) {
      await createUser(
        ctx,
        { kind: 'system', label: '测试' },
        {
          username: `audit-${name}`,
          displayName: name,
          grants: [{ role: 'system_admin' }],
        },
      );
    }
    const clean = await runCli(['audit-log', 'verify'], { env: env() });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/留痕完好/);

    const rows = await store.db.selectFrom('audit_log').select(['seq']).orderBy('seq').execute();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const victim = Number(rows[2]!.seq);

    // Append-only: the database itself refuses an ordinary update.
    await expect(
      store.db
        .updateTable('audit_log')
        .set({ actor: '篡改者' })
        .where('seq', '=', victim)
        .execute(),
    ).rejects.toThrow(/append-only/);

    // Someone with direct access removes the guard and rewrites history.
    if (dialect === 'postgres') {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(store.db);
    } else {
      await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
    }
    await store.db
      .updateTable('audit_log')
      .set({ after_json: JSON.stringify({ username: 'forged' }) })
      .where('seq', '=', victim)
      .execute();

    const broken = await runCli(['audit-log', 'verify'], { env: env() });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`第 ${victim} 条记录`);
    expect(broken.stdout).toMatch(/被改动过/);
    expect(broken.stdout).toContain(`此前 ${victim - 1} 条记录校验通过`);
  });
});

describeEachStore(
  'the audit trail cannot be shortened or re-chained without the key',
  (getStore, dialect) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
    const env = () => ({
      GONGKAI_DATABASE_URL: getStore().url,
      GONGKAI_DATA_DIR: dataDir,
      GONGKAI_SECRET: TEST_SECRET_HEX,
    });

    it('detects the newest records deleted, a chain rebuilt without the key, and refuses TRUNCATE', async () => {
      const { store } = getStore();
      const ctx = anchored(
        testContext(store, new TestClock(), Buffer.from(TEST_SECRET_HEX, 'hex')),
        dataDir,
      );
      for (const name of ['t1', 't2', 't3', 't4']) {
        await createUser(
          ctx,
          { kind: 'system', label: '测试' },
          {
            username: `tail-${name}`,
            displayName: name,
            grants: [{ role: 'system_admin' }],
          },
        );
      }
      expect((await runCli(['audit-log', 'verify'], { env: env() })).code).toBe(0);
      if (dialect === 'postgres') {
        await expect(sql`TRUNCATE audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
        await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(store.db);
      } else {
        await sql`DROP TRIGGER audit_log_no_delete`.execute(store.db);
        await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
      }
      // Someone deletes the two newest records: the chain left is valid, but shorter.
      const rows = await store.db.selectFrom('audit_log').select('seq').orderBy('seq').execute();
      const last = Number(rows.at(-1)!.seq);
      await store.db
        .deleteFrom('audit_log')
        .where('seq', '>', last - 2)
        .execute();
      const shortened = await runCli(['audit-log', 'verify'], { env: env() });
      expect(shortened.code).toBe(1);
      expect(shortened.stdout).toContain(`第 ${last - 1} 条及以后的记录被删除`);

      // Someone rewrites a record and re-chains everything after it with plain SHA-256.
      const all = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      let prev = all[0]!.prev_hash;
      for (const row of all) {
        const changed = {
          ...row,
          actor: Number(row.seq) === 2 ? '伪造者' : row.actor,
          prev_hash: prev,
        };
        const { hash: _old, ...rest } = changed;
        const hash = createHash('sha256')
          .update(JSON.stringify(Object.values(rest)))
          .digest('hex');
        await store.db
          .updateTable('audit_log')
          .set({ actor: changed.actor, prev_hash: prev, hash })
          .where('seq', '=', row.seq)
          .execute();
        prev = hash;
      }
      const rechained = await runCli(['audit-log', 'verify'], { env: env() });
      expect(rechained.code).toBe(1);
      expect(rechained.stdout).toContain('第 1 条记录');
    });
  },
);

describe('audit-log verify touches nothing', () => {
  it('refuses a database that does not exist, instead of creating an empty one and calling it intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-verify-'));
    const r = await runCli(['audit-log', 'verify'], {
      env: { GONGKAI_DATABASE_URL: `sqlite:${join(dir, 'typo.db')}`, GONGKAI_DATA_DIR: dir },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/数据库文件不存在/);
    expect(existsSync(join(dir, 'typo.db'))).toBe(false);
  });

  it('refuses to invent a new key for a database that already holds data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-key-'));
    const env = { GONGKAI_DATA_DIR: dir };
    expect(
      (
        await runCli(
          ['user', 'create', '--username', 'keyuser', '--name', '甲', '--role', 'system_admin'],
          { env },
        )
      ).code,
    ).toBe(0);
    rmSync(join(dir, 'secret.key'));
    const r = await runCli(['audit-log', 'verify'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/找不到密钥文件/);
  });
});

describe('CLI usage errors', () => {
  it('every command has --help', async () => {
    for (const args of [
      ['serve'],
      ['migrate'],
      ['user', 'create'],
      ['audit-log', 'verify'],
      ['backup'],
    ]) {
      const r = await runCli([...args, '--help']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/用法：/);
    }
  });

  it('an unknown command exits 2 with a Chinese message', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/错误：没有命令 'frobnicate'/);
  });

  it('a bad environment variable exits 2 naming it', async () => {
    const r = await runCli(['migrate'], { env: { GONGKAI_PORT: 'eighty' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GONGKAI_PORT=eighty 无效/);
  });
});

describe('gongkai backup', () => {
  it('backs up the SQLite store into a folder that does not exist yet, as the README shows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-backup-'));
    const env = { GONGKAI_DATA_DIR: join(dir, 'data'), GONGKAI_SECRET: 'cd'.repeat(32) };
    expect((await runCli(['migrate'], { env })).code).toBe(0);
    const r = await runCli(['backup', 'backup/gongkai-2026-11-24.db'], { env, cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'backup', 'gongkai-2026-11-24.db'))).toBe(true);
    const again = await runCli(['backup', 'backup/gongkai-2026-11-24.db'], { env, cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/已存在/);
  });

  it('a bad log level is refused naming the variable', async () => {
    const r = await runCli(['migrate'], { env: { GONGKAI_LOG_LEVEL: 'loud' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GONGKAI_LOG_LEVEL=loud 无效/);
  });
});
