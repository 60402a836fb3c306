/**
 * The letters of an application, as data: 答复告知书 per table 三 outcome, 补正告知书, 延期答复
 * 告知书 and 信息处理费缴费通知书. A letter is composed once, when it is issued, and kept as it
 * was; the HTML, DOCX and PDF documents are all rendered from this one content.
 *
 * This module is the entry point; what a letter is and the parts every letter shares are in
 * ./letter.ts, the letters that decide a case in ./replies.ts, the others in ./notices.ts.
 */
export {
  LETTER_KINDS,
  LETTER_TITLES,
  type LetterAgency,
  type LetterCase,
  type LetterContent,
  type LetterKind,
} from './letter.js';
export {
  acknowledgementLetter,
  consultationLetter,
  consultationNoticeLetter,
  correctionLetter,
  extensionLetter,
  FEE_METHOD_LABELS,
  feeLetter,
} from './notices.js';
export {
  forwardLetter,
  lapseLetter,
  OUTCOME_STATEMENTS,
  remedyNotice,
  replyLetter,
  SUGGESTED_LEGAL_BASIS,
} from './replies.js';
