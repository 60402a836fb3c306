import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { BACKDATABLE_EVENTS, type ApplicationEventType } from '../../core/applications/events.js';
import { primaryOutcome } from '../../core/applications/outcomes.js';
import { lastDayPhrase } from '../../core/calendar/date.js';
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  OUTCOME_GROUPS,
  type OutcomeRowKey,
} from '../../core/report/format.js';
import { downloadAfterReauth } from '../reauth.js';
import { api } from '../api.js';
import { Link, useRouter } from '../router.js';
import { useSession } from '../session.js';
import { ErrorNotice, Field, fieldError, Page, ChooseAgency } from '../ui.js';
import { formatInstant, shanghaiToday } from '../format.js';

/** The applications module of the workspace: the case list by urgency, registration, a case. */

export interface Summary {
  id: string;
  number: string;
  channelLabel: string;
  receivedOn: string;
  applicantName: string;
  applicantKindLabel: string;
  idNumberMasked: string | null;
  description: string;
  status: string;
  statusLabel: string;
  outcomeLabel: string | null;
  assignedUserId: string | null;
  assignedUserName: string | null;
  dueOn: string | null;
  /** 暂定: counted over a year without the State Council's holiday notice. */
  dueProvisional?: boolean;
  urgency: Urgency | null;
  workingDaysLeft: number | null;
  urgencyNote: string | null;
  deadline: { kind: 'reply' | 'correction' | 'fee'; on: string } | null;
}
type Urgency =
  | 'overdue'
  | 'due_today'
  | 'due_soon'
  | 'on_track'
  | 'undetermined'
  | 'correction_expired'
  | 'correction_expiring'
  | 'fee_expired'
  | 'fee_expiring';

interface EventView {
  seq: number;
  type: string;
  label: string;
  date: string;
  recordedOn: string;
  backdated: boolean;
  details: string[];
  note: string | null;
  actor: string;
  at: string;
}
interface ActionView {
  action: string;
  label: string;
  allowed: boolean;
  reason: string | null;
}
interface LetterView {
  id: string;
  kind: string;
  title: string;
  issuedOn: string;
}
interface FeeView {
  id: string;
  method: string;
  quantity: number;
  priorItems: number;
  amountYuan: string;
  status: string;
  payBy: string | null;
  waivedReason: string | null;
}
interface Detail extends Summary {
  idTypeLabel: string;
  legalRepresentative: string | null;
  phoneMasked: string | null;
  hasAddress: boolean;
  hasEmail: boolean;
  formWantedLabel: string;
  deliveryMethodLabel: string;
  legalBasis: string | null;
  events: EventView[];
  due: { dueOn: string | null; rule: string[]; error: string | null; provisional?: boolean };
  /** The source of every day of the period (notice, holiday law, weekend). */
  dueDays?: string[];
  /** Changes of the due date when a holiday notice was entered. */
  dueChanges?: { at: string; by: string; text: string }[];
  historyProblem: string | null;
  actions: ActionView[];
  consultations: { id: string; name: string | null; endedOn: string | null; limitOn: string }[];
  correction: {
    requestedOn: string;
    correctBy: string;
    lateSubmission: { on: string; text: string | null; explanation: string | null } | null;
  } | null;
  fees: FeeView[];
  letters: LetterView[];
  canReveal: boolean;
  canAssign: boolean;
  assignments: { at: string; from: string | null; to: string | null; by: string }[];
}
interface ApprovalView {
  id: string;
  kindLabel: string;
  summary: string;
  status: string;
  currentLevelLabel: string | null;
  requestedBy: string;
  requestedAt: string;
  steps: { levelLabel: string; decision: string; comment: string | null; by: string }[];
  canDecide: boolean;
  canWithdraw: boolean;
}

export const URGENCY_LABELS: Record<Urgency, string> = {
  overdue: '已超期',
  due_today: '今日到期',
  due_soon: '3 个工作日内到期',
  on_track: '未到期',
  undetermined: '无法判断是否临近到期',
  correction_expired: '补正期限已过',
  correction_expiring: '补正期限将届满',
  fee_expired: '缴费期限已过',
  fee_expiring: '缴费期限将届满',
};

/** The tiles above the list: what needs doing now. */
const URGENT_TILES: Urgency[] = [
  'overdue',
  'due_today',
  'due_soon',
  'correction_expired',
  'fee_expired',
];

const DEADLINE_LABELS = { reply: '答复期限', correction: '补正期限', fee: '缴费期限' } as const;

export function UrgencyBadge({
  urgency,
  days,
  note,
}: {
  urgency: Urgency | null;
  days?: number | null;
  note?: string | null;
}) {
  if (!urgency) return null;
  const extra =
    (urgency === 'overdue' || urgency.endsWith('_expired')) && days
      ? `（${-days} 个工作日）`
      : (urgency === 'due_soon' || urgency.endsWith('_expiring')) && days
        ? `（剩 ${days} 个工作日）`
        : '';
  return (
    <span className={`badge badge-${urgency}`} title={note ?? undefined}>
      {URGENCY_LABELS[urgency]}
      {extra}
    </span>
  );
}

const canHandle = (role: string | undefined) => role === 'clerk' || role === 'system_admin';

// --- list --------------------------------------------------------------------------------------

export function ApplicationsPage() {
  const { context, me } = useSession();
  const agencyId = context?.agencyId;
  const [scope, setScope] = useState('open');
  const [urgency, setUrgency] = useState('');
  const [assignee, setAssignee] = useState('');
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [list, setList] = useState<{
    applications: Summary[];
    counts: Record<Urgency, number>;
    problems: { number: string; message: string }[];
  } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!agencyId) return;
    const params = new URLSearchParams({ scope });
    if (urgency) params.set('urgency', urgency);
    if (assignee) params.set('assignee', assignee === 'me' ? me.user.id : assignee);
    if (query) params.set('text', query);
    api<NonNullable<typeof list>>(
      'GET',
      `/api/v1/agencies/${agencyId}/applications?${params}`,
    ).then(setList, setError);
  }, [agencyId, scope, urgency, assignee, query, me.user.id]);

  if (!agencyId) return <ChooseAgency title="依申请公开" />;
  const year = shanghaiToday().slice(0, 4);
  return (
    <Page
      title="依申请公开"
      actions={
        <>
          <a
            className="button"
            href={`/api/v1/agencies/${agencyId}/application-register.xlsx?year=${year}`}
            onClick={downloadAfterReauth}
          >
            导出台账（Excel）
          </a>
          <a
            className="button"
            href={`/api/v1/agencies/${agencyId}/application-register.csv?year=${year}`}
            onClick={downloadAfterReauth}
          >
            CSV
          </a>
          {canHandle(context?.role) ? (
            <Link to="/applications/new" className="button primary-link">
              登记申请
            </Link>
          ) : null}
        </>
      }
    >
      <ErrorNotice error={error} />
      <div className="urgency-tiles" aria-label="按紧急程度">
        {URGENT_TILES.map((u) => (
          <button
            key={u}
            type="button"
            className={`tile-button badge-${u}${urgency === u ? ' selected' : ''}`}
            onClick={() => setUrgency(urgency === u ? '' : u)}
          >
            <strong>{list?.counts[u] ?? '—'}</strong>
            <span>{URGENCY_LABELS[u]}</span>
          </button>
        ))}
      </div>
      <form
        className="inline-form filters"
        aria-label="筛选"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(text.trim());
        }}
      >
        <label className="inline">
          范围
          <select value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="open">办理中</option>
            <option value="closed">已办结</option>
            <option value="all">全部</option>
          </select>
        </label>
        <label className="inline">
          紧急程度
          <select value={urgency} onChange={(e) => setUrgency(e.target.value)}>
            <option value="">全部</option>
            {Object.entries(URGENCY_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          经办人
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">全部</option>
            <option value="me">我经办的</option>
            <option value="unassigned">未分派</option>
          </select>
        </label>
        <label className="inline">
          查找
          <input
            type="search"
            placeholder="编号、申请人或所需信息"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit">查找</button>
      </form>
      {list && list.problems.length > 0 ? (
        <div className="notice notice-error" role="alert">
          {list.problems.map((p) => (
            <div key={p.number}>
              {p.number}：{p.message}
            </div>
          ))}
        </div>
      ) : null}
      <table className="data" aria-label="申请列表">
        <thead>
          <tr>
            <th>申请编号</th>
            <th>申请人</th>
            <th>所需信息</th>
            <th>收到日期</th>
            <th>状态</th>
            <th>答复期限</th>
            <th>经办人</th>
          </tr>
        </thead>
        <tbody>
          {(list?.applications ?? []).map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/applications/${a.id}`}>{a.number}</Link>
              </td>
              <td>
                {a.applicantName}
                <div className="muted small">{a.applicantKindLabel}</div>
              </td>
              <td className="description">{a.description}</td>
              <td>
                {a.receivedOn}
                <div className="muted small">{a.channelLabel}</div>
              </td>
              <td>
                {a.statusLabel}
                {a.outcomeLabel ? <div className="muted small">{a.outcomeLabel}</div> : null}
              </td>
              <td>
                {a.deadline && a.deadline.kind !== 'reply' ? (
                  <div className="small">
                    {DEADLINE_LABELS[a.deadline.kind]} {a.deadline.on}
                  </div>
                ) : null}
                {a.dueOn ?? '—'}
                {a.dueProvisional ? (
                  <span className="badge badge-undetermined">暂定</span>
                ) : null}{' '}
                <UrgencyBadge urgency={a.urgency} days={a.workingDaysLeft} note={a.urgencyNote} />
                {a.urgencyNote ? <div className="muted small">{a.urgencyNote}</div> : null}
              </td>
              <td>{a.assignedUserName ?? <span className="muted">未分派</span>}</td>
            </tr>
          ))}
          {list && list.applications.length === 0 ? (
            <tr>
              <td colSpan={7} className="muted">
                没有符合条件的申请。
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </Page>
  );
}

// --- registration ------------------------------------------------------------------------------

const CHANNELS: [string, string, string][] = [
  ['in_person', '当面提交', '以提交之日为收到申请之日'],
  ['registered_mail', '邮寄（需签收）', '以签收之日为收到申请之日'],
  ['letter', '平常信函', '以与申请人确认之日为收到申请之日'],
  ['fax', '传真', '以双方确认之日为收到申请之日'],
  ['email', '电子邮件', '以双方确认之日为收到申请之日'],
  ['online', '互联网渠道', '以双方确认之日为收到申请之日'],
];

const ORGANISATION_KINDS = APPLICANT_COLUMNS.filter((c) => c.key !== 'natural_person');

export function RegisterApplicationPage() {
  const { context } = useSession();
  const { navigate } = useRouter();
  const agencyId = context?.agencyId;
  const [form, setForm] = useState<Record<string, string>>({
    channel: 'in_person',
    receivedOn: shanghaiToday(),
    applicantType: 'natural_person',
    idType: 'resident_id',
    organisationKind: '',
    formWanted: 'paper',
    deliveryMethod: 'post',
  });
  // The idempotency key of this form: a double click registers one application, not two.
  const [key] = useState(() =>
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join(''),
  );
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ id: string; number: string; queryCode: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!agencyId) return <ChooseAgency title="登记申请" />;
  const set = (name: string) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [name]: e.target.value }));
  const organisation = form.applicantType === 'organisation';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = {
        ...form,
        ...(organisation
          ? { idType: 'credit_code' }
          : { organisationKind: '', legalRepresentative: '' }),
        idempotencyKey: key,
      };
      const r = await api<{
        application: { id: string; number: string };
        queryCode: string;
      }>('POST', `/api/v1/agencies/${agencyId}/applications`, body);
      setDone({ id: r.application.id, number: r.application.number, queryCode: r.queryCode });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Page title="申请已登记">
        <div className="card one-time" role="status" aria-label="登记结果">
          <p>
            申请编号 <strong className="code">{done.number}</strong>，查询码{' '}
            <strong className="code password">{done.queryCode}</strong>
          </p>
          <p className="muted">
            请把申请编号和查询码告知申请人（可写入受理回执）：申请人凭它们在门户网站查询办理情况、提交补正、下载答复。查询码只显示这一次。
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => navigate(`/applications/${done.id}`)}
          >
            打开这件申请
          </button>
        </div>
      </Page>
    );
  }

  const text = (name: string, label: string, hint?: string, type = 'text') => (
    <Field label={label} error={fieldError(error, name)} {...(hint ? { hint } : {})}>
      <input name={name} type={type} value={form[name] ?? ''} onChange={set(name)} />
    </Field>
  );
  return (
    <Page title="登记申请">
      <form className="card form" onSubmit={submit} aria-label="登记申请" noValidate>
        <ErrorNotice error={error} />
        <div className="row">
          <Field
            label="申请渠道"
            error={fieldError(error, 'channel')}
            hint={CHANNELS.find((c) => c[0] === form.channel)?.[2] + '（条例第三十一条）'}
          >
            <select name="channel" value={form.channel} onChange={set('channel')}>
              {CHANNELS.map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </Field>
          {text('receivedOn', '收到申请日期', undefined, 'date')}
        </div>
        <div className="row">
          <Field label="申请人类型" error={fieldError(error, 'applicantType')}>
            <select name="applicantType" value={form.applicantType} onChange={set('applicantType')}>
              <option value="natural_person">公民</option>
              <option value="organisation">法人或者其他组织</option>
            </select>
          </Field>
          {organisation ? (
            <Field label="单位类型" error={fieldError(error, 'organisationKind')}>
              <select
                name="organisationKind"
                value={form.organisationKind}
                onChange={set('organisationKind')}
              >
                <option value="">（请选择）</option>
                {ORGANISATION_KINDS.map((k) => (
                  <option key={k.key} value={k.key}>
                    {k.label}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <Field label="证件类型" error={fieldError(error, 'idType')}>
              <select name="idType" value={form.idType} onChange={set('idType')}>
                <option value="resident_id">居民身份证</option>
                <option value="other">其他身份证件</option>
              </select>
            </Field>
          )}
        </div>
        {text('name', organisation ? '单位名称' : '姓名')}
        {text('idNumber', organisation ? '统一社会信用代码' : '证件号码')}
        {organisation ? text('legalRepresentative', '法定代表人或负责人') : null}
        <div className="row">
          {text('phone', '联系电话')}
          {text('email', '电子邮箱', '选择电子邮件送达的必填')}
        </div>
        {text('address', '通信地址', '选择邮寄的必填')}
        <Field
          label="所需政府信息的名称、文号或者特征性描述"
          error={fieldError(error, 'description')}
        >
          <textarea
            name="description"
            rows={4}
            value={form.description ?? ''}
            onChange={set('description')}
          />
        </Field>
        <div className="row">
          <Field label="获取信息的形式" error={fieldError(error, 'formWanted')}>
            <select name="formWanted" value={form.formWanted} onChange={set('formWanted')}>
              <option value="paper">纸质</option>
              <option value="electronic">电子</option>
            </select>
          </Field>
          <Field label="获取信息的方式" error={fieldError(error, 'deliveryMethod')}>
            <select
              name="deliveryMethod"
              value={form.deliveryMethod}
              onChange={set('deliveryMethod')}
            >
              <option value="post">邮寄</option>
              <option value="pickup">当面领取</option>
              <option value="email">电子邮件</option>
              <option value="online">网上获取</option>
            </select>
          </Field>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          登记
        </button>
      </form>
    </Page>
  );
}

// --- one case ----------------------------------------------------------------------------------

/** Table 三 outcomes as a grouped list, for the reply form. */
function outcomeOptions(): ReactNode {
  return OUTCOME_GROUPS.filter((g) => g.key !== 'total').map((g) => {
    const rows = APPLICATION_ROWS.filter(
      (r) => r.group === g.key && r.key !== 'other.no_correction' && r.key !== 'other.fee_unpaid',
    );
    return (
      <optgroup key={g.key} label={`${g.number}${g.label}`}>
        {rows.map((r) => (
          <option key={r.key} value={r.key}>
            {r.key === g.key ? g.label.replace(/（.*）$/, '') : r.label}
          </option>
        ))}
      </optgroup>
    );
  });
}

interface ActionFormProps {
  detail: Detail;
  onDone: (d: Detail) => void;
}

function ActionForm({
  action,
  label,
  base,
  onDone,
  detail,
  suggested,
}: ActionFormProps & {
  action: string;
  label: string;
  base: string;
  suggested: Record<string, string>;
}) {
  const today = shanghaiToday();
  const [values, setValues] = useState<Record<string, string>>(() => ({
    date: today,
    deliveredOn: today,
    party: 'third_party',
    method: 'pages',
    workingDays: '20',
    outcome: 'disclosed',
    legalBasis: suggested.disclosed ?? '',
    consultationId: detail.consultations.find((c) => c.endedOn === null)?.id ?? '',
  }));
  const [error, setError] = useState<unknown>(null);
  const [quote, setQuote] = useState<string | null>(null);
  /** Outcomes of the parts, when parts were decided differently. */
  const [parts, setParts] = useState<OutcomeRowKey[]>([]);
  const set = (name: string) => (e: { target: { value: string } }) =>
    setValues((v) => ({
      ...v,
      [name]: e.target.value,
      ...(name === 'outcome' ? { legalBasis: suggested[e.target.value] ?? '' } : {}),
    }));

  useEffect(() => {
    if ((action !== 'fee_notice_issued' && action !== 'fee_waived') || !values.quantity) return;
    api<{ fee: { totalFen: number }; priorItems: number }>(
      'GET',
      `${base}/fee-quote?method=${values.method}&quantity=${values.quantity}`,
    ).then(
      (q) =>
        setQuote(
          `${values.method === 'items' ? `本月此前已有 ${q.priorItems} 件；` : ''}应收 ${(q.fee.totalFen / 100).toFixed(2)} 元`,
        ),
      () => setQuote(null),
    );
  }, [action, base, values.method, values.quantity]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const v = values;
    try {
      let d: Detail;
      if (action === 'extension_request') {
        d = await api<Detail>('POST', `${base}/approvals`, {
          kind: 'extension',
          workingDays: Number(v.workingDays),
          reason: v.reason ?? '',
        });
      } else if (action === 'reply_request') {
        d = await api<Detail>('POST', `${base}/approvals`, {
          kind: 'reply',
          ...(parts.length > 0 ? { parts } : { outcome: v.outcome }),
          legalBasis: v.legalBasis ?? '',
          details: v.details ?? '',
        });
      } else {
        const body: Record<string, unknown> = { type: action, date: v.date };
        const pick = (...names: string[]) => {
          for (const n of names) if (v[n]) body[n] = n === 'quantity' ? Number(v[n]) : v[n];
        };
        switch (action) {
          case 'correction_requested':
            pick('correctBy', 'note');
            break;
          case 'correction_received':
            pick('text', 'lateReason', 'note');
            break;
          case 'consultation_started':
            pick('party', 'name', 'note');
            break;
          case 'consultation_answered':
          case 'consultation_lapsed':
            pick('consultationId', 'note');
            break;
          case 'fee_notice_issued':
            pick('method', 'quantity', 'deliveredOn', 'note');
            break;
          case 'fee_waived':
            pick('method', 'quantity', 'waivedReason');
            break;
          default:
            pick('note');
        }
        d = await api<Detail>('POST', `${base}/events`, body);
      }
      onDone(d);
    } catch (e) {
      setError(e);
    }
  }

  const input = (name: string, text: string, type = 'text', hint?: string) => (
    <Field label={text} error={fieldError(error, name)} {...(hint ? { hint } : {})}>
      <input name={name} type={type} value={values[name] ?? ''} onChange={set(name)} />
    </Field>
  );
  const area = (name: string, text: string, hint?: string) => (
    <Field label={text} error={fieldError(error, name)} {...(hint ? { hint } : {})}>
      <textarea name={name} rows={3} value={values[name] ?? ''} onChange={set(name)} />
    </Field>
  );
  const viaApproval = action === 'extension_request' || action === 'reply_request';
  const review = detail.status === 'correction_review';
  return (
    <form className="card action-form" onSubmit={submit} aria-label={label} noValidate>
      <h3>{label}</h3>
      <ErrorNotice error={error} />
      {viaApproval ? null : BACKDATABLE_EVENTS.includes(action as ApplicationEventType) ? (
        input('date', '日期', 'date', '可补记此前发生的日期；补记须在备注中写明依据')
      ) : (
        <Field label="日期" hint="本机关的文书和办理决定以记录当天为日期，不能倒签">
          <input name="date" type="date" value={today} readOnly />
        </Field>
      )}
      {action === 'correction_requested' ? (
        <>
          {input('correctBy', '补正期限', 'date', '申请人最迟补正的日期')}
          {area('note', '需要补正的内容', '一次性告知（条例第三十条）；会写入补正告知书')}
        </>
      ) : null}
      {action === 'correction_received' && review ? (
        <>
          <p className="muted small">
            接受后，答复期限自申请人提交补正之日（{detail.correction?.lateSubmission?.on}
            ）起重新计算（条例第三十条）。
          </p>
          {input('lateReason', '本机关认定的正当理由', 'text', '必填：为何接受逾期的补正')}
        </>
      ) : action === 'correction_received' ? (
        <>
          {area('text', '补正后的申请内容', '申请人补正后所需信息的描述；答复告知书会引用')}
          {input(
            'lateReason',
            '逾期补正的正当理由（本机关认定）',
            'text',
            '补正期限已过时必填：是否属于正当理由由本机关判断',
          )}
        </>
      ) : null}
      {action === 'correction_lapsed' && review ? (
        <p className="muted small">
          不接受的，本申请按“申请人无正当理由逾期不补正”办结，并生成不再处理告知书。
        </p>
      ) : null}
      {action === 'extension_request' ? (
        <>
          {input('workingDays', '延长的工作日数', 'number', '最长 20 个工作日（条例第三十三条）')}
          {area('reason', '延长的理由')}
        </>
      ) : null}
      {action === 'consultation_started' ? (
        <>
          <Field label="征求意见的对象">
            <select name="party" value={values.party} onChange={set('party')}>
              <option value="third_party">第三方（条例第三十二条）</option>
              <option value="agency">其他机关（条例第三十四条）</option>
            </select>
          </Field>
          {input('name', '名称')}
        </>
      ) : null}
      {action === 'consultation_answered' || action === 'consultation_lapsed' ? (
        <Field label="征求意见">
          <select
            name="consultationId"
            value={values.consultationId}
            onChange={set('consultationId')}
          >
            {detail.consultations
              .filter((c) => c.endedOn === null)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id} {c.name ?? ''}（对方答复期限：{lastDayPhrase(c.limitOn)}）
                </option>
              ))}
          </select>
        </Field>
      ) : null}
      {action === 'fee_notice_issued' || action === 'fee_waived' ? (
        <>
          <Field label="收费方式" hint="国办函〔2020〕109号：每件申请只选一种">
            <select name="method" value={values.method} onChange={set('method')}>
              <option value="pages">按量（页数）</option>
              <option value="items">按件（本月件数）</option>
            </select>
          </Field>
          {input('quantity', values.method === 'items' ? '本申请计件数' : '页数', 'number')}
          {quote ? <p className="muted">{quote}</p> : null}
          {action === 'fee_notice_issued'
            ? input('deliveredOn', '申请人收到收费通知的日期', 'date')
            : area('waivedReason', '不收费的理由')}
        </>
      ) : null}
      {action === 'reply_request' ? (
        <>
          <Field
            label="办理结果（年度报告表三的类别）"
            error={fieldError(error, 'outcome')}
            hint="部分公开的，只计部分公开"
          >
            <select
              name="outcome"
              value={values.outcome}
              onChange={set('outcome')}
              disabled={parts.length > 0}
            >
              {outcomeOptions()}
            </select>
          </Field>
          <Field
            label="各部分的处理结果（对不同部分作不同处理时多选）"
            hint="多选时，年度报告只计一项：部分公开优先"
          >
            <select
              name="parts"
              multiple
              size={6}
              value={parts}
              onChange={(e) => {
                const chosen = Array.from(
                  e.target.selectedOptions,
                  (o) => o.value as OutcomeRowKey,
                );
                setParts(chosen);
                if (chosen.length > 0) {
                  const counted = primaryOutcome(chosen);
                  setValues((v) => ({
                    ...v,
                    outcome: counted,
                    legalBasis: suggested[counted] ?? v.legalBasis ?? '',
                  }));
                }
              }}
            >
              {outcomeOptions()}
            </select>
          </Field>
          {parts.length > 0 ? (
            <p className="muted">
              年度报告表三计为：
              {APPLICATION_ROWS.find((r) => r.key === primaryOutcome(parts))?.label}
            </p>
          ) : null}
          {input('legalBasis', '法律依据')}
          {area(
            'details',
            '答复内容',
            '提供了什么、在哪里获取；不予公开部分的理由——写入答复告知书',
          )}
        </>
      ) : null}
      {[
        'delivered',
        'closed',
        'withdrawn',
        'correction_lapsed',
        'fee_paid',
        'fee_lapsed',
        'consultation_answered',
        'consultation_lapsed',
        'correction_received',
        'consultation_started',
        'fee_notice_issued',
      ].includes(action)
        ? area(
            'note',
            action === 'withdrawn'
              ? '撤回理由'
              : action === 'delivered'
                ? '送达方式'
                : action === 'correction_lapsed' && review
                  ? '不接受的理由（写入不再处理告知书）'
                  : '备注',
          )
        : null}
      <button type="submit" className="primary">
        {viaApproval ? '提交' : '记录'}
      </button>
    </form>
  );
}

export function ApplicationDetailPage({ id }: { id: string }) {
  const { context, me } = useSession();
  const agencyId = context?.agencyId;
  const base = `/api/v1/agencies/${agencyId}/applications/${id}`;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [approvals, setApprovals] = useState<ApprovalView[]>([]);
  const [handlers, setHandlers] = useState<{ id: string; displayName: string }[]>([]);
  const [suggested, setSuggested] = useState<Record<string, string>>({});
  const [revealed, setRevealed] = useState<Record<string, string | null> | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    if (!agencyId) return;
    try {
      const [d, a] = await Promise.all([
        api<Detail>('GET', base),
        api<{ approvals: ApprovalView[] }>('GET', `${base}/approvals`),
      ]);
      setDetail(d);
      setApprovals(a.approvals);
    } catch (e) {
      setError(e);
    }
  }, [agencyId, base]);
  useEffect(() => {
    void load();
    if (!agencyId) return;
    api<{ handlers: { id: string; displayName: string }[] }>(
      'GET',
      `/api/v1/agencies/${agencyId}/application-handlers`,
    ).then((r) => setHandlers(r.handlers), setError);
    api<{ suggestedLegalBasis: Record<string, string> }>(
      'GET',
      `/api/v1/agencies/${agencyId}/application-settings`,
    ).then((r) => setSuggested(r.suggestedLegalBasis), setError);
  }, [load, agencyId]);

  if (!agencyId) return <ChooseAgency title="申请" />;
  if (!detail)
    return (
      <Page title="申请">
        {error ? <ErrorNotice error={error} /> : <p className="muted">正在加载…</p>}
      </Page>
    );

  const handling = canHandle(context?.role);
  const done = async (d: Detail, text: string) => {
    setOpen(null);
    setDetail(d);
    setMessage(text);
    const a = await api<{ approvals: ApprovalView[] }>('GET', `${base}/approvals`);
    setApprovals(a.approvals);
  };
  async function reveal() {
    setError(null);
    try {
      setRevealed(await api<Record<string, string | null>>('POST', `${base}/reveal`));
    } catch (e) {
      setError(e);
    }
  }
  async function assign(userId: string) {
    setError(null);
    try {
      await done(
        await api<Detail>('PUT', `${base}/assignee`, { userId: userId || null }),
        '经办人已更新。',
      );
    } catch (e) {
      setError(e);
    }
  }
  async function withdraw(approvalId: string) {
    try {
      await api('POST', `/api/v1/agencies/${agencyId}/approvals/${approvalId}/withdraw`);
      await load();
    } catch (e) {
      setError(e);
    }
  }

  const allowed = detail.actions.filter((a) => a.allowed);
  const blocked = detail.actions.filter((a) => !a.allowed && a.reason);
  const letterBase = `${base}/letters`;
  return (
    <Page title={`申请 ${detail.number}`} actions={<Link to="/applications">返回列表</Link>}>
      {message ? (
        <div className="notice notice-ok" role="status">
          {message}
        </div>
      ) : null}
      <ErrorNotice error={error} />
      {detail.historyProblem ? (
        <div className="notice notice-error">{detail.historyProblem}</div>
      ) : null}
      <div className="case-grid">
        <section className="card" aria-label="申请信息">
          <h2>
            {detail.statusLabel}{' '}
            <UrgencyBadge urgency={detail.urgency} days={detail.workingDaysLeft} />
          </h2>
          <dl className="facts">
            <dt>申请人</dt>
            <dd>
              {detail.applicantName}（{detail.applicantKindLabel}）
            </dd>
            {detail.legalRepresentative ? (
              <>
                <dt>法定代表人</dt>
                <dd>{detail.legalRepresentative}</dd>
              </>
            ) : null}
            <dt>{detail.idTypeLabel}</dt>
            <dd data-testid="id-number">{revealed?.idNumber ?? detail.idNumberMasked}</dd>
            <dt>联系电话</dt>
            <dd>{revealed?.phone ?? detail.phoneMasked}</dd>
            <dt>通信地址</dt>
            <dd>{revealed ? (revealed.address ?? '—') : detail.hasAddress ? '（已隐藏）' : '—'}</dd>
            <dt>电子邮箱</dt>
            <dd>{revealed ? (revealed.email ?? '—') : detail.hasEmail ? '（已隐藏）' : '—'}</dd>
            <dt>收到</dt>
            <dd>
              {detail.receivedOn}（{detail.channelLabel}）
            </dd>
            <dt>所需信息</dt>
            <dd>{detail.description}</dd>
            <dt>形式与方式</dt>
            <dd>
              {detail.formWantedLabel}，{detail.deliveryMethodLabel}
            </dd>
            {detail.outcomeLabel ? (
              <>
                <dt>办理结果</dt>
                <dd>
                  {detail.outcomeLabel}
                  {detail.legalBasis ? (
                    <div className="muted small">依据：{detail.legalBasis}</div>
                  ) : null}
                </dd>
              </>
            ) : null}
          </dl>
          {detail.canReveal && !revealed ? (
            <button type="button" onClick={() => void reveal()}>
              显示完整证件号码和联系方式
            </button>
          ) : null}
          {!detail.canReveal ? (
            <p className="muted small">证件号码和联系方式只对本案经办人完整显示。</p>
          ) : (
            <p className="muted small">每次查看都会记入操作留痕。</p>
          )}
          {detail.canAssign ? (
            <label className="inline">
              经办人
              <select
                aria-label="经办人"
                value={detail.assignedUserId ?? ''}
                onChange={(e) => void assign(e.target.value)}
              >
                <option value="">（未分派）</option>
                {handlers.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.displayName}
                    {h.id === me.user.id ? '（我）' : ''}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="small">
              经办人：{detail.assignedUserName ?? '（未分派）'}
              <span className="muted">（已分派的申请，只有当前经办人或机关管理员可以改派）</span>
            </p>
          )}
        </section>
        <section className="card" aria-label="答复期限">
          <h2>
            答复期限：{detail.due.dueOn ? lastDayPhrase(detail.due.dueOn) : '—'}
            {detail.dueProvisional ? <span className="badge badge-undetermined">暂定</span> : null}
          </h2>
          {detail.due.error ? <div className="notice notice-error">{detail.due.error}</div> : null}
          {detail.due.provisional ? (
            <p className="muted small">征求意见或等待缴费尚未结束，期限按对方期限届满暂算。</p>
          ) : null}
          <ul className="rule">
            {detail.due.rule.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          {detail.dueDays && detail.dueDays.length > 0 ? (
            <details>
              <summary className="small">各日依据（通知、放假办法、周末）</summary>
              <ul className="rule small" aria-label="各日依据">
                {detail.dueDays.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </details>
          ) : null}
          {detail.dueChanges && detail.dueChanges.length > 0 ? (
            <>
              <h3>期限变化</h3>
              <ul className="small" aria-label="期限变化">
                {detail.dueChanges.map((c, i) => (
                  <li key={i}>
                    {formatInstant(c.at)} {c.text}（{c.by}）
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>

      <section className="card" aria-label="办理过程">
        <h2>办理过程</h2>
        <ol className="timeline">
          {detail.events.map((e) => (
            <li key={e.seq}>
              <strong>{e.date}</strong> {e.label}
              {e.backdated ? (
                <span className="badge badge-undetermined" title="补记">
                  补记（{e.recordedOn} 记录）
                </span>
              ) : null}
              {e.details.map((d, i) => (
                <div key={i} className="small">
                  {d}
                </div>
              ))}
              {e.note ? <div className="note">{e.note}</div> : null}
              <div className="muted small">{e.actor}</div>
            </li>
          ))}
        </ol>
        {detail.assignments.length > 0 ? (
          <>
            <h3>经办人变更</h3>
            <ul className="small" aria-label="经办人变更">
              {detail.assignments.map((a, i) => (
                <li key={i}>
                  {formatInstant(a.at)} {a.from ?? '（未分派）'} → {a.to ?? '（未分派）'}（{a.by}）
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {approvals.length > 0 ? (
        <section className="card" aria-label="审批">
          <h2>审批</h2>
          <ul>
            {approvals.map((a) => (
              <li key={a.id}>
                {a.kindLabel}：{a.summary} ·{' '}
                {a.status === 'pending'
                  ? `待${a.currentLevelLabel ?? ''}审批`
                  : { approved: '已同意', returned: '已退回', withdrawn: '已撤回' }[a.status]}
                {a.steps
                  .filter((d) => d.comment)
                  .map((d, i) => (
                    <div key={i} className="muted small" data-testid="approval-comment">
                      {d.levelLabel} {d.by}
                      {d.decision === 'return' ? '退回' : '同意'}：{d.comment}
                    </div>
                  ))}
                {a.canWithdraw ? (
                  <button type="button" className="link" onClick={() => void withdraw(a.id)}>
                    撤回
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {detail.letters.length > 0 || detail.fees.length > 0 ? (
        <section className="card" aria-label="文书">
          <h2>文书</h2>
          <ul>
            {detail.letters.map((l) => (
              <li key={l.id}>
                {l.title}（{l.issuedOn}）·{' '}
                <a className="download" href={`${letterBase}/${l.id}/document.pdf`}>
                  PDF
                </a>
                <a className="download" href={`${letterBase}/${l.id}/document.docx`}>
                  Word
                </a>
                <a
                  className="download"
                  href={`${letterBase}/${l.id}/document.html`}
                  target="_blank"
                  rel="noreferrer"
                >
                  预览
                </a>
              </li>
            ))}
            {detail.fees.map((f) => (
              <li key={f.id}>
                信息处理费 {f.method === 'items' ? '按件' : '按量'} {f.quantity}
                {f.method === 'items' ? '件' : '页'}，{f.amountYuan} 元：
                {
                  {
                    notified: `待缴（期限 ${f.payBy}）`,
                    paid: '已缴',
                    lapsed: '逾期未缴',
                    waived: `不收费（${f.waivedReason}）`,
                  }[f.status]
                }
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {handling ? (
        <section className="card" aria-label="办理">
          <h2>办理</h2>
          {detail.status === 'correction_review' && detail.correction?.lateSubmission ? (
            <div className="notice" role="note" aria-label="逾期补正">
              申请人于 {detail.correction.lateSubmission.on} 提交了补正，已超过补正期限（
              {detail.correction.correctBy}）。是否有正当理由由本机关审查决定（条例第三十条）：
              {detail.correction.lateSubmission.text ? (
                <div>补正内容：{detail.correction.lateSubmission.text}</div>
              ) : null}
              {detail.correction.lateSubmission.explanation ? (
                <div>申请人说明：{detail.correction.lateSubmission.explanation}</div>
              ) : null}
              <div>请选择“接受逾期补正”或“不接受逾期补正”。</div>
            </div>
          ) : null}
          <div className="action-buttons">
            {allowed.map((a) => (
              <button
                key={a.action}
                type="button"
                className={open === a.action ? 'primary' : ''}
                onClick={() => setOpen(open === a.action ? null : a.action)}
              >
                {a.label}
              </button>
            ))}
          </div>
          {open ? (
            <ActionForm
              key={open}
              action={open}
              label={allowed.find((a) => a.action === open)?.label ?? open}
              base={base}
              detail={detail}
              suggested={suggested}
              onDone={(d) => void done(d, '已记录。')}
            />
          ) : null}
          {blocked.length > 0 ? (
            <details className="muted small">
              <summary>为什么有些步骤不能办理</summary>
              <ul>
                {blocked.map((a) => (
                  <li key={a.action}>
                    {a.label}：{a.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
