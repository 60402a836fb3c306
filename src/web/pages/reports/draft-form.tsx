import { useState } from 'react';
import type { ReportDraft } from '../../../core/report/draft.js';
import type { AnnualReport } from '../../../core/report/model.js';
import { CellLinks, cellPathOf } from '../report-cells.js';
import {
  AppealFigures,
  ApplicationFigures,
  CaseFiguresChoiceBox,
  ProactiveFigures,
  renumberExtraSections,
} from './figures.js';
import { RegisterFigures } from './register-figures.js';
import { withSectionOne, type SectionOneOutcome } from './section-one.js';
import { htmlToPlainText, RichText, textToHtml } from './rich-text.js';

/** The draft of an annual report as a form: title, preamble, the six parts with figures, 落款. */

export function DraftForm({
  view,
  year,
  tables,
  editable,
  update,
  setFigure,
  setFigures,
  invalidPaths,
}: {
  view: ReportDraft;
  year: number;
  tables: AnnualReport['tables'];
  editable: boolean;
  update: (mutate: (d: ReportDraft) => void) => void;
  setFigure: (path: string, raw: string) => void;
  setFigures: (values: { path: string; value: number }[]) => void;
  invalidPaths: Set<string>;
}) {
  // Text put into a section from outside (the register's sentence) remounts its editor.
  const [insertions, setInsertions] = useState(0);
  const insertSectionOne = (sentence: string): SectionOneOutcome => {
    const overviewOf = (d: ReportDraft) =>
      d.sections[
        Math.max(
          0,
          d.sections.findIndex((s) => s.key === 'overview'),
        )
      ]!;
    const current = overviewOf(view);
    const { html, outcome } = withSectionOne(current.html ?? textToHtml(current.text), sentence);
    if (outcome === 'present') return outcome;
    update((d) => {
      const section = overviewOf(d);
      section.html = html;
      section.text = htmlToPlainText(html);
    });
    setInsertions((n) => n + 1);
    return outcome;
  };
  return (
    <CellLinks.Provider
      value={
        Object.values(view.figureSources).some((f) => f.kind === 'computed')
          ? (path) => cellPathOf(year, path) ?? ''
          : null
      }
    >
      <section className="card form-wide" aria-label="标题与引言">
        <label className="field">
          <span className="field-label">标题</span>
          <input
            name="title"
            value={view.title}
            readOnly={!editable}
            onChange={(e) => update((d) => (d.title = e.target.value))}
          />
        </label>
        <label className="field">
          <span className="field-label">引言</span>
          <textarea
            name="preamble"
            rows={4}
            value={view.preamble}
            readOnly={!editable}
            onChange={(e) => update((d) => (d.preamble = e.target.value))}
          />
        </label>
      </section>

      {view.sections.map((section, index) => (
        <section
          key={`${section.number}-${index}`}
          className="card form-wide"
          aria-label={`${section.number}、${section.title}`}
        >
          {section.key === null ? (
            <div className="extra-section-heading">
              <span className="section-number">{section.number}、</span>
              <input
                aria-label={`第${section.number}部分标题`}
                value={section.title}
                readOnly={!editable}
                onChange={(e) =>
                  update((d) => {
                    d.sections[index] = { ...d.sections[index]!, title: e.target.value };
                  })
                }
              />
              {editable ? (
                <button
                  type="button"
                  onClick={() =>
                    update((d) => {
                      d.sections.splice(index, 1);
                      renumberExtraSections(d);
                    })
                  }
                >
                  删除这一部分
                </button>
              ) : null}
            </div>
          ) : (
            <h2>
              {section.number}、{section.title}
            </h2>
          )}
          {section.key === 'proactive' && editable ? (
            <RegisterFigures
              draft={view}
              year={year}
              setFigures={setFigures}
              insertSectionOne={insertSectionOne}
            />
          ) : null}
          {section.key === 'proactive' ? (
            <ProactiveFigures
              draft={view}
              tables={tables}
              readOnly={!editable}
              onChange={setFigure}
              invalid={invalidPaths}
            />
          ) : null}
          {section.key === 'applications' ? (
            <CaseFiguresChoiceBox
              draft={view}
              editable={editable}
              onChange={(choice) => update((d) => (d.caseFigures = choice))}
            />
          ) : null}
          {section.key === 'applications' ? (
            <ApplicationFigures
              draft={view}
              tables={tables}
              readOnly={!editable}
              onChange={setFigure}
              invalid={invalidPaths}
            />
          ) : null}
          {section.key === 'appeals' ? (
            <AppealFigures
              draft={view}
              tables={tables}
              readOnly={!editable}
              onChange={setFigure}
              invalid={invalidPaths}
            />
          ) : null}
          <RichText
            key={insertions}
            label={`${section.number}、${section.title} 正文`}
            html={section.html ?? textToHtml(section.text)}
            readOnly={!editable}
            onChange={(html) =>
              update((d) => {
                d.sections[index] = {
                  ...d.sections[index]!,
                  html,
                  text: htmlToPlainText(html),
                };
              })
            }
          />
        </section>
      ))}
      {editable ? (
        <p>
          <button
            type="button"
            onClick={() =>
              update((d) => {
                d.sections.push({ key: null, number: '', title: '相关说明', text: '' });
                renumberExtraSections(d);
              })
            }
          >
            添加一个部分（如“七、相关说明”）
          </button>
        </p>
      ) : null}
      <section className="card form-wide" aria-label="落款">
        <label className="field">
          <span className="field-label">落款</span>
          <textarea
            name="closing"
            rows={2}
            value={view.closing}
            readOnly={!editable}
            onChange={(e) => update((d) => (d.closing = e.target.value))}
          />
        </label>
      </section>
    </CellLinks.Provider>
  );
}
