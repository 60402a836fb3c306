import { figureAt, type FigureSource, type ReportDraft } from '../../../core/report/draft.js';
import type { AnnualReport } from '../../../core/report/model.js';
import {
  AppealGrid,
  ApplicationGrid,
  ProactiveGrid,
  type CellRenderer,
} from '../../report-grid.js';
import { formatInstant } from '../../format.js';
import { CellValue } from '../report-cells.js';

/** The figures of tables 二–四 in the editor: inputs, computed values, and where they come from. */

function sourceNote(source: FigureSource | undefined): string {
  if (!source) return '';
  if (source.kind === 'computed') return `由办理记录自动统计（${source.basis}），不能手工修改`;
  return `手工填写：${source.by}，${formatInstant(source.at)}`;
}

function FigureInput({
  draft,
  path,
  label,
  readOnly,
  onChange,
  invalid,
}: {
  draft: ReportDraft;
  path: string;
  label: string;
  readOnly: boolean;
  onChange: (path: string, raw: string) => void;
  invalid: boolean;
}) {
  const source = draft.figureSources[path];
  const locked = source?.kind === 'computed' && draft.caseFigures?.mode !== 'manual';
  const value = figureAt(draft.figures, path);
  if (locked) {
    return (
      <CellValue path={path} label={label}>
        {value}
      </CellValue>
    );
  }
  return (
    <input
      className={`figure${locked ? ' locked' : ''}${source?.kind === 'manual' ? ' manual' : ''}${invalid ? ' invalid' : ''}`}
      aria-label={label}
      data-path={path}
      inputMode="decimal"
      value={Number.isNaN(value) ? '' : String(value ?? '')}
      readOnly={readOnly || locked}
      title={sourceNote(source)}
      onChange={(e) => onChange(path, e.target.value)}
    />
  );
}

/**
 * Tables 三 and 四 come from the agency's records (locked) — or, for an agency that came to
 * gongkai part way through the year, are typed by hand with the reason stated.
 */
export function CaseFiguresChoiceBox({
  draft,
  editable,
  onChange,
}: {
  draft: ReportDraft;
  editable: boolean;
  onChange: (choice: ReportDraft['caseFigures']) => void;
}) {
  const computed = Object.values(draft.figureSources).some((s) => s.kind === 'computed');
  const manual = draft.caseFigures?.mode === 'manual';
  if (!computed && !manual) return null;
  return (
    <div className="notice notice-info case-figures" aria-label="表三、表四的数字来源">
      {manual ? (
        <>
          <p>表三、表四为手工填写。</p>
          <label className="field">
            <span className="field-label">原因（保存时必填，记入留痕）</span>
            <textarea
              name="caseFiguresReason"
              rows={2}
              value={draft.caseFigures?.reason ?? ''}
              readOnly={!editable}
              onChange={(e) => onChange({ mode: 'manual', reason: e.target.value })}
            />
          </label>
          {editable ? (
            <button type="button" onClick={() => onChange({ mode: 'records' })}>
              改回由办理记录自动统计
            </button>
          ) : null}
        </>
      ) : (
        <>
          <p>
            表三、表四由本机关的申请及复议、诉讼记录自动统计，不能手工修改；点击数字可查看构成该数字的案件。
          </p>
          {editable ? (
            <button type="button" onClick={() => onChange({ mode: 'manual', reason: '' })}>
              改为手工填写（如本机关年中才开始使用本系统）
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}

export interface FigureProps {
  draft: ReportDraft;
  readOnly: boolean;
  onChange: (path: string, raw: string) => void;
  invalid: Set<string>;
}

const CHINESE_ORDINALS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
  '十九',
  '二十',
];

/** Sections added after 一–六 are numbered on: 七、八、… */
export function renumberExtraSections(draft: ReportDraft): void {
  draft.sections.forEach((section, i) => {
    if (section.key === null) section.number = CHINESE_ORDINALS[i] ?? String(i + 1);
  });
}

/** An input for a figure people type; the computed value (or a link to its cases) otherwise. */
function figureCell(props: FigureProps & { tables: AnnualReport['tables'] }): CellRenderer {
  const { draft, tables, readOnly, onChange, invalid } = props;
  return (path, label, derived) => {
    if (!derived) {
      return (
        <FigureInput
          draft={draft}
          path={path}
          label={label}
          readOnly={readOnly}
          onChange={onChange}
          invalid={invalid.has(path)}
        />
      );
    }
    const [table, ...rest] = path.split('.');
    const column = rest.pop()!;
    const row = rest.join('.');
    const values = tables[table as 'applications' | 'appeals'] as Record<
      string,
      Record<string, number | null>
    >;
    return (
      <CellValue path={path} label={label}>
        {values[row]?.[column] ?? ''}
      </CellValue>
    );
  };
}

export function ProactiveFigures(props: FigureProps & { tables: AnnualReport['tables'] }) {
  return (
    <div className="figures">
      <ProactiveGrid cell={figureCell(props)} />
    </div>
  );
}

export function ApplicationFigures(props: FigureProps & { tables: AnnualReport['tables'] }) {
  return (
    <div className="figures">
      <ApplicationGrid cell={figureCell(props)} />
      <p className="muted small">
        总计列和（七）总计行由系统计算。勾稽关系：每一列的第一项加第二项之和，等于第三项加第四项之和。
      </p>
    </div>
  );
}

export function AppealFigures(props: FigureProps & { tables: AnnualReport['tables'] }) {
  return (
    <div className="figures">
      <AppealGrid cell={figureCell(props)} />
    </div>
  );
}
