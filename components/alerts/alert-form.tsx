import { useTranslations } from '@/i18n/server';
import Link from 'next/link';
import { LOCALES } from '@/i18n/locales';
import { ALERT_COMPARATORS, ALERT_METRICS, ALERT_WINDOWS, WEBHOOK_FORMATS, WEEKDAYS } from '@/lib/alerts/rule';
import { buttonClass } from '../ui/button';

/** What the form shows: a rule's fields as text, or what was typed before a refusal. */
export type AlertFormValues = {
  id?: string;
  name: string;
  metric: string;
  window: string;
  comparator: string;
  threshold: string;
  after: string;
  weekdays: string[];
  emails: string;
  webhookUrl: string;
  webhookFormat: string;
  locale: string;
  remind: string;
};

const REMIND_CHOICES = ['24', '12', '6', '1', 'never'] as const;
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', 'pt-BR': 'Português (Brasil)' };
/** Weekdays in the order a week is read, Monday first. */
const WEEK_ORDER = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

/**
 * Create or edit a rule: a plain HTML form posted to /api/alerts/forms/save, which answers with a
 * redirect, so it works without JavaScript. `error` names the refused field, shown at the top
 * and tied to that input with aria-describedby.
 */
type FormProps = {
  values: AlertFormValues;
  error: string | null;
  /** The server sends no mail (SMTP_URL unset): the addresses field says so. */
  mailOff?: boolean;
};

export function AlertForm({ values, error, mailOff = false }: FormProps) {
  const t = useTranslations('Alerts');
  const words = useTranslations('AlertNotice');
  const problem = error ? (error === 'webhook' ? t('webhookRefused') : t('invalid', { field: fieldLabel(t, error) })) : null;
  const described = (field: string) => (error === field ? { 'aria-describedby': 'alert-form-error', 'aria-invalid': true } : {});
  return (
    <form method="post" action="/api/alerts/forms/save" className="alert-form">
      {problem ? (
        <p id="alert-form-error" className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {values.id ? <input type="hidden" name="id" value={values.id} /> : null}
      <label>
        {t('field.name')}
        <input name="name" required maxLength={100} defaultValue={values.name} {...described('name')} />
      </label>
      <div className="alert-form-row">
        <label>
          {t('field.metric')}
          <select name="metric" defaultValue={values.metric} {...described('metric')}>
            {ALERT_METRICS.map((metric) => (
              <option key={metric} value={metric}>
                {words(`metric.${metric}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('field.window')}
          <select name="window" defaultValue={values.window} {...described('window')}>
            {ALERT_WINDOWS.map((window) => (
              <option key={window} value={window}>
                {words(`window.${window}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('field.comparator')}
          <select name="comparator" defaultValue={values.comparator} {...described('comparator')}>
            {ALERT_COMPARATORS.map((comparator) => (
              <option key={comparator} value={comparator}>
                {words(`comparator.${comparator}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('field.threshold')}
          <input
            name="threshold"
            inputMode="decimal"
            required
            defaultValue={values.threshold}
            aria-describedby="threshold-hint"
            {...described('threshold')}
          />
        </label>
      </div>
      <p id="threshold-hint" className="muted hint">
        {t('field.thresholdHint')}
      </p>
      <label>
        {t('field.after')}
        <input type="time" name="after" defaultValue={values.after} {...described('after')} />
      </label>
      <fieldset className="weekdays" {...described('weekdays')}>
        <legend>{t('field.weekdays')}</legend>
        {WEEK_ORDER.map((day) => (
          <label key={day} className="checkbox">
            <input type="checkbox" name="weekdays" value={day} defaultChecked={values.weekdays.includes(day)} />
            {t(`weekday.${day}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('field.emails')}
        <textarea
          name="emails"
          rows={3}
          defaultValue={values.emails}
          {...described('emails')}
          // Both the refusal and the no-mail hint, when there are both.
          aria-describedby={
            [error === 'emails' ? 'alert-form-error' : null, mailOff ? 'emails-hint' : null].filter(Boolean).join(' ') || undefined
          }
        />
      </label>
      {mailOff ? (
        <p id="emails-hint" className="muted hint">
          {t('mailOff')}
        </p>
      ) : null}
      <label>
        {t('field.webhook')}
        <input type="url" name="webhook_url" defaultValue={values.webhookUrl} aria-describedby="webhook-hint" {...described('webhook')} />
      </label>
      <p id="webhook-hint" className="muted hint">
        {t('field.webhookHint')}
      </p>
      <div className="alert-form-row">
        <label>
          {t('field.format')}
          <select name="webhook_format" defaultValue={values.webhookFormat}>
            {WEBHOOK_FORMATS.map((format) => (
              <option key={format} value={format}>
                {t(`format.${format}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('field.locale')}
          <select name="locale" defaultValue={values.locale} {...described('locale')}>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LANGUAGE_NAMES[locale]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('field.remind')}
          <select name="remind" defaultValue={values.remind} {...described('remind_every_hours')}>
            {REMIND_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {t(`remind.${choice}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="alert-form-actions">
        <button type="submit" className={buttonClass()}>
          {t('save')}
        </button>
        <Link href="/alerts" className={buttonClass({ variant: 'secondary' })}>
          {t('cancel')}
        </Link>
      </div>
    </form>
  );
}

type Translate = ReturnType<typeof useTranslations<'Alerts'>>;

function fieldLabel(t: Translate, field: string): string {
  const known = ['name', 'metric', 'window', 'comparator', 'threshold', 'after', 'weekdays', 'emails', 'webhook', 'locale'] as const;
  if ((known as readonly string[]).includes(field)) return t(`field.${field as (typeof known)[number]}`);
  if (field === 'remind_every_hours') return t('field.remind');
  return t('field.body');
}
