import { useState, type FormEvent } from 'react';
import { api, ApiError, setCsrfToken } from '../api.js';
import { ErrorNotice, Field, missingRequired } from '../ui.js';

/** Answers after which the sign-in form also asks for the authenticator's code. */
const ASKS_FOR_CODE = ['second_factor_required', 'second_factor_invalid', 'login_delayed'];

export function LoginPage({ onLoggedIn }: { onLoggedIn: () => Promise<void> }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = missingRequired(event.currentTarget as HTMLFormElement);
    if (missing) return setError(missing);
    setBusy(true);
    setError(null);
    try {
      setCsrfToken(null);
      const result = await api<{ csrfToken: string }>('POST', '/api/v1/auth/login', {
        username,
        password,
        ...(code.trim() ? { code: code.trim() } : {}),
      });
      setCsrfToken(result.csrfToken);
      await onLoggedIn();
    } catch (e) {
      setError(e);
      const asked = e instanceof ApiError && ASKS_FOR_CODE.includes(e.body.code);
      setCode('');
      if (asked) setAskCode(true);
      // The password stays when only the code (or a short wait) is missing.
      else setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-label="登录" noValidate>
        <h1>gongkai 政府信息公开工作台</h1>
        <p className="muted">请使用本机关管理员分配的账号登录。</p>
        <ErrorNotice error={error} />
        <Field label="用户名">
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </Field>
        <Field label="密码">
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </Field>
        {askCode ? (
          <Field
            label="两步验证码"
            hint="手机验证器上显示的 6 位数字；手机不在身边时可输入一个恢复码（形如 abcde-fghjk）。"
          >
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoFocus
            />
          </Field>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
        <p className="muted small">
          忘记密码请联系系统管理员（或本机关管理员）重置；丢失手机请联系安全管理员重置两步验证。
        </p>
      </form>
    </main>
  );
}
