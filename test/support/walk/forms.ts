/**
 * Every form of a walked page submitted empty and then with the wrong kind of input (letters in
 * number fields, half-typed dates, over-long text). Controls outside a `<form>` (an editor card,
 * an approval's comment with its buttons) count as a form: the group is the nearest element
 * holding both the controls and a button, and its primary (else saving) button submits it.
 */
import type { Locator, Page } from 'playwright-core';
import type { Role } from './roles.js';
import { settle } from './settle.js';
import { check } from './text.js';

const LONG_TEXT = '超长文本'.repeat(1500);

/**
 * Marks the groups of controls outside any form: for each visible input or text area of the
 * main area not in a form, the nearest element also holding a visible button (not in a form).
 * The group's controls and the button that submits it (its primary, else the first) are marked.
 */
async function markGroups(page: Page): Promise<void> {
  await page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return;
    for (const el of main.querySelectorAll('[data-walk-group]')) {
      el.removeAttribute('data-walk-group');
    }
    const outside = (e: Element) => e.closest('form') === null;
    const visible = (e: Element) => (e as HTMLElement).offsetParent !== null;
    const skipped = ['file', 'checkbox', 'radio', 'hidden', 'submit', 'button'];
    const groups: Element[] = [];
    for (const control of main.querySelectorAll<HTMLInputElement>('input, textarea')) {
      if (!outside(control) || !visible(control) || skipped.includes(control.type)) continue;
      let group: Element | null = control.parentElement;
      while (group && group !== main) {
        // A button disabled until something is typed (保存草稿) still makes the group.
        const buttons = Array.from(group.querySelectorAll('button')).filter(
          (b) => outside(b) && visible(b),
        );
        if (buttons.length > 0) break;
        group = group.parentElement;
      }
      if (!group || group === main || groups.includes(group)) continue;
      groups.push(group);
    }
    for (const group of groups) {
      group.setAttribute('data-walk-group', '');
      for (const c of group.querySelectorAll('input, textarea')) {
        if (outside(c)) c.setAttribute('data-walk-control', '');
      }
    }
  });
}

/** The controls of a form, or of a group of controls outside a form (marked by markGroups). */
async function controlsOf(form: Locator): Promise<Locator> {
  // getAttribute is one question to the page; evaluate would be three (find, run, release).
  const group = (await form.getAttribute('data-walk-group')) !== null;
  return form.locator(group ? '[data-walk-control]' : 'input, textarea');
}

/** The English messages the browser showed through reportValidity since the page loaded. */
async function shownMessages(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    ((window as unknown as { __walkShown?: string[] }).__walkShown ?? []).filter((m) =>
      /[A-Za-z]/.test(m),
    ),
  );
}

/** The English message the browser itself would show for a control, if the form lets it. */
async function browserMessages(form: Locator): Promise<string[]> {
  return form.evaluate((f: HTMLFormElement | HTMLElement) => {
    if (!(f instanceof HTMLFormElement)) return []; // a group: only reportValidity shows one
    if (f.noValidate) {
      // The page validates: only a custom validity (set by the page) can still be shown.
      return [];
    }
    return Array.from(f.elements)
      .map((el) => (el as HTMLInputElement).validationMessage ?? '')
      .filter((m) => /[A-Za-z]/.test(m));
  });
}

async function submit(form: Locator): Promise<void> {
  await form.evaluate((f: HTMLFormElement | HTMLElement) => {
    if (!(f instanceof HTMLFormElement)) {
      // The group's primary button, else the one that saves or submits, else the first; chosen
      // now, as typing enables some (保存草稿).
      const buttons = Array.from(f.querySelectorAll('button')).filter(
        (b) => b.closest('form') === null && b.offsetParent !== null && !b.disabled,
      );
      const button =
        buttons.find((b) => b.classList.contains('primary')) ??
        buttons.find((b) => /^(保存|提交|确定|添加|登记|同意|开始)/.test(b.textContent ?? '')) ??
        buttons[0];
      button?.click();
      return;
    }
    const button =
      f.querySelector<HTMLButtonElement>('button[type="submit"]:not([disabled])') ??
      f.querySelector<HTMLButtonElement>('button:not([type]):not([disabled])');
    if (button) button.click();
    else f.requestSubmit();
  });
}

/** Fills the form's controls: empty, or with the wrong kind of input; returns what was typed. */
async function fill(page: Page, form: Locator, wrong: boolean): Promise<Map<number, string>> {
  const typed = new Map<number, string>();
  const controls = await controlsOf(form);
  const n = await controls.count();
  for (let i = 0; i < n; i++) {
    const control = controls.nth(i);
    // isVisible first: it answers false for a control gone since it was counted, where the
    // other two would wait for it. Those two are asked at once (one wait, not two).
    if (!(await control.isVisible())) continue;
    const [editable, typeAttribute] = await Promise.all([
      control.isEditable(),
      control.getAttribute('type'),
    ]);
    if (!editable) continue;
    const type = typeAttribute ?? 'text';
    if (['file', 'checkbox', 'radio', 'hidden', 'submit', 'button'].includes(type)) continue;
    if (type === 'password') {
      // A wrong password three times locks the account: the walk types none.
      continue;
    }
    await control.fill('');
    if (!wrong) continue;
    if (type === 'number') {
      await control.click();
      await page.keyboard.type('abc');
    } else if (type === 'date') {
      await control.click();
      await page.keyboard.type('99');
    } else {
      const value =
        type === 'email' ? 'abcxyz' : type === 'tel' || type === 'search' ? 'abc' : LONG_TEXT;
      await control.fill(value);
      typed.set(i, await control.inputValue());
    }
  }
  return typed;
}

/**
 * Every form of the page at `url`, empty and then with the wrong kind of input; `open`, when
 * given, opens the forms behind buttons one by one (false when there is none left).
 */
export async function walkForms(
  page: Page,
  problems: string[],
  role: Role,
  url: string,
  path: string,
  open?: (page: Page, index: number) => Promise<boolean>,
): Promise<void> {
  const forms = () => page.locator('main form:visible, main [data-walk-group]');
  // Loads the page afresh and, when there is an opener, opens its `opener`-th form; false when
  // there is none left. The page is settled again only after an opener clicked something.
  const reload = async (opener: number): Promise<boolean> => {
    await page.goto(url);
    await settle(page);
    if (!open) return true;
    if (!(await open(page, opener))) return false;
    await settle(page);
    return true;
  };
  // Without an opener the page has one set of forms: it is walked once, without loading the
  // page again only to stop.
  for (let opener = 0; open || opener === 0; opener++) {
    if (!(await reload(opener))) break;
    await markGroups(page);
    const count = await forms().count();
    for (let i = 0; i < count; i++) {
      for (const wrong of [false, true]) {
        if (i > 0 || wrong || open) {
          await reload(opener);
          await markGroups(page);
        }
        const form = forms().nth(i);
        if ((await form.count()) === 0) continue;
        const name = (await form.getAttribute('aria-label')) ?? `第 ${i + 1} 个表单`;
        const where = `${path}“${name}”${wrong ? '（错误类型）' : '（空白）'}`;
        const typed = await fill(page, form, wrong);
        for (const message of await browserMessages(form)) {
          problems.push(`${role.label} ${where}：浏览器自己的提示“${message}”`);
        }
        await submit(form);
        await settle(page);
        for (const message of await shownMessages(page)) {
          problems.push(`${role.label} ${where}：浏览器自己的提示“${message}”`);
        }
        await check(page, problems, role.label, where);
        // A refused form keeps what was typed.
        if ((await form.count()) > 0 && (await form.isVisible())) {
          const refused =
            (await form.locator('[role="alert"], .field-error').count()) > 0 ||
            (await page.locator('main [role="alert"]').count()) > 0;
          if (refused) {
            const controls = await controlsOf(form);
            for (const [index, value] of typed) {
              const now = await controls
                .nth(index)
                .inputValue()
                .catch(() => null);
              if (now !== null && now !== value) {
                problems.push(`${role.label} ${where}：被拒后第 ${index + 1} 个输入框的内容丢了`);
              }
            }
          }
        }
      }
    }
  }
}
