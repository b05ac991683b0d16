import type { Metadata } from 'next';
import { getTranslations } from '@/i18n/server';
import { LanguageMenu } from '@/components/i18n/language-menu';
import { findByUnsubscribeToken } from '@/lib/digests/unsubscribe';
import type { PageSearchParams } from '@/lib/view/search-params';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Digest'))('unsubscribeTitle') };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The footer link of every digest, without signing in: asks to confirm (a link scanner that
 * follows links must not unsubscribe anyone), then posts to /api/digests/unsubscribe, which comes
 * back here saying what happened. An altered, unknown or used link changes nothing and says so.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const params = await searchParams;
  const t = await getTranslations('Digest');
  const result = first(params.result);
  const token = first(params.token);
  const subscription = result ? null : await findByUnsubscribeToken(token);
  let body;
  if (result === 'done') body = <p role="status">{t('unsubscribeDone')}</p>;
  else if (!subscription) body = <p role="alert">{t('unsubscribeInvalid')}</p>;
  else
    body = (
      <form method="post" action="/api/digests/unsubscribe">
        <p>{t('unsubscribeConfirm', { cadence: subscription.cadence, email: subscription.member_email })}</p>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="button">
          {t('unsubscribeButton')}
        </button>
      </form>
    );
  return (
    <main className="login">
      <div className="login-language">
        <LanguageMenu />
      </div>
      <div className="card login-card">
        <h1>{t('unsubscribeTitle')}</h1>
        {body}
        <p className="muted">{t('unsubscribeSignIn')}</p>
      </div>
    </main>
  );
}
