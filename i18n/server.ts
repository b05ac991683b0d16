import 'server-only';
import { createTranslator, useLocale, type NamespaceKeys, type NestedKeyOf } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { CATALOGS, type Messages } from './catalogs';
import type { AppLocale } from './locales';
import { SERVER_TIME_ZONE } from './server-time-zone';

/**
 * The words of server components, from translators kept for the life of the process: one per
 * language and namespace. next-intl's own getTranslations/useTranslations start a fresh message
 * cache with every request, so each request parsed every ICU message it showed again and built
 * new Intl formatters for it: about a tenth of a warm stats page's CPU in its profile. The
 * catalogs are fixed at build time, so a translator made once says the same words for good.
 * The viewer's language is still decided per request, by i18n/request.ts through next-intl.
 */
type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;
export type ServerTranslator<NS extends Namespace = never> = ReturnType<typeof createTranslator<Messages, NS>>;

const translators = new Map<string, unknown>();

export function translatorFor<NS extends Namespace = never>(locale: AppLocale, namespace?: NS): ServerTranslator<NS> {
  const key = `${locale}|${namespace ?? ''}`;
  let translator = translators.get(key) as ServerTranslator<NS> | undefined;
  if (!translator) {
    translator = createTranslator<Messages, NS>({ locale, messages: CATALOGS[locale], namespace, timeZone: SERVER_TIME_ZONE });
    translators.set(key, translator);
  }
  return translator;
}

/** next-intl's getTranslations, for async server components, route metadata and handlers. */
export async function getTranslations<NS extends Namespace = never>(namespace?: NS): Promise<ServerTranslator<NS>> {
  return translatorFor(await getLocale(), namespace);
}

/** next-intl's useTranslations, for server components that are not async. */
export function useTranslations<NS extends Namespace = never>(namespace?: NS): ServerTranslator<NS> {
  return translatorFor(useLocale(), namespace);
}
