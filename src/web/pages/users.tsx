import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  REVIEW_LEVEL_LABELS,
  REVIEW_LEVELS,
  ROLE_LABELS,
  type ReviewLevel,
} from '../../core/auth/roles.js';
import { api } from '../api.js';
import { canManageUsers, useSession } from '../session.js';
import { ErrorNotice, Field, fieldError, Page, missingRequired } from '../ui.js';

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  grants: { id: string; role: keyof typeof ROLE_LABELS; reviewLevel: ReviewLevel | null }[];
}

type AgencyRole = 'agency_admin' | 'clerk' | 'reviewer';

export function OneTimePassword({
  username,
  password,
  onClose,
}: {
  username: string;
  password: string;
  onClose: () => void;
}) {
  return (
    <div className="card notice-ok one-time" role="status">
      <p>
        用户 <strong>{username}</strong>{' '}
        的初始密码（只显示这一次，请当面或以安全方式交给本人；首次登录须修改）：
      </p>
      <p>
        <code className="password" data-testid="initial-password">
          {password}
        </code>
      </p>
      <button type="button" onClick={onClose}>
        我已记下
      </button>
    </div>
  );
}

interface RoleChoiceValue {
  roles: Record<AgencyRole, boolean>;
  reviewLevel: ReviewLevel;
}

const chosenRoles = (choice: RoleChoiceValue) =>
  (Object.keys(choice.roles) as AgencyRole[])
    .filter((r) => choice.roles[r])
    .map((role) => (role === 'reviewer' ? { role, reviewLevel: choice.reviewLevel } : { role }));

function choiceOf(user: UserRow): RoleChoiceValue {
  const has = (role: AgencyRole) => user.grants.some((g) => g.role === role);
  return {
    roles: { agency_admin: has('agency_admin'), clerk: has('clerk'), reviewer: has('reviewer') },
    reviewLevel: user.grants.find((g) => g.role === 'reviewer')?.reviewLevel ?? 'section_head',
  };
}

/** The roles a person holds in this agency: checkboxes, with the review level for a reviewer. */
function RoleChoice({
  value,
  onChange,
  error,
}: {
  value: RoleChoiceValue;
  onChange: (value: RoleChoiceValue) => void;
  error: string | null;
}) {
  return (
    <fieldset className="roles">
      <legend>角色</legend>
      {(['clerk', 'reviewer', 'agency_admin'] as AgencyRole[]).map((role) => (
        <label key={role} className="check">
          <input
            type="checkbox"
            name={`role-${role}`}
            checked={value.roles[role]}
            onChange={(e) =>
              onChange({ ...value, roles: { ...value.roles, [role]: e.target.checked } })
            }
          />
          {ROLE_LABELS[role]}
        </label>
      ))}
      {value.roles.reviewer ? (
        <label className="inline">
          审核层级
          <select
            name="reviewLevel"
            value={value.reviewLevel}
            onChange={(e) => onChange({ ...value, reviewLevel: e.target.value as ReviewLevel })}
          >
            {REVIEW_LEVELS.map((l) => (
              <option key={l} value={l}>
                {REVIEW_LEVEL_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {error ? <span className="field-error">{error}</span> : null}
    </fieldset>
  );
}

/** Changes a person's roles in place, in the users table. */
function RoleEditor({
  agencyId,
  user,
  onDone,
}: {
  agencyId: string;
  user: UserRow;
  onDone: (saved: boolean) => void;
}) {
  const [choice, setChoice] = useState<RoleChoiceValue>(choiceOf(user));
  const [error, setError] = useState<unknown>(null);
  async function save() {
    setError(null);
    try {
      await api('PUT', `/api/v1/agencies/${agencyId}/users/${user.id}/roles`, {
        roles: chosenRoles(choice),
      });
      onDone(true);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <div className="role-editor" aria-label={`修改 ${user.displayName} 的角色`} role="group">
      <RoleChoice value={choice} onChange={setChoice} error={fieldError(error, 'roles')} />
      <ErrorNotice error={fieldError(error, 'roles') ? null : error} />
      <button
        type="button"
        className="primary"
        onClick={() => void save()}
        disabled={chosenRoles(choice).length === 0}
      >
        保存角色
      </button>
      <button type="button" onClick={() => onDone(false)}>
        取消
      </button>
    </div>
  );
}

function NewUserForm({
  agencyId,
  onCreated,
}: {
  agencyId: string;
  onCreated: (username: string, password: string) => void;
}) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [choice, setChoice] = useState<RoleChoiceValue>({
    roles: { agency_admin: false, clerk: true, reviewer: false },
    reviewLevel: 'section_head',
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = missingRequired(event.currentTarget as HTMLFormElement);
    if (missing) return setError(missing);
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ user: UserRow; initialPassword: string }>(
        'POST',
        `/api/v1/agencies/${agencyId}/users`,
        {
          username,
          displayName,
          roles: chosenRoles(choice),
        },
      );
      onCreated(result.user.username, result.initialPassword);
      setUsername('');
      setDisplayName('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={submit} aria-label="新建用户" noValidate>
      <h2>新建用户</h2>
      <ErrorNotice error={error} />
      <div className="row">
        <Field label="用户名" error={fieldError(error, 'username')} hint="3–40 位字母、数字、_ . -">
          <input
            name="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </Field>
        <Field label="姓名" error={fieldError(error, 'displayName')}>
          <input
            name="displayName"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            required
          />
        </Field>
      </div>
      <RoleChoice value={choice} onChange={setChoice} error={fieldError(error, 'roles')} />
      <button type="submit" className="primary" disabled={busy || chosenRoles(choice).length === 0}>
        {busy ? '正在创建…' : '创建用户'}
      </button>
    </form>
  );
}

export function UsersPage() {
  const { context, me } = useSession();
  const agencyId = context?.agencyId ?? null;
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!agencyId) return;
    try {
      setUsers(
        (await api<{ users: UserRow[] }>('GET', `/api/v1/agencies/${agencyId}/users`)).users,
      );
    } catch (e) {
      setError(e);
    }
  }, [agencyId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!canManageUsers(context) || !agencyId) {
    return (
      <Page title="用户管理">
        <p className="muted">
          只有机关管理员可以管理本机关的用户。请在右上角切换到您担任机关管理员的机关。
        </p>
      </Page>
    );
  }

  async function act(user: UserRow, action: 'disable' | 'enable' | 'reset') {
    setError(null);
    try {
      if (action === 'reset') {
        if (!window.confirm(`确定重置 ${user.displayName} 的密码吗？其现有登录将退出。`)) return;
        const r = await api<{ initialPassword: string }>(
          'POST',
          `/api/v1/agencies/${agencyId}/users/${user.id}/reset-password`,
        );
        setShown({ username: user.username, password: r.initialPassword });
      } else {
        await api('PATCH', `/api/v1/agencies/${agencyId}/users/${user.id}`, {
          disabled: action === 'disable',
        });
      }
      await load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Page title="用户管理">
      {shown ? <OneTimePassword {...shown} onClose={() => setShown(null)} /> : null}
      <ErrorNotice error={error} />
      <table className="data" aria-label="本机关用户">
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
          {(users ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>
                {editing === u.id ? (
                  <RoleEditor
                    agencyId={agencyId}
                    user={u}
                    onDone={(saved) => {
                      setEditing(null);
                      if (saved) void load();
                    }}
                  />
                ) : (
                  <>
                    {u.grants
                      .map(
                        (g) =>
                          `${ROLE_LABELS[g.role]}${g.reviewLevel ? `（${REVIEW_LEVEL_LABELS[g.reviewLevel]}）` : ''}`,
                      )
                      .join('、')}{' '}
                    <button type="button" className="link" onClick={() => setEditing(u.id)}>
                      修改角色
                    </button>
                  </>
                )}
              </td>
              <td>{u.disabled ? '已停用' : u.mustChangePassword ? '待首次登录' : '正常'}</td>
              <td className="actions">
                {u.id === me.user.id ? (
                  <span className="muted">（本人）</span>
                ) : (
                  <>
                    <button
                      type="button"
                      onClick={() => void act(u, u.disabled ? 'enable' : 'disable')}
                    >
                      {u.disabled ? '启用' : '停用'}
                    </button>
                    <button type="button" onClick={() => void act(u, 'reset')}>
                      重置密码
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
          {users && users.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                本机关还没有用户。
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <NewUserForm
        agencyId={agencyId}
        onCreated={(username, password) => {
          setShown({ username, password });
          void load();
        }}
      />
    </Page>
  );
}
