import { isAppError, type AppErrorKind } from '@/lib/errors';
import { logError } from '@/lib/log';
import { RetryButton } from './retry-button';

const TITLES: Partial<Record<AppErrorKind, string>> = {
  upstream_rejected_token: 'Talkover rejected the API token',
  upstream_rejected_request: 'Talkover refused the request',
  upstream_rate_limited: "Talkover's rate limit was reached",
  upstream_unavailable: 'Talkover is unavailable',
  upstream_timeout: 'Talkover did not answer in time',
  upstream_bad_payload: "Talkover's answer could not be read",
  server_misconfigured: 'The dashboard is not configured correctly',
  member_rate_limited: 'Too many new date ranges',
};

/**
 * Says which failure happened and what to do about it, in the page, with the date form still
 * usable above it. Messages are AppError's public ones: never an upstream body, never a secret.
 */
export function ErrorPanel({ error }: { error: unknown }) {
  if (!isAppError(error)) {
    logError('render_error', error);
  }
  const title = (isAppError(error) && TITLES[error.kind]) || 'Something went wrong';
  const message = isAppError(error)
    ? error.message
    : 'The figures could not be loaded. Try again; if it persists, ask an admin.';
  // The fair-share message already says when to try again.
  const retryAfter = isAppError(error) && error.kind !== 'member_rate_limited' ? error.retryAfterSeconds : undefined;
  return (
    <section className="card panel panel-error" role="alert" aria-labelledby="error-title">
      <h2 id="error-title">{title}</h2>
      <p>{message}</p>
      {retryAfter !== undefined ? (
        <p className="muted">Try again in {retryAfter === 1 ? '1 second' : `${retryAfter} seconds`}.</p>
      ) : null}
      {isAppError(error) && error.kind === 'server_misconfigured' ? null : <RetryButton />}
    </section>
  );
}
