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

/** The selector of a form's controls, or of a group's (marked by markGroups) within it. */
const CONTROLS = 'input, textarea';
const GROUP_CONTROLS = '[data-walk-control]';

/**
 * Submits the form; returns the English messages the browser itself would show for its controls
 * first, if the form lets it (one question to the page for both: nothing runs in between).
 */
async function submit(form: Locator): Promise<string[]> {
  return form.evaluate((f: HTMLFormElement | HTMLElement) => {
    if (!(f instanceof HTMLFormElement)) {
      // A group: only reportValidity shows a message. Its primary button, else the one that
      // saves or submits, else the first; chosen now, as typing enables some (保存草稿).
      const buttons = Array.from(f.querySelectorAll('button')).filter(
        (b) => b.closest('form') === null && b.offsetParent !== null && !b.disabled,
      );
      const button =
        buttons.find((b) => b.classList.contains('primary')) ??
        buttons.find((b) => /^(保存|提交|确定|添加|登记|同意|开始)/.test(b.textContent ?? '')) ??
        buttons[0];
      button?.click();
      return [];
    }
    // With noValidate the page validates: only a custom validity (set by the page) could still
    // be shown, and the page shows its own.
    const messages = f.noValidate
      ? []
      : Array.from(f.elements)
          .map((el) => (el as HTMLInputElement).validationMessage ?? '')
          .filter((m) => /[A-Za-z]/.test(m));
    const button =
      f.querySelector<HTMLButtonElement>('button[type="submit"]:not([disabled])') ??
      f.querySelector<HTMLButtonElement>('button:not([type]):not([disabled])');
    if (button) button.click();
    else f.requestSubmit();
    return messages;
  });
}

/** A form as found: its name, whether it is a group of controls outside a form, how many. */
interface FormFound {
  name: string | null;
  group: boolean;
  count: number;
}

/** Controls the walk types nothing into (a wrong password three times locks the account). */
const UNTYPED = ['file', 'checkbox', 'radio', 'hidden', 'submit', 'button', 'password'];

/**
 * The `index`-th of the controls as it is now, emptied if it is one the walk types into: its
 * type, or null when it is gone, hidden (as Playwright's isVisible has it), not editable (as
 * isEditable: disabled, also by its fieldset, or read-only) or not typed into.
 *
 * It is emptied as a person clearing it would, as far as the page can tell: focused, its value
 * set to '' and an input event sent (and change, for the types Playwright's fill sets the value
 * of), which is what React's onChange listens to. fill('') did the same with more round trips
 * to the browser (select all, Delete pressed and released): about 20 ms a control on this
 * machine, 40–50 ms at load 7, against 1–3 ms for the page to handle the input. No walked page
 * acts on the keys or on selection. A control already empty is left as it is.
 */
function emptied(controls: Locator, index: number): Promise<string | null> {
  return controls.evaluateAll(
    (elements, [i, untyped]) => {
      const el = elements[i] as HTMLInputElement | HTMLTextAreaElement | undefined;
      if (!el) return null;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const visible =
        el.checkVisibility() && style.visibility === 'visible' && box.width > 0 && box.height > 0;
      // :disabled is a disabled attribute or a disabled fieldset (outside its legend).
      const editable = !el.matches(':disabled') && !el.hasAttribute('readonly');
      const type = el.getAttribute('type') ?? 'text';
      if (!visible || !editable || untyped.includes(type)) return null;
      if (el.value !== '' || el.validity.badInput) {
        el.focus();
        const proto = Object.getPrototypeOf(el) as typeof HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, '');
        el.dispatchEvent(new Event('input', { bubbles: true }));
        if (['color', 'date', 'time', 'datetime-local', 'month', 'range', 'week'].includes(type)) {
          el.dispatchEvent(new Event('change', { bubbles: true }));
        }
      }
      return type;
    },
    [index, UNTYPED] as const,
  );
}

/**
 * Fills the form's controls: empty, or with the wrong kind of input; returns what was typed.
 * Each control is asked for as it is when its turn comes (filling one can show, hide or enable
 * another); one gone since they were counted is skipped.
 */
async function fill(
  page: Page,
  form: Locator,
  { group, count: n }: FormFound,
  wrong: boolean,
): Promise<Map<number, string>> {
  const typed = new Map<number, string>();
  const controls = form.locator(group ? GROUP_CONTROLS : CONTROLS);
  for (let i = 0; i < n; i++) {
    const type = await emptied(controls, i);
    if (type === null || !wrong) continue;
    const control = controls.nth(i);
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
 * given, opens the forms behind buttons one by one (false when there is none left). `loaded`:
 * the page is at `url`, settled and as it loaded (only read since), so the first form's empty
 * pass starts from it instead of loading it again.
 */
export async function walkForms(
  page: Page,
  problems: string[],
  role: Role,
  url: string,
  path: string,
  {
    open,
    loaded = false,
  }: {
    open?: (page: Page, index: number) => Promise<boolean>;
    loaded?: boolean;
  } = {},
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
  // page again only to stop. The first form's empty pass starts from the load that counted the
  // forms (loaded afresh, its opener clicked, marked; only read since).
  for (let opener = 0; open || opener === 0; opener++) {
    if (!(loaded && !open) && !(await reload(opener))) break;
    await markGroups(page);
    const count = await forms().count();
    for (let i = 0; i < count; i++) {
      for (const wrong of [false, true]) {
        if (i > 0 || wrong) {
          await reload(opener);
          await markGroups(page);
        }
        const form = forms().nth(i);
        // Whether the form is there, its name and its controls, in one question.
        const found = await forms().evaluateAll(
          (elements, [index, controls, groupControls]): FormFound | null => {
            const f = elements[index];
            if (!f) return null;
            const group = f.hasAttribute('data-walk-group');
            return {
              name: f.getAttribute('aria-label'),
              group,
              count: f.querySelectorAll(group ? groupControls : controls).length,
            };
          },
          [i, CONTROLS, GROUP_CONTROLS] as const,
        );
        if (found === null) continue;
        const name = found.name ?? `第 ${i + 1} 个表单`;
        const where = `${path}“${name}”${wrong ? '（错误类型）' : '（空白）'}`;
        const typed = await fill(page, form, found, wrong);
        for (const message of await submit(form)) {
          problems.push(`${role.label} ${where}：浏览器自己的提示“${message}”`);
        }
        await settle(page);
        await check(page, problems, role.label, where);
        // What the browser showed through reportValidity since the page loaded (nothing since
        // the form was submitted calls it), and whether a refused form kept what was typed: the
        // form as found now, if it is still shown and says it refused, gives the values of the
        // controls typed into. One question for both.
        const after = await forms().evaluateAll(
          (elements, [index, typedAt, controlsSelector, groupControls]) => {
            const shown = (
              (window as unknown as { __walkShown?: string[] }).__walkShown ?? []
            ).filter((m) => /[A-Za-z]/.test(m));
            const f = elements[index];
            if (!f) return { shown, kept: null };
            // Shown as Playwright's isVisible has it.
            const style = getComputedStyle(f);
            const box = f.getBoundingClientRect();
            const visible =
              f.checkVisibility() &&
              style.visibility === 'visible' &&
              box.width > 0 &&
              box.height > 0;
            const refused =
              visible &&
              (f.querySelector('[role="alert"], .field-error') !== null ||
                document.querySelector('main [role="alert"]') !== null);
            if (!refused) return { shown, kept: null };
            const controls = f.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
              f.hasAttribute('data-walk-group') ? groupControls : controlsSelector,
            );
            return { shown, kept: typedAt.map((k) => controls[k]?.value ?? null) };
          },
          [i, [...typed.keys()], CONTROLS, GROUP_CONTROLS] as const,
        );
        for (const message of after.shown) {
          problems.push(`${role.label} ${where}：浏览器自己的提示“${message}”`);
        }
        const { kept } = after;
        if (kept !== null) {
          [...typed].forEach(([index, value], k) => {
            const now = kept[k];
            if (now !== null && now !== undefined && now !== value) {
              problems.push(`${role.label} ${where}：被拒后第 ${index + 1} 个输入框的内容丢了`);
            }
          });
        }
      }
    }
  }
}
