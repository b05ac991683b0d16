import { z } from 'zod';
import { isPasswordHash } from './password';

/**
 * AUTH_USERS: the team's credentials, `email:hash` entries separated by commas, spaces or new
 * lines (hashes contain none of these, see password.ts). One entry works on its own.
 */
export type UserEntry = { email: string; passwordHash: string };

const emailSchema = z.email();

/**
 * One spelling per address: the domain NFC and lower case, the local part exact but for ASCII
 * case, since normalising it would make look-alikes equal (NFC turns the Kelvin sign into K).
 */
export function normaliseEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  const local = at < 0 ? trimmed : trimmed.slice(0, at);
  const domain = at < 0 ? '' : trimmed.slice(at).normalize('NFC').toLowerCase();
  return local.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()) + domain;
}

export type ParsedUsers = { ok: true; users: Map<string, UserEntry> } | { ok: false; problem: string };

/** Parses AUTH_USERS, naming the entry that is wrong by position (never printing its hash). */
export function parseAuthUsers(value: string | undefined): ParsedUsers {
  const entries = (value ?? '').split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return { ok: false, problem: 'AUTH_USERS is not set' };
  const users = new Map<string, UserEntry>();
  for (const [index, entry] of entries.entries()) {
    const where = `AUTH_USERS entry ${index + 1}`;
    const separator = entry.lastIndexOf(':');
    if (separator <= 0) return { ok: false, problem: `${where} is not in the form email:hash` };
    const email = normaliseEmail(entry.slice(0, separator));
    const passwordHash = entry.slice(separator + 1);
    if (!emailSchema.safeParse(email).success) return { ok: false, problem: `${where} does not start with an email address` };
    if (!isPasswordHash(passwordHash)) {
      return { ok: false, problem: `${where} has no valid password hash (make one with npm run hash-password)` };
    }
    if (users.has(email)) return { ok: false, problem: `${where} repeats ${email}` };
    users.set(email, { email, passwordHash });
  }
  return { ok: true, users };
}
