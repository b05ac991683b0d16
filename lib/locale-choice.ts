import { toSafeCallbackPath } from './auth/callback-url';
import { readCappedForm } from './capped-body';
import { AppError } from './errors';
import { getAuthSettings } from './settings/auth';
import { isServedOverHttps } from './security/csp';
import { checkSameOrigin } from './security/origin';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, LOCALES, parseAppLocale, type AppLocale } from '../i18n/locales';

export type LocaleChoice = { locale: AppLocale; returnTo: string };

/**
 * What the language menu posted: a supported locale and where to go back to (a same-site path
 * only, so the menu is no open redirect). Refused, with a reason, when it did not come from the
 * dashboard's own pages or is not a choice the menu offers.
 */
export async function parseLocaleChoice(request: Request): Promise<LocaleChoice> {
  const refusal = checkSameOrigin(request);
  if (refusal) throw refusal;
  const form = await readCappedForm(request);
  const locale = parseAppLocale(form.get('locale'));
  if (!locale) {
    throw new AppError('bad_request', { code: 'invalid_locale', message: `locale must be one of: ${LOCALES.join(', ')}.` });
  }
  const returnTo = form.get('return_to');
  return { locale, returnTo: toSafeCallbackPath(typeof returnTo === 'string' ? returnTo : null) };
}

/** The cookie that remembers the choice for a year; the server reads it, scripts never need to. */
export function toLocaleCookie(locale: AppLocale, https: boolean): string {
  const attributes = [`${LOCALE_COOKIE}=${locale}`, 'Path=/', `Max-Age=${LOCALE_COOKIE_MAX_AGE_SECONDS}`, 'SameSite=Lax', 'HttpOnly'];
  if (https) attributes.push('Secure');
  return attributes.join('; ');
}

export function isHttpsRequest(request: Request): boolean {
  return isServedOverHttps(getAuthSettings().publicUrl, request.headers.get('x-forwarded-proto'));
}
