import { useState, type FormEvent } from 'react';
import { APPLICANT_COLUMNS } from '../../../core/report/format.js';
import { api } from '../../api.js';
import { useRouter, useUnsavedWarning } from '../../router.js';
import { useSession } from '../../session.js';
import { canHandle } from './urgency.js';
import { ErrorNotice, Field, fieldError, Page, ChooseAgency } from '../../ui.js';
import { shanghaiToday } from '../../format.js';

/** Registering an application received by letter, in person, by fax or e-mail. */

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
  const [initial] = useState<Record<string, string>>(() => ({
    channel: 'in_person',
    receivedOn: shanghaiToday(),
    applicantType: 'natural_person',
    idType: 'resident_id',
    organisationKind: '',
    formWanted: 'paper',
    deliveryMethod: 'post',
  }));
  const [form, setForm] = useState<Record<string, string>>(initial);
  // The idempotency key of this form: a double click registers one application, not two.
  const [key] = useState(() =>
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join(''),
  );
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ id: string; number: string; queryCode: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // A long form: leaving with something typed and not registered asks first.
  useUnsavedWarning(
    !done && Object.entries(form).some(([k, v]) => (initial[k] ?? '') !== v && v.trim() !== ''),
  );
  if (!agencyId) return <ChooseAgency title="登记申请" />;
  if (!canHandle(context)) {
    // The register route checks application.handle: no form the API would refuse.
    return (
      <Page title="登记申请">
        <div className="notice" role="note">
          登记申请由本机关的经办人办理，您的账号没有这项权限：请由本机关经办人登记，或请机关管理员为您增加经办人角色。
        </div>
      </Page>
    );
  }
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
