/**
 * The password rule and the session rules, set by the security administrator (身份鉴别: 口令
 * 复杂度、定期更换、会话控制). Pure: the adapters pass the policy, the dates and the list of
 * common passwords.
 */

export interface PasswordRules {
  /** At least this many characters. */
  minLength: number;
  /** At least this many of the four classes: capitals, small letters, digits, symbols. */
  minClasses: number;
  /** A password expires this many days after it was set (0: never). */
  expiryDays: number;
  /** Warn this many days before it expires. */
  warnDays: number;
  /** A new password differs from this many of the latest ones, the current one included. */
  historyCount: number;
}

export interface SessionRules {
  /** At most this many sessions per account at once; signing in once more ends the oldest. */
  maxSessions: number;
  /** Revealing personal data, changing roles, exporting the register: within this many minutes of entering the password or a code. */
  reauthMinutes: number;
}

export interface SecurityPolicy {
  password: PasswordRules;
  sessions: SessionRules;
}

/** The shipped defaults: 等保 level 3 as assessors usually read it. */
export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  password: { minLength: 10, minClasses: 3, expiryDays: 90, warnDays: 7, historyCount: 5 },
  sessions: { maxSessions: 3, reauthMinutes: 5 },
};

/** Kept for callers that only need the default length. */
export const PASSWORD_MIN_LENGTH = DEFAULT_SECURITY_POLICY.password.minLength;
export const PASSWORD_MAX_LENGTH = 200;

const CLASS_NAMES = ['大写字母', '小写字母', '数字', '符号'] as const;

/** Which of the four classes the password uses: capitals, small letters, digits, symbols. */
export function characterClasses(password: string): boolean[] {
  return [
    /[A-Z]/.test(password),
    /[a-z]/.test(password),
    /[0-9]/.test(password),
    /[^A-Za-z0-9]/.test(password),
  ];
}

/** The rule in one sentence, for the form's hint. */
export function passwordRuleText(rules: PasswordRules = DEFAULT_SECURITY_POLICY.password): string {
  const classes =
    rules.minClasses >= 4
      ? '须同时包含大写字母、小写字母、数字和符号'
      : `须包含大写字母、小写字母、数字、符号中的至少 ${rules.minClasses} 类`;
  const history =
    rules.historyCount > 1 ? `，不能与最近 ${rules.historyCount} 次用过的密码相同` : '';
  return `至少 ${rules.minLength} 位，${classes}，不能包含用户名，不能是常见密码${history}。`;
}

/**
 * What is wrong with a new password, in Chinese, or null when it is acceptable. `isCommon`
 * answers whether the password is in the list of common passwords (the server has the list;
 * the workspace form leaves it to the server).
 */
export function passwordProblem(
  password: string,
  username: string,
  rules: PasswordRules = DEFAULT_SECURITY_POLICY.password,
  isCommon: (password: string) => boolean = () => false,
): string | null {
  if (password.length < rules.minLength) return `密码至少 ${rules.minLength} 位。`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 位。`;
  const classes = characterClasses(password);
  const used = classes.filter(Boolean).length;
  if (used < rules.minClasses) {
    const missing = CLASS_NAMES.filter((_, i) => !classes[i]).join('、');
    return `密码须包含大写字母、小写字母、数字、符号中的至少 ${rules.minClasses} 类（现在只有 ${used} 类，可加入${missing}）。`;
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    return '密码不能包含用户名。';
  }
  if (isCommon(password)) {
    return '这是常见密码（或由常见密码加数字、符号组成），很容易被猜到，请换一个。';
  }
  return null;
}

/**
 * The forms of a password to look up in a list of common passwords: as typed in small letters,
 * and with the digits and symbols at its ends taken off (Password2026! is password).
 */
export function commonPasswordForms(password: string): string[] {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
  return core.length >= 4 && core !== lower ? [lower, core] : [lower];
}

/** What the security administrator's policy gets wrong, field by field (empty when sound). */
export function policyProblems(policy: SecurityPolicy): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const within = (field: string, value: number, min: number, max: number, what: string) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push({ field, message: `${what}应为 ${min}–${max} 之间的整数。` });
    }
  };
  const p = policy.password;
  within('password.minLength', p.minLength, 8, 64, '密码最短长度');
  within('password.minClasses', p.minClasses, 1, 4, '字符种类');
  within('password.expiryDays', p.expiryDays, 0, 365, '密码有效天数');
  within('password.warnDays', p.warnDays, 0, 30, '到期提醒天数');
  within('password.historyCount', p.historyCount, 1, 24, '不能重复使用的最近密码个数');
  if (p.expiryDays > 0 && p.warnDays >= p.expiryDays) {
    problems.push({
      field: 'password.warnDays',
      message: '到期提醒天数应小于密码有效天数。',
    });
  }
  within('sessions.maxSessions', policy.sessions.maxSessions, 1, 20, '同一账号同时登录的上限');
  within('sessions.reauthMinutes', policy.sessions.reauthMinutes, 1, 60, '再次验证的有效分钟数');
  return problems;
}

const DAY_MS = 86_400_000;

/**
 * Where a password stands on `now`: expired, or the whole days left (null when it never
 * expires). `setAt` is when it was set (ISO instant).
 */
export function passwordAge(
  setAt: string,
  now: string,
  rules: PasswordRules,
): { expired: boolean; daysLeft: number | null; warn: boolean } {
  if (rules.expiryDays === 0) return { expired: false, daysLeft: null, warn: false };
  const expiresAt = Date.parse(setAt) + rules.expiryDays * DAY_MS;
  const left = expiresAt - Date.parse(now);
  if (left <= 0) return { expired: true, daysLeft: 0, warn: true };
  const daysLeft = Math.ceil(left / DAY_MS);
  return { expired: false, daysLeft, warn: daysLeft <= rules.warnDays };
}
