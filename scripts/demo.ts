/**
 * npm run demo: the dashboard on http://localhost:3000 against the built-in Talkover simulator,
 * with no .env needed. Builds first when the build is missing or older than the sources, makes
 * a throw-away secret, token and sign-in, and prints the sign-in once the app answers.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../lib/auth/password';
import { startSimulator } from '../simulator/server';
import { buildIsStale } from './lib/build-freshness';
import { waitForHttp } from './lib/wait-for-http';

const port = Number(process.env.PORT ?? 3000);
const appUrl = `http://localhost:${port}`;
const nextBin = 'node_modules/next/dist/bin/next';

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], { stdio: 'inherit', env });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next ${args[0]} exited with ${code}`))));
  });
}

if (await buildIsStale()) {
  console.log('demo: building the app (once; later runs reuse the build)…');
  await run(['build'], { ...process.env, NODE_ENV: 'production' });
}

const token = `demo_${randomBytes(18).toString('base64url')}`;
const simulator = await startSimulator({ token, port: 0 });
const email = 'demo@example.com';
const password = randomBytes(9).toString('base64url');

const app = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], {
  stdio: 'inherit',
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

async function shutdown(code: number) {
  app.kill('SIGTERM');
  await simulator.close();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
app.on('exit', (code) => void shutdown(code ?? 1));

await waitForHttp(`${appUrl}/api/health`, 60_000);
console.log(
  [
    '',
    '  Callback Stats demo (figures from the built-in Talkover simulator, not from Talkover)',
    `  Open      ${appUrl}`,
    `  Email     ${email}`,
    `  Password  ${password}`,
    '  Stop with Ctrl+C.',
    '',
  ].join('\n'),
);
