/**
 * How a figure moved against the comparison period. Counts change relatively (+5.2%), rates in
 * percentage points (+1.3 pp): a relative change of a rate ("the answer rate rose 2%") is the
 * classic way to mislead with a dashboard. Undefined changes are null, never Infinity or NaN.
 */

/** (current − earlier) / earlier as a fraction, or null when there was nothing before. */
export function relativeChange(current: number, earlier: number): number | null {
  if (earlier === 0) return null;
  return (current - earlier) / earlier;
}

/** The difference of two 0..1 rates in percentage points (0.78 vs 0.765 → 1.5), or null. */
export function pointsChange(current: number | null, earlier: number | null): number | null {
  if (current === null || earlier === null) return null;
  return (current - earlier) * 100;
}

export type Direction = 'up' | 'down' | 'flat';
/** Whether going up is good news for a figure (received) or bad (unmatched). */
export type Polarity = 'up-is-good' | 'up-is-bad';
export type Tone = 'good' | 'bad' | 'neutral';

/** How a count moved, for display: "new" when it went from 0 to something, "none" for 0 → 0. */
export type CountMove = { kind: 'relative'; direction: Direction; value: number } | { kind: 'new' } | { kind: 'none' };

export function toCountMove(current: number, earlier: number): CountMove {
  const change = relativeChange(current, earlier);
  if (change === null) return current > 0 ? { kind: 'new' } : { kind: 'none' };
  return { kind: 'relative', direction: directionOf(change, 0.0005), value: change };
}

/** Differences smaller than half the shown precision read as flat, so "+0.0%" is never red. */
export function directionOf(change: number, epsilon: number): Direction {
  if (change > epsilon) return 'up';
  if (change < -epsilon) return 'down';
  return 'flat';
}

export function toneOf(direction: Direction | 'new', polarity: Polarity): Tone {
  if (direction === 'flat') return 'neutral';
  const up = direction === 'up' || direction === 'new';
  return up === (polarity === 'up-is-good') ? 'good' : 'bad';
}

/** Rounds a change for JSON so floating-point noise (1.2999999) does not leak into the API. */
export function roundChange(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
