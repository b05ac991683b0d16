import type { ChildProcess } from 'node:child_process';
import { withLogFile } from '../../../scripts/lib/log-file';
import { spawnStandaloneServer, stopChild } from '../../../scripts/lib/next-process';
import { copyStandaloneStatic } from '../../../scripts/lib/standalone-static';
import { waitForHttp } from '../../../scripts/lib/wait-for-http';

/**
 * The container image's server outside a container: `<distDir>/standalone/server.js`, with the
 * client's static files copied next to it as `npm run build` and the Dockerfile copy them.
 */
export function prepareStandalone(root: string, distDir: string): Promise<string> {
  return copyStandaloneStatic(distDir, root);
}

/** The standalone server on loopback, resolved once /api/health answers (or rejected when it exits first). */
export async function startStandalone(
  serverJs: string,
  env: NodeJS.ProcessEnv,
  port: number,
  serverLog: string,
): Promise<{ appUrl: string; app: ChildProcess; stop(): Promise<void> }> {
  const appUrl = `http://localhost:${port}`;
  const app = withLogFile(serverLog, (fd) =>
    spawnStandaloneServer(serverJs, { ...env, NEXTAUTH_URL: appUrl, PORT: String(port), HOSTNAME: '127.0.0.1' }, ['ignore', fd, fd]),
  );
  const exited = new Promise<never>((_, reject) =>
    app.once('exit', (code) => reject(new Error(`server.js exited with ${code}; see ${serverLog}`))),
  );
  exited.catch(() => {});
  const gaveUp = new AbortController();
  try {
    await Promise.race([waitForHttp(`${appUrl}/api/health`, 60_000, gaveUp.signal), exited]);
  } catch (error) {
    await stopChild(app);
    throw error;
  } finally {
    gaveUp.abort();
  }
  return { appUrl, app, stop: () => stopChild(app) };
}

/** Runs the standalone server expecting it to refuse: its exit code and everything it printed. */
export function startStandaloneExpectingExit(
  serverJs: string,
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawnStandaloneServer(serverJs, { ...env, PORT: String(port), HOSTNAME: '127.0.0.1' }, ['ignore', 'pipe', 'pipe']);
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
