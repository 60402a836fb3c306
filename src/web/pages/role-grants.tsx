/** 角色授权: the security administrator grants the accounts' roles (三员分立, see ./accounts-model.ts). */
import { useEffect, useState } from 'react';
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
import { ErrorNotice, Field, Page } from '../ui.js';
import {
  grantLabel,
  status,
  useAccounts,
  useAgencies,
  type Account,
  type Agency,
  type Region,
} from './accounts-model.js';

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
