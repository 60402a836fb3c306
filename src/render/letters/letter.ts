/**
 * What a letter of an application is (see ./templates.ts): its kinds and titles, its content, the
 * agency and the case it is written from, and the parts every letter shares — the frame, the
 * opening sentence, the agency's contact lines.
 */
import { formatChineseDate } from '../../core/calendar/date.js';

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

export const REGULATION = '《中华人民共和国政府信息公开条例》';

export const date = formatChineseDate;

function contactLines(agency: LetterAgency): string[] {
  return [
    agency.phone && `联系电话：${agency.phone}`,
    agency.address &&
      `通信地址：${agency.address}${agency.postcode ? `（邮编 ${agency.postcode}）` : ''}`,
    agency.email && `电子邮箱：${agency.email}`,
    agency.officeHours && `办公时间：${agency.officeHours}`,
  ].filter((line): line is string => Boolean(line));
}

export function opening(c: LetterCase): string {
  const received = `本机关于${date(c.receivedOn)}收到你（单位）提出的政府信息公开申请（申请编号：${c.number}），申请获取“${c.description}”的政府信息。`;
  if (c.correctionReceivedOn) {
    const corrected = c.correctedDescription
      ? `，补正后申请获取“${c.correctedDescription}”的政府信息`
      : '';
    return `${received}本机关于${date(c.correctionRequestedOn ?? c.receivedOn)}告知你（单位）补正，于${date(c.correctionReceivedOn)}收到补正后的申请${corrected}。`;
  }
  return received;
}

export const paragraphsOf = (text: string | null | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export function frame(
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

/** The sentence every letter opens with, without the applicant's name (for a third party). */
export function receivedFromApplicant(c: LetterCase): string {
  return `本机关于${date(c.receivedOn)}收到申请人提出的政府信息公开申请（申请编号：${c.number}），申请获取“${c.description}”的政府信息。`;
}
