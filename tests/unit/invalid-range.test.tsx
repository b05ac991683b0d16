// The panel for a URL the page cannot show: a bad range keeps the range words; dates that are
// fine with a bad comparison or interval say it is the view, and link to the same period with
// the defaults, in both languages.
import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { InvalidRange } from '@/components/stats/invalid-range';
import { parseView } from '@/lib/view/stats-view';
import en from '@/messages/en.json';
import ptBR from '@/messages/pt-BR.json';

const CATALOGS = { en, 'pt-BR': ptBR } as const;
const NOW = new Date('2026-03-15T12:00:00Z');

function render(locale: keyof typeof CATALOGS, params: Record<string, string>, defaultViewHref?: string): string {
  const parsed = parseView(Object.fromEntries(Object.entries(params).map(([key, value]) => [key, [value]])), {
    now: NOW,
    timeZone: 'UTC',
    weekStart: 'monday',
  });
  if (parsed.ok) throw new Error('expected an invalid view');
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={CATALOGS[locale]} timeZone="UTC">
      <InvalidRange error={parsed.error} defaultViewHref={defaultViewHref} />
    </NextIntlClientProvider>,
  );
}

describe('InvalidRange', () => {
  it('a reversed range: the range title and the hint to pick dates', () => {
    const html = render('en', { start_date: '2026-03-10', end_date: '2026-03-01' });
    expect(html).toContain('This date range can’t be shown');
    expect(html).toContain('Pick dates above');
    expect(html).not.toContain('<a ');
  });

  it.each([
    ['en', 'This view can’t be shown', 'Unknown comparison', 'Show this period with the default comparison and interval'],
    [
      'pt-BR',
      'Não é possível mostrar esta visualização',
      'Comparação desconhecida',
      'Mostre este período com a comparação e o intervalo padrão',
    ],
  ] as const)('an unknown comparison in %s: the view title and a link to the period with the defaults', (locale, title, reason, link) => {
    const html = render(locale, { range: '30d', compare: 'lastyear' }, '/?range=30d');
    expect(html).toContain(title);
    expect(html).toContain(reason);
    expect(html).toContain(`<a href="/?range=30d">${link}</a>`);
    expect(html).not.toContain(CATALOGS[locale].InvalidRange.title);
  });

  it.each([
    ['en', { range: '30d', compare: 'lastyear' }, 'Use one of: previous period, same dates last year, or no comparison.'],
    ['pt-BR', { range: '30d', compare: 'lastyear' }, 'Use uma destas: período anterior, mesmas datas do ano passado ou sem comparação.'],
    ['en', { range: '30d', interval: 'hour' }, 'Use one of: day, week, or month.'],
    ['pt-BR', { range: '30d', interval: 'hour' }, 'dia, semana ou mês'],
    ['en', { start_date: '2025-01-01', end_date: '2025-12-31', interval: 'day' }, 'Use week or month.'],
    ['pt-BR', { start_date: '2025-01-01', end_date: '2025-12-31', interval: 'day' }, 'semana ou mês'],
  ] as const)('names the choices as the page’s controls do, in %s', (locale, params, words) => {
    expect(render(locale, params, '/?range=30d')).toContain(words);
  });
});
