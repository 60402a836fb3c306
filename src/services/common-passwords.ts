/**
 * The bundled list of common passwords a new password is checked against: zxcvbn-ts's list
 * (about 49,000 passwords from published leaks, ranked by frequency), and passwords common in
 * China that list lacks (pinyin words, 520/1314 love numbers, QQ-style and keyboard walks seen
 * at the top of published Chinese leak statistics). No network: the list ships in the package.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { commonPasswordForms } from '../core/auth/password-policy.js';

const CHINESE_COMMON = [
  'woaini',
  'woaini1314',
  'woaini520',
  'woaini521',
  'iloveyou1314',
  'aini1314',
  '5201314',
  '1314520',
  '52013140',
  'wodemima',
  'mima',
  'mima123',
  'mima1234',
  'mimamima',
  'zhangwei',
  'wangwei',
  'wangjing',
  'liming',
  'zhongguo',
  'beijing',
  'shanghai',
  'woshishui',
  'nihao',
  'nihao123',
  'qwe123',
  'qweasd',
  'qweasdzxc',
  'qazwsx',
  'qazwsxedc',
  '1qaz2wsx',
  '1qaz2wsx3edc',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'a123456',
  'a1234567',
  'a12345678',
  'a123456789',
  'aa123456',
  'abc123456',
  'qq123456',
  'qq5201314',
  'asd123',
  'asdasd',
  'zxc123',
  '123qwe',
  '147258',
  '147258369',
  '159357',
  '789456123',
  '123456abc',
  'admin',
  'admin123',
  'admin888',
  'administrator',
  'root',
  'gongkai',
  'zhengwu',
  'zhengfu',
  'xinxi',
];

let common: Set<string> | undefined;

function list(): Set<string> {
  common ??= new Set([...dictionary['passwords-common'], ...CHINESE_COMMON]);
  return common;
}

/** Whether the password (or it without the digits and symbols at its ends) is common. */
export function isCommonPassword(password: string): boolean {
  const words = list();
  return commonPasswordForms(password).some((form) => words.has(form));
}
