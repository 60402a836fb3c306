import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  ADMINISTRATOR_ROLES,
  REVIEW_LEVEL_LABELS,
  REVIEW_LEVELS,
  ROLE_LABELS,
  ROLES,
  type ReviewLevel,
  type Role,
} from '../../core/auth/roles.js';
import { api } from '../api.js';
import { useSession } from '../session.js';
import { ErrorNotice, Field, fieldError, Page, missingRequired } from '../ui.js';
import { OneTimePassword } from './users.js';

/**
 * 三员分立 in the workspace: the system administrator opens and manages accounts (账号管理),
 * the security administrator grants their roles (角色授权). Both see every account.
 */

interface AccountGrant {
  id: string;
  role: Role;
  agencyId: string | null;
  regionCode: string | null;
  reviewLevel: ReviewLevel | null;
}

interface Account {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  grants: AccountGrant[];
  createdAt: string;
  firstLoginAt: string | null;
}

interface Agency {
  id: string;
  name: string;
}

interface Region {
  code: string;
  name: string;
}

function useAccounts() {
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

function grantLabel(
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

const status = (a: Account) =>
  a.disabled ? '已停用' : a.mustChangePassword ? '待首次登录' : '正常';

function useAgencies() {
  const [agencies, setAgencies] = useState<Agency[]>([]);
  useEffect(() => {
    api<{ agencies: Agency[] }>('GET', '/api/v1/agencies').then(
      (r) => setAgencies(r.agencies),
      () => undefined,
    );
  }, []);
  return agencies;
}

/** The system administrator: open accounts (without roles), disable, reset passwords. */
export function AccountsPage() {
  const { me } = useSession();
  const { accounts, error, setError, load } = useAccounts();
  const agencies = useAgencies();
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  const [form, setForm] = useState({ username: '', displayName: '' });
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    const missing = missingRequired(event.currentTarget as HTMLFormElement);
    if (missing) return setFormError(missing);
    setBusy(true);
    setFormError(null);
    try {
      const r = await api<{ user: Account; initialPassword: string }>(
        'POST',
        '/api/v1/accounts',
        form,
      );
      setShown({ username: r.user.username, password: r.initialPassword });
      setForm({ username: '', displayName: '' });
      await load();
    } catch (e) {
      setFormError(e);
    } finally {
      setBusy(false);
    }
  }

  async function act(account: Account, action: 'disable' | 'enable' | 'reset') {
    setError(null);
    try {
      if (action === 'reset') {
        if (!window.confirm(`确定重置 ${account.displayName} 的密码吗？其现有登录将退出。`)) return;
        const r = await api<{ initialPassword: string }>(
          'POST',
          `/api/v1/accounts/${account.id}/reset-password`,
        );
        setShown({ username: account.username, password: r.initialPassword });
      } else {
        await api('PATCH', `/api/v1/accounts/${account.id}`, { disabled: action === 'disable' });
      }
      await load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Page title="账号管理">
      <p className="muted">
        三员分立：系统管理员开设、停用账号和重置密码；账号的角色由安全管理员授予。新开设的账号在授予角色之前不能办理任何业务。
      </p>
      {shown ? <OneTimePassword {...shown} onClose={() => setShown(null)} /> : null}
      <ErrorNotice error={error} />
      <form className="card form" onSubmit={create} aria-label="开设账号" noValidate>
        <h2>开设账号</h2>
        <ErrorNotice error={fieldError(formError, 'username') ? null : formError} />
        <div className="row">
          <Field
            label="用户名"
            error={fieldError(formError, 'username')}
            hint="3–40 位字母、数字、_ . -"
          >
            <input
              name="username"
              value={form.username}
              onChange={(e) => setForm({ ...form, username: e.target.value })}
              required
            />
          </Field>
          <Field label="姓名" error={fieldError(formError, 'displayName')}>
            <input
              name="displayName"
              value={form.displayName}
              onChange={(e) => setForm({ ...form, displayName: e.target.value })}
              required
            />
          </Field>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '正在开设…' : '开设账号'}
        </button>
      </form>
      <table className="data" aria-label="全部账号">
        <thead>
          <tr>
            <th>用户名</th>
            <th>姓名</th>
            <th>角色</th>
            <th>状态</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {(accounts ?? []).map((a) => (
            <tr key={a.id}>
              <td>{a.username}</td>
              <td>{a.displayName}</td>
              <td>
                {a.grants.length === 0 ? (
                  <span className="muted">尚未授予角色</span>
                ) : (
                  a.grants.map((g) => grantLabel(g, agencies)).join('、')
                )}
              </td>
              <td>{status(a)}</td>
              <td className="actions">
                {a.id === me.user.id ? (
                  <span className="muted">（本人）</span>
                ) : (
                  <>
                    <button
                      type="button"
                      onClick={() => void act(a, a.disabled ? 'enable' : 'disable')}
                    >
                      {a.disabled ? '启用' : '停用'}
                    </button>
                    <button type="button" onClick={() => void act(a, 'reset')}>
                      重置密码
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}

interface DraftGrant {
  role: Role;
  agencyId: string | null;
  regionCode: string | null;
  reviewLevel: ReviewLevel | null;
}

const AGENCY_ROLES: Role[] = ['agency_admin', 'clerk', 'reviewer'];

/** Edits all of one account's roles; saved as a whole. */
function GrantEditor({
  account,
  agencies,
  regions,
  onDone,
}: {
  account: Account;
  agencies: Agency[];
  regions: Region[];
  onDone: (saved: boolean) => void;
}) {
  const [grants, setGrants] = useState<DraftGrant[]>(
    account.grants.map(({ role, agencyId, regionCode, reviewLevel }) => ({
      role,
      agencyId,
      regionCode,
      reviewLevel,
    })),
  );
  const [adding, setAdding] = useState<DraftGrant>({
    role: 'clerk',
    agencyId: agencies[0]?.id ?? null,
    regionCode: null,
    reviewLevel: 'section_head',
  });
  const [error, setError] = useState<unknown>(null);

  function add() {
    const role = adding.role;
    const grant: DraftGrant = {
      role,
      agencyId: AGENCY_ROLES.includes(role) ? adding.agencyId : null,
      regionCode: role === 'supervisor' ? (adding.regionCode ?? regions[0]?.code ?? null) : null,
      reviewLevel: role === 'reviewer' ? adding.reviewLevel : null,
    };
    setGrants([...grants, grant]);
  }

  async function save() {
    setError(null);
    try {
      await api('PUT', `/api/v1/accounts/${account.id}/grants`, { grants });
      onDone(true);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="role-editor" role="group" aria-label={`调整 ${account.displayName} 的角色`}>
      <ul className="grants">
        {grants.map((g, i) => (
          <li key={i}>
            {grantLabel(g, agencies)}{' '}
            <button
              type="button"
              className="link"
              onClick={() => setGrants(grants.filter((_, j) => j !== i))}
            >
              取消该角色
            </button>
          </li>
        ))}
        {grants.length === 0 ? <li className="muted">（无角色）</li> : null}
      </ul>
      <div className="row">
        <Field label="角色">
          <select
            name="role"
            value={adding.role}
            onChange={(e) => setAdding({ ...adding, role: e.target.value as Role })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        {AGENCY_ROLES.includes(adding.role) ? (
          <Field label="机关">
            <select
              name="agencyId"
              value={adding.agencyId ?? ''}
              onChange={(e) => setAdding({ ...adding, agencyId: e.target.value })}
            >
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {adding.role === 'supervisor' ? (
          <Field label="辖区">
            <select
              name="regionCode"
              value={adding.regionCode ?? regions[0]?.code ?? ''}
              onChange={(e) => setAdding({ ...adding, regionCode: e.target.value })}
            >
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}（{r.code}）
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {adding.role === 'reviewer' ? (
          <Field label="审核层级">
            <select
              name="reviewLevel"
              value={adding.reviewLevel ?? 'section_head'}
              onChange={(e) => setAdding({ ...adding, reviewLevel: e.target.value as ReviewLevel })}
            >
              {REVIEW_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {REVIEW_LEVEL_LABELS[l]}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <button type="button" onClick={add}>
          添加角色
        </button>
      </div>
      {(ADMINISTRATOR_ROLES as readonly Role[]).includes(adding.role) ? (
        <p className="muted small">三员角色只能单独担任：该账号不能再有其他角色。</p>
      ) : null}
      <ErrorNotice error={error} />
      <button type="button" className="primary" onClick={() => void save()}>
        保存角色
      </button>
      <button type="button" onClick={() => onDone(false)}>
        取消
      </button>
    </div>
  );
}

/** The security administrator: grant and withdraw roles (never their own). */
export function RoleGrantsPage() {
  const { me } = useSession();
  const { accounts, error, load } = useAccounts();
  const agencies = useAgencies();
  const [regions, setRegions] = useState<Region[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  useEffect(() => {
    api<{ regions: Region[] }>('GET', '/api/v1/regions').then(
      (r) => setRegions(r.regions),
      () => undefined,
    );
  }, []);

  async function resetSecondFactor(account: Account) {
    if (
      !window.confirm(
        `确定重置 ${account.displayName} 的两步验证吗？其现有登录将退出，下次登录后须重新设置。`,
      )
    )
      return;
    setActionError(null);
    try {
      await api('POST', `/api/v1/accounts/${account.id}/reset-second-factor`);
      setMessage(`已重置 ${account.displayName} 的两步验证。`);
    } catch (e) {
      setActionError(e);
    }
  }

  return (
    <Page title="角色授权">
      <ErrorNotice error={actionError} />
      <p className="muted">
        三员分立：安全管理员授予和调整账号的角色，不能调整自己的；系统管理员、安全管理员、审计管理员三种角色只能由不同账号单独担任，也不能兼任业务角色。每次调整都记入留痕，该账号的现有登录随之退出。
      </p>
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      <ErrorNotice error={error} />
      <table className="data" aria-label="账号与角色">
        <thead>
          <tr>
            <th>用户名</th>
            <th>姓名</th>
            <th>角色</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {(accounts ?? []).map((a) => (
            <tr key={a.id}>
              <td>{a.username}</td>
              <td>{a.displayName}</td>
              <td>
                {editing === a.id ? (
                  <GrantEditor
                    account={a}
                    agencies={agencies}
                    regions={regions}
                    onDone={(saved) => {
                      setEditing(null);
                      if (saved) {
                        setMessage(`已保存 ${a.displayName} 的角色。`);
                        void load();
                      }
                    }}
                  />
                ) : (
                  <>
                    {a.grants.length === 0 ? (
                      <span className="muted">尚未授予角色</span>
                    ) : (
                      a.grants.map((g) => grantLabel(g, agencies)).join('、')
                    )}{' '}
                    {a.id === me.user.id ? (
                      <span className="muted">（本人，不能自行调整）</span>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="link"
                          onClick={() => {
                            setMessage(null);
                            setEditing(a.id);
                          }}
                        >
                          调整角色
                        </button>{' '}
                        <button
                          type="button"
                          className="link"
                          onClick={() => void resetSecondFactor(a)}
                        >
                          重置两步验证
                        </button>
                      </>
                    )}
                  </>
                )}
              </td>
              <td>{status(a)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
