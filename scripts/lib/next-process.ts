import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';

const NEXT_BIN = 'node_modules/next/dist/bin/next';

/**
 * Runs the project's own `next` CLI with this Node, whatever the shell's PATH. The child is
 * SIGKILLed should this process exit without stopping it (an uncaught error, a second Ctrl+C):
 * a `next start` left behind would hold its port and skew whatever runs next on the machine.
 */
export function spawnNext(args: string[], env: NodeJS.ProcessEnv, stdio: StdioOptions = 'inherit'): ChildProcess {
  const child = spawn(process.execPath, [NEXT_BIN, ...args], { env, stdio });
  killOnExit(child);
  return child;
}

/**
 * `node <distDir>/standalone/server.js`, the server the container image runs (it reads PORT and
 * HOSTNAME), with the same kill-on-exit guard.
 */
export function spawnStandaloneServer(serverJs: string, env: NodeJS.ProcessEnv, stdio: StdioOptions = 'inherit'): ChildProcess {
  const child = spawn(process.execPath, [serverJs], { env, stdio });
  killOnExit(child);
  return child;
}

/** `next start` on loopback only: the demo and the tests serve nobody on the network. */
export function nextStartArgs(port: number): string[] {
  return ['start', '-p', String(port), '-H', '127.0.0.1'];
}

/** Resolves when the process exits 0; rejects, naming it, otherwise. */
export function exitedCleanly(child: ChildProcess, what: string): Promise<void> {
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${what} exited with ${code}`)))),
  );
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`; resolves once it has. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Last resort for exits that skip the async stop: 'exit' handlers must be synchronous, so this
 * can only SIGKILL.
 */
function killOnExit(child: ChildProcess): void {
  const kill = () => {
    if (!hasExited(child)) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}
