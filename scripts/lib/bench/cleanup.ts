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

/** Runs every action once, newest first (the last thing started stops first); never throws. */
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
 * default and exits at once, should a child refuse to stop (spawnNext SIGKILLs its children
 * on any exit).
 */
export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal} received, stopping the apps and simulators…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}
