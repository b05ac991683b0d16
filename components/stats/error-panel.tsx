import { useTranslations } from '@/i18n/server';
import { isAppError, type AppErrorKind } from '@/lib/errors';
import { logError } from '@/lib/log';
import { RetryButton } from './retry-button';
import { Card } from '@/components/ui/card';

/** The failures the page explains in its own words; anything else is "Something went wrong". */
export const EXPLAINED_KINDS = [
  'upstream_rejected_token',
  'upstream_rejected_request',
  'upstream_rate_limited',
  'upstream_unavailable',
  'upstream_timeout',
  'upstream_bad_payload',
  'server_misconfigured',
  'member_rate_limited',
] as const satisfies readonly AppErrorKind[];
export type ExplainedKind = (typeof EXPLAINED_KINDS)[number];

function isExplained(kind: AppErrorKind): kind is ExplainedKind {
  return (EXPLAINED_KINDS as readonly AppErrorKind[]).includes(kind);
}

/**
 * Says which failure happened and what to do about it, in the page, with the date form still
 * usable above it. Words come from the catalog by the error's kind: never an upstream body,
 * never a secret, and never the English message the JSON API gives scripts.
 */
export function ErrorPanel({ error }: { error: unknown }) {
  const t = useTranslations('Errors');
  if (!isAppError(error)) {
    logError('render_error', error);
  }
  const kind = isAppError(error) && isExplained(error.kind) ? error.kind : null;
  const seconds = isAppError(error) ? error.retryAfterSeconds : undefined;
  // The fair-share message already says when to try again.
  const retryAfter = kind === 'member_rate_limited' ? undefined : seconds;
  return (
    <Card panel tone="error" role="alert" aria-labelledby="error-title">
      <h2 id="error-title">{kind ? t(`titles.${kind}`) : t('genericTitle')}</h2>
      <p>{kind ? t(`messages.${kind}`, { seconds: seconds ?? 60 }) : t('genericMessage')}</p>
      {retryAfter !== undefined ? <p className="muted">{t('retryIn', { seconds: retryAfter })}</p> : null}
      {kind === 'server_misconfigured' ? null : <RetryButton label={t('tryAgain')} pendingLabel={t('tryingAgain')} />}
    </Card>
  );
}
