import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect, inject, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import { verifyAuditChain } from '../../src/services/audit.js';
import { ANCHOR_FILE, createAuditAnchor } from '../../src/services/audit-anchor.js';
import type { ServiceContext } from '../../src/services/context.js';
import {
  migrateToLatest,
  openStore,
  type Store,
  type StoreDialect,
} from '../../src/store/database.js';
import { runCli } from '../support/cli.js';
import { TEST_SECRET_HEX, TestClock, testContext } from '../support/app.js';
import { databaseUrl, withAdminClient } from '../support/postgres.js';
import { describeEachStore } from '../support/stores.js';

const KEY = Buffer.from(TEST_SECRET_HEX, 'hex');

/** A context whose audit records go to an anchor directory of the test's own. */
function anchoredContext(store: Store, anchorDir: string): ServiceContext {
  const auditAnchor = createAuditAnchor({
    dir: anchorDir,
    onError: (error) => {
      throw error;
    },
  });
  return { ...testContext(store, new TestClock(), KEY), auditAnchor };
}

async function addUsers(ctx: ServiceContext, prefix: string, n: number): Promise<void> {
  for (let i = 1; i <= n; i += 1) {
    await createUser(
      ctx,
      { kind: 'system', label: '测试' },
      {
        username: `${prefix}-${i}`,
        displayName: `${prefix}${i}`,
        grants: [{ role: 'system_admin' }],
      },
    );
  }
}

const verify = (url: string, anchorDir: string) =>
  runCli(['audit-log', 'verify'], {
    env: {
      GONGKAI_DATABASE_URL: url,
      GONGKAI_DATA_DIR: mkdtempSync(join(tmpdir(), 'gongkai-anchor-data-')),
      GONGKAI_SECRET: TEST_SECRET_HEX,
      GONGKAI_AUDIT_ANCHOR_DIR: anchorDir,
    },
  });

/** What an attacker with the database's owner rights does first: switch the guards off. */
async function disableAppendOnly(store: Store, dialect: StoreDialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(store.db);
  } else {
    await sql`DROP TRIGGER audit_log_no_delete`.execute(store.db);
  }
}

/**
 * Takes a backup the way the README says (SQLite: `gongkai backup`; PostgreSQL: pg_dump -Fc)
 * and returns a function that puts it back as a database of its own, returning its URL.
 */
async function backup(
  url: string,
  dialect: StoreDialect,
  cleanups: (() => Promise<void>)[],
): Promise<() => Promise<string>> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-backup-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  if (dialect === 'sqlite') {
    const file = join(dir, 'backup.db');
    const r = await runCli(['backup', file], { env: { GONGKAI_DATABASE_URL: url } });
    expect(r.code, r.stderr).toBe(0);
    return async () => {
      const restored = join(dir, 'restored.db');
      writeFileSync(restored, readFileSync(file));
      return `sqlite:${restored}`;
    };
  }
  const dump = join(dir, 'gongkai.dump');
  execFileSync('pg_dump', ['-Fc', '-f', dump, url]);
  return async () => {
    const name = `${inject('postgresPrefix')}_restored_${randomBytes(3).toString('hex')}`;
    await withAdminClient((c) => c.query(`CREATE DATABASE "${name}"`));
    cleanups.push(() =>
      withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
    );
    execFileSync('pg_restore', ['--no-owner', '-d', databaseUrl(name), dump]);
    return databaseUrl(name);
  };
}

describeEachStore('the audit chain anchored outside the database', (getStore, dialect) => {
  it('verify reports every audit row and the head deleted, which the chain alone cannot see', async () => {
    const { store, url } = getStore();
    const anchorDir = mkdtempSync(join(tmpdir(), 'gongkai-anchor-'));
    const ctx = anchoredContext(store, anchorDir);
    await addUsers(ctx, 'wipe', 3);
    const clean = await verify(url, anchorDir);
    expect(clean.stdout).toMatch(
      /留痕完好：共 3 条记录，哈希链完整；与链外锚点一致（锚点记到第 3 条）/,
    );
    expect(clean.code).toBe(0);

    await disableAppendOnly(store, dialect);
    await store.db.deleteFrom('audit_log').execute();
    await store.db.deleteFrom('audit_head').execute();
    // An empty table with no head is a valid chain of nothing: only the anchor tells.
    expect((await verifyAuditChain(store.db, KEY)).ok).toBe(true);
    const wiped = await verify(url, anchorDir);
    expect(wiped.code).toBe(1);
    expect(wiped.stdout).toContain('链外锚点记到第 3 条记录，数据库中却没有任何留痕');

    // The server goes on writing into the emptied table: the new first record is not the old one.
    await addUsers(ctx, 'after-wipe', 1);
    const rewritten = await verify(url, anchorDir);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stdout).toContain('链外锚点记载的第 1 条记录与数据库中的不同');
    rmSync(anchorDir, { recursive: true, force: true });
  });

  it('verify reports an older backup put back, and new records written after it', async () => {
    const cleanups: (() => Promise<void>)[] = [];
    const { store, url } = getStore();
    const anchorDir = mkdtempSync(join(tmpdir(), 'gongkai-anchor-'));
    try {
      const ctx = anchoredContext(store, anchorDir);
      await addUsers(ctx, 'before-backup', 2);
      const before = await store.db
        .selectFrom('audit_head')
        .select('seq')
        .executeTakeFirstOrThrow();
      const restore = await backup(url, dialect, cleanups);
      await addUsers(ctx, 'after-backup', 3);
      expect((await verify(url, anchorDir)).code).toBe(0);

      const restoredUrl = await restore();
      const seq = Number(before.seq);
      const old = await verify(restoredUrl, anchorDir);
      expect(old.code).toBe(1);
      expect(old.stdout).toContain(
        `链外锚点记到第 ${seq + 3} 条记录，数据库只到第 ${seq} 条：第 ${seq + 1} 条及以后的记录不在数据库中（被删除，或恢复了旧的备份）`,
      );

      // The restored database is used again: its chain grows past the anchor's, differently.
      const restored = await openStore(restoredUrl);
      try {
        await migrateToLatest(restored);
        await addUsers(anchoredContext(restored, anchorDir), 'on-restored', 4);
        expect((await verifyAuditChain(restored.db, KEY)).ok).toBe(true);
      } finally {
        await restored.close();
      }
      const forked = await verify(restoredUrl, anchorDir);
      expect(forked.code).toBe(1);
      expect(forked.stdout).toContain(`链外锚点记载的第 ${seq + 1} 条记录与数据库中的不同`);
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
      rmSync(anchorDir, { recursive: true, force: true });
    }
  });

  it('verify reports an anchor file it cannot read, a forged line and a missing file — never ignores them', async () => {
    const { store, url } = getStore();
    const anchorDir = mkdtempSync(join(tmpdir(), 'gongkai-anchor-'));
    const ctx = anchoredContext(store, anchorDir);
    await addUsers(ctx, 'unreadable', 1);
    expect((await verify(url, anchorDir)).code).toBe(0);
    const file = join(anchorDir, ANCHOR_FILE);
    const lines = readFileSync(file, 'utf8');

    // Root reads any file whatever its mode: a directory where the file should be is unreadable.
    rmSync(file);
    mkdirSync(file);
    const unreadable = await verify(url, anchorDir);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stdout).toMatch(/无法读取链外锚点文件 .*audit-anchor\.jsonl（EISDIR）/);
    rmSync(file, { recursive: true });

    const missing = await verify(url, anchorDir);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/链外锚点文件 .* 不存在/);

    // A line written without the key (to make a shortened database look complete) is refused.
    const [first, ...rest] = lines.trimEnd().split('\n');
    const forged = { ...(JSON.parse(first!) as object), seq: 1, mac: '0'.repeat(64) };
    writeFileSync(file, [JSON.stringify(forged), ...rest, ''].join('\n'));
    const tampered = await verify(url, anchorDir);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('第 1 行无法识别或校验码不符');
    writeFileSync(file, lines);
    expect((await verify(url, anchorDir)).code).toBe(0);

    // Records the anchor has not reached (its writes failing meanwhile) hold, with a warning.
    await addUsers({ ...ctx, auditAnchor: undefined }, 'unanchored', 2);
    const behind = await verify(url, anchorDir);
    expect(behind.code).toBe(0);
    expect(behind.stdout).toMatch(/注意：第 \d+–\d+ 条记录尚未写入链外锚点/);
    rmSync(anchorDir, { recursive: true, force: true });
  });
});
