import { isAbsolute, join, resolve } from 'node:path';
import { parseSyslogTarget, type SyslogTarget } from './audit-syslog.js';
import { parseSuite, type CryptoSuite } from './secrets.js';

/**
 * Every setting, from the environment. The README's configuration table lists exactly these;
 * test/integration/config.test.ts keeps the two in step.
 */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  /** 32-byte key for cookies and personal data at rest; from GONGKAI_SECRET or data/secret.key. */
  secret: string | null;
  /** The first system administrator's initial password (GONGKAI_ADMIN_PASSWORD). */
  adminPassword: string | null;
  securityAdminPassword: string | null;
  auditAdminPassword: string | null;
  demo: boolean;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  trustProxy: boolean;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  publicUrl: string | null;
  /** nodemailer SMTP URL for reminders by e-mail; null = no e-mail (messages wait in the outbox). */
  smtpUrl: string | null;
  /** The From address of reminders. */
  smtpFrom: string | null;
  /** Whether this node runs the daily reminders and sends the outbox (every node may). */
  scheduler: boolean;
  /** The audit chain's anchor outside the database: file and archives (default data/audit-anchor). */
  auditAnchorDir: string;
  /** Where the chain's heads also go by syslog (RFC 5424), or null. */
  auditSyslog: SyslogTarget | null;
  /** Whether every audit record is also written to standard output as a JSON line. */
  auditStdout: boolean;
  /** GONGKAI_CRYPTO: aes (AES-256-GCM, HMAC-SHA256) or sm (SM4, SM3). */
  crypto: CryptoSuite;
  /** GONGKAI_SECRET_FILE: the installation's secret in a file (e.g. outside the data folder). */
  secretFile: string | null;
  /** GONGKAI_FIELD_KEYS: field keys, newest first (the key text itself: never logged). */
  fieldKeys: string | null;
  /** GONGKAI_FIELD_KEY_FILE: a file of field keys, one a line, newest first. */
  fieldKeyFile: string | null;
  /** GONGKAI_READ_WORKERS: at most this many uploaded files are read at once. */
  readWorkers: number;
  /** GONGKAI_READ_WORKER_MEMORY_MB: the heap limit of each reading thread. */
  readWorkerMemoryMb: number;
  /** GONGKAI_READS_PER_USER: files one person may have being read or waiting at once. */
  readsPerUser: number;
}

export const CONFIG_VARIABLES = [
  'GONGKAI_HOST',
  'GONGKAI_PORT',
  'GONGKAI_DATA_DIR',
  'GONGKAI_DATABASE_URL',
  'GONGKAI_SECRET',
  'GONGKAI_ADMIN_PASSWORD',
  'GONGKAI_SECURITY_ADMIN_PASSWORD',
  'GONGKAI_AUDIT_ADMIN_PASSWORD',
  'GONGKAI_DEMO',
  'GONGKAI_LOG_LEVEL',
  'GONGKAI_SESSION_IDLE_MINUTES',
  'GONGKAI_SESSION_MAX_HOURS',
  'GONGKAI_TRUST_PROXY',
  'GONGKAI_BODY_LIMIT_KB',
  'GONGKAI_UPLOAD_LIMIT_MB',
  'GONGKAI_PUBLIC_URL',
  'GONGKAI_SMTP_URL',
  'GONGKAI_SMTP_FROM',
  'GONGKAI_SCHEDULER',
  'GONGKAI_AUDIT_ANCHOR_DIR',
  'GONGKAI_AUDIT_SYSLOG',
  'GONGKAI_AUDIT_STDOUT',
  'GONGKAI_CRYPTO',
  'GONGKAI_SECRET_FILE',
  'GONGKAI_FIELD_KEYS',
  'GONGKAI_FIELD_KEY_FILE',
  'GONGKAI_READ_WORKERS',
  'GONGKAI_READ_WORKER_MEMORY_MB',
  'GONGKAI_READS_PER_USER',
  // Read where Chromium is launched (src/render/chromium.ts), listed here to be documented.
  'GONGKAI_CHROMIUM',
] as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function positiveInteger(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`环境变量 ${name}=${raw} 无效：应为正整数。`);
  }
  return value;
}

export function loadConfig(env: Record<string, string | undefined>, cwd: string): Config {
  const dataDirRaw = env.GONGKAI_DATA_DIR || 'data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const port = positiveInteger(env, 'GONGKAI_PORT', 8080);
  if (port > 65535) throw new Error(`环境变量 GONGKAI_PORT=${port} 无效：端口应在 1–65535 之间。`);
  const demo = env.GONGKAI_DEMO ?? '1';
  if (!['0', '1', 'true', 'false'].includes(demo)) {
    throw new Error(`环境变量 GONGKAI_DEMO=${demo} 无效：应为 1 或 0。`);
  }
  const logLevel = env.GONGKAI_LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(
      `环境变量 GONGKAI_LOG_LEVEL=${logLevel} 无效：应为 ${LOG_LEVELS.join('、')} 之一。`,
    );
  }
  const smtpUrl = env.GONGKAI_SMTP_URL || null;
  if (smtpUrl && !/^smtps?:\/\/[^/\s]+/i.test(smtpUrl)) {
    throw new Error(
      `环境变量 GONGKAI_SMTP_URL 无效：应形如 smtp://用户名:密码@邮件服务器:587 或 smtps://用户名:密码@邮件服务器:465。`,
    );
  }
  const smtpFrom = env.GONGKAI_SMTP_FROM || null;
  if (smtpFrom && !/^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(smtpFrom)) {
    throw new Error(
      `环境变量 GONGKAI_SMTP_FROM=${smtpFrom} 无效：应为发件地址，如 gongkai@example.gov.cn 或 “政府信息公开 <gongkai@example.gov.cn>”。`,
    );
  }
  const scheduler = env.GONGKAI_SCHEDULER ?? '1';
  if (!['0', '1', 'true', 'false'].includes(scheduler)) {
    throw new Error(`环境变量 GONGKAI_SCHEDULER=${scheduler} 无效：应为 1 或 0。`);
  }
  const auditStdout = env.GONGKAI_AUDIT_STDOUT ?? '0';
  if (!['0', '1', 'true', 'false'].includes(auditStdout)) {
    throw new Error(`环境变量 GONGKAI_AUDIT_STDOUT=${auditStdout} 无效：应为 1 或 0。`);
  }
  const anchorRaw = env.GONGKAI_AUDIT_ANCHOR_DIR || join(dataDir, 'audit-anchor');
  return {
    host: env.GONGKAI_HOST || '127.0.0.1',
    port,
    dataDir,
    databaseUrl: env.GONGKAI_DATABASE_URL || `sqlite:${join(dataDir, 'gongkai.db')}`,
    secret: env.GONGKAI_SECRET || null,
    adminPassword: env.GONGKAI_ADMIN_PASSWORD || null,
    securityAdminPassword: env.GONGKAI_SECURITY_ADMIN_PASSWORD || null,
    auditAdminPassword: env.GONGKAI_AUDIT_ADMIN_PASSWORD || null,
    demo: demo === '1' || demo === 'true',
    logLevel,
    sessionIdleMinutes: positiveInteger(env, 'GONGKAI_SESSION_IDLE_MINUTES', 30),
    sessionMaxHours: positiveInteger(env, 'GONGKAI_SESSION_MAX_HOURS', 12),
    trustProxy: env.GONGKAI_TRUST_PROXY === '1' || env.GONGKAI_TRUST_PROXY === 'true',
    bodyLimitBytes: positiveInteger(env, 'GONGKAI_BODY_LIMIT_KB', 1024) * 1024,
    uploadLimitBytes: positiveInteger(env, 'GONGKAI_UPLOAD_LIMIT_MB', 50) * 1024 * 1024,
    publicUrl: env.GONGKAI_PUBLIC_URL || null,
    smtpUrl,
    smtpFrom,
    scheduler: scheduler === '1' || scheduler === 'true',
    auditAnchorDir: isAbsolute(anchorRaw) ? anchorRaw : resolve(cwd, anchorRaw),
    auditSyslog: env.GONGKAI_AUDIT_SYSLOG ? parseSyslogTarget(env.GONGKAI_AUDIT_SYSLOG) : null,
    auditStdout: auditStdout === '1' || auditStdout === 'true',
    crypto: parseSuite(env.GONGKAI_CRYPTO),
    secretFile: env.GONGKAI_SECRET_FILE ? resolve(cwd, env.GONGKAI_SECRET_FILE) : null,
    fieldKeys: env.GONGKAI_FIELD_KEYS || null,
    fieldKeyFile: env.GONGKAI_FIELD_KEY_FILE ? resolve(cwd, env.GONGKAI_FIELD_KEY_FILE) : null,
    readWorkers: positiveInteger(env, 'GONGKAI_READ_WORKERS', 2),
    readWorkerMemoryMb: positiveInteger(env, 'GONGKAI_READ_WORKER_MEMORY_MB', 512),
    readsPerUser: positiveInteger(env, 'GONGKAI_READS_PER_USER', 2),
  };
}
