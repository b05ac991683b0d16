'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';

const GENERIC_ERROR = 'That email and password don’t match an account. Check them and try again.';

/**
 * Email and password sign-in. Every failure gets the same message, so the form never tells
 * which of the two was wrong. On success it does a full navigation, so the page it lands on is
 * rendered on the server with the new session.
 */
export function LoginForm({ callbackPath, initialError }: { callbackPath: string; initialError: boolean }) {
  const [error, setError] = useState<string | null>(initialError ? GENERIC_ERROR : null);
  const [pending, setPending] = useState(false);

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
      setError(result?.status === 429 ? 'Too many attempts. Wait a minute and try again.' : GENERIC_ERROR);
    } catch {
      setError('The sign-in could not be sent. Check your connection and try again.');
    }
    setPending(false);
  }

  return (
    <form className="login-form" onSubmit={onSubmit} noValidate={false}>
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
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
