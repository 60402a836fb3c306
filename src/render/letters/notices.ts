/**
 * The letters of an application on its way (see ./templates.ts): the 受理回执, the 补正告知书, the
 * 延期答复告知书, the 信息处理费缴费通知书, the consultation of a third party or another agency and
 * the notice of it to the applicant.
 */
import { lastDayPhrase } from '../../core/calendar/date.js';
import type { FeeBand, FeeMethod } from '../../core/fees/processing-fee.js';
import { formatYuan } from '../../core/fees/processing-fee.js';
import {
  date,
  frame,
  LETTER_TITLES,
  opening,
  paragraphsOf,
  receivedFromApplicant,
  REGULATION,
  type LetterAgency,
  type LetterCase,
  type LetterContent,
} from './letter.js';

export function correctionLetter(input: {
  agency: LetterAgency;
  case: LetterCase;
  issuedOn: string;
  correctBy: string;
  /** What the applicant is asked to correct or complete. */
  request: string;
}): LetterContent {
  const { agency, case: c } = input;
  return frame('correction', agency, c, input.issuedOn, [
    `本机关于${date(c.receivedOn)}收到你（单位）提出的政府信息公开申请（申请编号：${c.number}），申请获取“${c.description}”的政府信息。`,
    `经审查，你（单位）的申请内容不明确。根据${REGULATION}第三十条的规定，请你（单位）对以下内容作出补正：`,
    ...paragraphsOf(input.request),
    `请你（单位）${lastDayPhrase(input.correctBy)}补正。补正可以通过政府信息公开网上申请平台凭申请编号和查询码提交，也可以书面提交本机关。答复期限自本机关收到补正后的申请之日起重新计算。`,
    '无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
    '特此告知。',
  ]);
}

export function extensionLetter(input: {
  agency: LetterAgency;
  case: LetterCase;
  issuedOn: string;
  workingDays: number;
  newDueOn: string;
  reason: string | null;
}): LetterContent {
  const { agency, case: c } = input;
  const because = input.reason?.trim() ? `因${input.reason.trim().replace(/。$/, '')}，` : '';
  return frame('extension', agency, c, input.issuedOn, [
    opening(c),
    `${because}本机关不能在规定期限内作出答复。经政府信息公开工作机构负责人同意，根据${REGULATION}第三十三条第二款的规定，答复期限延长${input.workingDays}个工作日，本机关将${lastDayPhrase(input.newDueOn)}作出答复。`,
    '特此告知。',
  ]);
}

export const FEE_METHOD_LABELS: Record<FeeMethod, string> = {
  items: '按件计收',
  pages: '按量计收',
};

export function feeLetter(input: {
  agency: LetterAgency;
  case: LetterCase;
  issuedOn: string;
  method: FeeMethod;
  quantity: number;
  priorItems: number;
  totalFen: number;
  bands: readonly FeeBand[];
  payBy: string;
  /** Whether the wait for payment is left out of the reply period (agency setting). */
  waitExcluded: boolean;
}): LetterContent {
  const { agency, case: c } = input;
  const unit = input.method === 'items' ? '件' : '页';
  const counted =
    input.method === 'items'
      ? `你（单位）本自然月内在本机关已申请${input.priorItems}件，本次申请计${input.quantity}件`
      : `本次申请需提供的信息共${input.quantity}页`;
  return frame(
    'fee',
    agency,
    c,
    input.issuedOn,
    [
      opening(c),
      `你（单位）申请公开政府信息的数量、频次明显超过合理范围。根据${REGULATION}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关${FEE_METHOD_LABELS[input.method]}信息处理费：${counted}，应缴纳信息处理费${formatYuan(input.totalFen)}元，计算如下。`,
      `请自收到本通知之日的次日起20个工作日内，即${lastDayPhrase(input.payBy)}缴纳。缴费方式请与本机关联系；费用按非税收入管理，本机关出具财政票据。`,
      `逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。本机关在收到费用后继续办理你（单位）的申请${input.waitExcluded ? '，等待缴费的期间不计入答复期限' : ''}。`,
      '特此通知。',
    ],
    {
      table: {
        headers: [`计费区间（${unit}）`, `数量（${unit}）`, `单价（元/${unit}）`, '金额（元）'],
        rows: [
          ...input.bands.map((b) => [
            b.to === null ? `第${b.from}${unit}起` : `第${b.from}–${b.to}${unit}`,
            String(b.count),
            formatYuan(b.unitFen),
            formatYuan(b.amountFen),
          ]),
          ['合计', String(input.quantity), '', formatYuan(input.totalFen)],
        ],
      },
    },
  );
}

/**
 * 受理回执: the application is received, on the day 条例第三十一条 sets, and will be answered
 * within the period of 第三十三条 (the due date as computed, 暂定 when it counts days of a year
 * without the State Council's notice).
 */
export function acknowledgementLetter(input: {
  agency: LetterAgency;
  case: LetterCase;
  issuedOn: string;
  dueOn: string | null;
  dueProvisional: boolean;
}): LetterContent {
  const { agency, case: c } = input;
  const due = input.dueOn
    ? `，即${lastDayPhrase(input.dueOn)}${input.dueProvisional ? '（暂定：该年度的节假日安排尚未公布，公布后如有变化另行告知）' : ''}`
    : '';
  return frame('acknowledgement', agency, c, input.issuedOn, [
    `本机关于${date(c.receivedOn)}收到你（单位）提出的政府信息公开申请（申请编号：${c.number}），申请获取“${c.description}”的政府信息。`,
    `根据${REGULATION}第三十三条的规定，本机关将自收到申请之日起20个工作日内作出答复${due}。需要延长答复期限的，本机关将另行告知；征求第三方和其他机关意见所需时间不计算在答复期限内。`,
    '你（单位）可以凭申请编号和查询码在政府信息公开网上申请平台查询办理情况。',
    '特此回执。',
  ]);
}

/**
 * 征求第三方意见书 (第三十二条) or, to another agency whose information it is jointly, 征求意见函
 * (第三十四条). It names neither the applicant nor their contact: the party consulted has no
 * need of them.
 */
export function consultationLetter(input: {
  agency: LetterAgency;
  case: LetterCase;
  issuedOn: string;
  party: 'third_party' | 'agency';
  partyName: string | null;
  limitOn: string;
}): LetterContent {
  const { agency, case: c } = input;
  const third = input.party === 'third_party';
  const to = input.partyName?.trim() || (third ? '第三方' : '有关行政机关');
  const body = third
    ? [
        receivedFromApplicant(c),
        `经审查，公开该政府信息可能损害你（单位）的合法权益。根据${REGULATION}第三十二条的规定，现书面征求你（单位）的意见。`,
        `请你（单位）自收到本意见书之日起15个工作日内，即${lastDayPhrase(input.limitOn)}，向本机关提出是否同意公开的书面意见，不同意公开的请说明理由。逾期未提出意见的，由本机关依照${REGULATION}的规定决定是否公开。`,
        '特此征求意见。',
      ]
    : [
        receivedFromApplicant(c),
        `经审查，该政府信息由本机关与你机关共同制作。根据${REGULATION}第三十四条的规定，现征求你机关的意见。`,
        `请你机关自收到本函之日起15个工作日内，即${lastDayPhrase(input.limitOn)}，提出意见；逾期未提出意见的，视为同意公开。`,
        '特此函告。',
      ];
  return frame('consultation', agency, c, input.issuedOn, body, {
    title: third ? LETTER_TITLES.consultation : '政府信息公开征求意见函',
    salutation: `${to}：`,
  });
}

/** To the applicant: a consultation is under way and its time is not counted (第三十三条第三款). */
export function consultationNoticeLetter(input: {
  agency: LetterAgency;
  case: LetterCase;
  issuedOn: string;
  party: 'third_party' | 'agency';
}): LetterContent {
  const { agency, case: c } = input;
  const why =
    input.party === 'third_party'
      ? `公开可能损害第三方合法权益，本机关已于${date(input.issuedOn)}依照${REGULATION}第三十二条的规定书面征求第三方的意见`
      : `由本机关与其他行政机关共同制作，本机关已于${date(input.issuedOn)}依照${REGULATION}第三十四条的规定征求有关行政机关的意见`;
  return frame('consultation_notice', agency, c, input.issuedOn, [
    opening(c),
    `经审查，你（单位）申请获取的政府信息${why}。`,
    `根据${REGULATION}第三十三条第三款的规定，征求意见所需时间不计算在答复期限内。本机关将在收到意见或者征求意见期满后依法作出答复。`,
    '特此告知。',
  ]);
}
