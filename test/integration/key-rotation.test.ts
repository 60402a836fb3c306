import { spawn } from 'node:child_process';
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/services/audit.js';
import { sealedInventory } from '../../src/services/key-rotation.js';
import { createRegionWithAgencies } from '../../src/services/organisations.js';
import { createSecretBox, type CryptoSettings } from '../../src/services/secrets.js';
import type { ApplicationRow } from '../../src/store/repositories/applications.js';
import { runCli } from '../support/cli.js';
import { TEST_SECRET_HEX, TestClock, testContext } from '../support/app.js';
import { describeEachStore } from '../support/stores.js';

const ROWS = 2500; // × 4 sealed columns = 10,000 sealed fields
const COLUMNS = ['id_number_sealed', 'phone_sealed', 'address_sealed', 'email_sealed'] as const;
const secret = Buffer.from(TEST_SECRET_HEX, 'hex');

/** The form values had before sealed values named their algorithm and key (AES-256-GCM). */
function legacyV1(key: Uint8Array, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

const plainOf = (i: number, column: string) => `${column}-${i}-个人信息`;

/** Runs `gongkai secrets rotate` in a child process; kills it (SIGKILL) after `killAfter` batches. */
function rotateInChild(
  env: Record<string, string>,
  killAfter: number | null,
  duringRun: () => Promise<void>,
): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/cli-child.ts', 'secrets', 'rotate', '--batch', '50'],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let batches = 0;
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      batches = (stdout.match(/本批重新加密/g) ?? []).length;
      if (!started && batches > 0) {
        started = true;
        duringRun().catch(reject);
      }
      if (killAfter !== null && batches >= killAfter) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout }));
  });
}

describeEachStore('gongkai secrets rotate', (getStore) => {
  it('re-seals 10,000 fields under SM4/SM3 and a new key; kill -9 in the middle loses none', async () => {
    const { store, url } = getStore();
    const ctx = testContext(store, new TestClock(), secret);
    const [agency] = await store.transaction((t) =>
      createRegionWithAgencies(
        ctx,
        t,
        { kind: 'system', label: '测试' },
        {
          region: { code: '970100', name: '轮换市', parentCode: null },
          governmentName: '轮换市人民政府',
          agencies: [{ name: '轮换市测试局' }],
        },
      ),
    );
    // Today's data: AES-256-GCM under the installation's secret, a few in the old v1 form.
    const before = createSecretBox(secret, { suite: 'aes' });
    const at = new Date().toISOString();
    const ids: string[] = [];
    for (let start = 0; start < ROWS; start += 250) {
      const rows: ApplicationRow[] = [];
      for (let i = start; i < start + 250; i++) {
        const id = `${String(i).padStart(5, '0')}-${randomUUID()}`;
        ids.push(id);
        rows.push({
          id,
          agency_id: agency!.id,
          number: `2026-${String(i + 1).padStart(5, '0')}`,
          number_year: 2026,
          number_seq: i + 1,
          query_code_hash: 'x'.repeat(64),
          channel: 'online',
          received_on: '2026-03-02',
          applicant_type: 'natural_person',
          applicant_kind: 'natural_person',
          applicant_name: `申请人${i}`,
          applicant_key: null,
          id_type: 'resident_id',
          id_number_sealed: before.encrypt(plainOf(i, 'id_number_sealed')),
          id_number_masked: '1101**********1234',
          legal_representative: null,
          phone_sealed: before.encrypt(plainOf(i, 'phone_sealed')),
          phone_masked: '138****5678',
          address_sealed: before.encrypt(plainOf(i, 'address_sealed')),
          email_sealed:
            i % 25 === 0
              ? legacyV1(secret, plainOf(i, 'email_sealed'))
              : before.encrypt(plainOf(i, 'email_sealed')),
          description: '密钥轮换测试',
          form_wanted: 'electronic',
          delivery_method: 'online',
          item_count: 1,
          assigned_user_id: null,
          status: 'processing',
          outcome: null,
          outcome_on: null,
          legal_basis: null,
          event_count: 0,
          idempotency_key: null,
          submission_sha256: null,
          created_at: at,
          created_by: '测试',
          updated_at: at,
        });
      }
      await store.db.insertInto('application').values(rows).execute();
    }

    // The deployment switches to SM4/SM3 and a new field key (the secret still opens old data).
    const newKey = randomBytes(32);
    const settings: CryptoSettings = { suite: 'sm', fieldKeys: [newKey] };
    const env = {
      GONGKAI_DATABASE_URL: url,
      GONGKAI_DATA_DIR: mkdtempSync(join(tmpdir(), 'gongkai-rotate-')),
      GONGKAI_SECRET: TEST_SECRET_HEX,
      GONGKAI_CRYPTO: 'sm',
      GONGKAI_FIELD_KEYS: newKey.toString('hex'),
      GONGKAI_LOG_LEVEL: 'silent',
    };
    const after = createSecretBox(secret, settings);
    const expected = new Map<string, string>();
    ids.forEach((id, i) => COLUMNS.forEach((c) => expected.set(`${id}|${c}`, plainOf(i, c))));

    // While the first run works, the server (already on the new settings) changes 40 phones.
    const changed = ids.filter((_, i) => i % 60 === 7);
    const serverWrites = async () => {
      for (const id of changed) {
        const value = `已更正-${id}`;
        await store.db
          .updateTable('application')
          .set({ phone_sealed: after.encrypt(value) })
          .where('id', '=', id)
          .execute();
        expected.set(`${id}|phone_sealed`, value);
      }
    };

    const killed = await rotateInChild(env, 4, serverWrites);
    expect(killed.signal).toBe('SIGKILL');

    // Killed mid-way: some values already under the new key, some still under the old.
    const middle = await sealedInventory({ ...ctx, crypto: settings });
    const current = middle.filter((e) => e.current).reduce((n, e) => n + e.count, 0);
    const total = middle.reduce((n, e) => n + e.count, 0);
    expect(total).toBe(ROWS * 4);
    expect(current).toBeGreaterThan(0);
    expect(current).toBeLessThan(ROWS * 4);

    // Started again, it finishes; every field reads back as it was (or as the server wrote it).
    const resumed = await rotateInChild(env, null, async () => undefined);
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(resumed.stdout).toMatch(/完成：重新加密 \d+ 项，现均为 SM4-CTR \+ HMAC-SM3/);

    const rows = await store.db
      .selectFrom('application')
      .select(['id', ...COLUMNS])
      .where('agency_id', '=', agency!.id)
      .execute();
    expect(rows).toHaveLength(ROWS);
    let checked = 0;
    for (const row of rows) {
      for (const column of COLUMNS) {
        const sealed = row[column]!;
        expect(sealed.startsWith(`v2:sm4:${after.keyId}:`)).toBe(true);
        expect(after.decrypt(sealed)).toBe(expected.get(`${row.id}|${column}`));
        checked += 1;
      }
    }
    expect(checked).toBe(10_000);

    const status = await runCli(['secrets', 'status'], { env });
    expect(status.code, status.stdout).toBe(0);
    expect(status.stdout).toMatch(/全部加密字段都在当前算法和密钥下/);
    // The batches are in the audit trail, and the chain (now partly HMAC-SM3) holds.
    const chain = await verifyAuditChain(store.db, secret);
    expect(chain.ok).toBe(true);
    const audited = await store.db
      .selectFrom('audit_log')
      .select(['hash'])
      .where('action', '=', 'secrets.rotate')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    expect(audited.every((r) => r.hash.startsWith('sm3:'))).toBe(true);
  }, 600_000);
});
