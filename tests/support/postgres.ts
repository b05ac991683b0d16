import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../scripts/lib/free-port';

/**
 * A throwaway PostgreSQL for the tests: Debian's binaries (`postgresql` package), `initdb` into a
 * temp dir and `postgres` on a free loopback port, its unix socket in the same temp dir. Never a
 * system service. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 *
 *   const server = await startPostgres();   // ~3 s
 *   const url = await server.createDatabase('digests_test');
 *   await server.stop();
 */
export type PostgresServer = {
  port: number;
  /** A new, empty database on this server; returns its postgres:// URL. */
  createDatabase(name?: string): Promise<string>;
  /** SIGKILL (a database lost mid-run) and `start()` brings it back on the same port and data. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

const run = promisify(execFile);

/** The newest installed major's binaries, or POSTGRES_BIN_DIR. */
export function findPostgresBinDir(): string | null {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? path.join(root, majors[0], 'bin') : null;
}

const asRoot = process.getuid?.() === 0;
/** The command line, as the postgres user when we are root. */
const asPostgres = (command: string, args: string[]): [string, string[]] =>
  asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

let counter = 0;

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBinDir();
  if (!bin) throw new Error("PostgreSQL binaries not found: install Debian's postgresql package (or set POSTGRES_BIN_DIR)");
  const dir = mkdtempSync(path.join(tmpdir(), 'callback-stats-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const [initCommand, initArgs] = asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  await run(initCommand, initArgs, { cwd: dir });
  const port = await freePort();
  let child: ChildProcess | null = null;

  // fsync=off only: a killed server (not a crashed machine) then loses nothing it committed.
  const startOnce = async () => {
    const [command, args] = asPostgres(path.join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-k',
      dir,
      '-c',
      'fsync=off',
      '-c',
      'max_connections=60',
    ]);
    // Its own process group, so a signal reaches postgres and its backends, not just runuser.
    const started = spawn(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child = started;
    await waitUntilReady(
      port,
      () => started.exitCode === null,
      () => stderr,
    );
  };
  // After a SIGKILL the old server's processes take a moment to let go of its shared memory.
  const start = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await startOnce();
      } catch (error) {
        if (attempt >= 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      signalGroup(running, 'SIGKILL');
    });
    // A killed postmaster leaves its pid file: the next start checks the pid is gone and goes on.
  };
  await start();
  return {
    port,
    async createDatabase(name = `test_${process.pid}_${++counter}`) {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await client.connect();
      try {
        await client.query(`create database "${name}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    kill,
    start,
    async stop() {
      const running = child;
      child = null;
      if (running && running.exitCode === null) {
        await new Promise<void>((resolve) => {
          running.once('exit', () => resolve());
          signalGroup(running, 'SIGINT'); // fast shutdown
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

async function waitUntilReady(port: number, alive: () => boolean, output: () => string): Promise<void> {
  const giveUpAt = Date.now() + 30_000;
  for (;;) {
    if (!alive()) throw new Error(`postgres exited during start-up: ${output().trim().split('\n').pop()}`);
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > giveUpAt) throw new Error(`postgres did not accept connections on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
