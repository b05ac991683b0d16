import type { AppLocale } from '../../i18n/locales';
import type { ChangeView } from '../trends/change-view';
import type { Cadence } from './periods';

/** Everything the email shows, already in the subscriber's language: the HTML and text parts share it. */
export type DigestModel = {
  locale: AppLocale;
  cadence: Cadence;
  subject: string;
  preview: string;
  heading: string;
  period: string;
  compared: string;
  labels: { figure: string; value: string; change: string; topSources: string; source: string; count: string; noSources: string };
  figures: { key: string; label: string; value: string; change: ChangeView }[];
  sources: { name: string; count: string; change: ChangeView }[];
  dashboard: { url: string; label: string };
  footer: string;
  unsubscribe: { url: string; label: string };
};
