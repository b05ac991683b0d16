/** What the browser suite's global setup starts, shared with every spec file through `inject`. */
export const E2E = {
  email: 'ana@example.com',
  password: 'e2e correct horse battery',
  /** A second password user, locked out on purpose by the sign-in throttle tests. */
  lockoutEmail: 'lockout@example.com',
  /** A third password user, whose account an attacker hammers while their own browser signs in (device cookies). */
  ownerEmail: 'owner@example.com',
  /** Looks like a real environment token so any leak of it is unmistakable. */
  canaryToken: 'talq_E2ECANARY_7c1e9b2f4d6a8h0k',
  /** METRICS_TOKEN of the app under test: /api/metrics is on, and scanned for leaks too. */
  metricsToken: 'e2e-metrics-scrape-token-3f9a1c7e',
  timeZone: 'America/Sao_Paulo',
  /** Another run (a second worktree, a helper) can build elsewhere with E2E_DIST_DIR. */
  distDir: process.env.E2E_DIST_DIR || '.next-e2e',
  /** The allow-list the app runs with: admits the password user above and example.com SSO accounts. */
  allowedDomains: 'example.com',
} as const;

export type E2eContext = {
  appUrl: string;
  simulatorOrigin: string;
  serverLog: string;
  /** The `next start` process, for specs that read its memory. */
  appPid: number;
  /** The app's environment, for specs that start another server (startup refusal). */
  env: Record<string, string | undefined>;
  /** The OpenID Connect provider the app's "Continue with Example SSO" button goes to (tests/e2e/support/oidc-issuer.ts). */
  oidcIssuerUrl: string;
};

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}
