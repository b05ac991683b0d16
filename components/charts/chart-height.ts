/** The chart's box height for a number of bars, shared with its placeholder so nothing shifts. */
export function chartHeight(bars: number): number {
  return Math.max(bars * 40 + 40, 120);
}
