import 'server-only';

/** What the demo's in-process catcher kept of one sent message (newest first, at most 50). */
export type CaughtMail = {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  sentAt: string;
};

const LIMIT = 50;
const KEY = Symbol.for('callback-stats.demo-outbox');
const store = globalThis as typeof globalThis & { [KEY]?: CaughtMail[] };

export function keepDemoMail(mail: CaughtMail): void {
  const outbox = (store[KEY] ??= []);
  outbox.unshift(mail);
  outbox.length = Math.min(outbox.length, LIMIT);
}

export function listDemoMail(): readonly CaughtMail[] {
  return store[KEY] ?? [];
}

export function findDemoMail(id: string): CaughtMail | undefined {
  return listDemoMail().find((mail) => mail.id === id);
}
