import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../lib/auth/password';
import { startStack, type Stack, type StackOptions } from './stack';

export type DemoStack = Stack & { email: string; password: string };

/**
 * The app against the built-in Talkover simulator, with a throw-away secret, token and
 * sign-in: what `npm run demo` serves and `npm run measure:first-load` measures. Builds into
 * `.next` first when that build is missing or older than the sources (a test may hand it
 * another build to reuse).
 *
 * Its address is http://127.0.0.1:<port>: the address `next start` listens on and prints as
 * "Local", and NEXTAUTH_URL, so the one address a newcomer sees is the one sign-in accepts
 * (sign-ins are refused from any other origin, localhost included).
 */
export async function startDemoStack(
  options: { port?: number; quiet?: boolean } & Partial<Pick<StackOptions, 'distDir' | 'build' | 'output'>>,
): Promise<DemoStack> {
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
    host: '127.0.0.1',
    distDir: options.distDir,
    build: options.build ?? 'if-stale',
    output: options.output ?? (options.quiet ? 'ignore' : 'inherit'),
  });
  return { ...stack, email, password };
}

/** What `npm run demo` prints once the app answers: one address, the sign-in, how to stop. */
export function demoBanner(stack: Pick<DemoStack, 'appUrl' | 'email' | 'password'>): string {
  return [
    '',
    '  Callback Stats demo (figures from the built-in Talkover simulator, not from Talkover)',
    `  Open      ${stack.appUrl}`,
    `  Email     ${stack.email}`,
    `  Password  ${stack.password}`,
    '  Stop with Ctrl+C.',
    '',
  ].join('\n');
}
