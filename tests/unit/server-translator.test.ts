import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '@/i18n/catalogs';
import { translatorFor } from '@/i18n/server';

describe('the server translators', () => {
  it('are made once per language and namespace, so parsed messages outlive a request', () => {
    expect(translatorFor('en', 'Kpi')).toBe(translatorFor('en', 'Kpi'));
    expect(translatorFor('pt-BR', 'Kpi')).not.toBe(translatorFor('en', 'Kpi'));
    expect(translatorFor('en', 'Trend')).not.toBe(translatorFor('en', 'Kpi'));
    expect(translatorFor('en')).toBe(translatorFor('en'));
  });

  it("say what next-intl's own translator says, in both languages, again and again", () => {
    for (const locale of ['en', 'pt-BR'] as const) {
      const fresh = createTranslator({ locale, messages: CATALOGS[locale], namespace: 'Trend' });
      const kept = translatorFor(locale, 'Trend');
      for (const interval of ['day', 'week', 'month'] as const) {
        for (let i = 0; i < 2; i++) {
          expect(kept('incomplete', { loaded: 3, total: 30, interval })).toBe(fresh('incomplete', { loaded: 3, total: 30, interval }));
        }
      }
      expect(translatorFor(locale)('StatsPage.title')).toBe(CATALOGS[locale].StatsPage.title);
    }
  });
});
