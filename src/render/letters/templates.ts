/**
 * The letters of an application, as data: 答复告知书 per table 三 outcome, 补正告知书, 延期答复
 * 告知书 and 信息处理费缴费通知书. A letter is composed once, when it is issued, and kept as it
 * was; the HTML, DOCX and PDF documents are all rendered from this one content.
 */
import { asSentence, DEFAULT_CLAUSES, formatLegalBasis } from '../../core/applications/clauses.js';
import { formatChineseDate, lastDayPhrase } from '../../core/calendar/date.js';
import type { FeeBand, FeeMethod } from '../../core/fees/processing-fee.js';
import { formatYuan } from '../../core/fees/processing-fee.js';
import type { OutcomeRowKey } from '../../core/report/format.js';

/**
 * lapse: the case ended without a reply, by no correction or no payment in time (不再处理);
 * not_processed: a reply of table 三（五） (不予处理); consultation: to the third party or agency
 * consulted; consultation_notice: to the applicant, that the consultation's time is not counted.
 */
export type LetterKind =
  | 'acknowledgement'
  | 'correction'
  | 'extension'
  | 'consultation'
  | 'consultation_notice'
  | 'fee'
  | 'forward'
  | 'reply'
  | 'not_processed'
  | 'lapse';

export const LETTER_TITLES: Record<LetterKind, string> = {
  acknowledgement: '政府信息公开申请受理回执',
  correction: '政府信息公开申请补正告知书',
  extension: '政府信息公开申请延期答复告知书',
  consultation: '政府信息公开征求第三方意见书',
  consultation_notice: '政府信息公开申请征求意见告知书',
  fee: '政府信息公开信息处理费缴费通知书',
  forward: '政府信息公开申请转送告知书',
  reply: '政府信息公开申请答复告知书',
  not_processed: '政府信息公开申请不予处理告知书',
  lapse: '政府信息公开申请不再处理告知书',
};

/** Every letter type, in the order of a case (for the 文号 settings and the letter set). */
export const LETTER_KINDS = Object.keys(LETTER_TITLES) as LetterKind[];

export interface LetterContent {
  kind: LetterKind;
  title: string;
  /** 文号, e.g. 〔2026〕第12号: under the title; absent on letters issued before numbering. */
  documentNumber?: string | null;
  /** The line under the title: 申请编号. */
  reference: string;
  /** 张三： */
  salutation: string;
  paragraphs: string[];
  /** A small table (the fee bands). */
  table: { headers: string[]; rows: string[][] } | null;
  /** The remedy notice (reply letters): review, lawsuit, complaint. */
  remedy: string[];
  /** 联系人、电话、地址 of the agency. */
  contact: string[];
  /** The agency's name above the seal, and the date in Chinese. */
  signature: { agency: string; date: string };
}

export interface LetterAgency {
  name: string;
  address: string;
  postcode: string;
  phone: string;
  email: string;
  officeHours: string;
}

export interface LetterCase {
  number: string;
  applicantName: string;
  receivedOn: string;
  description: string;
  /** When a correction was received, the reply period ran from that day (条例第三十条). */
  correctionRequestedOn: string | null;
  correctionReceivedOn: string | null;
  /** The corrected application's description of the information sought, when recorded. */
  correctedDescription: string | null;
  formWanted: string;
  deliveryMethod: string;
}

const REGULATION = '《中华人民共和国政府信息公开条例》';

/**
 * The sentence of each outcome. Articles 第十四、十五、十六条 are those of the 2019 regulation
 * (国务院令第711号) on what is not disclosed; the others as in the project's notes on 第三十至
 * 三十九条.
 */
export const OUTCOME_STATEMENTS: Record<OutcomeRowKey, string> = {
  disclosed: '经审查，你（单位）申请获取的政府信息属于公开范围，本机关决定予以公开。',
  partially_disclosed:
    '经审查，你（单位）申请获取的政府信息中，部分内容可以公开，部分内容依法不予公开。本机关对能够区分处理的可以公开的部分予以提供，对不予公开的部分说明理由如下。',
  'withheld.state_secret': '经审查，你（单位）申请获取的政府信息属于国家秘密，依法不予公开。',
  'withheld.prohibited_by_law':
    '经审查，你（单位）申请获取的政府信息属于法律、行政法规禁止公开的信息，依法不予公开。',
  'withheld.security_stability':
    '经审查，你（单位）申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。',
  'withheld.third_party_rights':
    '经审查，你（单位）申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，依法不予公开。',
  'withheld.internal_affairs':
    '经审查，你（单位）申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息，依法可以不予公开。',
  'withheld.process_information':
    '经审查，你（单位）申请获取的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，依法可以不予公开。',
  'withheld.enforcement_files':
    '经审查，你（单位）申请获取的政府信息属于行政执法案卷信息，依法可以不予公开。',
  'withheld.administrative_query':
    '经审查，你（单位）申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的行政查询事项，请依照有关法律、行政法规的规定办理。',
  'unable.not_held': '经检索，本机关不掌握你（单位）申请获取的政府信息。',
  'unable.needs_creation':
    '经审查，本机关没有你（单位）申请获取的现成信息，需要另行制作或者对现有政府信息进行加工、分析，本机关不予提供。',
  'unable.still_unclear':
    '本机关已告知你（单位）对申请作出补正，补正后的申请内容仍不明确，本机关无法提供。',
  'not_processed.complaint':
    '经审查，你（单位）以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，请通过相应渠道提出。',
  'not_processed.duplicate':
    '经审查，你（单位）已就相同政府信息提出过公开申请，本机关已依法作出答复，对重复申请不予重复处理。',
  'not_processed.publication':
    '经审查，你（单位）要求提供的是公开出版物，本机关不作为政府信息公开申请处理，你（单位）可以通过公开出版物的发行渠道获取。',
  'not_processed.excessive':
    '经审查，你（单位）申请公开政府信息的数量、频次明显超过合理范围，且未说明正当理由，本机关不予处理。',
  'not_processed.confirmation':
    '经审查，你（单位）要求本机关确认或者重新出具已经获取的信息，不属于政府信息公开申请的范围，本机关不予处理。',
  'other.no_correction':
    '本机关已告知你（单位）对申请作出补正，你（单位）无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。',
  'other.fee_unpaid':
    '你（单位）逾期未按收费通知的要求缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。',
  'other.other': '本机关对你（单位）的申请作如下处理。',
};

/** The legal basis a clerk usually cites for each outcome: a suggestion to confirm or edit. */
export const SUGGESTED_LEGAL_BASIS: Record<OutcomeRowKey, string> = Object.fromEntries(
  Object.entries(DEFAULT_CLAUSES).map(([k, c]) => [k, c.legalBasis]),
) as Record<OutcomeRowKey, string>;

/** Outcomes after which the applicant receives information (the form and way wanted apply). */
const PROVIDES_INFORMATION: readonly OutcomeRowKey[] = ['disclosed', 'partially_disclosed'];

const date = formatChineseDate;

function contactLines(agency: LetterAgency): string[] {
  return [
    agency.phone && `联系电话：${agency.phone}`,
    agency.address &&
      `通信地址：${agency.address}${agency.postcode ? `（邮编 ${agency.postcode}）` : ''}`,
    agency.email && `电子邮箱：${agency.email}`,
    agency.officeHours && `办公时间：${agency.officeHours}`,
  ].filter((line): line is string => Boolean(line));
}

function opening(c: LetterCase): string {
  const received = `本机关于${date(c.receivedOn)}收到你（单位）提出的政府信息公开申请（申请编号：${c.number}），申请获取“${c.description}”的政府信息。`;
  if (c.correctionReceivedOn) {
    const corrected = c.correctedDescription
      ? `，补正后申请获取“${c.correctedDescription}”的政府信息`
      : '';
    return `${received}本机关于${date(c.correctionRequestedOn ?? c.receivedOn)}告知你（单位）补正，于${date(c.correctionReceivedOn)}收到补正后的申请${corrected}。`;
  }
  return received;
}

const paragraphsOf = (text: string | null | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

function frame(
  kind: LetterKind,
  agency: LetterAgency,
  c: LetterCase,
  issuedOn: string,
  body: string[],
  extra: Partial<Pick<LetterContent, 'table' | 'remedy' | 'title' | 'salutation'>> = {},
): LetterContent {
  return {
    kind,
    title: extra.title ?? LETTER_TITLES[kind],
    documentNumber: null,
    reference: `申请编号：${c.number}`,
    salutation: extra.salutation ?? `${c.applicantName}：`,
    paragraphs: body,
    table: extra.table ?? null,
    remedy: extra.remedy ?? [],
    contact: contactLines(agency),
    signature: { agency: agency.name, date: date(issuedOn) },
  };
}

/**
 * The remedy notice of a reply (条例第五十一条). The periods are not in the regulation itself:
 * 60 days to apply for administrative review — 《中华人民共和国行政复议法》（2023年修订）第二十条
 * 第一款; 6 months to sue — 《中华人民共和国行政诉讼法》第四十六条第一款. Both run from the day
 * the applicant knows of the decision, which a letter states as the day it is received.
 */
export function remedyNotice(reviewBody: string, court: string): string[] {
  const body = reviewBody.trim() || '有管辖权的行政复议机关';
  const where = court.trim() || '有管辖权的人民法院';
  return [
    `如对本答复不服，可以自收到本告知书之日起六十日内向${body}申请行政复议，或者自收到本告知书之日起六个月内向${where}提起行政诉讼。`,
    `认为本机关在政府信息公开工作中侵犯你（单位）合法权益的，也可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报（${REGULATION}第五十一条）。`,
  ];
}

export function replyLetter(input: {
  agency: LetterAgency;
  case: LetterCase;
  issuedOn: string;
  outcome: OutcomeRowKey;
  legalBasis: string;
  /** What the clerk wrote: what is provided and where, the reasons for what is withheld. */
  details: string | null;
  reviewBody: string;
  court: string;
}): LetterContent {
  const { agency, case: c, outcome } = input;
  // Each paragraph once (a clause's wording may also have been typed into the details), each
  // ending as a sentence; the regulation named once in the basis.
  const paragraphs = [...new Set(paragraphsOf(input.details).map(asSentence))].filter(
    (p) => p !== OUTCOME_STATEMENTS[outcome],
  );
  const body = [opening(c), OUTCOME_STATEMENTS[outcome], ...paragraphs];
  const basis = formatLegalBasis(input.legalBasis);
  if (basis) body.push(`依据：${basis}。`);
  if (PROVIDES_INFORMATION.includes(outcome)) {
    body.push(
      `本机关按你（单位）要求的形式（${c.formWanted}）和方式（${c.deliveryMethod}）提供上述信息。`,
    );
  }
  body.push('特此告知。');
  return frame('reply', agency, c, input.issuedOn, body, {
    remedy: remedyNotice(input.reviewBody, input.court),
  });
}

/**
 * The 告知书 of a case that ends without a reply (table 三（六）1、2): the applicant did not
 * correct, or did not pay, in time. It states the facts, the outcome in the words used for it,
 * its basis, and the remedy notice like a reply — the decision not to process further can be
 * challenged like any other.
 */
export function lapseLetter(input: {
  agency: LetterAgency;
  case: LetterCase;
  issuedOn: string;
  outcome: 'other.no_correction' | 'other.fee_unpaid';
  facts:
    | { kind: 'correction'; requestedOn: string; correctBy: string }
    | { kind: 'fee'; issuedOn: string; amountFen: number; payBy: string };
  /** What the clerk wrote with it (e.g. why a late correction was not accepted). */
  details: string | null;
  reviewBody: string;
  court: string;
}): LetterContent {
  const { agency, case: c, facts } = input;
  const fact =
    facts.kind === 'correction'
      ? `本机关于${date(facts.requestedOn)}告知你（单位）补正，请你（单位）${lastDayPhrase(facts.correctBy)}补正。`
      : `本机关于${date(facts.issuedOn)}向你（单位）发出信息处理费缴费通知，应缴纳信息处理费${formatYuan(facts.amountFen)}元，请你（单位）${lastDayPhrase(facts.payBy)}缴纳。`;
  const body = [
    opening(c),
    fact,
    OUTCOME_STATEMENTS[input.outcome],
    ...paragraphsOf(input.details),
    `依据：${formatLegalBasis(SUGGESTED_LEGAL_BASIS[input.outcome])}。`,
    '特此告知。',
  ];
  return frame('lapse', agency, c, input.issuedOn, body, {
    remedy: remedyNotice(input.reviewBody, input.court),
  });
}

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

/** The sentence every letter opens with, without the applicant's name (for a third party). */
function receivedFromApplicant(c: LetterCase): string {
  return `本机关于${date(c.receivedOn)}收到申请人提出的政府信息公开申请（申请编号：${c.number}），申请获取“${c.description}”的政府信息。`;
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

/**
 * 转送告知书: the information is another agency's (条例第三十六条第（五）项); the application went
 * on to it, and the applicant is told its name and how to reach it. A decision the applicant may
 * challenge, so it carries the remedy notice.
 */
export function forwardLetter(input: {
  agency: LetterAgency;
  case: LetterCase;
  issuedOn: string;
  agencyName: string;
  contact: string | null;
  details: string | null;
  reviewBody: string;
  court: string;
}): LetterContent {
  const { agency, case: c } = input;
  const contact = input.contact?.trim() ? `（联系方式：${input.contact.trim()}）` : '';
  return frame(
    'forward',
    agency,
    c,
    input.issuedOn,
    [
      opening(c),
      `经审查，你（单位）申请获取的政府信息不属于本机关负责公开的范围。根据${REGULATION}第三十六条第（五）项的规定，负责公开该政府信息的行政机关为${input.agencyName}${contact}。本机关已于${date(input.issuedOn)}将你（单位）的申请转送${input.agencyName}，请你（单位）与其联系。`,
      ...paragraphsOf(input.details),
      '特此告知。',
    ],
    { remedy: remedyNotice(input.reviewBody, input.court) },
  );
}
