import { useEffect, useState, type FormEvent } from 'react';
import {
  DEFAULT_SECURITY_POLICY,
  passwordProblem,
  passwordRuleText,
  type PasswordRules,
} from '../../core/auth/password-policy.js';
import { api } from '../api.js';
import { ErrorNotice, Field, fieldError, missingRequired } from '../ui.js';

export function ChangePasswordForm({
  username,
  forced,
  expired = false,
  onDone,
}: {
  username: string;
  forced: boolean;
  /** Forced because the password is past its expiry. */
  expired?: boolean;
  onDone: () => Promise<void> | void;
}) {
  // The rule in force (the security administrator's), so the form says it before the server.
  const [rules, setRules] = useState<PasswordRules>(DEFAULT_SECURITY_POLICY.password);
  useEffect(() => {
    api<{ rules: PasswordRules }>('GET', '/api/v1/auth/password-policy').then(
      (r) => setRules(r.rules),
      () => undefined,
    );
  }, []);
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const problem = newPassword ? passwordProblem(newPassword, username, rules) : null;
  const mismatch = confirm && confirm !== newPassword ? '两次输入的新密码不一致。' : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = missingRequired(event.currentTarget as HTMLFormElement);
    if (missing) return setError(missing);
    if (problem || mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v1/auth/password', { currentPassword, newPassword });
      setDone(true);
      setCurrent('');
      setNew('');
      setConfirm('');
      await onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={submit} aria-label="修改密码" noValidate>
      {forced ? (
        <div className="notice notice-info">
          {expired
            ? `您的密码已超过 ${rules.expiryDays} 天有效期，须先设置新密码才能继续使用工作台。`
            : '首次登录或密码被重置后，须先设置自己的新密码才能继续使用工作台。'}
        </div>
      ) : null}
      {done ? <div className="notice notice-ok">密码已修改。其他设备上的登录已退出。</div> : null}
      <ErrorNotice error={error} />
      <Field label="当前密码" error={fieldError(error, 'currentPassword')}>
        <input
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
      </Field>
      <Field
        label="新密码"
        error={problem ?? fieldError(error, 'newPassword')}
        hint={passwordRuleText(rules)}
      >
        <input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          required
        />
      </Field>
      <Field label="再次输入新密码" error={mismatch}>
        <input
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          required
        />
      </Field>
      <button type="submit" className="primary" disabled={busy || !!problem || !!mismatch}>
        {busy ? '正在保存…' : '修改密码'}
      </button>
    </form>
  );
}

export function ForcedPasswordPage({
  username,
  expired = false,
  onDone,
  onLogout,
}: {
  username: string;
  expired?: boolean;
  onDone: () => Promise<void>;
  onLogout: () => void;
}) {
  return (
    <main className="login">
      <div className="login-card">
        <h1>设置新密码</h1>
        <ChangePasswordForm username={username} forced expired={expired} onDone={onDone} />
        <button type="button" className="link" onClick={onLogout}>
          退出登录
        </button>
      </div>
    </main>
  );
}
