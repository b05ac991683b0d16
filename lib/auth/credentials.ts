import 'server-only';
import { z } from 'zod';
import { isAccountAllowed } from './access';
import { hashPassword, verifyPassword } from './password';
import { clientAddress, recordFailedSignIn, recordSuccessfulSignIn } from './throttle';
import { normaliseEmail, parseAuthUsers } from './users';

const credentialsSchema = z.object({ email: z.string().max(320), password: z.string().min(1).max(1024) });

/**
 * Made when the module loads, at the default cost, so even the first unknown email costs one
 * verification, like a known one.
 */
const dummyHash = hashPassword('not-a-real-password');

/**
 * Checks an email and password against AUTH_USERS (and the allow-list, when set). An unknown
 * email is verified against a dummy hash of the same cost, so a wrong email and a wrong password
 * take the same time and give the same answer (null). Failures count towards the throttle
 * (lib/auth/throttle.ts), which the sign-in route checks before this runs.
 */
export async function authorizeCredentials(
  input: unknown,
  requestHeaders?: Record<string, unknown>,
): Promise<{ id: string; email: string } | null> {
  const credentials = credentialsSchema.safeParse(input);
  if (!credentials.success) return null;
  const parsed = parseAuthUsers(process.env.AUTH_USERS);
  if (!parsed.ok) {
    console.error(JSON.stringify({ event: 'auth_misconfigured', problem: parsed.problem }));
    return null;
  }
  const email = normaliseEmail(credentials.data.email);
  const user = parsed.users.get(email);
  const valid = await verifyPassword(credentials.data.password, user?.passwordHash ?? (await dummyHash));
  if (user && valid && isAccountAllowed(user.email, 'credentials')) {
    await recordSuccessfulSignIn(email);
    return { id: user.email, email: user.email };
  }
  await recordFailedSignIn(email, clientAddress(toHeaders(requestHeaders)));
  return null;
}

function toHeaders(record: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record ?? {})) if (typeof value === 'string') headers.set(name, value);
  return headers;
}
