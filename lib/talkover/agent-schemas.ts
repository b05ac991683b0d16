import 'server-only';
import { z } from 'zod';
import { MAX_SOURCE_AGENT_ID_LENGTH, MAX_SOURCE_AGENTS, truncateName } from './schemas';

/**
 * Talkover's agent payloads, as far as this dashboard reads them: ids, names, labels, status and
 * the callback routing. Everything else an agent carries (prompts, actions, phone numbers) is
 * stripped by zod at the boundary and never kept or shown.
 */
const id = z.string().min(1).max(MAX_SOURCE_AGENT_ID_LENGTH);
const untrustedName = z
  .string()
  .nullish()
  .transform((name) => truncateName(name ?? ''));
const status = z
  .string()
  .max(40)
  .nullish()
  .transform((value) => value ?? 'unknown');
const count = z.number().int().nonnegative();
/** Far more agents than any environment has: an answer past it is refused, not cut. */
export const MAX_AGENTS = 1_000;

export const callbackAgentSchema = z.object({
  id,
  name: untrustedName,
  label: untrustedName,
  current_status: status,
  callback_config: z
    .object({ source_agent_ids: z.array(id).max(MAX_SOURCE_AGENTS) })
    .nullish()
    .transform((config) => config ?? { source_agent_ids: [] }),
});
export type CallbackAgent = z.infer<typeof callbackAgentSchema>;
export const callbackAgentsSchema = z.array(callbackAgentSchema).max(MAX_AGENTS);
export const callbackAgentsResponseSchema = z.object({ success: z.literal(true), data: callbackAgentsSchema });

export const callbackAgentDetailSchema = z.object({
  agent: z.object({ id, name: untrustedName, current_status: status }),
  source_agents: z.array(z.object({ id, name: untrustedName })).max(MAX_SOURCE_AGENTS),
  stats: z.object({ total_callbacks_received: count, callbacks_answered: count }),
});
export type CallbackAgentDetail = z.infer<typeof callbackAgentDetailSchema>;
export const callbackAgentDetailResponseSchema = z.object({ success: z.literal(true), data: callbackAgentDetailSchema });

export const listedAgentSchema = z.object({ id, name: untrustedName, label: untrustedName, current_status: status });
export type ListedAgent = z.infer<typeof listedAgentSchema>;
export const agentsPageSchema = z.object({
  data: z.array(listedAgentSchema).max(MAX_AGENTS),
  meta: z.object({ current_page: count, last_page: count, total: count.optional() }),
});
export type AgentsPage = z.infer<typeof agentsPageSchema>;
export const agentsPageResponseSchema = agentsPageSchema.extend({ success: z.literal(true) });
