/**
 * A change as a card shows it: the figure ("+5.2%", "+1.3 pp", "new"), the earlier value, an
 * arrow, a tone (good or bad news for this figure) and the words a screen reader says
 * ("up 5.2% from 1,980"). Pure; formatting comes from lib/format.ts.
 */
import { formatCount, formatPercent, formatPercentMagnitude, formatSignedPercent, formatSignedPoints } from '../format';
import { directionOf, pointsChange, toCountMove, toneOf, type Direction, type Polarity, type Tone } from './change';
import { CHANGE_WORDS as W } from './labels';

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

export function toCountChangeView(current: number, earlier: number, polarity: Polarity, locale: string): ChangeView {
  const from = `${W.from} ${formatCount(earlier, locale)}`;
  const move = toCountMove(current, earlier);
  if (move.kind === 'new') return { direction: 'new', tone: toneOf('new', polarity), shown: W.newValue, from, spoken: W.newSpoken };
  if (move.kind === 'none') return { direction: 'none', tone: 'neutral', shown: '', from: W.none, spoken: W.none };
  const magnitude = formatPercentMagnitude(move.value, locale);
  const spoken = move.direction === 'flat' ? `${W.flat} ${from}` : `${W[move.direction]} ${magnitude} ${from}`;
  return { direction: move.direction, tone: toneOf(move.direction, polarity), shown: formatSignedPercent(move.value, locale), from, spoken };
}

export function toRateChangeView(current: number | null, earlier: number | null, polarity: Polarity, locale: string): ChangeView {
  const points = pointsChange(current, earlier);
  if (points === null) return { direction: 'none', tone: 'neutral', shown: '', from: W.notComparable, spoken: W.notComparable };
  const from = `${W.from} ${formatPercent(earlier, locale)}`;
  const direction = directionOf(points, 0.05);
  const magnitude = formatSignedPoints(Math.abs(points), locale).replace(/^\+/, '').replace(' pp', '');
  const spoken = direction === 'flat' ? `${W.flat} ${from}` : `${W[direction]} ${magnitude} ${W.points} ${from}`;
  return { direction, tone: toneOf(direction, polarity), shown: formatSignedPoints(points, locale), from, spoken };
}
