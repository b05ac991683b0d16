/**
 * The `Server-Timing` header (W3C Server Timing): browser dev tools show it next to the request,
 * so anyone can see whether an answer came from the cache and how long Talkover took.
 */
export type TimingMetric = { name: string; durationMs?: number; description?: string };

export function toServerTiming(metrics: TimingMetric[]): string {
  return metrics
    .map(({ name, durationMs, description }) => {
      let metric = name;
      if (description !== undefined) metric += `;desc="${description.replace(/["\\]/g, '')}"`;
      if (durationMs !== undefined) metric += `;dur=${Math.max(0, durationMs).toFixed(1)}`;
      return metric;
    })
    .join(', ');
}
