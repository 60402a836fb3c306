/** The portal's pages after submitting: the due date said in words, the follow form, and the case as its applicant sees it. */
import { dueDateFromReceipt } from '../../core/applications/clock.js';
import { formatChineseDate, lastDayPhrase } from '../../core/calendar/date.js';
import type { FollowView } from '../../services/applications/follow.js';
import { calendarFor, getSettings } from '../../services/applications/settings.js';
import type { ServiceContext } from '../../services/context.js';
import { html, type SafeHtml } from './page.js';

export const FOLLOW_COOKIE = 'gk_follow';
export const FOLLOW_PATH = '/portal/follow';

/** Said after a due date counted over a year whose holiday notice is not out yet. */
const PROVISIONAL_NOTE =
  '（暂定：所涉年份的国务院节假日安排尚未公布，暂按《全国年节及纪念日放假办法》计算，公布后可能调整）';

export async function dueLine(ctx: ServiceContext, agencyId: string, receivedOn: string) {
  try {
    const [calendar, settings] = await Promise.all([
      calendarFor(ctx.store.db),
      getSettings(ctx.store.db, agencyId),
    ]);
    const computed = dueDateFromReceipt(receivedOn, calendar, settings.clock);
    const due = computed.dueOn;
    return due
      ? `本机关${lastDayPhrase(due)}${computed.provisionalYears.length > 0 ? PROVISIONAL_NOTE : ''}答复（收到申请之日起 20 个工作日，条例第三十三条）；需要补正、征求第三方意见或者依法延长期限的，会另行告知。`
      : null;
  } catch {
    return null;
  }
}

// --- follow my application ---------------------------------------------------------------------

export function followForm(csrf: string, number: string, message: string | null): SafeHtml {
  return html`<h1>查询申请办理情况</h1>
    <p class="muted">请输入提交申请时获得的申请编号和查询码。</p>
    ${message ? html`<p class="notice error" role="alert">${message}</p>` : ''}
    <form class="stack card" method="post" action="${FOLLOW_PATH}">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <label for="f-number">申请编号</label>
      <input id="f-number" name="number" value="${number}" placeholder="如 2026-00012" />
      <label for="f-code">查询码</label>
      <input id="f-code" name="code" autocomplete="off" placeholder="如 ABCDE-23456" />
      <button type="submit">查询</button>
    </form>`;
}

export function casePage(
  view: FollowView,
  csrf: string,
  flash: string | null,
  correction: { text: string; explanation: string; error: string | null } | null,
): SafeHtml {
  const asked = view.asked;
  return html`<h1>申请 ${view.number}</h1>
    ${flash ? html`<p class="notice" role="status">${flash}</p>` : ''}
    <section class="card">
      <dl class="facts">
        <dt>受理机关</dt>
        <dd>${view.agencyName}</dd>
        <dt>申请人</dt>
        <dd>${view.applicantName}</dd>
        <dt>收到申请日期</dt>
        <dd>${formatChineseDate(view.receivedOn)}</dd>
        <dt>所需信息</dt>
        <dd>${view.description}</dd>
        <dt>办理状态</dt>
        <dd><strong>${view.statusLabel}</strong></dd>
        ${
          view.outcomeLabel
            ? html`<dt>办理结果</dt>
                <dd>${view.outcomeLabel}</dd>`
            : ''
        }
        ${
          view.dueOn
            ? html`<dt>答复期限</dt>
                <dd>${lastDayPhrase(view.dueOn)}${view.dueProvisional ? PROVISIONAL_NOTE : ''}</dd>`
            : ''
        }
      </dl>
    </section>
    ${
      asked?.kind === 'correction'
        ? html`<section class="card" aria-label="需要您补正">
            <h2>需要您补正申请</h2>
            <p>
              本机关于${formatChineseDate(asked.requestedOn)}告知您补正，请您${lastDayPhrase(asked.correctBy)}补正（条例第三十条）。需要补正的内容：
            </p>
            <blockquote>${asked.request}</blockquote>
            ${
              correction?.error
                ? html`<p class="notice error" role="alert">${correction.error}</p>`
                : ''
            }
            <form class="stack" method="post" action="${FOLLOW_PATH}/case/correction">
              <input type="hidden" name="_csrf" value="${csrf}" />
              <label for="f-text">补正内容</label>
              <textarea id="f-text" name="text" rows="6">${correction?.text ?? ''}</textarea>
              ${
                asked.overdue
                  ? html`<p class="notice">
                        补正期限已过。您仍可以提交补正，并说明逾期的原因；是否属于正当理由由本机关审查决定（条例第三十条），审查结果会告知您。
                      </p>
                      <label for="f-explanation"
                        >逾期原因说明 <span class="hint">由本机关审查是否属于正当理由</span></label
                      >
                      <textarea id="f-explanation" name="explanation" rows="3">
${correction?.explanation ?? ''}</textarea>`
                  : ''
              }
              <button type="submit">提交补正</button>
            </form>
          </section>`
        : ''
    }
    ${
      asked?.kind === 'correction_review'
        ? html`<section class="card notice" aria-label="补正审查中">
            <h2>补正正在审查</h2>
            <p>
              您于${formatChineseDate(asked.submittedOn)}提交的补正已超过补正期限（${lastDayPhrase(asked.correctBy)}），本机关正在审查是否接受。接受的，答复期限自${formatChineseDate(asked.submittedOn)}起重新计算；不接受的，本机关将书面告知您。
            </p>
          </section>`
        : ''
    }
    ${
      asked?.kind === 'fee'
        ? html`<section class="card notice">
            <h2>需要您缴纳信息处理费</h2>
            <p>
              应缴 ${asked.amountYuan}
              元，请${lastDayPhrase(asked.payBy)}缴纳；缴费方式见收费通知书，或致电
              ${view.agencyPhone}。
            </p>
          </section>`
        : ''
    }
    <section class="card">
      <h2>文书</h2>
      ${
        view.letters.length === 0
          ? html`<p class="muted">暂无。</p>`
          : html`<ul>
              ${view.letters.map(
                (l) =>
                  html`<li>
                    ${l.title}（${formatChineseDate(l.issuedOn)}）：
                    <a href="${FOLLOW_PATH}/case/letters/${l.id}/download.pdf">下载 PDF</a>
                    <a href="${FOLLOW_PATH}/case/letters/${l.id}/download.docx">下载 Word</a>
                  </li>`,
              )}
            </ul>`
      }
    </section>
    <section class="card">
      <h2>办理过程</h2>
      <ol class="steps">
        ${view.steps.map((s) => html`<li>${formatChineseDate(s.date)} ${s.label}</li>`)}
      </ol>
    </section>`;
}
