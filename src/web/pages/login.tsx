import { useState, type FormEvent } from 'react';
import { api, setCsrfToken } from '../api.js';
import { ErrorNotice, Field } from '../ui.js';

export function LoginPage({ onLoggedIn }: { onLoggedIn: () => Promise<void> }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCsrfToken(null);
      const result = await api<{ csrfToken: string }>('POST', '/api/v1/auth/login', {
        username,
        password,
      });
      setCsrfToken(result.csrfToken);
      await onLoggedIn();
    } catch (e) {
      setError(e);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-label="登录">
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
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
        <p className="muted small">忘记密码请联系本机关管理员重置。</p>
      </form>
    </main>
  );
}
