import {
  cloneElement,
  isValidElement,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { ApiError, type ApiErrorBody } from './api.js';

/** Shared bits of the workspace's look. */

interface Problem {
  field: string;
  message: string;
}

/** Every problem a refusal names: services list them as `fields` or `problems`. */
export function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError)) return [];
  const body = error.body as { fields?: Problem[]; problems?: Problem[] };
  const list = body.fields ?? body.problems;
  if (Array.isArray(list) && list.length > 0) return list;
  return error.body.field ? [{ field: error.body.field, message: error.body.message }] : [];
}

/**
 * The name a person knows a field by: the label of the control named `field` in the same form
 * (or page section), else null. A message never shows the field's code name.
 */
function labelOf(scope: Element | null, field: string): string | null {
  if (!scope) return null;
  const last = field.split('.').at(-1)!;
  for (const name of [field, last]) {
    const control = scope.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`);
    if (!control) continue;
    const label =
      control.labels?.[0]?.querySelector('.field-label')?.textContent ??
      control.labels?.[0]?.textContent ??
      control.getAttribute('aria-label');
    if (label) return label.trim();
  }
  return null;
}

/**
 * “fieldName” in a message becomes “its label”. A name the server called a field (字段“x”) is
 * always replaced, by “此项” when no label is known; other quoted text only when it is the name
 * of a control (it may be a person's own input, like a username).
 */
export function humanise(
  message: string,
  labels: (field: string) => string | null,
  fallback = '此项',
): string {
  return message.replace(
    /(字段|查询参数|路径参数)?“([A-Za-z_][\w.]*)”/g,
    (whole, kind: string | undefined, name: string) => {
      const label = labels(name);
      if (label) return `“${label}”`;
      return kind ? fallback : whole;
    },
  );
}

export function ErrorNotice({ error }: { error: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scope, setScope] = useState<Element | null>(null);
  useLayoutEffect(() => {
    setScope(ref.current?.closest('form, section, main') ?? null);
  }, [error]);
  if (!error) return null;
  const message =
    error instanceof ApiError
      ? error.body.message
      : error instanceof Error
        ? error.message
        : String(error);
  const requestId = error instanceof ApiError ? error.body.requestId : undefined;
  const problems = problemsOf(error);
  const labels = (field: string) => labelOf(scope, field);
  return (
    <div className="notice notice-error" role="alert" ref={ref}>
      {problems.length > 1 ? (
        <>
          请改正以下 {problems.length} 处：
          <ul className="problems">
            {problems.map((p, i) => (
              <li key={i}>{humanise(p.message, labels)}</li>
            ))}
          </ul>
        </>
      ) : (
        humanise(message, labels)
      )}
      {requestId && error instanceof ApiError && error.status >= 500 ? (
        <small>（请求编号 {requestId}）</small>
      ) : null}
    </div>
  );
}

export function fieldError(error: unknown, field: string): string | null {
  // A refusal may name several fields at once, each with its own message.
  const own = problemsOf(error).find((f) => f.field === field);
  return own ? own.message : null;
}

/**
 * A labelled form control. The label names only the control; the hint and the error are tied
 * to it with aria-describedby, so screen readers (and tests) find the field by its label.
 */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | null;
  hint?: string;
  children: ReactElement<{ id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }>;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const name = isValidElement(children) ? (children.props as { name?: string }).name : undefined;
  const note =
    (error ? humanise(error, (field) => (field === name ? label : null), `“${label}”`) : null) ??
    hint ??
    null;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        ...(note ? { 'aria-describedby': noteId } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })
    : children;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {control}
      {note ? (
        <span id={noteId} className={error ? 'field-error' : 'field-hint'}>
          {note}
        </span>
      ) : null}
    </div>
  );
}

export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="page">
      <header className="page-header">
        <h1>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** What a page that works on one agency shows until one is chosen. */
export function ChooseAgency({ title }: { title: string }) {
  return (
    <Page title={title}>
      <p className="muted">请在右上角选择一个机关。</p>
    </Page>
  );
}

/**
 * The form's own check before it is sent (forms carry noValidate: the browser's English
 * bubbles never show): every required control left empty, all at once, named by its label.
 * Returns the refusal to show (as the server would give it), or null when nothing is missing.
 */
export function missingRequired(form: HTMLFormElement): ApiError | null {
  const fields: Problem[] = [];
  for (const control of Array.from(form.elements)) {
    const el = control as HTMLInputElement;
    if (!el.required || el.disabled || el.value.trim() !== '') continue;
    const label =
      el.labels?.[0]?.querySelector('.field-label')?.textContent ??
      el.labels?.[0]?.firstChild?.textContent ??
      el.getAttribute('aria-label') ??
      '此项';
    fields.push({ field: el.name || label, message: `请填写“${label.trim()}”。` });
  }
  if (fields.length === 0) return null;
  return new ApiError(400, {
    code: 'validation_failed',
    message: fields[0]!.message,
    field: fields[0]!.field,
    fields,
  } as ApiErrorBody);
}
