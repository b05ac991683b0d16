// Talkover SIMULATOR (demo mode and tests only): the fictional environment's agents.
// Source agents have stable, readable ids so tests and fixtures can name them; callback agents
// have UUIDs, as Talkover's do (the dashboard's agent pages take only UUIDs). The routing is
// realistic and a little broken, as routing gets: one callback agent is still a draft, one
// source is routed twice, one has callbacks but no route any more, and one outbound campaign
// routes nowhere.

export type SourceAgent = {
  id: string;
  name: string;
  /** Typical weekday callbacks; the day's figure varies around it. */
  dailyVolume: number;
  /** Chance that a weekend day has no callbacks at all (the campaign does not dial on weekends). */
  weekendIdleChance: number;
  /** Chance that any day is idle (paused lists, holidays). */
  idleChance: number;
};

export type CallbackAgent = {
  id: string;
  name: string;
  label: string;
  direction: 'inbound';
  current_status: 'published' | 'draft';
  callback_config: { source_agent_ids: string[] };
  /** Seeds the agent's unmatched callbacks (kept from before the ids were UUIDs, so figures stay put). */
  seed: string;
};

/** An agent as `GET /agents` lists it (the simulator keeps only the fields the docs name). */
export type ListedAgent = {
  id: string;
  name: string;
  label: string;
  direction: 'inbound' | 'outbound';
  current_status: 'published' | 'draft';
  is_sandbox: boolean;
};

export const SOURCE_AGENTS: readonly SourceAgent[] = [
  { id: 'src-vendas', name: 'Vendas Outbound', dailyVolume: 26, weekendIdleChance: 0.1, idleChance: 0.02 },
  { id: 'src-pesquisa', name: 'Pesquisa de Satisfação', dailyVolume: 9, weekendIdleChance: 0.3, idleChance: 0.15 },
  { id: 'src-cobranca', name: 'Cobrança Amigável', dailyVolume: 18, weekendIdleChance: 0.85, idleChance: 0.03 },
  { id: 'src-renovacao', name: 'Renovação de Contratos', dailyVolume: 12, weekendIdleChance: 0.4, idleChance: 0.05 },
  { id: 'src-agendamento', name: 'Agendamento de Consultas', dailyVolume: 22, weekendIdleChance: 0.2, idleChance: 0.04 },
];

export const CALLBACK_AGENTS: readonly CallbackAgent[] = [
  {
    id: '6f1c2a4e-8b3d-4f7a-9c21-5e0d7b3a9f11',
    name: 'Retorno Vendas',
    label: 'Retorno de vendas',
    direction: 'inbound',
    current_status: 'published',
    callback_config: { source_agent_ids: ['src-vendas'] },
    seed: 'cb-retorno-vendas',
  },
  {
    id: '0b7e9d52-3c4a-4e18-b6f0-2a9c8d1e7b34',
    name: 'Central de Retorno',
    label: 'Central de retorno geral',
    direction: 'inbound',
    current_status: 'published',
    // Vendas is routed here too (twice in all); Reativação has no callbacks yet.
    callback_config: { source_agent_ids: ['src-pesquisa', 'src-agendamento', 'src-vendas', 'src-reativacao'] },
    seed: 'cb-central-retorno',
  },
  {
    id: 'c4d8a1f3-7e2b-4b96-8d05-e3f6a9b2c781',
    name: 'Retorno Cobrança',
    label: 'Retorno de cobrança',
    direction: 'inbound',
    // Saved but never published.
    current_status: 'draft',
    callback_config: { source_agent_ids: ['src-cobranca'] },
    seed: 'cb-retorno-cobranca',
  },
];

/**
 * `GET /agents`: every agent of the environment. The outbound ones are the source agents (Renovação
 * still has callbacks from before its route was removed, and no callback agent lists it), a new
 * campaign without callbacks yet (Reativação) and a draft; the inbound ones are the callback
 * agents and a reception line.
 */
export const ALL_AGENTS: readonly ListedAgent[] = [
  ...SOURCE_AGENTS.map((agent) => ({
    id: agent.id,
    name: agent.name,
    label: agent.name,
    direction: 'outbound' as const,
    current_status: 'published' as const,
    is_sandbox: false,
  })),
  {
    id: 'src-reativacao',
    name: 'Reativação de Clientes',
    label: 'Campanha de reativação',
    direction: 'outbound',
    current_status: 'published',
    is_sandbox: false,
  },
  {
    id: 'src-prospeccao',
    name: 'Prospecção Fria',
    label: 'Rascunho de prospecção',
    direction: 'outbound',
    current_status: 'draft',
    is_sandbox: false,
  },
  ...CALLBACK_AGENTS.map(({ id, name, label, direction, current_status }) => ({
    id,
    name,
    label,
    direction,
    current_status,
    is_sandbox: false,
  })),
  {
    id: '9a3e5c71-2d4b-4f86-a0c9-71b2e4d6f058',
    name: 'Recepção',
    label: 'Atendimento geral',
    direction: 'inbound',
    current_status: 'published',
    is_sandbox: false,
  },
];

export function findSourceAgent(id: string): SourceAgent | undefined {
  return SOURCE_AGENTS.find((agent) => agent.id === id);
}

export function findCallbackAgent(id: string): CallbackAgent | undefined {
  return CALLBACK_AGENTS.find((agent) => agent.id === id);
}
