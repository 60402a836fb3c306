import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createUser } from '../../src/services/accounts.js';
import { ARCHIVE_FOLDER, createAuditAnchor } from '../../src/services/audit-anchor.js';
import { archiveAuditTrail, AUDIT_RETENTION_DAYS } from '../../src/services/audit-archive.js';
import { verifyAuditTrail } from '../../src/services/audit-trail.js';
import type { ServiceContext } from '../../src/services/context.js';
import { TEST_SECRET_HEX, TestClock, testContext } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { describeEachStore } from '../support/stores.js';

const DAY = 86_400_000;

describeEachStore('audit retention (184 days) and signed archives', (getStore) => {
  const cli = (args: string[], anchorDir: string) =>
    runCli(args, {
      env: {
        GONGKAI_DATABASE_URL: getStore().url,
        GONGKAI_DATA_DIR: anchorDir,
        GONGKAI_SECRET: TEST_SECRET_HEX,
        GONGKAI_AUDIT_ANCHOR_DIR: anchorDir,
      },
    });

  it('refuses to remove records younger than 184 days, archives older ones to signed files that verify checks', async () => {
    const { store } = getStore();
    const anchorDir = mkdtempSync(join(tmpdir(), 'gongkai-retention-'));
    // The database judges age by its own clock: the records are dated from the real "now".
    const clock = new TestClock(new Date(Date.now() - 300 * DAY));
    const ctx: ServiceContext = {
      ...testContext(store, clock, Buffer.from(TEST_SECRET_HEX, 'hex')),
      auditAnchor: createAuditAnchor({
        dir: anchorDir,
        onError: (error) => {
          throw error;
        },
      }),
    };
    const add = (name: string) =>
      createUser(
        ctx,
        { kind: 'system', label: '测试' },
        { username: name, displayName: name, grants: [{ role: 'system_admin' }] },
      );
    for (const name of ['old-1', 'old-2', 'old-3']) await add(name);
    clock.set(new Date(Date.now() - (AUDIT_RETENTION_DAYS - 10) * DAY));
    await add('recent-1');
    clock.set(new Date());
    await add('today-1');

    // Nothing may remove a record that is not archived, however old, nor a young one.
    await expect(store.db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.deleteFrom('audit_log').where('seq', '=', 5).execute()).rejects.toThrow(
      /append-only/,
    );

    const archived = await archiveAuditTrail(ctx, { kind: 'system', label: '测试' }, anchorDir);
    expect(archived.rows).toBe(3);
    expect(archived.files).toEqual(['audit-000000000001-000000000003.jsonl']);
    const left = await store.db.selectFrom('audit_log').select('seq').orderBy('seq').execute();
    // The record younger than 184 days stays, with today's and the archiving itself.
    expect(left.map((r) => Number(r.seq))).toEqual([4, 5, 6]);
    await expect(store.db.deleteFrom('audit_log').where('seq', '=', 4).execute()).rejects.toThrow(
      /append-only/,
    );
    // Archiving again finds nothing old enough.
    expect((await archiveAuditTrail(ctx, { kind: 'system', label: '测试' }, anchorDir)).rows).toBe(
      0,
    );

    const whole = await verifyAuditTrail(store.db, ctx.secretKey, anchorDir);
    expect(whole).toMatchObject({ ok: true, rows: 3, archivedRows: 3, anchoredSeq: 6 });

    // An archive file altered by one character is refused.
    const folder = join(anchorDir, ARCHIVE_FOLDER);
    const [file] = readdirSync(folder);
    const path = join(folder, file!);
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('old-2', 'old-X'));
    const altered = await verifyAuditTrail(store.db, ctx.secretKey, anchorDir);
    expect(altered.ok).toBe(false);
    expect(altered.problems.join('\n')).toContain(`归档文件 ${file} 的签名不符`);

    // An archive file gone is reported: the database says those records were archived there.
    renameSync(path, join(anchorDir, 'elsewhere.jsonl'));
    const gone = await verifyAuditTrail(store.db, ctx.secretKey, anchorDir);
    expect(gone.ok).toBe(false);
    expect(gone.problems.join('\n')).toContain(`已归档到 ${file}，但归档目录中没有这个文件`);
    writeFileSync(path, original);
    expect((await verifyAuditTrail(store.db, ctx.secretKey, anchorDir)).ok).toBe(true);

    // The chain goes on after the archive: new records link to what was archived.
    await add('after-archive');
    expect((await verifyAuditTrail(store.db, ctx.secretKey, anchorDir)).ok).toBe(true);

    // The same from the command line: verify counts the archived records, archive finds none.
    const verified = await cli(['audit-log', 'verify'], anchorDir);
    expect(verified.stdout).toMatch(
      /留痕完好：共 4 条记录（另有 3 条已归档），哈希链完整；与链外锚点一致/,
    );
    expect(verified.code).toBe(0);
    const none = await cli(['audit-log', 'archive'], anchorDir);
    expect(none.stdout).toContain('没有早于保存期限（184 天）的留痕需要归档');
    expect((await cli(['audit-log', 'archive', '--before', '2026-13-40'], anchorDir)).code).toBe(2);
    rmSync(anchorDir, { recursive: true, force: true });
  });
});
