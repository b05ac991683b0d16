import { closeSync } from 'node:fs';
import { freePort } from '../free-port';
import { nextStartArgs, spawnNext } from '../next-process';
import { waitForHttp } from '../wait-for-http';
import { killOnExit, onCleanup, stopChild } from './cleanup';
import { openLog, tailOf } from './logs';

export type AppServer = { name: string; url: string; logFile: string };

/**
 * Settings a developer's shell may carry that would change what is measured: every app gets
 * exactly the configuration the benchmark states, and Talkover's defaults where it states none.
 */
const INHERITED_SETTINGS = /^(TALKOVER_|AUTH_|NEXTAUTH_|NEXT_PUBLIC_)|^(DEMO_MODE|APP_TIMEZONE|PORT|NODE_ENV)$/;

/** The parent's environment minus the app's own settings (PATH, HOME and the like stay). */
export function cleanEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_SETTINGS.test(name)));
}

/**
 * One `next start` on a free loopback port, serving the build in `distDir`. NEXTAUTH_URL is
 * set here because only here is the port known, and it must match the URL requests use
 * (127.0.0.1, not localhost, which may resolve to ::1 where nothing listens). Resolves once
 * /api/health answers; registers the process for cleanup before anything can fail.
 */
export async function startAppServer(options: {
  name: string;
  distDir: string;
  env: Record<string, string | undefined>;
  logDir: string;
}): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { fd, logFile } = openLog(options.logDir, `app-${options.name}`);
  const env = {
    ...options.env,
    NODE_ENV: 'production' as const,
    NEXT_DIST_DIR: options.distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    NEXTAUTH_URL: url,
  };
  const child = spawnNext(nextStartArgs(port), env, ['ignore', fd, fd]);
  closeSync(fd);
  killOnExit(child);
  onCleanup(() => stopChild(child));

  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`app ${options.name} exited with code ${code} before it answered`))),
  );
  exited.catch(() => {}); // only the race below cares; the exit at cleanup is expected
  try {
    await Promise.race([waitForHttp(`${url}/api/health`, 60_000), exited]);
  } catch (error) {
    throw new Error(`${(error as Error).message}; last lines of ${logFile}:\n${await tailOf(logFile, 20)}`);
  }
  return { name: options.name, url, logFile };
}
