/**
 * 三员分立 in the workspace: the system administrator opens and manages accounts (账号管理,
 * ./accounts.tsx), the security administrator grants their roles (角色授权, ./role-grants.tsx).
 * Both see every account. This module: what both pages read and how they name a role.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  REVIEW_LEVEL_LABELS,
  ROLE_LABELS,
  type ReviewLevel,
  type Role,
} from '../../core/auth/roles.js';
import { api } from '../api.js';

export interface AccountGrant {
  id: string;
  role: Role;
  agencyId: string | null;
  regionCode: string | null;
  reviewLevel: ReviewLevel | null;
}

export interface Account {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  grants: AccountGrant[];
  createdAt: string;
  firstLoginAt: string | null;
}

export interface Agency {
  id: string;
  name: string;
}

export interface Region {
  code: string;
  name: string;
}

export function useAccounts() {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setAccounts((await api<{ accounts: Account[] }>('GET', '/api/v1/accounts')).accounts);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return { accounts, error, setError, load };
}

export function grantLabel(
  g: Pick<AccountGrant, 'role' | 'agencyId' | 'regionCode' | 'reviewLevel'>,
  agencies: Agency[],
) {
  const where = g.agencyId
    ? (agencies.find((a) => a.id === g.agencyId)?.name ?? '（机关）')
    : g.regionCode
      ? `辖区 ${g.regionCode}`
      : '';
  const level = g.reviewLevel ? `（${REVIEW_LEVEL_LABELS[g.reviewLevel]}）` : '';
  return `${where ? `${where} · ` : ''}${ROLE_LABELS[g.role]}${level}`;
}

export const status = (a: Account) =>
  a.disabled ? '已停用' : a.mustChangePassword ? '待首次登录' : '正常';

export function useAgencies() {
  const [agencies, setAgencies] = useState<Agency[]>([]);
  useEffect(() => {
    api<{ agencies: Agency[] }>('GET', '/api/v1/agencies').then(
      (r) => setAgencies(r.agencies),
      () => undefined,
    );
  }, []);
  return agencies;
}
