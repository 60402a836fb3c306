/** 账号管理: the system administrator's accounts (三员分立, see ./accounts-model.ts). */
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { useSession } from '../session.js';
import { ErrorNotice, Field, fieldError, Page, missingRequired } from '../ui.js';
import { grantLabel, status, useAccounts, useAgencies, type Account } from './accounts-model.js';
import { OneTimePassword } from './users.js';

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
