/** What the browser suite's global setup starts, shared with every spec file through `inject`. */
export const E2E = {
  email: 'ana@example.com',
  password: 'e2e correct horse battery',
  /** Looks like a real environment token so any leak of it is unmistakable. */
  canaryToken: 'talq_E2ECANARY_7c1e9b2f4d6a8h0k',
  timeZone: 'America/Sao_Paulo',
  distDir: '.next-e2e',
} as const;

export type E2eContext = {
  appUrl: string;
  simulatorOrigin: string;
  serverLog: string;
  /** The app's environment, for specs that start another server (startup refusal). */
  env: Record<string, string | undefined>;
};

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}
