import 'server-only';
import { findSignInProblem } from './auth/sign-in-methods';
import { alertSettings } from './alerts/settings';
import { databaseSettings } from './db/settings';
import { appSettings } from './env';
import { mailSettings } from './mail/settings';
import { accessSettings } from './settings/access';
import { authSettings } from './settings/auth';
import type { Env } from './settings/define-settings';
import { monitoringSettings } from './settings/monitoring';
import { signInSettings } from './settings/sign-in';
import { redisSettings } from './store/redis-settings';
import { talkoverSettings } from './talkover';

/** Every concern, in the order their problems are reported. */
const SETTINGS = [
  authSettings,
  talkoverSettings,
  redisSettings,
  databaseSettings,
  mailSettings,
  signInSettings,
  accessSettings,
  monitoringSettings,
  appSettings,
  alertSettings,
];

/**
 * The first thing wrong with the production settings, as one line naming the variable (never a
 * value), or null when the server can start: each concern's schema, then the sign-in methods
 * taken together.
 */
export function findStartupProblem(env: Env): string | null {
  for (const settings of SETTINGS) {
    const problem = settings.findProblem(env);
    if (problem) return problem;
  }
  return findSignInProblem(signInSettings.parse(env), accessSettings.parse(env));
}

export function exitOnStartupProblem(env: Env = process.env): void {
  const problem = findStartupProblem(env);
  if (!problem) return;
  console.error(`callback-stats: refusing to start: ${problem}`);
  process.exit(1);
}
