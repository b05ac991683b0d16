import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../lib/auth/password';
import { startSimulator } from '../../simulator/server';
import { buildIsStale } from './build-freshness';
import { assertPortFree } from './free-port';
import { exitedCleanly, nextStartArgs, spawnNext } from './next-process';
import { waitForHttp } from './wait-for-http';

export type DemoStack = { appUrl: string; email: string; password: string; app: ChildProcess; stop(): Promise<void> };

/**
 * The app (`next start`) against the built-in Talkover simulator, with a throw-away secret,
 * token and sign-in: what `npm run demo` serves and what the measuring scripts measure. Builds
 * first when the build is missing or older than the sources.
 */
export async function startDemoStack(options: { port: number; quiet?: boolean }): Promise<DemoStack> {
  await assertPortFree(options.port);
  if (await buildIsStale()) {
    console.log('Building the app (once; later runs reuse the build)…');
    await exitedCleanly(spawnNext(['build'], { ...process.env, NODE_ENV: 'production' }), 'next build');
  }
  const token = `demo_${randomBytes(18).toString('base64url')}`;
  const simulator = await startSimulator({ token, port: 0 });
  const appUrl = `http://localhost:${options.port}`;
  const email = 'demo@example.com';
  const password = randomBytes(9).toString('base64url');
  const app = spawnNext(
    nextStartArgs(options.port),
    {
      ...process.env,
      NODE_ENV: 'production',
      DEMO_MODE: '1',
      TALKOVER_API_URL: simulator.url,
      TALKOVER_API_TOKEN: token,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTH_USERS: `${email}:${await hashPassword(password)}`,
    },
    options.quiet ? 'ignore' : 'inherit',
  );
  const stop = async () => {
    app.kill('SIGTERM');
    await simulator.close();
  };
  const exited = new Promise<never>((_, reject) =>
    app.once('exit', (code) => reject(new Error(`the app exited with code ${code} before it answered`))),
  );
  exited.catch(() => {}); // only the race below cares; a later exit (at stop) is expected
  try {
    await Promise.race([waitForHttp(`${appUrl}/api/health`, 60_000), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { appUrl, email, password, app, stop };
}
