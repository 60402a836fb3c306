import { useEffect, useState, type FormEvent, type MouseEvent } from 'react';
import { api, ensureRecentAuth, setReauthHandler } from './api.js';
import { ErrorNotice, Field, fieldError, missingRequired } from './ui.js';

/**
 * Re-authentication before a sensitive act: the server answers reauth_required, this dialog
 * asks for the password (or a second-factor code), and the act is tried again.
 */
export function ReauthDialog() {
  const [pending, setPending] = useState<{
    message: string;
    resolve: (ok: boolean) => void;
  } | null>(null);
  const [secret, setSecret] = useState('');
  const [useCode, setUseCode] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setReauthHandler(
      (message) =>
        new Promise<boolean>((resolve) => {
          setSecret('');
          setError(null);
          setPending({ message, resolve });
        }),
    );
    return () => setReauthHandler(null);
  }, []);

  if (!pending) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = missingRequired(event.currentTarget as HTMLFormElement);
    if (missing) return setError(missing);
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v1/auth/reauth', useCode ? { code: secret } : { password: secret });
      pending!.resolve(true);
      setPending(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="modal-backdrop">
      <form
        className="card form modal"
        role="dialog"
        aria-label="再次验证身份"
        onSubmit={submit}
        noValidate
      >
        <h2>再次验证身份</h2>
        <p>{pending.message}</p>
        <ErrorNotice
          error={fieldError(error, 'password') || fieldError(error, 'code') ? null : error}
        />
        <Field
          label={useCode ? '两步验证码' : '密码'}
          error={fieldError(error, useCode ? 'code' : 'password')}
        >
          <input
            type={useCode ? 'text' : 'password'}
            inputMode={useCode ? 'numeric' : undefined}
            autoComplete={useCode ? 'one-time-code' : 'current-password'}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoFocus
            required
          />
        </Field>
        <button type="button" className="link" onClick={() => setUseCode(!useCode)}>
          {useCode ? '改用密码' : '改用两步验证码'}
        </button>
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? '正在验证…' : '确认'}
          </button>
          <button
            type="button"
            onClick={() => {
              pending.resolve(false);
              setPending(null);
            }}
          >
            取消
          </button>
        </div>
      </form>
    </div>
  );
}

/** For a download link to a sensitive export: asks for the password first when it is due. */
export function downloadAfterReauth(event: MouseEvent<HTMLAnchorElement>): void {
  const href = event.currentTarget.href;
  event.preventDefault();
  void ensureRecentAuth().then(
    (ok) => {
      if (ok) window.location.assign(href);
    },
    () => undefined,
  );
}
