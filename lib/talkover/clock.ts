import 'server-only';

/**
 * Time as the upstream layer sees it. Production uses the real clock; tests inject a manual one
 * so "no call for 30 s" or "the entry expired" take no real time.
 */
export type Clock = {
  now(): number;
  sleep(ms: number): Promise<void>;
};

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
