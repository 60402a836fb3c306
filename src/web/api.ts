/** The workspace talks only to the JSON API. Every state change carries the CSRF token. */
import type { Role } from '../core/auth/roles.js';

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
  csrfToken: string;
  activeGrantId: string | null;
  grants: Grant[];
  agencies: { id: string; name: string; regionCode: string }[];
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
