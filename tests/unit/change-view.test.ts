// What a KPI card says about a change: the figure, the earlier value, the arrow's direction, the
// tone for this figure, and the words a screen reader hears.
import { createTranslator } from 'next-intl';
import { describe, expect, test } from 'vitest';
import { toCountChangeView, toRateChangeView, type SayChange } from '@/lib/trends/change-view';
import en from '@/messages/en.json';
import ptBR from '@/messages/pt-BR.json';

const sayIn = (locale: 'en' | 'pt-BR'): SayChange => {
  const t = createTranslator({ locale, messages: locale === 'en' ? en : ptBR, namespace: 'Change' });
  return (key, values) => t(key, values);
};
const sayEn = sayIn('en');
const sayPt = sayIn('pt-BR');

describe('counts', () => {
  test.each([
    [2083, 1980, 'up-is-good', { direction: 'up', tone: 'good', shown: '+5.2%', from: 'from 1,980', spoken: 'up 5.2% from 1,980' }],
    [2083, 1980, 'up-is-bad', { direction: 'up', tone: 'bad', shown: '+5.2%', from: 'from 1,980', spoken: 'up 5.2% from 1,980' }],
    [0, 40, 'up-is-good', { direction: 'down', tone: 'bad', shown: '-100.0%', from: 'from 40', spoken: 'down 100.0% from 40' }],
    [12, 0, 'up-is-good', { direction: 'new', tone: 'good', shown: 'new', from: 'from 0', spoken: 'new: none in the earlier period' }],
    [12, 0, 'up-is-bad', { direction: 'new', tone: 'bad', shown: 'new', from: 'from 0', spoken: 'new: none in the earlier period' }],
    [0, 0, 'up-is-good', { direction: 'none', tone: 'neutral', shown: '', from: 'no change from 0', spoken: 'no change from 0' }],
    [500, 500, 'up-is-good', { direction: 'flat', tone: 'neutral', shown: '0.0%', from: 'from 500', spoken: 'no change from 500' }],
  ] as const)('%i against %i (%s)', (current, earlier, polarity, expected) => {
    expect(toCountChangeView(current, earlier, polarity, 'en', sayEn)).toEqual(expected);
  });

  test('words and numbers follow the viewer’s language', () => {
    expect(toCountChangeView(2083, 1980, 'up-is-good', 'pt-BR', sayPt)).toEqual({
      direction: 'up',
      tone: 'good',
      shown: '+5,2%',
      from: 'anterior: 1.980',
      spoken: 'alta de 5,2% em relação a 1.980',
    });
    expect(toCountChangeView(12, 0, 'up-is-good', 'pt-BR', sayPt)).toMatchObject({ shown: 'novo', spoken: 'novo: nenhum no período anterior' });
  });
});

describe('rates, in percentage points', () => {
  test.each([
    [
      0.78,
      0.767,
      'up-is-good',
      { direction: 'up', tone: 'good', shown: '+1.3 pp', from: 'from 76.7%', spoken: 'up 1.3 percentage points from 76.7%' },
    ],
    [
      0.05,
      0.08,
      'up-is-bad',
      { direction: 'down', tone: 'good', shown: '-3.0 pp', from: 'from 8.0%', spoken: 'down 3 percentage points from 8.0%' },
    ],
    [0.5, 0.5004, 'up-is-good', { direction: 'flat', tone: 'neutral', shown: '0.0 pp', from: 'from 50.0%', spoken: 'no change from 50.0%' }],
    [
      0.5,
      null,
      'up-is-good',
      { direction: 'none', tone: 'neutral', shown: '', from: 'no earlier figure to compare with', spoken: 'no earlier figure to compare with' },
    ],
  ] as const)('%s against %s (%s)', (current, earlier, polarity, expected) => {
    expect(toRateChangeView(current, earlier, polarity, 'en', sayEn)).toEqual(expected);
  });

  test('one point is singular; Portuguese says p.p. and pontos percentuais', () => {
    expect(toRateChangeView(0.51, 0.5, 'up-is-good', 'en', sayEn).spoken).toBe('up 1 percentage point from 50.0%');
    expect(toRateChangeView(0.8, 0.767, 'up-is-good', 'pt-BR', sayPt)).toMatchObject({
      shown: '+3,3 p.p.',
      spoken: 'alta de 3,3 pontos percentuais em relação a 76,7%',
    });
    // Portuguese plural rules: below 2 is singular.
    expect(toRateChangeView(0.78, 0.767, 'up-is-good', 'pt-BR', sayPt).spoken).toBe('alta de 1,3 ponto percentual em relação a 76,7%');
  });
});
