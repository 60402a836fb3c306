import { useEffect, useState, type FormEvent } from 'react';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from '../../core/auth/password-policy.js';
import { api, ApiError } from '../api.js';
import { ErrorNotice, Field, Page, missingRequired } from '../ui.js';

/**
 * The security administrator's 安全策略: the password and session policy, which agencies
 * require a second factor, and lifting an account's sign-in limits.
 */
const FIELDS: {
  group: 'password' | 'sessions';
  key: string;
  label: string;
  hint: string;
}[] = [
  { group: 'password', key: 'minLength', label: '密码最短长度', hint: '8–64 位' },
  {
    group: 'password',
    key: 'minClasses',
    label: '至少包含的字符种类',
    hint: '大写字母、小写字母、数字、符号四类中的几类（1–4）',
  },
  { group: 'password', key: 'expiryDays', label: '密码有效天数', hint: '0 表示不过期；最多 365' },
  { group: 'password', key: 'warnDays', label: '到期前几天提醒', hint: '0–30，应小于有效天数' },
  {
    group: 'password',
    key: 'historyCount',
    label: '不能重复使用最近几次的密码',
    hint: '含当前密码，1–24',
  },
  {
    group: 'sessions',
    key: 'maxSessions',
    label: '同一账号同时登录的上限',
    hint: '1–20；超出时最早的登录自动退出',
  },
  {
    group: 'sessions',
    key: 'reauthMinutes',
    label: '敏感操作前再次验证的有效分钟数',
    hint: '查看个人信息、调整角色、导出台账前须在此时间内输入过密码（1–60）',
  },
];

interface Agency {
  id: string;
  name: string;
}

function AgencySecondFactor({ agency }: { agency: Agency }) {
  const [required, setRequired] = useState<boolean | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ secondFactorRequired: boolean }>('GET', `/api/v1/agencies/${agency.id}/security`).then(
      (r) => setRequired(r.secondFactorRequired),
      setError,
    );
  }, [agency.id]);
  async function toggle(value: boolean) {
    setError(null);
    try {
      const r = await api<{ secondFactorRequired: boolean }>(
        'PUT',
        `/api/v1/agencies/${agency.id}/security`,
        { secondFactorRequired: value },
      );
      setRequired(r.secondFactorRequired);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <tr>
      <td>{agency.name}</td>
      <td>
        <label className="check">
          <input
            type="checkbox"
            checked={required ?? false}
            disabled={required === null}
            onChange={(e) => void toggle(e.target.checked)}
          />
          要求本机关人员使用两步验证
        </label>
        <ErrorNotice error={error} />
      </td>
    </tr>
  );
}

export function SecurityPolicyPage() {
  const [policy, setPolicy] = useState<SecurityPolicy>(DEFAULT_SECURITY_POLICY);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [unlock, setUnlock] = useState('');
  const [unlockResult, setUnlockResult] = useState<unknown>(null);

  useEffect(() => {
    api<{ policy: SecurityPolicy }>('GET', '/api/v1/security/policy').then(
      (r) => setPolicy(r.policy),
      setError,
    );
    api<{ agencies: Agency[] }>('GET', '/api/v1/agencies').then(
      (r) => setAgencies(r.agencies),
      () => undefined,
    );
  }, []);

  const value = (group: 'password' | 'sessions', key: string) =>
    draft[`${group}.${key}`] ?? String((policy[group] as unknown as Record<string, number>)[key]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage(null);
    const next = {
      password: { ...policy.password },
      sessions: { ...policy.sessions },
    } as unknown as Record<'password' | 'sessions', Record<string, number>>;
    for (const f of FIELDS) next[f.group]![f.key] = Number(value(f.group, f.key));
    try {
      const r = await api<{ policy: SecurityPolicy }>('PUT', '/api/v1/security/policy', next);
      setPolicy(r.policy);
      setDraft({});
      setMessage('策略已保存，立即生效（已设置的密码到下次修改时才按新长度等规则检查）。');
    } catch (e) {
      setError(e);
    }
  }

  const problems =
    error instanceof ApiError
      ? ((error.body as unknown as { problems?: { field: string; message: string }[] })
          .problems ?? [{ field: error.body.field ?? '', message: error.body.message }])
      : [];

  async function doUnlock(event: FormEvent) {
    event.preventDefault();
    const missing = missingRequired(event.currentTarget as HTMLFormElement);
    if (missing) return setUnlockResult(missing);
    try {
      const r = await api<{ lifted: number }>('POST', '/api/v1/security/unlock', {
        username: unlock,
      });
      setUnlockResult(`已解除 ${unlock} 的登录限制（${r.lifted} 项）。`);
    } catch (e) {
      setUnlockResult(e);
    }
  }

  return (
    <Page title="安全策略">
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      <form className="card form" onSubmit={save} aria-label="密码与会话策略" noValidate>
        <h2>密码与会话策略</h2>
        {error && problems.length === 0 ? <ErrorNotice error={error} /> : null}
        {FIELDS.map((f) => (
          <Field
            key={`${f.group}.${f.key}`}
            label={f.label}
            hint={f.hint}
            error={problems.find((p) => p.field === `${f.group}.${f.key}`)?.message ?? null}
          >
            <input
              name={`${f.group}.${f.key}`}
              inputMode="numeric"
              value={value(f.group, f.key)}
              onChange={(e) => setDraft({ ...draft, [`${f.group}.${f.key}`]: e.target.value })}
            />
          </Field>
        ))}
        <button type="submit" className="primary">
          保存策略
        </button>
      </form>
      <section className="card" aria-label="各机关的两步验证">
        <h2>各机关的两步验证</h2>
        <p className="muted small">三员始终须使用两步验证；其他人员按所在机关的要求。</p>
        <table className="data">
          <tbody>
            {agencies.map((a) => (
              <AgencySecondFactor key={a.id} agency={a} />
            ))}
          </tbody>
        </table>
      </section>
      <form className="card form" onSubmit={doUnlock} aria-label="解除登录限制" noValidate>
        <h2>解除登录限制</h2>
        <p className="muted small">
          某账号从某地址连续登录失败会暂停从该地址登录；确认是本人后可在此立即解除。
        </p>
        {unlockResult instanceof Error ? <ErrorNotice error={unlockResult} /> : null}
        {typeof unlockResult === 'string' ? (
          <div className="notice notice-ok" role="status">
            {unlockResult}
          </div>
        ) : null}
        <Field label="用户名">
          <input value={unlock} onChange={(e) => setUnlock(e.target.value)} required />
        </Field>
        <button type="submit">解除</button>
      </form>
    </Page>
  );
}
