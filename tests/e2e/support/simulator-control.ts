import type { Fault } from '../../../simulator/server';

/** Switches the simulator's fault mode through its admin endpoint (the simulator runs in the setup process). */
export async function setFault(simulatorOrigin: string, fault: Fault): Promise<void> {
  const response = await fetch(`${simulatorOrigin}/__simulator/fault`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (!response.ok) throw new Error(`simulator refused fault ${JSON.stringify(fault)}: ${response.status}`);
}

export async function resetSimulator(simulatorOrigin: string): Promise<void> {
  await fetch(`${simulatorOrigin}/__simulator/reset`, { method: 'POST' });
}

export async function simulatorRequestCount(simulatorOrigin: string): Promise<number> {
  const response = await fetch(`${simulatorOrigin}/__simulator/requests`);
  return ((await response.json()) as { count: number }).count;
}
