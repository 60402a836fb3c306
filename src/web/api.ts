/** The workspace talks only to the JSON API. Every state change carries the CSRF token. */
import type { Permission, Role } from '../core/auth/roles.js';

export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  requestId?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

let csrfToken: string | null = null;

/**
 * Asked when the server wants the password again before a sensitive act (reauth_required);
 * resolves true once the person has proved it, false when they cancel. Set by the app.
 */
let reauthHandler: ((message: string) => Promise<boolean>) | null = null;

export function setReauthHandler(handler: ((message: string) => Promise<boolean>) | null): void {
  reauthHandler = handler;
}

/** Asks for the password first if the last one was entered too long ago (for plain links). */
export async function ensureRecentAuth(): Promise<boolean> {
  const me = await request<Me>('GET', '/api/v1/auth/me');
  if (Date.parse(me.recentAuthUntil) > Date.now()) return true;
  return reauthHandler
    ? reauthHandler('这是敏感操作：请再次输入密码（或两步验证码）确认是您本人。')
    : false;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function ensureCsrf(): Promise<string> {
  if (csrfToken) return csrfToken;
  const response = await fetch('/api/v1/auth/csrf', { credentials: 'same-origin' });
  const body = (await response.json()) as { csrfToken: string };
  csrfToken = body.csrfToken;
  return csrfToken;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await request<T>(method, path, body);
  } catch (error) {
    if (
      error instanceof ApiError &&
      error.body.code === 'reauth_required' &&
      reauthHandler &&
      (await reauthHandler(error.body.message))
    ) {
      return request<T>(method, path, body);
    }
    throw error;
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = await ensureCsrf();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络后重试。' });
  }
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const error = (data as { error?: ApiErrorBody } | null)?.error ?? {
      code: 'unknown',
      message: `请求失败（${response.status}）。`,
    };
    if (error.code === 'csrf_invalid') csrfToken = null;
    throw new ApiError(response.status, error);
  }
  return data as T;
}

export interface Grant {
  id: string;
  role: Role;
  agencyId: string | null;
  regionCode: string | null;
  reviewLevel: string | null;
  roleLabel: string;
  reviewLevelLabel: string | null;
  agencyName: string | null;
}

export interface Me {
  user: { id: string; username: string; displayName: string };
  mustChangePassword: boolean;
  passwordExpired: boolean;
  passwordExpiresInDays: number | null;
  secondFactorEnrolmentRequired: boolean;
  recentAuthUntil: string;
  csrfToken: string;
  activeGrantId: string | null;
  grants: Grant[];
  agencies: { id: string; name: string; regionCode: string }[];
  /** Per agency the person holds a role in: what every grant of theirs lets them do there. */
  agencyPermissions: Record<string, Permission[]>;
  /** What every grant of theirs lets them do for the whole installation (e.g. calendar.manage). */
  globalPermissions: Permission[];
}

export async function loadMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('GET', '/api/v1/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}
