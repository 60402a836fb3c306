/**
 * 安全审计 in words: one Chinese sentence per audit record — what happened, to what, by whom —
 * instead of `report.import annual_report f34221dc`. Pure: the caller resolves the names.
 */
import { APPLICATION_EVENT_LABELS, type ApplicationEventType } from '../applications/events.js';
import { ROLE_LABELS, type Role } from '../auth/roles.js';

export interface AuditFacts {
  action: string;
  entityType: string;
  entityId: string;
  /** Who acted, as recorded (`王经办（wang）`, `访客 10.0.0.1`, `系统`). */
  actor: string;
  before: unknown;
  after: unknown;
  /** A readable name of the record acted on (an account, agency, application number…), if known. */
  entityName?: string | null;
}

const ENTITY_LABELS: Record<string, string> = {
  user: '账号',
  user_account: '账号',
  login_name: '登录名',
  sign_in: '登录名',
  agency: '机关',
  agency_alias: '机关别名',
  region: '行政区划',
  government: '人民政府',
  annual_report: '年度报告',
  file: '文件',
  application: '申请',
  application_appeal: '复议诉讼记录',
  agency_unit: '科室',
  bulk_import: '批量导入',
  security_alert: '安全告警',
  security_setting: '安全策略',
  scheduled_job: '定时任务',
  calendar_year: '节假日安排',
  audit_archive: '留痕归档',
  audit_log: '操作留痕',
  finding: '审查发现',
  report_finding: '审查发现',
  proactive_item: '主动公开信息',
  proactive_catalogue_entry: '基层标准目录条目',
};

const VALIDITY_LABELS: Record<string, string> = {
  in_force: '有效',
  amended: '已修改',
  repealed: '已废止',
  expired: '已失效',
};

const LOGIN_FAILURE_REASONS: Record<string, string> = {
  invalid_credentials: '用户名或密码不正确',
  second_factor_invalid: '动态验证码不正确或已用过',
  too_many_attempts: '尝试次数过多',
};

const SECOND_FACTOR_METHODS: Record<string, string> = {
  totp: '动态验证码',
  recovery: '恢复码',
  certificate: '数字证书',
};

const field = (value: unknown, key: string): unknown =>
  value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== ''
    ? value
    : typeof value === 'number'
      ? String(value)
      : null;

function rolesOf(value: unknown): string {
  const grants = field(value, 'grants');
  if (!Array.isArray(grants) || grants.length === 0) return '无角色';
  return grants
    .map((g) => ROLE_LABELS[field(g, 'role') as Role] ?? String(field(g, 'role')))
    .join('、');
}

/** `账号 王经办（wang）`: the kind of record and its name, or a short id when it has none. */
export function entityPhrase(
  f: Pick<AuditFacts, 'entityType' | 'entityId' | 'entityName'>,
): string {
  const label = ENTITY_LABELS[f.entityType] ?? '记录';
  const name = f.entityName ?? `（编号 ${f.entityId.slice(0, 8)}）`;
  return f.entityName ? `${label}“${name}”` : `${label}${name}`;
}

type Describe = (f: AuditFacts, what: string) => string;

const DESCRIPTIONS: Record<string, Describe> = {
  'session.login': (f) => {
    const method = SECOND_FACTOR_METHODS[String(field(f.after, 'secondFactor'))];
    return `${f.actor}登录成功${method ? `（使用${method}）` : ''}`;
  },
  'user.login_failed': (f, what) => {
    const reason = LOGIN_FAILURE_REASONS[String(field(f.after, 'reason'))] ?? '验证未通过';
    const failures = Number(field(f.after, 'failuresFromAddress') ?? 0);
    const locked = Number(field(f.after, 'lockedSeconds') ?? 0);
    const target = f.entityType === 'login_name' ? `不存在的登录名“${f.entityId}”` : what;
    return (
      `以${target}登录失败：${reason}` +
      (failures > 0 ? `（同一地址对此账号已连续失败 ${failures} 次）` : '') +
      (locked > 0 ? `；已暂停从该地址登录此账号 ${locked} 秒（登录锁定）` : '')
    );
  },
  'session.logout': (f) => `${f.actor}退出登录`,
  'session.end': (f) => `${f.actor}结束了自己的一处登录`,
  'session.sign_out_elsewhere': (f) => `${f.actor}退出了其他设备上的全部登录`,
  'session.ended_over_limit': (f, what) =>
    `${what}同时登录超过 ${text(field(f.after, 'limit')) ?? '规定'} 处，最早的一处登录被自动退出`,
  'session.reauth': (f) =>
    `${f.actor}再次验证身份（${field(f.after, 'with') === 'code' ? '动态验证码' : '密码'}），以进行敏感操作`,
  'session.switch_role': (f) => {
    const role = ROLE_LABELS[field(f.after, 'role') as Role] ?? String(field(f.after, 'role'));
    return `${f.actor}切换当前角色为${role}`;
  },
  'user.create': (f, what) => `${f.actor}新建${what}（角色：${rolesOf(f.after)}）`,
  'user.update': (f, what) => {
    const before = field(f.before, 'disabled');
    const after = field(f.after, 'disabled');
    if (before !== after) return `${f.actor}${after ? '停用' : '启用'}了${what}`;
    return `${f.actor}修改了${what}的信息`;
  },
  'user.roles': (f, what) =>
    `${f.actor}调整了${what}的角色：由“${rolesOf(f.before)}”改为“${rolesOf(f.after)}”`,
  'user.password_reset': (f, what) => `${f.actor}重置了${what}的密码（首次登录须修改）`,
  'user.password_change': (f) => `${f.actor}修改了自己的密码`,
  'user.email_update': (f) => `${f.actor}修改了自己的通知邮箱`,
  'user.second_factor_enrol': (f) => `${f.actor}开启了两步验证（动态验证码），并取得恢复码`,
  'user.recovery_codes': (f) => `${f.actor}重新生成了两步验证恢复码`,
  'user.second_factor_disable': (f) => `${f.actor}关闭了自己的两步验证`,
  'user.second_factor_reset': (f, what) => `${f.actor}重置了${what}的两步验证（须重新设置）`,
  'security.unlock': (f) => `${f.actor}解除了账号“${f.entityId}”的全部登录限制（登录锁定）`,
  'security.policy': (f) => `${f.actor}修改了安全策略（密码、登录或会话设置）`,
  'agency.security': (f, what) =>
    `${f.actor}将${what}人员的两步验证设为${field(f.after, 'secondFactorRequired') ? '必须使用' : '自愿使用'}`,
  'security.alert': (f) => `系统发出安全告警：${text(field(f.after, 'message')) ?? '（无说明）'}`,
  'security.alert_acknowledged': (f, what) => `${f.actor}将${what}标记为已核实`,
  'application.reveal_identity': (f, what) =>
    `${f.actor}查看了${what}申请人的完整身份信息（证件号码、电话、地址、邮箱）`,
  'application.assign': (f, what) =>
    field(f.before, 'assignedUserId') ? `${f.actor}改派了${what}` : `${f.actor}分派了${what}`,
  'application.register': (f, what) => `${f.actor}登记了${what}`,
  'application.register_export': (f, what) =>
    `${f.actor}导出了${what}的申请登记台账（${(text(field(f.after, 'format')) ?? '').toUpperCase()}，收到日期 ${text(field(f.after, 'from')) ?? ''} 至 ${text(field(f.after, 'to')) ?? ''}）`,
  'application.fee_waived': (f, what) => `${f.actor}减免了${what}的信息处理费`,
  'application.approval_request': (f, what) => `${f.actor}就${what}提请审批`,
  'application.approval_withdraw': (f, what) => `${f.actor}撤回了${what}的审批请求`,
  'application.letter.acknowledgement': (f, what) =>
    `${f.actor}为${what}出具了受理回执（${text(field(f.after, 'documentNumber')) ?? '无文号'}）`,
  'application.attachment.add': (f, what) =>
    `${f.actor}为${what}上传了扫描件“${text(field(f.after, 'filename')) ?? ''}”`,
  'application.letter_numbers.update': (f, what) => `${f.actor}修改了${what}的文号格式`,
  'agency.unit.create': (f) =>
    `${f.actor}添加了科室“${text(field(f.after, 'name')) ?? ''}”${field(f.after, 'generalOffice') ? '（办公室）' : ''}`,
  'application.due_recomputed': (_f, what) => `节假日安排变化，${what}的答复期限重新计算`,
  'application_settings.update': (f, what) => `${f.actor}修改了${what}的依申请公开设置`,
  // The review-chain engine (services/review/engine.ts): <prefix>.approval_<step>.
  'application.approval_submit': (f, what) => `${f.actor}就${what}提请审批（${approvalKind(f)}）`,
  'application.approval_approve': (f, what) =>
    `${f.actor}同意了${what}的审批事项（${approvalKind(f)}）`,
  'application.approval_return': (f, what) =>
    `${f.actor}退回了${what}的审批事项（${approvalKind(f)}），意见：${text(field(f.after, 'comment')) ?? '（无）'}`,
  'report.approval_submit': (f, what) => `${f.actor}提请审批发布${what}`,
  'report.approval_approve': (f, what) => `${f.actor}同意发布${what}`,
  'report.approval_return': (f, what) =>
    `${f.actor}退回了${what}的发布申请，意见：${text(field(f.after, 'comment')) ?? '（无）'}`,
  'report.approval_withdraw': (f, what) => `${f.actor}撤回了${what}的发布申请`,
  'review_chain.update': (f, what) => `${f.actor}修改了${what}的审核流程`,
  'application_clause.update': (f, what) => `${f.actor}修改了${what}的答复条款库`,
  'appeal.create': (f) => `${f.actor}登记了复议或诉讼记录`,
  'appeal.update': (f) => `${f.actor}修改了复议或诉讼记录`,
  'notification.read': (f) => `${f.actor}将通知标为已读`,
  'agency.create': (f, what) => `${f.actor}建立了${what}`,
  'agency.update': (f, what) => `${f.actor}修改了${what}的信息`,
  'agency.alias_add': (f) =>
    `${f.actor}为机关“${text(field(f.after, 'agency')) ?? ''}”登记别名“${text(field(f.after, 'alias')) ?? ''}”`,
  'agency.alias_remove': (f) => `${f.actor}删除了机关别名“${text(field(f.before, 'alias')) ?? ''}”`,
  'region.create': (f, what) => `${f.actor}建立了${what}`,
  'government.create': (f) => `${f.actor}建立了“${text(field(f.after, 'name')) ?? '人民政府'}”`,
  'reminder_settings.update': (f, what) => `${f.actor}修改了${what}的督办提醒设置`,
  'reminders.daily_run': () => '系统运行了每日提醒',
  'calendar_year.create': (f) => `${f.actor}录入了节假日安排`,
  'calendar_year.update': (f) => `${f.actor}修改了节假日安排`,
  'report.create': (f, what) => `${f.actor}新建了${what}`,
  'report.draft_save': (f, what) => `${f.actor}保存了${what}的草稿`,
  'report.publish': (f, what) => `${f.actor}发布了${what}`,
  'report.publish_correction': (f, what) => `${f.actor}发布了${what}的更正版本`,
  'report.start_correction': (f, what) => `${f.actor}开始更正${what}`,
  'report.file_read': (f) => `${f.actor}上传并读取了一份报告文件`,
  'report.import': (f, what) => `${f.actor}导入了${what}（来自上传的报告文件）`,
  'secrets.rotate': (f) =>
    `${f.actor}用${field(f.after, 'algorithm') === 'sm4' ? '国密 SM4' : 'AES-256-GCM'}和密钥 ${text(field(f.after, 'keyId')) ?? ''} 重新加密了 ${text(field(f.after, 'resealed')) ?? ''} 项个人信息`,
  'supervision.export': (f, what) => `${f.actor}导出了${what}的数据集`,
  'supervision.settings_update': (f, what) => `${f.actor}修改了${what}的监督设置`,
  'supervision.import_start': (f) => `${f.actor}开始批量导入报告`,
  'supervision.import_upload': (f) => `${f.actor}为批量导入上传了文件`,
  'supervision.import_settle': (f) => `${f.actor}处理了批量导入中的一份报告`,
  'supervision.finding_confirmed': (f) => `${f.actor}确认一条审查发现，交机关更正`,
  'supervision.finding_dismissed': (f) => `${f.actor}排除了一条审查发现`,
  'supervision.finding_withdrawn': (f) => `${f.actor}撤回了对一条审查发现的确认`,
  'audit.archive': (f) =>
    `${f.actor}归档了第 ${text(field(f.after, 'from')) ?? '?'}–${text(field(f.after, 'to')) ?? '?'} 条留痕（已移出数据库，保存在签名的归档文件中）`,
  'audit.export': (f) =>
    `${f.actor}导出了全部操作留痕（${(text(field(f.after, 'format')) ?? '').toUpperCase()}）`,
  'audit.verify': (f) =>
    `${f.actor}校验了留痕哈希链与链外锚点：${field(f.after, 'ok') ? '完好' : '发现问题'}`,
  // 主动公开
  'proactive.create': (f) =>
    `${f.actor}起草了主动公开信息《${text(field(f.after, 'title')) ?? ''}》（索引号 ${text(field(f.after, 'indexNumber')) ?? ''}）`,
  'proactive.update': (f) =>
    `${f.actor}修改了主动公开信息草稿《${text(field(f.after, 'title')) ?? ''}》`,
  'proactive.publish': (f) =>
    `${f.actor}（审查通过）发布了主动公开信息《${text(field(f.after, 'title')) ?? ''}》`,
  'proactive.record_published': (f) =>
    `${f.actor}登记了已发布的主动公开信息《${text(field(f.after, 'title')) ?? ''}》（${text(field(f.after, 'publishedOn')) ?? ''}）`,
  'proactive.withdraw': (f) =>
    `${f.actor}撤回了主动公开信息，原因：${text(field(f.after, 'reason')) ?? ''}`,
  'proactive.correct': (f) =>
    `${f.actor}更正了主动公开信息《${text(field(f.after, 'title')) ?? ''}》（第 ${text(field(f.after, 'version')) ?? ''} 版），原因：${text(field(f.after, 'reason')) ?? ''}`,
  'proactive.validity': (f, what) => {
    const validity = VALIDITY_LABELS[String(field(f.after, 'validity'))] ?? '有效性有变化';
    const on = text(field(f.after, 'changedOn'));
    return `${f.actor}标明${what}${validity}${on ? `（${on}）` : ''}`;
  },
  'proactive.attachment_add': (f) =>
    `${f.actor}上传了附件“${text(field(f.after, 'filename')) ?? ''}”`,
  'proactive.attachment_remove': (f) =>
    `${f.actor}删除了附件“${text(field(f.before, 'filename')) ?? ''}”`,
  'proactive.secrecy_check': (f) => `${f.actor}完成了保密审查清单`,
  'proactive.index_scheme': (f) =>
    `${f.actor}修改了索引号规则为“${text(field(f.after, 'indexScheme')) ?? ''}”`,
  'proactive.catalogue_add': (f) =>
    `${f.actor}添加了标准目录事项“${text(field(f.after, 'matter')) ?? ''}”`,
  'proactive.catalogue_update': (f) =>
    `${f.actor}修改了标准目录事项“${text(field(f.after, 'matter')) ?? ''}”`,
  'proactive.guide_save': (f) =>
    `${f.actor}保存了政府信息公开指南（第 ${text(field(f.after, 'version')) ?? ''} 版）`,
  'proactive.year_figures': (f) =>
    `${f.actor}录入了 ${text(field(f.after, 'year')) ?? ''} 年表二（五）（六）（八）的数字`,
  'site.identity': (f) => `${f.actor}修改了门户网站标识（网站名称、备案号等）`,
};

function approvalKind(f: AuditFacts): string {
  const kind = field(f.after, 'kind');
  if (kind === 'application.extension') return '延长答复期限';
  if (kind === 'application.reply' || kind === 'application.reply_withholding') return '答复';
  return '审批事项';
}

/** Every action this module puts into words (the tests check the services record no other). */
export const DESCRIBED_ACTIONS: readonly string[] = Object.keys(DESCRIPTIONS);

/** One sentence for one audit record. */
export function describeAuditEntry(f: AuditFacts): string {
  const what = entityPhrase(f);
  const describe = DESCRIPTIONS[f.action];
  if (describe) return `${describe(f, what)}。`;
  const event = /^application\.event\.(.+)$/.exec(f.action)?.[1];
  if (event) {
    const label = APPLICATION_EVENT_LABELS[event as ApplicationEventType] ?? '办理步骤';
    return `${f.actor}为${what}记录办理步骤：${label}。`;
  }
  return `${f.actor}变更了${what}。`;
}
