import { isBreached, isClearlyResolved } from './evaluate';
import type { AlertCondition, AlertState } from './rule';

/**
 * The rule's state from one check to the next, and what to notify. Pure: the checker stores the
 * state, the tests drive it with a fake clock.
 *
 * - ok → firing notifies once; firing → ok ("resolved") notifies once, and only past the margin.
 * - firing is reminded every `remindEveryHours` (null: never), counted from the last notice.
 * - A read that fails is `unknown`, never a value: after 30 min unknown the rule notifies once that
 *   it cannot check, and once when it can again. Unknown does not forget whether the rule was
 *   firing, so coming back still firing is no new alert and coming back fine resolves it.
 */
export const UNKNOWN_NOTICE_AFTER_MS = 30 * 60_000;
const HOUR_MS = 3_600_000;

export type RuleStatus = {
  state: AlertState;
  /** When the rule last turned ok or firing (ms): an unknown spell does not move it. */
  since: number;
  /** When the current unknown spell began (ms); null unless unknown. */
  unknownSince: number | null;
  /** ok or firing: what the rule was before it turned unknown (ok/firing: the same as `state`). */
  lastKnown: 'ok' | 'firing';
  /** The last value read; null when none was, or a rate had nothing to divide. */
  value: number | null;
  checkedAt: number | null;
  /** When the firing notice or its last reminder went out (ms). */
  lastFiringNoticeAt: number | null;
  /** Whether "cannot check" was sent for the current unknown spell. */
  unknownNoticeSent: boolean;
};

export const INITIAL_STATUS: RuleStatus = {
  state: 'ok',
  since: 0,
  unknownSince: null,
  lastKnown: 'ok',
  value: null,
  checkedAt: null,
  lastFiringNoticeAt: null,
  unknownNoticeSent: false,
};

export type Reading = { kind: 'value'; value: number | null } | { kind: 'unreadable'; reason: string };

/** What a check tells people. `unknown` is recorded but sent to nobody. */
export type Notice = 'firing' | 'resolved' | 'reminder' | 'cannot_check' | 'can_check';
export type Transition = { kind: Notice | 'unknown'; notify: boolean };

export type Step = { status: RuleStatus; transitions: Transition[] };

export type RuleSettings = Pick<AlertCondition, 'comparator' | 'threshold' | 'metric'> & { remindEveryHours: number | null };

export function nextStatus(rule: RuleSettings, status: RuleStatus, reading: Reading, now: number): Step {
  if (reading.kind === 'unreadable') return whileUnreadable(status, now);
  const transitions: Transition[] = [];
  let current = status;
  if (current.state === 'unknown') {
    if (current.unknownNoticeSent) transitions.push({ kind: 'can_check', notify: true });
    // Back to what it was before; the value below decides what happens next.
    current = { ...current, state: current.lastKnown, unknownSince: null, unknownNoticeSent: false };
  }
  const checked = { ...current, value: reading.value, checkedAt: now };
  const step = withValue(rule, checked, reading.value, now);
  return { status: step.status, transitions: [...transitions, ...step.transitions] };
}

function whileUnreadable(status: RuleStatus, now: number): Step {
  if (status.state !== 'unknown') {
    const unknown: RuleStatus = {
      ...status,
      state: 'unknown',
      unknownSince: now,
      lastKnown: status.state,
      unknownNoticeSent: false,
      checkedAt: now,
    };
    return { status: unknown, transitions: [{ kind: 'unknown', notify: false }] };
  }
  const checked = { ...status, checkedAt: now };
  if (!status.unknownNoticeSent && now - (status.unknownSince ?? now) >= UNKNOWN_NOTICE_AFTER_MS) {
    return { status: { ...checked, unknownNoticeSent: true }, transitions: [{ kind: 'cannot_check', notify: true }] };
  }
  return { status: checked, transitions: [] };
}

function withValue(rule: RuleSettings, status: RuleStatus, value: number | null, now: number): Step {
  // A rate of nothing received says nothing either way: the state stays as it is.
  if (value === null) return { status, transitions: [] };
  if (status.state === 'ok') {
    if (!isBreached(rule, value)) return { status, transitions: [] };
    const firing: RuleStatus = { ...status, state: 'firing', lastKnown: 'firing', since: now, lastFiringNoticeAt: now };
    return { status: firing, transitions: [{ kind: 'firing', notify: true }] };
  }
  if (isClearlyResolved(rule, value)) {
    const ok: RuleStatus = { ...status, state: 'ok', lastKnown: 'ok', since: now, lastFiringNoticeAt: null };
    return { status: ok, transitions: [{ kind: 'resolved', notify: true }] };
  }
  if (isReminderDue(rule, status, now)) {
    return { status: { ...status, lastFiringNoticeAt: now }, transitions: [{ kind: 'reminder', notify: true }] };
  }
  return { status, transitions: [] };
}

function isReminderDue(rule: RuleSettings, status: RuleStatus, now: number): boolean {
  if (rule.remindEveryHours === null || status.lastFiringNoticeAt === null) return false;
  return now - status.lastFiringNoticeAt >= rule.remindEveryHours * HOUR_MS;
}
