/**
 * The letters that decide an application (see ./templates.ts), each with the remedy notice: the
 * 答复告知书 per table 三 outcome, the 不再处理 letter of a case that lapsed, the 转送告知书.
 */
import { asSentence, DEFAULT_CLAUSES, formatLegalBasis } from '../../core/applications/clauses.js';
import { lastDayPhrase } from '../../core/calendar/date.js';
import { formatYuan } from '../../core/fees/processing-fee.js';
import type { OutcomeRowKey } from '../../core/report/format.js';
import {
  date,
  frame,
  opening,
  paragraphsOf,
  REGULATION,
  type LetterAgency,
  type LetterCase,
  type LetterContent,
} from './letter.js';

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
