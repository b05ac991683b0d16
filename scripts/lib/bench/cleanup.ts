import type { ChildProcess } from 'node:child_process';

/**
 * Everything the benchmark starts registers how to stop it here, so one call stops it all
 * whether the run ends normally, throws, or is interrupted: a benchmark that leaves `next
 * start` processes behind would skew the next run (and whatever else runs on this machine).
 */
type Action = () => Promise<void> | void;

const actions: Action[] = [];
let running: Promise<void> | undefined;

export function onCleanup(action: Action): void {
  actions.push(action);
}

/** Runs every action once, newest first (apps before the simulators they call); never throws. */
export function cleanUp(): Promise<void> {
  running ??= (async () => {
    for (const action of actions.splice(0).reverse()) {
      try {
        await action();
      } catch (error) {
        console.error(`bench: cleanup step failed: ${(error as Error).message}`);
      }
    }
  })();
  return running;
}

/**
 * Ctrl+C or a kill still stops the children. `once`: a second Ctrl+C falls back to Node's
 * default and exits at once, should a child refuse to stop.
 */
export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal} received, stopping the apps and simulators…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Last resort for exits that skip the async cleanup (process.exit elsewhere, an uncaught
 * error): 'exit' handlers must be synchronous, so this can only SIGKILL.
 */
export function killOnExit(child: ChildProcess): void {
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}
