'use client';

import { signIn } from 'next-auth/react';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { buttonClass } from '@/components/ui/button';

/** The form's words, translated on the server (this client component ships no catalog). */
export type LoginFormWords = {
  email: string;
  password: string;
  submit: string;
  submitting: string;
  wrongCredentials: string;
  configurationError: string;
  networkError: string;
};

/**
 * Email and password sign-in. Every failure gets the same message, so the form never tells
 * which of the two was wrong. On success it does a full navigation, so the page it lands on is
 * rendered on the server with the new session.
 */
export function LoginForm({
  callbackPath,
  initialError,
  dashboardOrigin,
  words,
}: {
  callbackPath: string;
  /** next-auth's `?error=` code, if it sent the visitor back here. */
  initialError: string | null;
  /** NEXTAUTH_URL's origin, the only one whose sign-ins the server accepts. */
  dashboardOrigin: string;
  words: LoginFormWords;
}) {
  const [error, setError] = useState<string | null>(
    initialError === null ? null : initialError === 'Configuration' ? words.configurationError : words.wrongCredentials,
  );
  const [pending, setPending] = useState(false);
  // Until React has hydrated, a native submit would bypass signIn(): keep the button off.
  const hydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );

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
      setError(result?.error === 'Configuration' ? words.configurationError : words.wrongCredentials);
    } catch {
      // Opened at another address, the origin check refused the post (next-auth's client then
      // throws): the page's notice (OriginNotice) already says where to go; don't blame the network.
      setError(window.location.origin === dashboardOrigin ? words.networkError : null);
    }
    setPending(false);
  }

  return (
    // method="post": should a submit ever happen natively, the password stays out of the URL.
    <form className="login-form" method="post" onSubmit={onSubmit}>
      <label>
        <span>{words.email}</span>
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        <span>{words.password}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className={buttonClass()} disabled={pending || !hydrated}>
        {pending ? words.submitting : words.submit}
      </button>
    </form>
  );
}

/** Nothing to subscribe to: the server's snapshot (false) gives way to the browser's (true) once, at hydration. */
function subscribeToNothing(): () => void {
  return () => {};
}
