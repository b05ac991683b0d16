import 'server-only';
import { isAllowListEmpty, parseAllowList } from './auth/allow-list';
import { describeSignInVariables, findProviderProblem, getSignInMethods } from './auth/sign-in-methods';
import { parseAuthUsers } from './auth/users';
import { isValidTimeZone } from './date-range';
import { findTrustedProxiesProblem } from './net/client-address';
import { checkRedisSettings } from './store/redis-settings';
import { checkTalkoverConfig } from './talkover/config';

type Env = Record<string, string | undefined>;

/**
 * The first thing wrong with the production settings, as one line naming the variable (never a
 * value), or null when the server can start.
 */
export function findStartupProblem(env: Env): string | null {
  if (!env.NEXTAUTH_SECRET?.trim()) return 'NEXTAUTH_SECRET is not set (generate one with: openssl rand -base64 32)';
  if (Buffer.byteLength(env.NEXTAUTH_SECRET.trim()) < 32) {
    return 'NEXTAUTH_SECRET is shorter than 32 bytes (generate one with: openssl rand -base64 32)';
  }
  if (!env.NEXTAUTH_URL?.trim()) return 'NEXTAUTH_URL is not set (the public URL of this dashboard, e.g. https://stats.example.com)';
  if (!URL.canParse(env.NEXTAUTH_URL.trim())) return 'NEXTAUTH_URL is not a URL (e.g. https://stats.example.com)';
  const talkover = checkTalkoverConfig(env) ?? checkRedisSettings(env);
  if (talkover) return talkover;
  return findSignInProblem(env) ?? findTrustedProxiesProblem(env) ?? findOtherProblem(env);
}

function findSignInProblem(env: Env): string | null {
  const providerProblem = findProviderProblem(env);
  if (providerProblem) return providerProblem;
  const methods = getSignInMethods(env);
  if (methods.length === 0) {
    return `no sign-in method is configured: ${describeSignInVariables()}`;
  }
  if (env.AUTH_USERS?.trim()) {
    const users = parseAuthUsers(env.AUTH_USERS);
    if (!users.ok) return users.problem;
  }
  if (methods.some((method) => method.kind === 'sso') && isAllowListEmpty(parseAllowList(env))) {
    return 'an SSO provider is configured but AUTH_ALLOWED_EMAILS and AUTH_ALLOWED_DOMAINS are both empty (anyone with an account there could sign in)';
  }
  for (const [name, min, max] of [
    ['AUTH_SESSION_MAX_AGE_SECONDS', 300, 30 * 86_400],
    ['AUTH_LOCKOUT_SECONDS', 1, 3_600],
  ] as const) {
    const value = env[name]?.trim();
    if (value && !(Number.isInteger(Number(value)) && Number(value) >= min && Number(value) <= max)) {
      return `${name} must be a whole number of seconds between ${min} and ${max}`;
    }
  }
  return null;
}

function findOtherProblem(env: Env): string | null {
  if (env.APP_TIMEZONE?.trim() && !isValidTimeZone(env.APP_TIMEZONE.trim())) {
    return 'APP_TIMEZONE is not a valid IANA timezone (e.g. America/Sao_Paulo)';
  }
  return null;
}

export function exitOnStartupProblem(env: Env = process.env): void {
  const problem = findStartupProblem(env);
  if (!problem) return;
  console.error(`callback-stats: refusing to start: ${problem}`);
  process.exit(1);
}
