import 'server-only';
import { z } from 'zod';
import { parseIsoDate } from '../date-range';

/**
 * Talkover's documented payloads. Unknown fields are stripped, so Talkover may add some; anything
 * missing or out of range makes the answer an upstream error, not a crash.
 */
const count = z.number().int().nonnegative();
const isoDate = z.string().refine((value) => parseIsoDate(value) !== null, { error: 'not a real YYYY-MM-DD date' });

/**
 * Bounds so a hostile upstream cannot fill memory. A long name is cut; an over-long id or list
 * refuses the answer, because cutting the list would misstate the figures.
 */
export const MAX_NAME_LENGTH = 200;
export const MAX_SOURCE_AGENT_ID_LENGTH = 200;
export const MAX_SOURCE_AGENTS = 1_000;

/** The first `max` characters (code points, so an emoji is never split in half). */
export function truncateName(name: string, max = MAX_NAME_LENGTH): string {
  if (name.length <= max) return name;
  return Array.from(name.slice(0, max * 2))
    .slice(0, max)
    .join('');
}

export const sourceAgentCountSchema = z.object({
  source_agent_id: z.string().min(1).max(MAX_SOURCE_AGENT_ID_LENGTH),
  // Names are typed by Talkover users: untrusted text, possibly empty or null.
  name: z
    .string()
    .nullish()
    .transform((name) => truncateName(name ?? '')),
  count,
});

export const callbackStatsSchema = z.object({
  period: z.object({ start: isoDate, end: isoDate }),
  total_callbacks_received: count,
  callbacks_answered: count,
  callbacks_unmatched: count,
  callbacks_by_source_agent: z.array(sourceAgentCountSchema).max(MAX_SOURCE_AGENTS),
});
export type RawCallbackStats = z.infer<typeof callbackStatsSchema>;

export const callbackStatsResponseSchema = z.object({ success: z.literal(true), data: callbackStatsSchema });

/** `{ success: false, error: { code, message, details } }` */
export const nestedErrorSchema = z.object({
  success: z.literal(false),
  error: z.object({ code: z.string().optional(), message: z.string().optional(), details: z.unknown().optional() }),
});

/** `{ success: false, message, code }` */
export const flatErrorSchema = z.object({
  success: z.literal(false),
  message: z.string().optional(),
  code: z.string().optional(),
});

export const talkoverErrorSchema = z.union([nestedErrorSchema, flatErrorSchema]);
export type TalkoverErrorBody = z.infer<typeof talkoverErrorSchema>;

/** The upstream error code, whichever shape carried it (for logs and mapping, never shown raw). */
export function errorCodeOf(body: TalkoverErrorBody): string | undefined {
  return 'error' in body ? body.error.code : body.code;
}
