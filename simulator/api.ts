// Talkover SIMULATOR (demo mode and tests only): the read endpoints under /api/v1.
// Pure routing from (method, path, query) to a Reply; auth, rate limits and faults are applied
// around it by server.ts, so each endpoint here only states its documented contract.

import { ALL_AGENTS, CALLBACK_AGENTS, SOURCE_AGENTS, findCallbackAgent, findSourceAgent } from './agents';
import { getAgentRecentStats, getStatsForRange } from './data';
import { formatDay, parseDay } from './dates';
import { HOSTILE_NAMES } from './faults';
import { TALKOVER_STATS_PATH } from '../lib/paths';
import { flatError, jsonReply, nestedError, type Reply } from './responses';

export const API_PREFIX = '/api/v1';
export const HEALTH_PATH = `${API_PREFIX}/health`;

export type ApiContext = { today: number; hostileNames: boolean };

const DEFAULT_SPAN_DAYS = 30;
// Not a documented limit: it only keeps one request from blocking the event loop for long.
const MAX_RANGE_DAYS = 36_600;

function sourceName(id: string, ctx: ApiContext): string {
  const index = SOURCE_AGENTS.findIndex((agent) => agent.id === id);
  const hostile = ctx.hostileNames ? HOSTILE_NAMES[index] : undefined;
  return hostile ?? findSourceAgent(id)?.name ?? ALL_AGENTS.find((agent) => agent.id === id)?.name ?? id;
}

function validationError(field: string, message: string): Reply {
  return nestedError(422, 'VALIDATION_ERROR', message, { field });
}

function getStats(query: URLSearchParams, ctx: ApiContext): Reply {
  const rawStart = query.get('start_date');
  const rawEnd = query.get('end_date');
  const start = rawStart === null ? ctx.today - DEFAULT_SPAN_DAYS : parseDay(rawStart);
  const end = rawEnd === null ? ctx.today : parseDay(rawEnd);
  if (start === null) return validationError('start_date', 'start_date must be a valid date in YYYY-MM-DD format');
  if (end === null) return validationError('end_date', 'end_date must be a valid date in YYYY-MM-DD format');
  if (start > end) return validationError('start_date', 'start_date must be on or before end_date');
  if (end - start + 1 > MAX_RANGE_DAYS) {
    return validationError('start_date', `The date range must not exceed ${MAX_RANGE_DAYS} days`);
  }
  const data = getStatsForRange(formatDay(start), formatDay(end));
  const callbacks_by_source_agent = data.callbacks_by_source_agent.map((source) => ({
    ...source,
    name: sourceName(source.source_agent_id, ctx),
  }));
  return jsonReply(200, { success: true, data: { ...data, callbacks_by_source_agent } });
}

function listCallbackAgents(): Reply {
  const data = CALLBACK_AGENTS.map(({ id, name, label, direction, current_status, callback_config }) => ({
    id,
    name,
    label,
    direction,
    current_status,
    callback_config: { source_agent_ids: [...callback_config.source_agent_ids] },
  }));
  return jsonReply(200, { success: true, data });
}

/** `GET /agents`: filtered by direction, status and search, paginated with `meta` (20 a page by default). */
function listAgents(query: URLSearchParams): Reply {
  const direction = query.get('direction');
  const status = query.get('status');
  const search = query.get('search')?.toLowerCase();
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 20) || 20));
  const page = Math.max(1, Math.floor(Number(query.get('page') ?? 1)) || 1);
  const matching = ALL_AGENTS.filter(
    (agent) =>
      (!direction || agent.direction === direction) &&
      (!status || agent.current_status === status) &&
      (!search || agent.name.toLowerCase().includes(search) || agent.label.toLowerCase().includes(search)),
  );
  const lastPage = Math.max(1, Math.ceil(matching.length / perPage));
  // A real agent carries much more (prompts, phone numbers): a sample, which the dashboard must drop.
  const data = matching
    .slice((page - 1) * perPage, page * perPage)
    .map((agent) => ({ ...agent, prompt: 'Você é um agente de retorno…', phone_numbers: ['+55 11 4000-0000'] }));
  return jsonReply(200, { success: true, data, meta: { current_page: page, per_page: perPage, total: matching.length, last_page: lastPage } });
}

function getAgent(rawId: string, ctx: ApiContext): Reply {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    id = '';
  }
  const agent = findCallbackAgent(id);
  const stats = agent ? getAgentRecentStats(agent.id, formatDay(ctx.today)) : null;
  if (!agent || !stats) {
    return flatError(404, 'NOT_A_CALLBACK_AGENT', 'Agent is not configured as a callback agent');
  }
  const { name, direction, current_status } = agent;
  const source_agents = agent.callback_config.source_agent_ids.map((sourceId) => ({
    id: sourceId,
    name: sourceName(sourceId, ctx),
  }));
  return jsonReply(200, {
    success: true,
    data: { agent: { id: agent.id, name, direction, current_status }, source_agents, stats },
  });
}

function matchRoute(pathname: string, query: URLSearchParams, ctx: ApiContext): (() => Reply) | null {
  if (pathname === HEALTH_PATH) return () => jsonReply(200, { success: true, status: 'ok' });
  if (pathname === `${API_PREFIX}${TALKOVER_STATS_PATH}`) return () => getStats(query, ctx);
  if (pathname === `${API_PREFIX}/callback-agents`) return listCallbackAgents;
  if (pathname === `${API_PREFIX}/agents`) return () => listAgents(query);
  const single = /^\/api\/v1\/callback-agents\/([^/]+)$/.exec(pathname);
  if (single) return () => getAgent(single[1]!, ctx);
  return null;
}

/** Answers an API request that already passed auth and the rate limit. */
export function routeApi(method: string, pathname: string, query: URLSearchParams, ctx: ApiContext): Reply {
  const handler = matchRoute(pathname, query, ctx);
  if (!handler) return flatError(404, 'NOT_FOUND', 'The requested resource was not found');
  if (method !== 'GET') {
    const reply = flatError(405, 'METHOD_NOT_ALLOWED', 'Only GET is supported on this endpoint');
    return { ...reply, headers: { Allow: 'GET' } };
  }
  return handler();
}
