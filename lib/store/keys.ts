import 'server-only';
import { getRedisSettings } from './redis-settings';

/**
 * `<REDIS_KEY_PREFIX><scope>:<kind>:<rest>`. The scope says whose keys they are, so dashboards
 * that share one Redis never share state by accident: Talkover's keys are scoped by environment
 * and a keyed digest of the token (lib/talkover/key-scope.ts), sign-in's by the app (its keys are
 * HMACs under NEXTAUTH_SECRET, so two dashboards with different secrets never meet either).
 */
export function sharedKey(scope: string, kind: 'cache' | 'lock' | 'budget' | 'pause' | 'share' | 'signin', rest = ''): string {
  return `${getRedisSettings()?.keyPrefix ?? ''}${scope}:${kind}${rest ? `:${rest}` : ''}`;
}
