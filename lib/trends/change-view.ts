/**
 * A change as a card shows it: the figure ("+5.2%", "+1.3 pp", "new"), the earlier value, an
 * arrow, a tone (good or bad news for this figure) and the words a screen reader says
 * ("up 5.2% from 1,980"). Pure: the words come from the `Change` catalog through `say`, numbers
 * from lib/format.ts, both in the viewer's language.
 */
import type { Messages } from '../../i18n/catalogs';
import { formatCount, formatPercent, formatPercentMagnitude, formatSignedPercent, formatSignedPoints } from '../format';
import { directionOf, pointsChange, toCountMove, toneOf, type Direction, type Polarity, type Tone } from './change';

export type ChangeKey = keyof Messages['Change'];
/** A translator of the `Change` catalog (next-intl's `t`, or createTranslator's in tests). */
export type SayChange = (key: ChangeKey, values?: Record<string, string | number>) => string;

export type ChangeView = {
  direction: Direction | 'new' | 'none';
  tone: Tone;
  /** The change as shown: "+5.2%", "−1.3 pp", "new", or empty when there is nothing to show. */
  shown: string;
  /** The earlier value as shown: "from 1,980". */
  from: string;
  /** The whole change in words, for screen readers. */
  spoken: string;
};

export const ARROWS: Record<ChangeView['direction'], string> = { up: '▲', down: '▼', flat: '●', new: '▲', none: '●' };

export function toCountChangeView(current: number, earlier: number, polarity: Polarity, locale: string, say: SayChange): ChangeView {
  const earlierShown = formatCount(earlier, locale);
  const from = say('from', { earlier: earlierShown });
  const move = toCountMove(current, earlier);
  if (move.kind === 'new') return { direction: 'new', tone: toneOf('new', polarity), shown: say('new'), from, spoken: say('newSpoken') };
  if (move.kind === 'none') return { direction: 'none', tone: 'neutral', shown: '', from: say('none'), spoken: say('none') };
  const magnitude = formatPercentMagnitude(move.value, locale);
  const spoken = say(move.direction, { magnitude, earlier: earlierShown });
  return { direction: move.direction, tone: toneOf(move.direction, polarity), shown: formatSignedPercent(move.value, locale), from, spoken };
}

export function toRateChangeView(
  current: number | null,
  earlier: number | null,
  polarity: Polarity,
  locale: string,
  say: SayChange,
): ChangeView {
  const points = pointsChange(current, earlier);
  if (points === null) return { direction: 'none', tone: 'neutral', shown: '', from: say('notComparable'), spoken: say('notComparable') };
  const earlierShown = formatPercent(earlier, locale);
  const from = say('from', { earlier: earlierShown });
  const direction = directionOf(points, 0.05);
  // One decimal, as shown; the plural and the number's digits are the catalog's (ICU).
  const magnitude = Math.round(Math.abs(points) * 10) / 10;
  const spoken =
    direction === 'flat'
      ? say('flat', { earlier: earlierShown })
      : say(direction === 'up' ? 'upPoints' : 'downPoints', { points: magnitude, earlier: earlierShown });
  return {
    direction,
    tone: toneOf(direction, polarity),
    shown: say('points', { value: formatSignedPoints(points, locale) }),
    from,
    spoken,
  };
}
