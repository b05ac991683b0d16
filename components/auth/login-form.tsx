'use client';

import { signIn } from 'next-auth/react';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { SIGN_IN_FAILED_MESSAGE } from '@/lib/messages';

const CONFIGURATION_ERROR = 'Sign-in is not set up correctly on the server. Ask an admin.';

/**
 * Email and password sign-in. Every failure gets the same message, so the form never tells
 * which of the two was wrong. On success it does a full navigation, so the page it lands on is
 * rendered on the server with the new session.
 */
export function LoginForm({
  callbackPath,
  initialError,
}: {
  callbackPath: string;
  /** next-auth's `?error=` code, if it sent the visitor back here. */
  initialError: string | null;
}) {
  const [error, setError] = useState<string | null>(
    initialError === null ? null : initialError === 'Configuration' ? CONFIGURATION_ERROR : SIGN_IN_FAILED_MESSAGE,
  );
  const [pending, setPending] = useState(false);
  // Until React has hydrated, a native submit would bypass signIn(): keep the button off.
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
        callbackUrl: callbackPath,
      });
      if (result?.ok && !result.error) {
        window.location.assign(callbackPath);
        return;
      }
      setError(result?.error === 'Configuration' ? CONFIGURATION_ERROR : SIGN_IN_FAILED_MESSAGE);
    } catch {
      setError('The sign-in could not be sent. Check your connection and try again.');
    }
    setPending(false);
  }

  return (
    // method="post": should a submit ever happen natively, the password stays out of the URL.
    <form className="login-form" method="post" onSubmit={onSubmit}>
      <label>
        <span>Email</span>
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        <span>Password</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending || !hydrated}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

/** Nothing to subscribe to: the server's snapshot (false) gives way to the browser's (true) once, at hydration. */
function subscribeToNothing(): () => void {
  return () => {};
}
