import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { formatInstant } from '../format.js';
import { ErrorNotice, Field, fieldError, Page, missingRequired } from '../ui.js';
import { ChangePasswordForm } from './change-password.js';

/**
 * 账号安全: the password, the second factor (set up with any authenticator app by scanning a QR
 * code drawn by the server, recovery codes shown once), and one's own sessions.
 */

interface Status {
  enrolled: boolean;
  confirmedAt: string | null;
  recoveryCodesLeft: number;
  required: boolean;
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="card notice-ok one-time" role="status" aria-label="恢复码">
      <p>
        以下 {codes.length}{' '}
        个恢复码只显示这一次。请抄写或打印后妥善保管：手机不在身边时，每个恢复码可代替验证码登录一次。
      </p>
      <ol className="codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <button type="button" onClick={onDone}>
        我已保存恢复码
      </button>
    </div>
  );
}

/** Scan, type the first code, get the recovery codes. */
export function Enrolment({ onDone }: { onDone: () => void }) {
  const [begun, setBegun] = useState<{ secret: string; qrCode: string } | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function begin() {
    setError(null);
    try {
      setBegun(await api('POST', '/api/v1/auth/second-factor/enrolment'));
    } catch (e) {
      setError(e);
    }
  }
  async function confirm(event: FormEvent) {
    event.preventDefault();
    const missing = missingRequired(event.currentTarget as HTMLFormElement);
    if (missing) return setError(missing);
    setError(null);
    try {
      const r = await api<{ recoveryCodes: string[] }>(
        'POST',
        '/api/v1/auth/second-factor/confirm',
        { code },
      );
      setCodes(r.recoveryCodes);
    } catch (e) {
      setError(e);
    }
  }

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  if (!begun) {
    return (
      <div>
        <ErrorNotice error={error} />
        <p>
          用手机上的任一验证器应用（如“身份验证器”类应用）扫描二维码，之后每次登录除密码外再输入应用上显示的
          6 位验证码。
        </p>
        <button type="button" className="primary" onClick={() => void begin()}>
          开始设置
        </button>
      </div>
    );
  }
  return (
    <form className="form" onSubmit={confirm} aria-label="设置两步验证" noValidate>
      <ErrorNotice error={fieldError(error, 'code') ? null : error} />
      <p>1. 用验证器应用扫描二维码（二维码由本系统生成，不经过任何外部网站）：</p>
      <img className="qr" src={begun.qrCode} alt="两步验证二维码" width={200} height={200} />
      <p>
        无法扫描时，在应用中手动输入密钥：<code data-testid="totp-secret">{begun.secret}</code>
      </p>
      <Field label="2. 输入应用上显示的 6 位验证码" error={fieldError(error, 'code')}>
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
        />
      </Field>
      <button type="submit" className="primary">
        开启两步验证
      </button>
    </form>
  );
}

function SecondFactorCard() {
  const [status, setStatus] = useState<Status | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setStatus(await api<Status>('GET', '/api/v1/auth/second-factor'));
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(action: 'codes' | 'disable') {
    setError(null);
    try {
      if (action === 'codes') {
        const r = await api<{ recoveryCodes: string[] }>(
          'POST',
          '/api/v1/auth/second-factor/recovery-codes',
        );
        setCodes(r.recoveryCodes);
      } else {
        if (!window.confirm('确定停用两步验证吗？停用后只凭密码即可登录。')) return;
        await api('DELETE', '/api/v1/auth/second-factor');
      }
      await load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="card" aria-label="两步验证">
      <h2>两步验证</h2>
      <ErrorNotice error={error} />
      {codes ? <RecoveryCodes codes={codes} onDone={() => setCodes(null)} /> : null}
      {!status ? null : status.enrolled ? (
        <>
          <p>
            已开启（{status.confirmedAt ? formatInstant(status.confirmedAt) : ''}），剩余恢复码{' '}
            {status.recoveryCodesLeft} 个。
            {status.required ? '您的角色或所在机关要求使用两步验证。' : ''}
          </p>
          <button type="button" onClick={() => void act('codes')}>
            重新生成恢复码
          </button>
          {status.required ? null : (
            <button type="button" onClick={() => void act('disable')}>
              停用两步验证
            </button>
          )}
        </>
      ) : enrolling ? (
        <Enrolment
          onDone={() => {
            setEnrolling(false);
            void load();
          }}
        />
      ) : (
        <>
          <p>未开启。{status.required ? '您的角色或所在机关要求使用两步验证，请现在设置。' : ''}</p>
          <button type="button" className="primary" onClick={() => setEnrolling(true)}>
            设置两步验证
          </button>
        </>
      )}
    </section>
  );
}

interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string;
  userAgent: string;
  secondFactor: string | null;
  current: boolean;
}

/** A short name for a browser string: enough to tell one's devices apart. */
function browserName(userAgent: string): string {
  const name = /(Edg|Firefox|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[0] ?? '未知浏览器';
  const system = /(Windows|Mac OS X|Android|iPhone|Linux)/.exec(userAgent)?.[1] ?? '';
  return `${name.replace('Edg', 'Edge')}${system ? `（${system}）` : ''}`;
}

function SessionsCard() {
  const [sessions, setSessions] = useState<OwnSession[] | null>(null);
  const [limit, setLimit] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const r = await api<{ sessions: OwnSession[]; limit: number }>(
        'GET',
        '/api/v1/auth/sessions',
      );
      setSessions(r.sessions);
      setLimit(r.limit);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function end(which: OwnSession | 'others') {
    setError(null);
    try {
      const r = await api<{ ended: number }>(
        which === 'others' ? 'POST' : 'DELETE',
        which === 'others'
          ? '/api/v1/auth/sessions/sign-out-others'
          : `/api/v1/auth/sessions/${which.id}`,
      );
      setMessage(`已退出 ${r.ended} 处登录。`);
      await load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="card" aria-label="我的登录">
      <h2>我的登录</h2>
      <p className="muted small">
        同一账号最多同时在 {limit}{' '}
        处登录，再登录一处时最早的一处自动退出。发现不认识的登录，请退出它并修改密码。
      </p>
      <ErrorNotice error={error} />
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      <table className="data" aria-label="我的登录">
        <thead>
          <tr>
            <th>登录时间</th>
            <th>最近活动</th>
            <th>地址</th>
            <th>浏览器</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {(sessions ?? []).map((s) => (
            <tr key={s.id}>
              <td>{formatInstant(s.createdAt)}</td>
              <td>{formatInstant(s.lastSeenAt)}</td>
              <td>{s.ip}</td>
              <td data-ascii="data">{browserName(s.userAgent)}</td>
              <td>
                {s.current ? (
                  <span className="muted">本设备</span>
                ) : (
                  <button type="button" onClick={() => void end(s)}>
                    退出
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions && sessions.length > 1 ? (
        <button type="button" onClick={() => void end('others')}>
          退出其他设备上的登录
        </button>
      ) : null}
    </section>
  );
}

export function AccountSecurityPage({ username }: { username: string }) {
  return (
    <Page title="账号安全">
      <section className="card" aria-label="修改密码">
        <h2>修改密码</h2>
        <ChangePasswordForm username={username} forced={false} onDone={() => undefined} />
      </section>
      <SecondFactorCard />
      <SessionsCard />
    </Page>
  );
}

/** Before anything else, when the role or the agency requires a second factor. */
export function ForcedEnrolmentPage({
  onDone,
  onLogout,
}: {
  onDone: () => Promise<void>;
  onLogout: () => void;
}) {
  return (
    <main className="login">
      <div className="card login-card">
        <h1>设置两步验证</h1>
        <div className="notice notice-info">
          您的角色（或所在机关）要求两步验证：设置完成后才能继续使用工作台。
        </div>
        <Enrolment onDone={() => void onDone()} />
        <button type="button" className="link" onClick={onLogout}>
          退出登录
        </button>
      </div>
    </main>
  );
}
