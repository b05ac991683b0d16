// Talkover SIMULATOR (demo mode and tests only): deterministic callback figures.
// Every calendar day's numbers come from a hash of the date string, never from a clock or
// Math.random, so a range always equals the sum of its days and tests can assert exact totals.

import { CALLBACK_AGENTS, SOURCE_AGENTS, findCallbackAgent, type SourceAgent } from './agents';
import { formatDay, parseDay, weekdayOf } from './dates';

export { CALLBACK_AGENTS, SOURCE_AGENTS } from './agents';
export type { CallbackAgent, SourceAgent } from './agents';

/** The `data` object of GET /callback-agents/stats, exactly as Talkover documents it. */
export type CallbackStatsData = {
  period: { start: string; end: string };
  total_callbacks_received: number;
  callbacks_answered: number;
  callbacks_unmatched: number;
  callbacks_by_source_agent: { source_agent_id: string; name: string; count: number }[];
};

export type AgentRecentStats = { total_callbacks_received: number; callbacks_answered: number };

type Tally = { received: number; answered: number };

// Callers turn around less on Friday and barely at all on weekends.
const WEEKDAY_FACTOR = [0.3, 1.15, 1.05, 1, 0.95, 0.8, 0.45];
const RECENT_DAYS = 30;
/** The simulated environment went live on this day: every earlier day has no callbacks at all. */
export const GO_LIVE_DATE = '2024-01-01';
const GO_LIVE_DAY = parseDay(GO_LIVE_DATE)!;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sourceDay(date: string, weekday: number, agent: SourceAgent): Tally {
  const random = mulberry32(fnv1a(`${date}|${agent.id}`));
  const weekend = weekday === 0 || weekday === 6;
  if ((weekend && random() < agent.weekendIdleChance) || random() < agent.idleChance) {
    return { received: 0, answered: 0 };
  }
  const wobble = 0.6 + 0.8 * random();
  const received = Math.min(40, Math.round(agent.dailyVolume * WEEKDAY_FACTOR[weekday]! * wobble));
  return { received, answered: Math.round(received * (0.7 + 0.2 * random())) };
}

/** Calls that reached this callback agent but matched no outbound call: usually 0, at most 2. */
function unmatchedDay(date: string, callbackAgentId: string): Tally {
  const random = mulberry32(fnv1a(`${date}|${callbackAgentId}|unmatched`));
  const received = Math.floor(random() ** 2 * 3);
  return { received, answered: Math.round(received * (0.5 + 0.5 * random())) };
}

function requireDay(value: string, field: string): number {
  const day = parseDay(value);
  if (day === null) throw new RangeError(`${field} must be a valid YYYY-MM-DD date`);
  return day;
}

/** Aggregated stats for an inclusive range; sources without callbacks in it are left out. */
export function getStatsForRange(start: string, end: string): CallbackStatsData {
  const first = requireDay(start, 'start');
  const last = requireDay(end, 'end');
  if (first > last) throw new RangeError('start must be on or before end');
  const bySource = new Map<string, number>();
  let total = 0;
  let answered = 0;
  let unmatched = 0;
  for (let day = Math.max(first, GO_LIVE_DAY); day <= last; day++) {
    const date = formatDay(day);
    const weekday = weekdayOf(day);
    for (const agent of SOURCE_AGENTS) {
      const tally = sourceDay(date, weekday, agent);
      bySource.set(agent.id, (bySource.get(agent.id) ?? 0) + tally.received);
      total += tally.received;
      answered += tally.answered;
    }
    for (const agent of CALLBACK_AGENTS) {
      const tally = unmatchedDay(date, agent.seed);
      unmatched += tally.received;
      total += tally.received;
      answered += tally.answered;
    }
  }
  // Ordered by id, not by count: the dashboard must do its own sorting.
  const callbacks_by_source_agent = [...SOURCE_AGENTS]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((agent) => ({ source_agent_id: agent.id, name: agent.name, count: bySource.get(agent.id) ?? 0 }))
    .filter((source) => source.count > 0);
  return {
    period: { start: formatDay(first), end: formatDay(last) },
    total_callbacks_received: total,
    callbacks_answered: answered,
    callbacks_unmatched: unmatched,
    callbacks_by_source_agent,
  };
}

/** The 30 days ending `today` (inclusive) for one callback agent, or null for an unknown id. */
export function getAgentRecentStats(agentId: string, today: string): AgentRecentStats | null {
  const agent = findCallbackAgent(agentId);
  if (!agent) return null;
  const last = requireDay(today, 'today');
  // A source routed to several agents reaches the first that lists it; one no agent lists, none.
  const sources = SOURCE_AGENTS.filter(
    (source) => CALLBACK_AGENTS.find((other) => other.callback_config.source_agent_ids.includes(source.id)) === agent,
  );
  const stats: AgentRecentStats = { total_callbacks_received: 0, callbacks_answered: 0 };
  for (let day = Math.max(last - RECENT_DAYS + 1, GO_LIVE_DAY); day <= last; day++) {
    const date = formatDay(day);
    const tallies = sources.map((source) => sourceDay(date, weekdayOf(day), source));
    for (const tally of [...tallies, unmatchedDay(date, agent.seed)]) {
      stats.total_callbacks_received += tally.received;
      stats.callbacks_answered += tally.answered;
    }
  }
  return stats;
}
