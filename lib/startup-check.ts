import 'server-only';
import { parseAuthUsers } from './auth/users';
import { isValidTimeZone } from './date-range';
import { checkTalkoverConfig } from './talkover/config';

type Env = Record<string, string | undefined>;

/**
 * The first thing wrong with the production settings, as one line naming the variable (never a
 * value), or null when the server can start.
 */
export function findStartupProblem(env: Env): string | null {
  if (!env.NEXTAUTH_SECRET?.trim()) return 'NEXTAUTH_SECRET is not set (generate one with: openssl rand -base64 32)';
  if (!env.NEXTAUTH_URL?.trim()) return 'NEXTAUTH_URL is not set (the public URL of this dashboard, e.g. https://stats.example.com)';
  if (!URL.canParse(env.NEXTAUTH_URL.trim())) return 'NEXTAUTH_URL is not a URL (e.g. https://stats.example.com)';
  const talkover = checkTalkoverConfig(env);
  if (talkover) return talkover;
  const users = parseAuthUsers(env.AUTH_USERS);
  if (!users.ok) return users.problem;
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
