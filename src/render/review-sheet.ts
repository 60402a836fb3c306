/**
 * The 发布审查表 (审批单) of a proactive item: what was reviewed, the 保密审查 checklist and
 * every level's decision — HTML (printed to PDF by Chromium) and DOCX.
 */
import { printHtmlToPdf } from './chromium.js';
import { escapeHtml } from './html.js';

export interface ReviewSheet {
  agencyName: string;
  fields: [string, string][];
  checks: { label: string; answer: string; note: string }[];
  checkedBy: string;
  steps: { level: string; decision: string; comment: string; by: string; at: string }[];
}

const CSS = `body{font-family:"Noto Serif CJK SC","SimSun",serif;margin:2em auto;max-width:48em;font-size:12pt}
h1{text-align:center;font-family:"Noto Sans CJK SC","SimHei",sans-serif;font-size:18pt}
h2{font-size:13pt;margin-top:1.2em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f2f2f2;width:8em}@page{size:A4;margin:20mm}`;

export function reviewSheetHtml(sheet: ReviewSheet): string {
  const e = escapeHtml;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>发布审查表</title><style>${CSS}</style></head><body>
<h1>${e(sheet.agencyName)}<br>政府信息主动公开发布审查表</h1>
<table>${sheet.fields.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>
<h2>保密审查（审查人：${e(sheet.checkedBy)}）</h2>
<table><tr><th>审查事项</th><th>结论</th><th>说明</th></tr>${sheet.checks
    .map((c) => `<tr><td>${e(c.label)}</td><td>${e(c.answer)}</td><td>${e(c.note)}</td></tr>`)
    .join('')}</table>
<h2>审核意见</h2>
<table><tr><th>层级</th><th>意见</th><th>说明</th><th>审核人</th><th>时间</th></tr>${sheet.steps
    .map(
      (s) =>
        `<tr><td>${e(s.level)}</td><td>${e(s.decision)}</td><td>${e(s.comment)}</td><td>${e(s.by)}</td><td>${e(s.at)}</td></tr>`,
    )
    .join('')}</table>
</body></html>`;
}

/** The sheet as DOCX: review-sheet-docx.ts, and docx with it, is imported on first use. */
export async function reviewSheetDocx(sheet: ReviewSheet): Promise<Uint8Array> {
  const { reviewSheetDocument } = await import('./review-sheet-docx.js');
  return reviewSheetDocument(sheet);
}

export const reviewSheetPdf = (sheet: ReviewSheet) => printHtmlToPdf(reviewSheetHtml(sheet));
