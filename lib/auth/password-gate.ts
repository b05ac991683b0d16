import 'server-only';

/**
 * At most this many password checks at once. Each scrypt check holds 128 MiB and one of Node's
 * four libuv threads (which also resolve DNS for Talkover calls) for about 0.3 s: a flood of
 * sign-ins must leave the other threads, and the memory, to everything else. An attempt that
 * finds the gate full is refused at once (503 with Retry-After) rather than queued.
 */
export const PASSWORD_CHECKS_AT_ONCE = 2;
export const BUSY_RETRY_AFTER_SECONDS = 1;

const KEY = Symbol.for('callback-stats.password-gate');
type Holder = { [KEY]?: { active: number } };

const gate = () => ((globalThis as Holder)[KEY] ??= { active: 0 });

/** Runs `check` if a slot is free; `{ ran: false }` when the gate is full. */
export async function withPasswordCheckSlot<T>(check: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  const state = gate();
  if (state.active >= PASSWORD_CHECKS_AT_ONCE) return { ran: false };
  state.active += 1;
  try {
    return { ran: true, value: await check() };
  } finally {
    state.active -= 1;
  }
}
