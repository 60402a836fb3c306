/** The password rule, in one place for the server and the workspace form. */
export const PASSWORD_MIN_LENGTH = 10;

/** Returns what is wrong with a new password, in Chinese, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位。`;
  if (password.length > 200) return '密码不能超过 200 位。';
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return '密码须同时包含字母和数字。';
  if (password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名。';
  return null;
}
