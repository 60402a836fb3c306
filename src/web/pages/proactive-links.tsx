/**
 * On an item's page: its policy or its interpretations (文字解读、图解、音视频、新闻发布) with
 * the lag between them, linking one to the other from either side; and its earlier versions
 * (corrections).
 */
import { useEffect, useState } from 'react';
import {
  INTERPRETATION_FORM_LABELS,
  ITEM_KIND_LABELS,
  VALIDITY_LABELS,
  type InterpretationForm,
} from '../../core/proactive/categories.js';
import { api, ApiError } from '../api.js';
import { Link } from '../router.js';
import { ErrorNotice, Field, fieldError } from '../ui.js';
import {
  bodyOf,
  ChoiceField,
  formOf,
  INTERPRETATION_FORM_CHOICES,
  itemChoice,
  usePolicies,
} from './proactive-fields.js';
import {
  lagText,
  STATUS_LABELS,
  type Item,
  type ItemDetail,
  type LinkedItem,
} from './proactive-model.js';

/** Sets `item`'s policy: a draft is saved as it is; a published one is corrected (reason kept). */
async function linkToPolicy(
  agencyId: string,
  item: Item,
  policyId: string,
  form: InterpretationForm | '',
  reason: string,
): Promise<void> {
  const body = {
    ...bodyOf({ ...formOf(item), kind: 'interpretation' }),
    policyId: policyId || null,
    interpretationForm: form || null,
  };
  const url = `/api/v1/agencies/${agencyId}/proactive/items/${item.id}`;
  if (item.status === 'published') {
    const { kind: _kind, ...rest } = body;
    await api('POST', `${url}/correction`, { ...rest, reason });
  } else {
    await api('PUT', url, body);
  }
}

function LinkedTable({ rows, caption }: { rows: LinkedItem[]; caption: string }) {
  return (
    <table className="data" aria-label={caption}>
      <thead>
        <tr>
          <th>标题</th>
          <th>解读形式</th>
          <th>状态</th>
          <th>发布日期</th>
          <th>与政策相隔</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/proactive/${r.id}`}>{r.title}</Link>
              {r.documentNumber ? `（${r.documentNumber}）` : ''}
            </td>
            <td>{r.interpretationForm ? INTERPRETATION_FORM_LABELS[r.interpretationForm] : '—'}</td>
            <td>{STATUS_LABELS[r.status] ?? '—'}</td>
            <td>{r.publishedOn ?? '未发布'}</td>
            <td data-testid="lag">{lagText(r.lagDays)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The link form: on an interpretation's page it chooses the policy; on a policy's page it
 * chooses an interpretation of the agency to link here.
 */
function LinkForm({
  agencyId,
  detail,
  onLinked,
}: {
  agencyId: string;
  detail: ItemDetail;
  onLinked: (message: string) => Promise<void>;
}) {
  const item = detail.item;
  const onInterpretation = item.kind === 'interpretation';
  const choiceField = onInterpretation ? 'policyId' : 'choice';
  const policies = usePolicies(agencyId, item.id);
  const [interpretations, setInterpretations] = useState<Item[]>([]);
  const [choice, setChoice] = useState(onInterpretation ? (item.policyId ?? '') : '');
  const [form, setForm] = useState<InterpretationForm | ''>(
    onInterpretation ? (item.interpretationForm ?? '') : '',
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (onInterpretation) return;
    api<{ items: Item[] }>(
      'GET',
      `/api/v1/agencies/${agencyId}/proactive/items?kind=interpretation`,
    )
      .then((r) =>
        setInterpretations(
          r.items.filter(
            (i) => (i.status === 'draft' || i.status === 'published') && i.policyId !== item.id,
          ),
        ),
      )
      .catch(setError);
  }, [agencyId, item.id, onInterpretation]);
  const target = onInterpretation ? item : interpretations.find((i) => i.id === choice);
  const needsReason = target?.status === 'published';
  // On a policy's page, a published interpretation is relinked by correcting it.
  const canLink =
    onInterpretation || !needsReason || detail.allowedActions.includes('linkPublished');
  const submit = async () => {
    setError(null);
    const problems: { field: string; message: string }[] = [];
    if (!choice)
      problems.push({
        field: choiceField,
        message: onInterpretation ? '请选择所解读的政策文件。' : '请选择要关联的解读。',
      });
    if (!form) problems.push({ field: 'interpretationForm', message: '请选择解读形式。' });
    if (needsReason && !reason.trim())
      problems.push({ field: 'reason', message: '已发布的解读改关联要作更正，请填写更正原因。' });
    if (problems.length > 0) {
      setError(
        new ApiError(400, {
          code: 'validation_failed',
          message: problems[0]!.message,
          field: problems[0]!.field,
          ...{ fields: problems },
        }),
      );
      return;
    }
    try {
      if (onInterpretation) {
        await linkToPolicy(agencyId, item, choice, form, reason);
      } else {
        await linkToPolicy(agencyId, target!, item.id, form, reason);
      }
      setChoice(onInterpretation ? choice : '');
      setReason('');
      await onLinked(
        onInterpretation ? '已关联到所选的政策文件。' : '已把所选的解读关联到本政策文件。',
      );
    } catch (e) {
      setError(e);
    }
  };
  const choices = onInterpretation ? policies : interpretations;
  return (
    <form
      className="form"
      noValidate
      aria-label={onInterpretation ? '关联政策' : '关联解读'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <ErrorNotice error={error} />
      <ChoiceField
        label={onInterpretation ? '所解读的政策文件' : '要关联的解读'}
        name={choiceField}
        value={choice}
        choices={choices.map((c) => ({ value: c.id, label: itemChoice(c) }))}
        error={error}
        onChange={setChoice}
      />
      <ChoiceField<InterpretationForm>
        label="解读形式"
        name="interpretationForm"
        value={form}
        choices={INTERPRETATION_FORM_CHOICES}
        error={error}
        onChange={setForm}
      />
      {needsReason ? (
        <Field
          label="更正原因"
          hint="这条解读已经发布：改关联按更正办理，原版本保留。"
          error={fieldError(error, 'reason')}
        >
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      ) : null}
      <button type="submit" disabled={!canLink}>
        {onInterpretation ? '保存关联' : '关联到本政策'}
      </button>
    </form>
  );
}

export function InterpretationLinks({
  agencyId,
  detail,
  onChanged,
}: {
  agencyId: string;
  detail: ItemDetail;
  onChanged: (message: string) => Promise<void>;
}) {
  const item = detail.item;
  const editable = detail.allowedActions.includes(
    item.kind === 'interpretation' ? 'link' : 'interpret',
  );
  if (item.kind === 'interpretation') {
    return (
      <section aria-label="所解读的政策">
        <h2>所解读的政策</h2>
        {detail.policy ? (
          <p>
            <Link to={`/proactive/${detail.policy.id}`}>{detail.policy.title}</Link>
            {detail.policy.documentNumber ? `（${detail.policy.documentNumber}）` : ''}
            {' · '}
            {item.interpretationForm ? INTERPRETATION_FORM_LABELS[item.interpretationForm] : ''}
            {' · '}
            <span data-testid="lag">{lagText(detail.policy.lagDays)}</span>
          </p>
        ) : (
          <p className="muted">尚未关联政策文件。</p>
        )}
        {editable ? <LinkForm agencyId={agencyId} detail={detail} onLinked={onChanged} /> : null}
      </section>
    );
  }
  return (
    <section aria-label="政策解读">
      <h2>政策解读</h2>
      {detail.interpretations.length === 0 ? (
        <p className="muted">这份文件还没有解读。</p>
      ) : (
        <LinkedTable rows={detail.interpretations} caption="本文件的解读" />
      )}
      {editable ? (
        <>
          <p>
            <Link to={`/proactive/${item.id}/interpret`}>起草解读</Link>
            ，或把已有的解读关联到本文件：
          </p>
          <LinkForm agencyId={agencyId} detail={detail} onLinked={onChanged} />
        </>
      ) : null}
    </section>
  );
}

/** The versions before the current one, each with why and by whom it was corrected. */
export function ItemVersions({ detail }: { detail: ItemDetail }) {
  if (detail.versions.length === 0) return null;
  return (
    <section aria-label="历史版本">
      <h2>历史版本</h2>
      <p className="muted">
        现为第 {detail.item.version ?? detail.versions.length + 1}{' '}
        版；更正前的版本如下（门户上同样可查看）。
      </p>
      {[...detail.versions].reverse().map((v) => (
        <details key={v.version} className="card" data-testid="version">
          <summary>
            第 {v.version} 版 · {v.replacedAt.slice(0, 16).replace('T', ' ')} 由 {v.replacedBy}{' '}
            更正，原因：{v.reason}
          </summary>
          <dl className="meta">
            <dt>标题</dt>
            <dd>{v.item.title}</dd>
            <dt>文号</dt>
            <dd>{v.item.documentNumber ?? '—'}</dd>
            <dt>发布机构</dt>
            <dd>{v.item.issuingBody}</dd>
          </dl>
          <div className="item-body" dangerouslySetInnerHTML={{ __html: v.item.bodyHtml }} />
        </details>
      ))}
    </section>
  );
}

/**
 * Items of the register as a table: 索引号, the title linking the item's page (with its validity
 * when no longer in force), optionally the kind, the status and the publication date.
 */
export function ItemsTable({
  items,
  label,
  withKind = false,
}: {
  items: Item[];
  label: string;
  withKind?: boolean;
}) {
  return (
    <table className="data" aria-label={label}>
      <thead>
        <tr>
          <th>索引号</th>
          <th>标题</th>
          {withKind ? <th>类别</th> : null}
          <th>状态</th>
          <th>发布日期</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id}>
            <td>{i.indexNumber}</td>
            <td>
              <Link to={`/proactive/${i.id}`}>{i.title}</Link>
              {i.validity && i.validity !== 'in_force' ? (
                <span className="badge">{VALIDITY_LABELS[i.validity]}</span>
              ) : null}
            </td>
            {withKind ? <td>{ITEM_KIND_LABELS[i.kind]}</td> : null}
            <td>{STATUS_LABELS[i.status] ?? i.status}</td>
            <td>{i.publishedOn ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
