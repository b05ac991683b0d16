import 'server-only';
import { z } from 'zod';
import { hashPassword, verifyPassword } from './password';
import { normaliseEmail, parseAuthUsers } from './users';

const credentialsSchema = z.object({ email: z.string().max(320), password: z.string().min(1).max(1024) });

/**
 * Made when the module loads, at the default cost, so even the first unknown email costs one
 * verification, like a known one.
 */
const dummyHash = hashPassword('not-a-real-password');

/**
 * Checks an email and password against AUTH_USERS. An unknown email is verified against a dummy
 * hash of the same cost, so a wrong email and a wrong password take the same time and give the
 * same answer (null).
 */
export async function authorizeCredentials(input: unknown): Promise<{ id: string; email: string } | null> {
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
  return user && valid ? { id: user.email, email: user.email } : null;
}
