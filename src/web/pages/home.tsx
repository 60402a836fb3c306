import { Link } from '../router.js';
import { canManageUsers, mayGlobally, mayInAgency, useSession } from '../session.js';
import { Page } from '../ui.js';
import { CalendarStatusBanner } from './calendar-notice.js';

export function HomePage() {
  const { me, context } = useSession();
  return (
    <Page title={`您好，${me.user.displayName}`}>
      <p className="muted">当前：{context?.label ?? '未分配角色'}</p>
      <CalendarStatusBanner />
      <div className="cards">
        {mayInAgency(context, 'agency.read') ? (
          <Link to="/agency" className="card tile">
            <strong>本机关信息</strong>
            <span>地址、电话、办公时间——用于公开指南、答复告知书和年度报告。</span>
          </Link>
        ) : null}
        {mayGlobally(context, 'account.manage') ? (
          <Link to="/accounts" className="card tile">
            <strong>账号管理</strong>
            <span>开设账号、停用或重置密码；角色由安全管理员授予。</span>
          </Link>
        ) : null}
        {mayGlobally(context, 'role.grant') ? (
          <Link to="/roles" className="card tile">
            <strong>角色授权</strong>
            <span>授予、调整账号的角色；三员只能单独担任，不能给自己授权。</span>
          </Link>
        ) : null}
        {mayGlobally(context, 'alert.read') ? (
          <Link to="/security-alerts" className="card tile">
            <strong>安全告警</strong>
            <span>管理员借业务账号登录、改派申请等接触个人信息的间接途径，逐条核实。</span>
          </Link>
        ) : null}
        {canManageUsers(context) ? (
          <Link to="/users" className="card tile">
            <strong>用户管理</strong>
            <span>为经办人、审核人开通账号，停用或重置密码。</span>
          </Link>
        ) : null}
        <Link to="/account" className="card tile">
          <strong>账号安全</strong>
          <span>修改密码、两步验证、查看并退出其他设备上的登录。</span>
        </Link>
      </div>
      {me.grants.length === 0 ? (
        <p className="notice notice-info">
          您的账号还没有任何角色，请联系本机关管理员或安全管理员授予。
        </p>
      ) : null}
    </Page>
  );
}
