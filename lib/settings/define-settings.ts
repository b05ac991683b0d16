import { z } from 'zod';
import { AppError } from '../errors';

export type Env = Record<string, string | undefined>;

/** Empty strings (`APP_TIMEZONE=` in a .env file) mean "not set", so defaults apply. */
function withoutEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
}

export type SettingsReader<T> = {
  /** The settings from `env`: throws `server_misconfigured` naming the first problem. */
  parse(env: Env): T;
  /** The first problem with `env` as one line naming the variable (never its value), or null. */
  findProblem(env: Env): string | null;
  /** The settings of this process: parsed from process.env on first use, then shared. */
  get(): T;
  /** The first problem with this process's settings, or null. */
  getProblem(): string | null;
};

const readers: { forget(): void }[] = [];

/**
 * One concern's settings (`purpose` completes "The server is not configured …"). Parsed lazily
 * so a broken setting fails where it is used; in production the start-up check catches it first.
 */
export function defineSettings<T>(purpose: string, schema: z.ZodType<T>): SettingsReader<T> {
  let parsed: { ok: true; value: T } | { ok: false; problem: string } | null = null;
  const check = (env: Env): { ok: true; value: T } | { ok: false; problem: string } => {
    const result = schema.safeParse(withoutEmpty(env));
    if (result.success) return { ok: true, value: result.data };
    return { ok: false, problem: result.error.issues[0]?.message ?? `the settings ${purpose} are invalid` };
  };
  const unwrap = (result: { ok: true; value: T } | { ok: false; problem: string }): T => {
    if (result.ok) return result.value;
    throw new AppError('server_misconfigured', { message: `The server is not configured ${purpose}: ${result.problem}. Ask an admin.` });
  };
  readers.push({ forget: () => (parsed = null) });
  const current = () => (parsed ??= check(process.env));
  return {
    parse: (env) => unwrap(check(env)),
    findProblem: (env) => {
      const result = check(env);
      return result.ok ? null : result.problem;
    },
    get: () => unwrap(current()),
    getProblem: () => {
      const result = current();
      return result.ok ? null : result.problem;
    },
  };
}

/** Tests only: forget every parsed setting, so the next read sees process.env as it is now. */
export function resetSettings(): void {
  for (const reader of readers) reader.forget();
}

/** A whole number within bounds, or the default when unset; the message names the variable. */
export function intSetting(name: string, unit: string, min: number, max: number, fallback: number) {
  const message = `${name} must be a whole number of ${unit} between ${min} and ${max}`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }).default(fallback);
}
