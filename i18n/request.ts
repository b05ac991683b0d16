import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getDefaultLocale } from '@/lib/env';
import { pickLocale } from '@/lib/locale';
import { CATALOGS } from './catalogs';
import { LOCALE_COOKIE } from './locales';
import { SERVER_TIME_ZONE } from './server-time-zone';

/**
 * next-intl's per-request configuration, without locale routing: the URL is the shareable view
 * of a range, and the language is the viewer's own (their cookie, else Accept-Language, else
 * APP_DEFAULT_LOCALE). Server components read their words from here; the proxy is not involved.
 */
export default getRequestConfig(async () => {
  const locale = pickLocale({
    cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: (await headers()).get('accept-language'),
    fallback: getDefaultLocale(),
  });
  return { locale, messages: CATALOGS[locale], timeZone: SERVER_TIME_ZONE };
});
