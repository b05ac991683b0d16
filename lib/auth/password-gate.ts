import 'server-only';

/**
 * Each scrypt check holds much memory and a libuv thread (docs/benchmark/README.md), so a flood
 * of sign-ins must leave the rest to everything else. A full gate refuses at once (503), never
 * queues, and is asked first: a refusal costs the throttle store nothing.
 */
export const PASSWORD_CHECKS_AT_ONCE = 2;
export const BUSY_RETRY_AFTER_SECONDS = 1;

const KEY = Symbol.for('callback-stats.password-gate');
type Holder = { [KEY]?: { active: number } };

const gate = () => ((globalThis as Holder)[KEY] ??= { active: 0 });

/** A slot for one password check, with the function that gives it back; null when the gate is full. */
export function takePasswordCheckSlot(): (() => void) | null {
  const state = gate();
  if (state.active >= PASSWORD_CHECKS_AT_ONCE) return null;
  state.active += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    state.active -= 1;
  };
}
