import 'server-only';
import { talkoverGet } from './client';
import { callbackStatsResponseSchema, type RawCallbackStats } from './schemas';

/** `GET /callback-agents/stats` for an inclusive range of calendar days. */
export async function fetchCallbackStats(range: { start: string; end: string }): Promise<RawCallbackStats> {
  const body = await talkoverGet(
    '/callback-agents/stats',
    { start_date: range.start, end_date: range.end },
    callbackStatsResponseSchema,
  );
  return body.data;
}
