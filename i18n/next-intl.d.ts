import type { Messages } from './catalogs';
import type { AppLocale } from './locales';

/** Typed keys and locales: asking for a key that `en` does not have fails `npm run typecheck`. */
declare module 'next-intl' {
  interface AppConfig {
    Locale: AppLocale;
    Messages: Messages;
  }
}
