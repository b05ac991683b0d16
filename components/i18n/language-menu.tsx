import { useLocale } from 'next-intl';
import { useTranslations } from '@/i18n/server';
import { LOCALES } from '@/i18n/locales';
import { ReturnPathField } from './return-path-field';

/**
 * The language menu: a plain POST form (it works without JavaScript) to /api/locale, which sets
 * the viewer's language cookie and sends them back to the same URL. Each language is named in
 * itself, so a viewer who cannot read the current one still finds theirs.
 */
export function LanguageMenu() {
  const t = useTranslations('LanguageMenu');
  const current = useLocale();
  return (
    <form method="post" action="/api/locale" className="language-menu" aria-label={t('label')}>
      <ReturnPathField />
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          className="language-option"
          aria-current={locale === current ? 'true' : undefined}
        >
          {t(locale)}
        </button>
      ))}
    </form>
  );
}
