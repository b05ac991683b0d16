import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { hashPassword } from '../../lib/auth/password';
import { startSimulator } from '../../simulator/server';
import { waitForHttp } from '../../scripts/lib/wait-for-http';
import { freePort, runNext, startNext } from './support/app-server';
import { E2E, type E2eContext } from './support/context';

/**
 * Once for the whole browser suite: build the app with a canary Talkover token in the
 * environment (so the leak test can prove the build never inlined it), start the simulator and
 * `next start` on free loopback ports, and hand their addresses to the spec files.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '../..');
  const resultsDir = path.join(root, 'test-results');
  mkdirSync(resultsDir, { recursive: true });
  const serverLog = path.join(resultsDir, 'e2e-server.log');
  const buildLog = path.join(resultsDir, 'e2e-build.log');
  writeFileSync(serverLog, '');

  const simulator = await startSimulator({ token: E2E.canaryToken, port: 0, rateLimitPerMinute: 100_000 });
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_DIST_DIR: E2E.distDir,
    NEXTAUTH_URL: appUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    AUTH_USERS: `${E2E.email}:${await hashPassword(E2E.password, { logN: 14, r: 8, p: 1 })}`,
    TALKOVER_API_URL: simulator.url,
    TALKOVER_API_TOKEN: E2E.canaryToken,
    TALKOVER_TIMEOUT_MS: '1500',
    APP_TIMEZONE: E2E.timeZone,
  };
  delete env.DEMO_MODE;

  const app = await (async () => {
    try {
      if (process.env.E2E_SKIP_BUILD !== '1') {
        rmSync(path.join(root, E2E.distDir), { recursive: true, force: true });
        writeFileSync(buildLog, '');
        await runNext(['build'], env, buildLog);
      }
      const child = startNext(port, env, serverLog);
      await waitForHttp(`${appUrl}/api/health`, 60_000).catch((error) => {
        child.kill('SIGKILL');
        throw error;
      });
      return child;
    } catch (error) {
      await simulator.close();
      throw error;
    }
  })();

  const context: E2eContext = { appUrl, simulatorOrigin: simulator.origin, serverLog, env };
  project.provide('e2e', context);

  return async () => {
    app.kill('SIGTERM');
    await simulator.close();
  };
}
