import 'server-only';
import type { IsoDate } from '../date-range';
import { shapeCallbackStats } from '../stats/get-callback-stats';
import type { CallbackStats } from '../stats/callback-stats';
import { getCallbackStats, systemCaller } from '../talkover';
import { comparedPeriod } from './periods';

/** Talkover could not give fresh figures: the digest waits and retries rather than send wrong ones. */
export class FiguresUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The figures for the digest could not be read from Talkover.', { cause });
    this.name = 'FiguresUnavailableError';
  }
}

export type DigestFigures = { current: CallbackStats; earlier: CallbackStats; compared: { start: IsoDate; end: IsoDate } };

/**
 * A period's figures and the previous period's of the same length, through the front door as
 * scheduled work (the system pays, at background priority; digests of one period share the cache).
 * Stale figures (Talkover failing, the last good answer served) are refused, like a failure.
 */
export async function getDigestFigures(period: { start: IsoDate; end: IsoDate }, timeZone: string): Promise<DigestFigures> {
  const compared = comparedPeriod(period);
  const options = { caller: systemCaller('digests'), priority: 'background' } as const;
  try {
    const [current, earlier] = await Promise.all([
      getCallbackStats({ ...period, timeZone }, options),
      getCallbackStats({ ...compared, timeZone }, options),
    ]);
    if (current.cache === 'stale' || earlier.cache === 'stale') throw new Error('Talkover is failing: only stale figures are cached');
    return {
      current: shapeCallbackStats({ ...period, timeZone }, current),
      earlier: shapeCallbackStats({ ...compared, timeZone }, earlier),
      compared,
    };
  } catch (error) {
    throw new FiguresUnavailableError(error);
  }
}
