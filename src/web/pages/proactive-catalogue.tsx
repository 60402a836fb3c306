/**
 * 基层政务公开标准目录 (国办发〔2019〕54号) in the workspace: the entries with the overdue ones
 * marked, one entry with the items published under it, and adding or editing an entry (the
 * agency administrator; everyone else reads).
 */
import { Fragment, useEffect, useState, type FormEvent } from 'react';
import {
  CATALOGUE_CYCLE_LABELS,
  CATALOGUE_CYCLES,
  type CatalogueCycle,
} from '../../core/proactive/catalogue.js';
import { api, ApiError } from '../api.js';
import { Link, useRouter } from '../router.js';
import { mayInAgency, useSession } from '../session.js';
import { ChooseAgency, ErrorNotice, Field, fieldError, missingRequired, Page } from '../ui.js';
import { ChoiceField, choicesOf } from './proactive-fields.js';
import { ItemsTable } from './proactive-links.js';
import { type CatalogueEntry, type CatalogueEntryFields, type Item } from './proactive-model.js';

/** The entry's text fields in the order of 54号's catalogue, with their labels. */
const TEXT_FIELDS: [keyof CatalogueEntryFields, string, string][] = [
  ['matter', '公开事项', '例如：科技项目立项公示'],
  ['content', '公开内容', '例如：项目名称、承担单位、资助金额'],
  ['basis', '公开依据', '例如：《示范市科技计划项目管理办法》'],
  ['timeLimit', '公开时限', '例如：每季度结束后15日内'],
  ['subject', '公开主体', '例如：示范市科学技术局'],
  ['channels', '公开渠道', '例如：政府网站、公开栏'],
  ['audience', '公开对象', '全社会，或特定群体'],
  ['method', '公开方式', '主动公开或依申请公开'],
  ['level', '公开层级', '例如：县级、乡级'],
];

function useCatalogue(agencyId: string | null | undefined) {
  const [entries, setEntries] = useState<CatalogueEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!agencyId) return;
    api<{ entries: CatalogueEntry[] }>('GET', `/api/v1/agencies/${agencyId}/proactive/catalogue`)
      .then((r) => setEntries(r.entries))
      .catch(setError);
  }, [agencyId]);
  return { entries, error };
}

function StatusBadge({ entry }: { entry: CatalogueEntry }) {
  if (entry.status.overdue)
    return (
      <span className="badge badge-overdue" data-testid="catalogue-status">
        逾期（应于 {entry.status.dueOn} 前公开）
      </span>
    );
  if (entry.status.satisfied)
    return (
      <span className="badge badge-on_track" data-testid="catalogue-status">
        本期已公开
      </span>
    );
  return (
    <span className="badge" data-testid="catalogue-status">
      待公开（{entry.status.dueOn} 前）
    </span>
  );
}

export function CataloguePage() {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const { entries, error } = useCatalogue(agencyId);
  if (!agencyId) return <ChooseAgency title="基层政务公开标准目录" />;
  const overdue = entries?.filter((e) => e.status.overdue).length ?? 0;
  return (
    <Page
      title="基层政务公开标准目录"
      actions={
        mayInAgency(context, 'proactive.configure') ? (
          <Link to="/proactive/catalogue/new" className="button">
            添加事项
          </Link>
        ) : null
      }
    >
      <p className="muted">
        按国办发〔2019〕54号编制的本机关标准目录。一个事项在本周期的公开时限内没有发布信息，即标为逾期；发布信息时在“标准目录事项”中选择它。
        <Link to="/proactive">返回主动公开</Link>
      </p>
      <ErrorNotice error={error} />
      {entries === null ? (
        error ? null : (
          <p className="muted">正在读取……</p>
        )
      ) : entries.length === 0 ? (
        <p className="muted">还没有标准目录事项。</p>
      ) : (
        <>
          {overdue > 0 ? (
            <p className="notice notice-error" role="status">
              有 {overdue} 个事项已逾期未公开。
            </p>
          ) : null}
          <table className="data" aria-label="标准目录事项">
            <thead>
              <tr>
                <th>公开事项</th>
                <th>公开时限</th>
                <th>周期</th>
                <th>本期</th>
                <th>已发布信息</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className={e.status.overdue ? 'overdue' : ''}>
                  <td>
                    <Link to={`/proactive/catalogue/${e.id}`}>{e.matter}</Link>
                  </td>
                  <td>{e.timeLimit}</td>
                  <td>{CATALOGUE_CYCLE_LABELS[e.cycle]}</td>
                  <td>
                    <StatusBadge entry={e} />
                  </td>
                  <td>{e.itemCount} 条</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
}

export function CatalogueEntryPage({ id }: { id: string }) {
  const { context } = useSession();
  const agencyId = context?.agencyId;
  const { entries, error } = useCatalogue(agencyId);
  const [items, setItems] = useState<Item[] | null>(null);
  const [itemsError, setItemsError] = useState<unknown>(null);
  useEffect(() => {
    if (!agencyId) return;
    api<{ items: Item[] }>('GET', `/api/v1/agencies/${agencyId}/proactive/items`)
      .then((r) => setItems(r.items.filter((i) => i.catalogueEntryId === id)))
      .catch(setItemsError);
  }, [agencyId, id]);
  if (!agencyId) return <ChooseAgency title="标准目录事项" />;
  const entry = entries?.find((e) => e.id === id);
  if (!entry)
    return (
      <Page title="标准目录事项">
        <ErrorNotice error={error} />
        {entries === null && !error ? (
          <p className="muted">正在读取……</p>
        ) : (
          <p className="muted">
            没有这个事项。<Link to="/proactive/catalogue">返回标准目录</Link>
          </p>
        )}
      </Page>
    );
  return (
    <Page
      title={entry.matter}
      actions={
        mayInAgency(context, 'proactive.configure') ? (
          <Link to={`/proactive/catalogue/${id}/edit`} className="button">
            修改事项
          </Link>
        ) : null
      }
    >
      <p>
        <Link to="/proactive/catalogue">返回标准目录</Link>
      </p>
      <p>
        <StatusBadge entry={entry} />
        （本周期自 {entry.status.cycleStart} 起）
      </p>
      <dl className="meta">
        {TEXT_FIELDS.map(([key, label]) => (
          <Fragment key={key}>
            <dt>{label}</dt>
            <dd>{entry[key]}</dd>
          </Fragment>
        ))}
        <dt>公开周期</dt>
        <dd>{CATALOGUE_CYCLE_LABELS[entry.cycle]}</dd>
        <dt>起始日期</dt>
        <dd>{entry.startsOn}</dd>
        <dt>时限天数</dt>
        <dd>每个周期开始后 {entry.dueDays} 天内</dd>
      </dl>
      <h2>在此事项下的信息</h2>
      <ErrorNotice error={itemsError} />
      {items === null ? (
        itemsError ? null : (
          <p className="muted">正在读取……</p>
        )
      ) : items.length === 0 ? (
        <p className="muted">还没有信息归入这个事项。起草或修改信息时在“标准目录事项”中选择它。</p>
      ) : (
        <ItemsTable items={items} label="在此事项下的信息" />
      )}
    </Page>
  );
}

type EntryForm = Omit<CatalogueEntryFields, 'dueDays'> & { dueDays: string };

const EMPTY: EntryForm = {
  matter: '',
  content: '',
  basis: '',
  timeLimit: '',
  subject: '',
  channels: '',
  audience: '',
  method: '主动公开',
  level: '',
  cycle: 'once',
  startsOn: '',
  dueDays: '',
};

export function CatalogueEntryEditPage({ id }: { id: string | null }) {
  const { context } = useSession();
  const { navigate } = useRouter();
  const agencyId = context?.agencyId;
  const { entries, error: loadError } = useCatalogue(id ? agencyId : null);
  const [form, setForm] = useState<EntryForm | null>(id ? null : EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const entry = entries?.find((e) => e.id === id);
    if (entry) {
      const { id: _id, status: _s, itemCount: _n, ...fields } = entry;
      setForm({ ...fields, dueDays: String(entry.dueDays) });
    }
  }, [entries, id]);
  const title = id ? '修改标准目录事项' : '添加标准目录事项';
  if (!agencyId) return <ChooseAgency title={title} />;
  if (!mayInAgency(context, 'proactive.configure'))
    return (
      <Page title={title}>
        <p className="muted">
          标准目录由机关管理员维护；您可以查看。<Link to="/proactive/catalogue">返回标准目录</Link>
        </p>
      </Page>
    );
  if (!form)
    return (
      <Page title={title}>
        {loadError ? <ErrorNotice error={loadError} /> : <p className="muted">正在读取……</p>}
      </Page>
    );
  const set = <K extends keyof EntryForm>(key: K, value: EntryForm[K]) =>
    setForm({ ...form, [key]: value });
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const missing = missingRequired(e.currentTarget);
    if (missing) {
      setError(missing);
      return;
    }
    const dueDays = Number(form.dueDays);
    if (!Number.isInteger(dueDays) || dueDays < 0 || dueDays > 366) {
      setError(
        new ApiError(400, {
          code: 'validation_failed',
          field: 'dueDays',
          message: '“时限天数”须为 0–366 的整数。',
        }),
      );
      return;
    }
    setSaving(true);
    try {
      const body = { ...form, dueDays };
      const saved = id
        ? await api<{ id: string }>(
            'PUT',
            `/api/v1/agencies/${agencyId}/proactive/catalogue/${id}`,
            body,
          )
        : await api<{ id: string }>(
            'POST',
            `/api/v1/agencies/${agencyId}/proactive/catalogue`,
            body,
          );
      navigate(`/proactive/catalogue/${saved.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Page title={title}>
      <p>
        <Link to={id ? `/proactive/catalogue/${id}` : '/proactive/catalogue'}>返回</Link>
      </p>
      <form className="form" noValidate onSubmit={save} aria-label={title}>
        <ErrorNotice error={error} />
        {TEXT_FIELDS.map(([key, label, hint]) => (
          <Field key={key} label={label} hint={hint} error={fieldError(error, key)}>
            <input
              name={key}
              required
              maxLength={500}
              value={form[key] as string}
              onChange={(e) => set(key, e.target.value)}
            />
          </Field>
        ))}
        <ChoiceField<CatalogueCycle>
          label="公开周期"
          name="cycle"
          value={form.cycle}
          choices={choicesOf(CATALOGUE_CYCLES, CATALOGUE_CYCLE_LABELS)}
          error={error}
          placeholder={false}
          onChange={(v) => set('cycle', v as CatalogueCycle)}
        />
        <Field
          label="起始日期"
          hint="事项开始适用的日期；一次性事项为信息形成之日。"
          error={fieldError(error, 'startsOn')}
        >
          <input
            name="startsOn"
            type="date"
            required
            value={form.startsOn}
            onChange={(e) => set('startsOn', e.target.value)}
          />
        </Field>
        <Field
          label="时限天数"
          hint="每个周期开始后多少天内须发布信息，超过即为逾期（0–366）。"
          error={fieldError(error, 'dueDays')}
        >
          <input
            name="dueDays"
            type="number"
            min={0}
            max={366}
            required
            value={form.dueDays}
            onChange={(e) => set('dueDays', e.target.value)}
          />
        </Field>
        <button type="submit" disabled={saving}>
          {saving ? '正在保存……' : '保存事项'}
        </button>
      </form>
    </Page>
  );
}
