/**
 * The six figures of a period, in one table: what each is called (in code, in the JSON and the
 * catalogs), whether it is a count or a rate, whether going up is good news, and how it is read
 * from the figures. The cards, the change maths, the JSON, the CSV, digests and alerts all read
 * this table, so a figure is added, reordered or recoloured in one place.
 */
import type { Polarity } from '../trends/change';
import type { CallbackStats } from './callback-stats';

type Base<Key extends string, Json extends string> = { key: Key; json: Json; polarity: Polarity };
type CountFigure<Key extends string, Json extends string> = Base<Key, Json> & { kind: 'count'; read: (stats: CallbackStats) => number };
/** A rate is a fraction in 0..1, null when nothing was received. */
type RateFigure<Key extends string, Json extends string> = Base<Key, Json> & { kind: 'rate'; read: (stats: CallbackStats) => number | null };

export const FIGURES = [
  { key: 'received', json: 'received', kind: 'count', polarity: 'up-is-good', read: (stats) => stats.totals.received },
  { key: 'answered', json: 'answered', kind: 'count', polarity: 'up-is-good', read: (stats) => stats.totals.answered },
  { key: 'answerRate', json: 'answer_rate', kind: 'rate', polarity: 'up-is-good', read: (stats) => stats.rates.answerRate },
  { key: 'unmatched', json: 'unmatched', kind: 'count', polarity: 'up-is-bad', read: (stats) => stats.totals.unmatched },
  { key: 'unmatchedRate', json: 'unmatched_rate', kind: 'rate', polarity: 'up-is-bad', read: (stats) => stats.rates.unmatchedRate },
  { key: 'notAnswered', json: 'not_answered', kind: 'count', polarity: 'up-is-bad', read: (stats) => stats.totals.notAnswered },
] as const satisfies readonly (CountFigure<string, string> | RateFigure<string, string>)[];

export type Figure = (typeof FIGURES)[number];
/** `received`, `answerRate`…: the catalogs' keys too (`Kpi`, `Export`). */
export type FigureKey = Figure['key'];
/** `received`, `answer_rate`…: the JSON API's names (and the alert rules' metrics). */
export type FigureJsonName = Figure['json'];
export type CountFigureOf = Extract<Figure, { kind: 'count' }>;
export type RateFigureOf = Extract<Figure, { kind: 'rate' }>;

export const COUNT_FIGURES = FIGURES.filter((figure): figure is CountFigureOf => figure.kind === 'count');
export const RATE_FIGURES = FIGURES.filter((figure): figure is RateFigureOf => figure.kind === 'rate');

/** `{ [json name]: value }` for a list of figures, in the table's order. */
export function toFigureJson<F extends Figure>(figures: readonly F[], value: (figure: F) => number | null): Record<F['json'], number | null> {
  return Object.fromEntries(figures.map((figure) => [figure.json, value(figure)])) as Record<F['json'], number | null>;
}
