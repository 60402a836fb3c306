import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { passwordProblem } from '../core/auth/password-policy.js';
import type { AdministratorRole } from '../core/auth/roles.js';
import { findUserByUsername } from '../store/repositories/accounts.js';
import { countRegions } from '../store/repositories/organisations.js';
import { activeHoldersOfRole } from '../store/repositories/security.js';
import { createUser } from './accounts.js';
import { isCommonPassword } from './common-passwords.js';
import { updateSettings } from './applications/settings.js';
import type { Config } from './config.js';
import { parseFieldKeys, type CryptoSettings } from './secrets.js';
import type { Actor, ServiceContext } from './context.js';
import { createRegionWithAgencies } from './organisations.js';
import { seedDemoItems } from './proactive/demo.js';

const SYSTEM: Actor = { kind: 'system', label: '系统初始化' };

/**
 * The 32-byte secret: GONGKAI_SECRET (64 hex characters or base64) if set, else a key kept in
 * the data folder (created with mode 0600 on first run). A PostgreSQL deployment with several
 * app nodes must set GONGKAI_SECRET so they share it.
 */
export function loadSecretKey(
  config: Pick<Config, 'secret' | 'secretFile' | 'dataDir'>,
  options: { allowCreate: boolean },
): Uint8Array {
  if (config.secretFile) {
    let text: string;
    try {
      text = readFileSync(config.secretFile, 'utf8');
    } catch (error) {
      throw new Error(
        `无法读取密钥文件 ${config.secretFile}（GONGKAI_SECRET_FILE）：${(error as NodeJS.ErrnoException).code ?? '读取失败'}。请检查路径和权限（建议 0400，属主为运行 gongkai 的账号）。`,
      );
    }
    const keys = parseFieldKeys(text, `密钥文件 ${config.secretFile}`);
    if (keys.length !== 1) {
      throw new Error(`密钥文件 ${config.secretFile} 应只含一把 32 字节的密钥（64 位十六进制）。`);
    }
    return keys[0]!;
  }
  if (config.secret) {
    const raw = /^[0-9a-f]{64}$/i.test(config.secret)
      ? Buffer.from(config.secret, 'hex')
      : Buffer.from(config.secret, 'base64');
    if (raw.length !== 32) {
      throw new Error(
        'GONGKAI_SECRET 无效：应为 32 字节的密钥（64 位十六进制或 base64）。可用 openssl rand -hex 32 生成。',
      );
    }
    return raw;
  }
  const file = join(config.dataDir, 'secret.key');
  if (existsSync(file)) {
    const raw = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (raw.length !== 32) throw new Error(`${file} 已损坏：应为 64 位十六进制密钥。`);
    return raw;
  }
  if (!options.allowCreate) {
    // A new key for a database that already holds data would make its encrypted personal
    // data unreadable and its audit trail unverifiable: refuse instead of guessing.
    throw new Error(
      `找不到密钥文件 ${file}，而数据库中已有数据。请从备份恢复该文件，或设置与原来相同的 GONGKAI_SECRET。`,
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/**
 * The deployment's cryptography: the suite (GONGKAI_CRYPTO) and the field keys, newest first,
 * from GONGKAI_FIELD_KEYS or GONGKAI_FIELD_KEY_FILE; without either, the installation's secret
 * seals personal data, as before field keys existed. The keys are never logged or shown.
 */
export function loadCryptoSettings(
  config: Pick<Config, 'crypto' | 'fieldKeys' | 'fieldKeyFile'>,
): CryptoSettings {
  if (config.fieldKeys && config.fieldKeyFile) {
    throw new Error('GONGKAI_FIELD_KEYS 与 GONGKAI_FIELD_KEY_FILE 只能设置其中一个。');
  }
  let fieldKeys: Uint8Array[] | undefined;
  if (config.fieldKeys) fieldKeys = parseFieldKeys(config.fieldKeys, 'GONGKAI_FIELD_KEYS');
  if (config.fieldKeyFile) {
    let text: string;
    try {
      text = readFileSync(config.fieldKeyFile, 'utf8');
    } catch (error) {
      throw new Error(
        `无法读取字段密钥文件 ${config.fieldKeyFile}（GONGKAI_FIELD_KEY_FILE）：${(error as NodeJS.ErrnoException).code ?? '读取失败'}。请检查路径和权限。`,
      );
    }
    fieldKeys = parseFieldKeys(text, `字段密钥文件 ${config.fieldKeyFile}`);
  }
  if (fieldKeys && fieldKeys.length === 0) {
    throw new Error('字段密钥为空：请至少给出一把 32 字节的密钥（第一把用于加密）。');
  }
  return fieldKeys ? { suite: config.crypto, fieldKeys } : { suite: config.crypto };
}

export interface BootstrapResult {
  /** The administrator accounts this run created (with their one-time passwords). */
  administrators: { role: AdministratorRole; username: string; password: string }[];
  demoSeeded: boolean;
}

/** The three administrators (三员) every installation starts with, and who sets each password. */
export const FIRST_ADMINISTRATORS: readonly {
  role: AdministratorRole;
  username: string;
  displayName: string;
  passwordOf: (config: Config) => string | null;
  variable: string;
}[] = [
  {
    role: 'system_admin',
    username: 'sysadmin',
    displayName: '系统管理员',
    passwordOf: (c) => c.adminPassword,
    variable: 'GONGKAI_ADMIN_PASSWORD',
  },
  {
    role: 'security_admin',
    username: 'secadmin',
    displayName: '安全管理员',
    passwordOf: (c) => c.securityAdminPassword,
    variable: 'GONGKAI_SECURITY_ADMIN_PASSWORD',
  },
  {
    role: 'audit_admin',
    username: 'auditadmin',
    displayName: '审计管理员',
    passwordOf: (c) => c.auditAdminPassword,
    variable: 'GONGKAI_AUDIT_ADMIN_PASSWORD',
  },
];

/** The demo region: a fictional city with two departments and the government itself (GONGKAI_DEMO=0 skips it). */
export const DEMO_REGION = {
  region: { code: '990100', name: '示范市', parentCode: null },
  governmentName: '示范市人民政府',
  agencies: [
    {
      name: '示范市科学技术局',
      address: '示范市人民路 1 号',
      postcode: '990100',
      phone: '0999-1234567',
      email: 'kjj@example.gov.cn',
      officeHours: '工作日 8:30–12:00，14:30–18:00',
    },
    {
      name: '示范市教育局',
      address: '示范市人民路 2 号',
      postcode: '990100',
      phone: '0999-7654321',
      email: 'jyj@example.gov.cn',
      officeHours: '工作日 8:30–12:00，14:30–18:00',
    },
    {
      // The government itself: its own guide, rules and items in the government's column.
      name: '示范市人民政府',
      isGovernment: true,
      address: '示范市人民路 100 号',
      postcode: '990100',
      phone: '0999-1230000',
      email: 'zfxxgk@example.gov.cn',
      officeHours: '工作日 8:30–12:00，14:30–18:00',
    },
  ],
};

/**
 * The demo agencies' remedy notice (条例第五十一条): review by the city government (行政复议法
 * 第二十四条, its departments), lawsuits at the basic court of the district where they sit.
 * Replies are refused until an agency has set both, so the demo sets them.
 */
export const DEMO_REMEDY = { reviewBody: '示范市人民政府', court: '示范市中心区人民法院' };

/** The government's own: review by the province's government, lawsuits at the intermediate court. */
export const DEMO_GOVERNMENT_REMEDY = { reviewBody: '示范省人民政府', court: '示范市中级人民法院' };

/** On an empty database: the three administrators, and the demo region unless disabled. */
export async function bootstrap(ctx: ServiceContext, config: Config): Promise<BootstrapResult> {
  let demoSeeded = false;
  if (config.demo && (await countRegions(ctx.store.db)) === 0) {
    const agencies = await ctx.store.transaction((t) =>
      createRegionWithAgencies(ctx, t, SYSTEM, DEMO_REGION),
    );
    for (const agency of agencies) {
      await updateSettings(ctx, SYSTEM, agency.id, {
        ...(agency.isGovernment ? DEMO_GOVERNMENT_REMEDY : DEMO_REMEDY),
        countFrom: 'next_day',
        feeWait: 'excluded',
        extensionLevels: ['section_head'],
        replyLevels: [],
      });
    }
    await seedDemoItems(ctx, agencies);
    demoSeeded = true;
  }
  // 三员分立: each of the three administrator roles has an account — on an empty database, and
  // on the first start after an upgrade from the single system administrator.
  const administrators: BootstrapResult['administrators'] = [];
  for (const first of FIRST_ADMINISTRATORS) {
    if ((await activeHoldersOfRole(ctx.store.db, first.role)).length > 0) continue;
    const given = first.passwordOf(config);
    let username = first.username;
    for (let n = 2; await findUserByUsername(ctx.store.db, username); n++) {
      username = `${first.username}${n}`;
    }
    if (given) {
      const problem = passwordProblem(given, username, undefined, isCommonPassword);
      if (problem) {
        throw new Error(`${first.variable} 不符合密码规则：${problem}请换一个密码后重新启动。`);
      }
    }
    const { user, initialPassword } = await createUser(ctx, SYSTEM, {
      username,
      displayName: first.displayName,
      ...(given ? { password: given } : {}),
      grants: [{ role: first.role }],
      mustChangePassword: true,
    });
    administrators.push({ role: first.role, username: user.username, password: initialPassword });
  }
  return { administrators, demoSeeded };
}
