/**
 * The clause library of replies: for each outcome row of table 三, the legal basis the reply
 * rests on and the standard wording of its reasons, as gongkai ships them. An agency edits its
 * own copy (services/applications/clauses.ts). A reply that withholds anything — 部分公开, 不予
 * 公开, 无法提供, 不予处理 — cannot be saved without its reasons and legal basis (条例第三十六条
 * 第（三）项: 告知申请人不予公开并说明理由).
 */
import type { OutcomeRowKey } from '../report/format.js';

export const REGULATION_TITLE = '《中华人民共和国政府信息公开条例》';
const R = REGULATION_TITLE;

export interface Clause {
  legalBasis: string;
  /** The standard wording of the reasons; empty where the outcome needs none. */
  reasons: string;
}

/** The outcome groups that withhold something from the applicant. */
export const REFUSAL_GROUPS = ['partially_disclosed', 'withheld', 'unable', 'not_processed'];

export const isRefusal = (outcome: OutcomeRowKey): boolean =>
  REFUSAL_GROUPS.includes(outcome.split('.')[0]!);

export const DEFAULT_CLAUSES: Record<OutcomeRowKey, Clause> = {
  disclosed: { legalBasis: `${R}第三十六条第（二）项`, reasons: '' },
  partially_disclosed: {
    legalBasis: `${R}第三十七条、第三十六条第（三）项`,
    reasons:
      '不予公开的部分涉及第三方的个人隐私，第三方不同意公开，公开会对第三方合法权益造成损害，依法不予公开；其余部分已作区分处理后予以提供。',
  },
  'withheld.state_secret': {
    legalBasis: `${R}第十四条、第三十六条第（三）项`,
    reasons: '你（单位）申请获取的信息已依法确定为国家秘密，依法不予公开。',
  },
  'withheld.prohibited_by_law': {
    legalBasis: `${R}第十四条、第三十六条第（三）项`,
    reasons: '你（单位）申请获取的信息属于法律、行政法规禁止公开的信息。',
  },
  'withheld.security_stability': {
    legalBasis: `${R}第十四条、第三十六条第（三）项`,
    reasons: '你（单位）申请获取的信息公开后可能危及国家安全、公共安全、经济安全或者社会稳定。',
  },
  'withheld.third_party_rights': {
    legalBasis: `${R}第十五条、第三十二条、第三十六条第（三）项`,
    reasons:
      '你（单位）申请获取的信息涉及第三方的商业秘密、个人隐私，经书面征求意见，第三方不同意公开，公开会对第三方合法权益造成损害。',
  },
  'withheld.internal_affairs': {
    legalBasis: `${R}第十六条第一款、第三十六条第（三）项`,
    reasons: '你（单位）申请获取的信息属于本机关的人事管理、后勤管理、内部工作流程等内部事务信息。',
  },
  'withheld.process_information': {
    legalBasis: `${R}第十六条第二款、第三十六条第（三）项`,
    reasons:
      '你（单位）申请获取的信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。',
  },
  'withheld.enforcement_files': {
    legalBasis: `${R}第十六条第二款、第三十六条第（三）项`,
    reasons: '你（单位）申请获取的信息属于行政执法案卷信息。',
  },
  'withheld.administrative_query': {
    legalBasis: `${R}第三十六条第（七）项`,
    reasons:
      '有关法律、行政法规对你（单位）申请获取的信息的获取有特别规定，请按照有关规定办理查询。',
  },
  'unable.not_held': {
    legalBasis: `${R}第三十六条第（四）项`,
    reasons: '经检索本机关的档案和业务系统，本机关未制作、也未获取你（单位）申请获取的政府信息。',
  },
  'unable.needs_creation': {
    legalBasis: `${R}第三十八条`,
    reasons:
      '本机关没有你（单位）申请获取的现成信息，提供该信息需要对现有政府信息进行加工、分析或者另行制作。',
  },
  'unable.still_unclear': {
    legalBasis: `${R}第三十条`,
    reasons: '补正后的申请仍未能指明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。',
  },
  'not_processed.complaint': {
    legalBasis: `${R}第三十九条第一款`,
    reasons: '你（单位）的申请内容属于信访、投诉、举报事项，请通过信访、投诉、举报渠道提出。',
  },
  'not_processed.duplicate': {
    legalBasis: `${R}第三十六条第（六）项`,
    reasons: '你（单位）已就相同政府信息提出过公开申请，本机关已依法作出答复。',
  },
  'not_processed.publication': {
    legalBasis: `${R}第三十九条第二款`,
    reasons: '你（单位）要求提供的是政府公报、报刊、书籍等公开出版物，可以通过其发行渠道获取。',
  },
  'not_processed.excessive': {
    legalBasis: `${R}第三十五条`,
    reasons:
      '你（单位）申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，未能说明正当理由。',
  },
  // No article of the regulation names this row; the agency states the basis it relies on.
  'not_processed.confirmation': {
    legalBasis: '',
    reasons: '你（单位）要求本机关确认或者重新出具已经获取的信息，不属于政府信息公开申请的范围。',
  },
  'other.no_correction': { legalBasis: `${R}第三十条`, reasons: '' },
  'other.fee_unpaid': {
    legalBasis: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
    reasons: '',
  },
  'other.other': { legalBasis: '', reasons: '' },
};

const REGULATION_NAMES = /《中华人民共和国政府信息公开条例》|《政府信息公开条例》|《条例》/g;

/**
 * The legal basis as a letter quotes it: the regulation named once, in full, however the clerk
 * or the clause wrote it (“《条例》第十四条、《条例》第三十六条” → “《中华人民共和国政府信息
 * 公开条例》第十四条、第三十六条”), with no doubled or trailing punctuation.
 */
export function formatLegalBasis(text: string): string {
  let t = text.trim().replace(/^依据[:：]\s*/, '');
  // A bare 条例 (条例第十四条) is the regulation too.
  t = t.replace(/(^|[、，；\s])条例(?=第)/g, '$1《条例》');
  let seen = false;
  t = t.replace(REGULATION_NAMES, () => {
    if (seen) return '';
    seen = true;
    return REGULATION_TITLE;
  });
  return t
    .replace(/\s+/g, '')
    .replace(/([、，；,;])[、，；,;]+/g, '$1')
    .replace(/^[、，；,;。]+|[、，；,;。.]+$/g, '');
}

/** A paragraph ends with a sentence's punctuation; one without gets a 。. */
export function asSentence(text: string): string {
  const t = text.trim().replace(/[，、；,;]+$/, '');
  if (!t) return t;
  return /[。！？：”’）)》]$/.test(t) ? t.replace(/。{2,}$/, '。') : `${t}。`;
}
