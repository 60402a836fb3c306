/**
 * What a person reads on a walked page, and the ASCII in it that must not be there: identifiers
 * (a field name, an enum code, `undefined`, `null`, `NaN`, `[object Object]`) or a `\u0000`.
 */
import type { Page } from 'playwright-core';
import { TYPED } from './roles.js';

/**
 * ASCII a person may legitimately read: names of file formats and standards, the product's name,
 * the authenticator app's kind. Anything else in ASCII letters is an identifier leaking through.
 */
const ALLOWED_WORDS = new Set([
  'gongkai', // the product's name, in the top bar
  'Word', // 下载 Word 版
  'Excel', // 导出台账（Excel）
  'Chromium', // the PDF renderer named in a hint
]);

/** Text that is the person's own data (usernames, typed values) or a secret shown once. */
const DATA_SELECTOR = [
  '.code', // case numbers, query codes
  '.password', // a one-time password or query code
  '[data-testid="initial-password"]',
  '[data-testid="totp-secret"]',
  '[data-testid="recovery-codes"]',
  // Marked by the page as data: a session's browser and system ("Chrome/131（Linux）"), which
  // are proper names.
  '[data-ascii="data"]',
].join(',');

export function foreignTokens(text: string, typed: Set<string>): string[] {
  const found: string[] = [];
  if (text.includes('\u0000')) found.push('\\u0000');
  if (text.includes('[object Object]')) found.push('[object Object]');
  const tokens = text.match(/[A-Za-z][A-Za-z0-9_.:/@-]*/g) ?? [];
  for (const raw of tokens) {
    // Adjacent links run together in the text (“PDF”“Word” → PDFWord): take the allowed words out.
    let token = raw.replace(/[.:/-]+$/, '');
    for (const word of ALLOWED_WORDS) token = token.split(word).join(' ');
    token = token.trim();
    if (token === '') continue;
    if (!/[a-z]/.test(token) && !/[_.]/.test(token)) continue; // PDF, DOCX, TOTP, XLSX, SM4
    // Only a whole token equal to what the walk itself created or typed (a username, `abc`): a
    // role code such as `clerk` or `admin` is part of a username but is not the person's data.
    if (typed.has(token)) continue;
    if (/^https?:\/\//.test(token) || /@/.test(token)) continue; // URLs, e-mail addresses
    found.push(token);
  }
  return found;
}

/** The text a person reads on the page, without their own data and secrets shown once. */
export async function visibleText(page: Page): Promise<string> {
  return (await read(page, false)).text;
}

/**
 * The page's text (see visibleText); with `unfold`, what is folded away (details) is opened
 * first and read too, and `unfolded` says how many were opened.
 */
async function read(page: Page, unfold: boolean): Promise<{ text: string; unfolded: number }> {
  return page.evaluate(
    ([dataSelector, open]) => {
      let unfolded = 0;
      if (open) {
        for (const d of document.querySelectorAll('details')) {
          if (d.open) continue;
          d.open = true;
          unfolded++;
        }
      }
      // The visible text of the page, minus the text of the data elements, and minus the codes
      // of findings shown beside their Chinese title.
      const cjk = /[\u4e00-\u9fff]/;
      const hidden = [
        ...document.querySelectorAll<HTMLElement>(dataSelector),
        ...Array.from(document.querySelectorAll<HTMLElement>('code.finding-code')).filter((c) => {
          const title = c.previousElementSibling;
          return title?.classList.contains('finding-title') && cjk.test(title.textContent ?? '');
        }),
      ];
      let text = document.body.innerText;
      for (const el of hidden) {
        if (el.innerText) text = text.split(el.innerText).join(' ');
      }
      // What a form control shows: its value is typed data; its placeholder is the page's.
      for (const el of document.querySelectorAll<HTMLInputElement>('input, textarea')) {
        if (el.placeholder && el.offsetParent !== null) text += `\n${el.placeholder}`;
      }
      return { text, unfolded };
    },
    [DATA_SELECTOR, unfold] as const,
  );
}

/**
 * Records what of the page's text a person should not read (folded text included); returns
 * whether the page is as it was (nothing folded had to be opened to read it).
 */
export async function check(
  page: Page,
  problems: string[],
  label: string,
  where: string,
): Promise<boolean> {
  // What is folded away is read too (为什么有些步骤不能办理, 各日依据).
  const { text, unfolded } = await read(page, true);
  const tokens = foreignTokens(text, TYPED);
  if (tokens.length > 0) {
    problems.push(`${label} ${where}：显示了 ${[...new Set(tokens)].join('、')}`);
  }
  return unfolded === 0;
}
