import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import { ApiError } from './api.js';

/** Shared bits of the workspace's look. */

export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const message =
    error instanceof ApiError
      ? error.body.message
      : error instanceof Error
        ? error.message
        : String(error);
  const requestId = error instanceof ApiError ? error.body.requestId : undefined;
  // Several fields at fault: one line each (each is also shown next to its field).
  const fields =
    error instanceof ApiError
      ? (error.body as { fields?: { field: string; message: string }[] }).fields
      : undefined;
  if (fields && fields.length > 1)
    return (
      <div className="notice notice-error" role="alert">
        请修改以下 {fields.length} 处后再提交：
        <ul>
          {fields.map((f) => (
            <li key={f.field}>{f.message}</li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="notice notice-error" role="alert">
      {message}
      {requestId && error instanceof ApiError && error.status >= 500 ? (
        <small>（请求编号 {requestId}）</small>
      ) : null}
    </div>
  );
}

export function fieldError(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError)) return null;
  // A refusal may name several fields at once (details.fields), each with its own message.
  const fields = (error.body as { fields?: { field: string; message: string }[] }).fields;
  const own = fields?.find((f) => f.field === field);
  if (own) return own.message;
  return error.body.field === field ? error.body.message : null;
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
  const note = error ?? hint ?? null;
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
