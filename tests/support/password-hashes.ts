import { hashPassword } from '@/lib/auth/password';

/** The lowest scrypt cost AUTH_USERS accepts (N=2^10): valid hashes in milliseconds, not 0.5 s. */
export const FAST_COST = { logN: 10, r: 8, p: 1 };

export const ANA_PASSWORD = 'correct horse battery staple';
export const BO_PASSWORD = 'hunter2-but-longer';

/** Hashes of the two passwords above, for suites that need real AUTH_USERS entries. */
export async function hashTestPasswords(): Promise<{ anaHash: string; boHash: string }> {
  const [anaHash, boHash] = await Promise.all([hashPassword(ANA_PASSWORD, FAST_COST), hashPassword(BO_PASSWORD, FAST_COST)]);
  return { anaHash, boHash };
}
