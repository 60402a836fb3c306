import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, loadMe, setCsrfToken, type Me } from './api.js';
import { AgencyPage } from './pages/agency.js';
import { AppealsPage } from './pages/appeals.js';
import { ApplicationSettingsPage } from './pages/application-settings.js';
import {
  ApplicationDetailPage,
  ApplicationsPage,
  RegisterApplicationPage,
} from './pages/applications/index.js';
import { ApprovalsPage } from './pages/approvals.js';
import { AuditPage } from './pages/audit.js';
import { AccountSecurityPage, ForcedEnrolmentPage } from './pages/account-security.js';
import { ForcedPasswordPage } from './pages/change-password.js';
import { HomePage } from './pages/home.js';
import { ImportsPage } from './pages/imports.js';
import { LoginPage } from './pages/login.js';
import { NotificationsPage } from './pages/notifications.js';
import { OverdueWatchPage } from './pages/overdue.js';
import { ProactivePage } from './pages/proactive.js';
import { ProactiveEditPage } from './pages/proactive-edit.js';
import { ProactiveItemPage } from './pages/proactive-item.js';
import {
  CatalogueEntryEditPage,
  CatalogueEntryPage,
  CataloguePage,
} from './pages/proactive-catalogue.js';
import { ProactiveCorrectPage } from './pages/proactive-correct.js';
import { FiguresPage } from './pages/proactive-figures.js';
import { GuidePage } from './pages/proactive-guide.js';
import { ProactiveSettingsPage } from './pages/proactive-settings.js';
import { SiteIdentityPage } from './pages/site-identity.js';
import { ReportCellPage } from './pages/report-cells.js';
import { ReportEditorPage, ReportsPage } from './pages/reports/index.js';
import { UsersPage } from './pages/users.js';
import { Link, useRouter } from './router.js';
import {
  canManageUsers,
  mayGlobally,
  mayInAgency,
  mayInRegion,
  SessionContext,
  useSession,
  workContexts,
  type SessionState,
  type WorkContext,
} from './session.js';
import { ReauthDialog } from './reauth.js';
import { ErrorNotice, Page } from './ui.js';
import { OrganisationsPage } from './pages/organisations.js';
import { SupervisionConsole } from './pages/supervision/lazy.js';
import { AccountsPage } from './pages/accounts.js';
import { RoleGrantsPage } from './pages/role-grants.js';
import { SecurityAlertsPage } from './pages/security-alerts.js';
import { SecurityPolicyPage } from './pages/security-policy.js';

interface NavItem {
  path: string;
  label: string;
  /** Modules still being built appear in the navigation but cannot be opened yet. */
  page?: () => ReactNode;
  /** Pages below this item, e.g. /reports/2025. */
  subpage?: (path: string) => ReactNode | null;
  /**
   * Whether the person sees the entry: the permission the routes of its page check (the page's
   * reads, or for a page that exists to change something, that change), for the context's agency,
   * its region or the whole installation — never a role's name.
   */
  visible?: (context: WorkContext | null) => boolean;
}

const NAV: NavItem[] = [
  { path: '/', label: '首页', page: () => <HomePage /> },
  {
    path: '/applications',
    label: '依申请公开',
    page: () => <ApplicationsPage />,
    subpage: (path) => {
      if (path === '/applications/new') return <RegisterApplicationPage />;
      const m = /^\/applications\/([\w-]+)$/.exec(path);
      return m ? <ApplicationDetailPage key={m[1]} id={m[1]!} /> : null;
    },
    visible: (c) => mayInAgency(c, 'application.read'),
  },
  {
    path: '/overdue',
    label: '督办',
    page: () => <OverdueWatchPage />,
    visible: (c) => mayInAgency(c, 'application.read'),
  },
  {
    path: '/approvals',
    label: '审批',
    page: () => <ApprovalsPage />,
    visible: (c) => mayInAgency(c, 'review.decide'),
  },
  {
    path: '/appeals',
    label: '复议诉讼',
    page: () => <AppealsPage />,
    visible: (c) => mayInAgency(c, 'application.read'),
  },
  {
    path: '/proactive',
    label: '主动公开',
    page: () => <ProactivePage />,
    subpage: (path) => {
      if (path === '/proactive/new') return <ProactiveEditPage id={null} />;
      if (path === '/proactive/catalogue') return <CataloguePage />;
      if (path === '/proactive/catalogue/new') return <CatalogueEntryEditPage id={null} />;
      if (path === '/proactive/settings') return <ProactiveSettingsPage />;
      if (path === '/proactive/guide') return <GuidePage />;
      const entryEdit = /^\/proactive\/catalogue\/([\w-]+)\/edit$/.exec(path);
      if (entryEdit) return <CatalogueEntryEditPage key={entryEdit[1]} id={entryEdit[1]!} />;
      const entry = /^\/proactive\/catalogue\/([\w-]+)$/.exec(path);
      if (entry) return <CatalogueEntryPage key={entry[1]} id={entry[1]!} />;
      const figures = /^\/proactive\/figures\/(\d{4})$/.exec(path);
      if (figures) return <FiguresPage key={figures[1]} year={Number(figures[1])} />;
      const correct = /^\/proactive\/([\w-]+)\/correct$/.exec(path);
      if (correct) return <ProactiveCorrectPage key={correct[1]} id={correct[1]!} />;
      const interpret = /^\/proactive\/([\w-]+)\/interpret$/.exec(path);
      if (interpret)
        return <ProactiveEditPage key={interpret[1]} id={null} policyId={interpret[1]!} />;
      const edit = /^\/proactive\/([\w-]+)\/edit$/.exec(path);
      if (edit) return <ProactiveEditPage key={edit[1]} id={edit[1]!} />;
      const m = /^\/proactive\/([\w-]+)$/.exec(path);
      return m ? <ProactiveItemPage key={m[1]} id={m[1]!} /> : null;
    },
    visible: (c) => mayInAgency(c, 'proactive.read'),
  },
  {
    path: '/reports',
    label: '年度报告',
    page: () => <ReportsPage />,
    subpage: (path) => {
      const cell = /^\/reports\/(\d{4})\/cells\/(applications|appeals)\/([^/]+)\/(\w+)$/.exec(path);
      if (cell) {
        return (
          <ReportCellPage
            year={Number(cell[1])}
            table={cell[2] as 'applications' | 'appeals'}
            row={decodeURIComponent(cell[3]!)}
            column={cell[4]!}
          />
        );
      }
      const m = /^\/reports\/(\d{4})$/.exec(path);
      return m ? <ReportEditorPage key={m[1]} year={Number(m[1])} /> : null;
    },
    visible: (c) => mayInAgency(c, 'report.read'),
  },
  {
    path: '/imports',
    label: '导入与审查',
    page: () => <ImportsPage />,
    visible: (c) => mayInAgency(c, 'report.import') || mayInRegion(c, 'report.import'),
  },
  {
    path: '/supervision',
    label: '监督汇总',
    page: () => <SupervisionConsole path="/supervision" />,
    subpage: (path) =>
      path.startsWith('/supervision/') ? <SupervisionConsole key={path} path={path} /> : null,
    visible: (c) => mayInRegion(c, 'supervision.read'),
  },
  {
    path: '/agency',
    label: '本机关信息',
    page: () => <AgencyPage />,
    visible: (c) => mayInAgency(c, 'agency.read'),
  },
  {
    path: '/application-settings',
    label: '依申请公开设置',
    page: () => <ApplicationSettingsPage />,
    visible: (c) => mayInAgency(c, 'application.read'),
  },
  {
    path: '/calendar',
    label: '节假日安排',
    page: () => <ApplicationSettingsPage calendarOnly />,
    visible: (c) => mayGlobally(c, 'calendar.manage'),
  },
  {
    path: '/site-identity',
    label: '门户网站标识',
    page: () => <SiteIdentityPage />,
    visible: (c) => mayGlobally(c, 'site.configure'),
  },
  { path: '/notifications', label: '通知', page: () => <NotificationsPage /> },
  {
    path: '/organisations',
    label: '机关管理',
    page: () => <OrganisationsPage />,
    visible: (c) => mayGlobally(c, 'agency.create'),
  },
  {
    path: '/accounts',
    label: '账号管理',
    page: () => <AccountsPage />,
    visible: (c) => mayGlobally(c, 'account.manage'),
  },
  {
    path: '/roles',
    label: '角色授权',
    page: () => <RoleGrantsPage />,
    visible: (c) => mayGlobally(c, 'role.grant'),
  },
  {
    path: '/security-policy',
    label: '安全策略',
    page: () => <SecurityPolicyPage />,
    visible: (c) => mayGlobally(c, 'security.configure'),
  },
  { path: '/users', label: '用户管理', page: () => <UsersPage />, visible: canManageUsers },
  {
    path: '/audit',
    label: '操作留痕',
    page: () => <AuditPage />,
    visible: (c) =>
      mayInAgency(c, 'audit.read') ||
      mayInRegion(c, 'audit.reports') ||
      mayGlobally(c, 'audit.read'),
  },
  {
    path: '/security-alerts',
    label: '安全告警',
    page: () => <SecurityAlertsPage />,
    visible: (c) => mayGlobally(c, 'alert.read'),
  },
  { path: '/account', label: '账号安全', page: () => <AccountPage /> },
];

function AccountPage() {
  const { me } = useSession();
  return <AccountSecurityPage username={me.user.username} />;
}

function Layout() {
  const { me, context, contexts, switchContext, logout } = useSession();
  const { path } = useRouter();
  const visible = NAV.filter((item) => !item.visible || item.visible(context));
  const current = visible.find((item) => item.path === path);
  const sub = current
    ? null
    : visible.map((item) => item.subpage?.(path) ?? null).find((p) => p !== null);
  const active =
    current ?? visible.find((item) => item.subpage && path.startsWith(`${item.path}/`));
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">gongkai 工作台</div>
        <div className="topbar-right">
          <label className="switcher">
            <span className="sr-only">当前机关与角色</span>
            <select
              aria-label="当前机关与角色"
              value={context?.key ?? ''}
              onChange={(e) => void switchContext(e.target.value)}
              disabled={contexts.length <= 1}
            >
              {contexts.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <span className="who">{me.user.displayName}</span>
          <button type="button" className="link" onClick={() => void logout()}>
            退出
          </button>
        </div>
      </header>
      <div className="body">
        <nav className="sidenav" aria-label="主导航">
          {visible.map((item) =>
            item.page ? (
              <Link key={item.path} to={item.path} className={item === active ? 'active' : ''}>
                {item.label}
              </Link>
            ) : (
              <span key={item.path} className="disabled" title="该模块正在建设中">
                {item.label}
                <small>建设中</small>
              </span>
            ),
          )}
        </nav>
        <main className="content">
          {me.passwordExpiresInDays !== null ? (
            <div className="notice notice-info" role="status">
              您的密码将在 {me.passwordExpiresInDays} 天后过期，请尽快在
              <Link to="/account">账号安全</Link>中修改。
            </div>
          ) : null}
          {current?.page ? (
            current.page()
          ) : sub ? (
            sub
          ) : (
            <Page title="没有这个页面">
              <p className="muted">
                地址不存在，或您当前的角色无权查看。<Link to="/">返回首页</Link>
              </p>
            </Page>
          )}
        </main>
      </div>
    </div>
  );
}

const CONTEXT_KEY = 'gongkai.workContext';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [contextKey, setContextKey] = useState<string | null>(null);
  const { navigate } = useRouter();
  const userId = me?.user.id;
  useEffect(() => {
    setContextKey(userId ? window.localStorage.getItem(`${CONTEXT_KEY}.${userId}`) : null);
  }, [userId]);

  const refresh = useCallback(async () => {
    try {
      setMe(await loadMe());
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const contexts = useMemo(() => (me ? workContexts(me) : []), [me]);
  const context =
    contexts.find((c) => c.key === contextKey) ??
    contexts.find((c) => c.grantId === me?.activeGrantId) ??
    contexts[0] ??
    null;

  const session: SessionState | null = me
    ? {
        me,
        context,
        contexts,
        refresh,
        async switchContext(key) {
          const next = contexts.find((c) => c.key === key);
          if (!next) return;
          setContextKey(key);
          window.localStorage.setItem(`${CONTEXT_KEY}.${me.user.id}`, key);
          await api('PUT', '/api/v1/auth/active-grant', { grantId: next.grantId }).catch(setError);
        },
        async logout() {
          await api('POST', '/api/v1/auth/logout').catch(() => undefined);
          setCsrfToken(null);
          setMe(null);
          navigate('/');
        },
      }
    : null;

  if (me === undefined)
    return error ? <ErrorNotice error={error} /> : <p className="loading">正在加载…</p>;
  if (me === null) return <LoginPage onLoggedIn={refresh} />;
  if (me.mustChangePassword) {
    return (
      <ForcedPasswordPage
        username={me.user.username}
        expired={me.passwordExpired}
        onDone={refresh}
        onLogout={() => void session?.logout()}
      />
    );
  }
  if (me.secondFactorEnrolmentRequired) {
    return <ForcedEnrolmentPage onDone={refresh} onLogout={() => void session?.logout()} />;
  }
  return (
    <SessionContext.Provider value={session}>
      <ErrorNotice error={error} />
      <ReauthDialog />
      <Layout />
    </SessionContext.Provider>
  );
}
