// Talkover SIMULATOR (demo mode and tests only): the fictional environment's agents.
// Ids are stable, readable strings so tests, fixtures and demo URLs can name them; the real API
// uses UUIDs, which the dashboard must treat as opaque anyway.

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
  current_status: 'published';
  callback_config: { source_agent_ids: string[] };
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
    id: 'cb-retorno-vendas',
    name: 'Retorno Vendas',
    label: 'Retorno de vendas e renovações',
    direction: 'inbound',
    current_status: 'published',
    callback_config: { source_agent_ids: ['src-vendas', 'src-renovacao'] },
  },
  {
    id: 'cb-central-retorno',
    name: 'Central de Retorno',
    label: 'Central de retorno geral',
    direction: 'inbound',
    current_status: 'published',
    callback_config: { source_agent_ids: ['src-pesquisa', 'src-agendamento'] },
  },
  {
    id: 'cb-retorno-cobranca',
    name: 'Retorno Cobrança',
    label: 'Retorno de cobrança',
    direction: 'inbound',
    current_status: 'published',
    callback_config: { source_agent_ids: ['src-cobranca'] },
  },
];

export function findSourceAgent(id: string): SourceAgent | undefined {
  return SOURCE_AGENTS.find((agent) => agent.id === id);
}

export function findCallbackAgent(id: string): CallbackAgent | undefined {
  return CALLBACK_AGENTS.find((agent) => agent.id === id);
}
