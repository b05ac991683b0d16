import 'server-only';
// The key namespace still reads Talkover's environment name directly (the front door imports
// this module, so going through it would be a cycle); the Redis key isolation work moves it.
// eslint-disable-next-line no-restricted-imports
import { getTalkoverConfig } from '../talkover/config';
import { getRedisSettings } from './redis-settings';

/** `<REDIS_KEY_PREFIX>:<environment>:<kind>:<rest>`, so dashboards and environments can share one Redis. */
export function sharedKey(kind: 'cache' | 'lock' | 'budget' | 'pause' | 'share' | 'signin', rest = ''): string {
  return `${sharedNamespace()}${kind}${rest ? `:${rest}` : ''}`;
}

export function sharedNamespace(): string {
  const prefix = getRedisSettings()?.keyPrefix ?? '';
  return `${prefix}${environmentName()}:`;
}

/** Sign-in works (and is throttled) even while the Talkover settings are broken. */
function environmentName(): string {
  try {
    return getTalkoverConfig().environment;
  } catch {
    return 'default';
  }
}
