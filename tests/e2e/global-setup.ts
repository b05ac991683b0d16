import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { hashPassword } from '../../lib/auth/password';
import { freePort } from '../../scripts/lib/free-port';
import { startStack } from '../../scripts/lib/stack';
import { E2E, type E2eContext } from './support/context';
import { OIDC_CLIENT, startOidcIssuer } from './support/oidc-issuer';

/**
 * Once for the whole browser suite: build the app with a canary Talkover token in the
 * environment (so the leak test can prove the build never inlined it), then start an OpenID
 * Connect provider, the simulator and `next start` on free loopback ports, and hand their
 * addresses to the spec files. The provider starts first: the app reads AUTH_OIDC_ISSUER when
 * it starts, and the provider must know the app's callback URL.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '../..');
  const resultsDir = path.join(root, 'test-results');
  mkdirSync(resultsDir, { recursive: true });
  // A run with its own E2E_DIST_DIR gets its own logs too, so two runs at once never share one.
  const logSuffix = process.env.E2E_DIST_DIR ? `-${path.basename(E2E.distDir).replace(/^\.+/, '')}` : '';
  const serverLog = path.join(resultsDir, `e2e-server${logSuffix}.log`);
  const buildLog = path.join(resultsDir, `e2e-build${logSuffix}.log`);

  // Each run starts with an empty database (its subscriptions are the tests' own).
  const databaseFile = path.join(resultsDir, `e2e${logSuffix}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
  const port = await freePort();
  const oidcIssuer = await startOidcIssuer({ redirectUri: `http://localhost:${port}/api/auth/callback/oidc` });
  const env: Record<string, string | undefined> = {
    ...process.env,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    AUTH_USERS: (
      await Promise.all(
        [E2E.email, E2E.lockoutEmail, E2E.ownerEmail].map(
          async (email) => `${email}:${await hashPassword(E2E.password, { logN: 14, r: 8, p: 1 })}`,
        ),
      )
    ).join(','),
    TALKOVER_TIMEOUT_MS: '1500',
    // A hung Talkover answers within 4 s; ranges that include today expire after 1 s, so a
    // test can see stale figures served; the budget is not what these tests are about (the
    // integration suite covers it), so it does not get in their way.
    TALKOVER_DEADLINE_MS: '4000',
    TALKOVER_CACHE_TTL_SECONDS: '1',
    TALKOVER_RATE_LIMIT_PER_MINUTE: '100000',
    APP_TIMEZONE: E2E.timeZone,
    AUTH_OIDC_ISSUER: oidcIssuer.url,
    AUTH_OIDC_CLIENT_ID: OIDC_CLIENT.clientId,
    AUTH_OIDC_CLIENT_SECRET: oidcIssuer.clientSecret,
    AUTH_OIDC_NAME: OIDC_CLIENT.name,
    // Applies to the password user too (E2E.email is on it); AUTH_ALLOWED_EMAILS is left unset.
    AUTH_ALLOWED_DOMAINS: E2E.allowedDomains,
    METRICS_TOKEN: E2E.metricsToken,
    // Its own SQLite file, and digests on: the mail server refuses (nothing listens on port 9,
    // the discard port), which the subscribe controls do not need.
    DATABASE_URL: `file:${databaseFile}`,
    SMTP_URL: 'smtp://127.0.0.1:9',
    MAIL_FROM: 'Callback Stats <digests@example.com>',
  };
  delete env.AUTH_ALLOWED_EMAILS;
  delete env.DEMO_MODE;

  const stack = await startStack({
    name: 'e2e',
    simulator: { token: E2E.canaryToken, rateLimitPerMinute: 100_000 },
    env,
    port,
    distDir: E2E.distDir,
    build: process.env.E2E_SKIP_BUILD === '1' ? 'never' : 'always',
    // standalone.spec.ts runs this build's `node server.js` too.
    standalone: true,
    output: { buildLog, serverLog },
  }).catch(async (error) => {
    await oidcIssuer.close();
    throw error;
  });

  const context: E2eContext = {
    appUrl: stack.appUrl,
    simulatorOrigin: stack.simulator.origin,
    serverLog,
    appPid: stack.app.pid!,
    env: stack.env,
    oidcIssuerUrl: oidcIssuer.url,
  };
  project.provide('e2e', context);

  return async () => {
    await Promise.all([stack.stop(), oidcIssuer.close()]);
  };
}
