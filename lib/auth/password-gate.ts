import 'server-only';

/**
 * Each scrypt check holds much memory and a libuv thread (docs/benchmark/README.md), so a flood
 * of sign-ins must leave the rest to everything else. A full gate refuses at once (503), never queues.
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
