import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../lib/auth/password';
import { startStack, type Stack } from './stack';

export type DemoStack = Stack & { email: string; password: string };

/**
 * The app against the built-in Talkover simulator, with a throw-away secret, token and
 * sign-in: what `npm run demo` serves and `npm run measure:first-load` measures. Builds into
 * `.next` first when that build is missing or older than the sources.
 */
export async function startDemoStack(options: { port?: number; quiet?: boolean }): Promise<DemoStack> {
  const email = 'demo@example.com';
  const password = randomBytes(9).toString('base64url');
  const stack = await startStack({
    name: 'demo',
    simulator: { token: `demo_${randomBytes(18).toString('base64url')}` },
    env: {
      ...process.env,
      DEMO_MODE: '1',
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTH_USERS: `${email}:${await hashPassword(password)}`,
    },
    port: options.port,
    // The address Next prints ("Local: http://127.0.0.1:…") is the dashboard's own URL too, so
    // the one a newcomer opens is the one sign-in accepts.
    host: '127.0.0.1',
    build: 'if-stale',
    output: options.quiet ? 'ignore' : 'inherit',
  });
  return { ...stack, email, password };
}
