import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from '@/i18n/server';
import { requireUser } from '@/lib/auth/session';
import { getMailSettings } from '@/lib/mail';
import { listDemoMail } from '@/lib/mail/demo-outbox';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('DemoMail'))('title') };
}

/**
 * The demo's outbox (`npm run demo`): every email the app sent, newest first, since mail there
 * goes to an in-process catcher instead of an SMTP server. Absent (404) anywhere but the demo.
 */
export default async function DemoMailPage() {
  if (getMailSettings().transport !== 'demo') notFound();
  await requireUser('/demo/mail');
  const t = await getTranslations('DemoMail');
  const mails = listDemoMail();
  return (
    <main className="demo-mail">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {mails.length === 0 ? <p>{t('empty')}</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} className="card" aria-labelledby={`mail-${mail.id}`}>
          <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
          <p className="muted">{t('meta', { to: mail.to, at: mail.sentAt })}</p>
          <p>
            <a href={`/demo/mail/${mail.id}`}>{t('openHtml')}</a>
          </p>
          <pre className="demo-mail-text">{mail.text}</pre>
        </article>
      ))}
    </main>
  );
}
