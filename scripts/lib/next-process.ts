import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';

const NEXT_BIN = 'node_modules/next/dist/bin/next';

/** Runs the project's own `next` CLI with this Node, whatever the shell's PATH. */
export function spawnNext(args: string[], env: NodeJS.ProcessEnv, stdio: StdioOptions = 'inherit'): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, ...args], { env, stdio });
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
