import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../lib/auth/password';
import { startSimulator } from '../../simulator/server';
import { buildIsStale } from './build-freshness';
import { assertPortFree } from './free-port';
import { waitForHttp } from './wait-for-http';

const NEXT_BIN = 'node_modules/next/dist/bin/next';

export type DemoStack = { appUrl: string; email: string; password: string; app: ChildProcess; stop(): Promise<void> };

function runNext(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, ...args], { stdio: 'inherit', env });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next ${args[0]} exited with ${code}`))));
  });
}

/**
 * The app (`next start`) against the built-in Talkover simulator, with a throw-away secret,
 * token and sign-in: what `npm run demo` serves and what the measuring scripts measure. Builds
 * first when the build is missing or older than the sources.
 */
export async function startDemoStack(options: { port: number; quiet?: boolean }): Promise<DemoStack> {
  await assertPortFree(options.port);
  if (await buildIsStale()) {
    console.log('Building the app (once; later runs reuse the build)…');
    await runNext(['build'], { ...process.env, NODE_ENV: 'production' });
  }
  const token = `demo_${randomBytes(18).toString('base64url')}`;
  const simulator = await startSimulator({ token, port: 0 });
  const appUrl = `http://localhost:${options.port}`;
  const email = 'demo@example.com';
  const password = randomBytes(9).toString('base64url');
  // Loopback only: the demo's sign-in is printed in a terminal, not meant for the network.
  const app = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(options.port), '-H', '127.0.0.1'], {
    stdio: options.quiet ? 'ignore' : 'inherit',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DEMO_MODE: '1',
      TALKOVER_API_URL: simulator.url,
      TALKOVER_API_TOKEN: token,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTH_USERS: `${email}:${await hashPassword(password)}`,
    },
  });
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
