import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { defineSettings } from '../settings/define-settings';

/**
 * DATABASE_URL: unset → an SQLite file at ./data/callback-stats.db (created on first start);
 * `file:/path/to.db` → that SQLite file; `postgres://…` or `postgresql://…` → PostgreSQL, which
 * several instances can share. Messages never repeat the URL: it may hold a password.
 */
export const DEFAULT_SQLITE_PATH = path.join('data', 'callback-stats.db');

export type DatabaseConfig = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

const PROBLEM = 'DATABASE_URL must be file:/path/to.db (SQLite) or a postgres:// or postgresql:// URL';

/** The database a DATABASE_URL names, or null when it is malformed. */
export function parseDatabaseUrl(value: string | undefined, cwd = process.cwd()): DatabaseConfig | null {
  const url = value?.trim();
  if (!url) return { engine: 'sqlite', path: path.resolve(cwd, DEFAULT_SQLITE_PATH) };
  if (url.startsWith('file:')) {
    // `file:/abs/path.db`, `file:///abs/path.db` and `file:relative.db` (from the working directory).
    const rest = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!rest || rest.endsWith('/') || rest.includes('\0')) return null;
    return { engine: 'sqlite', path: path.resolve(cwd, decodeURIComponent(rest)) };
  }
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (!/^postgres(ql)?:$/.test(parsed.protocol) || !parsed.hostname || parsed.pathname.length < 2) return null;
  return { engine: 'postgres', url };
}

export const databaseSettingsSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .optional()
      .refine((value) => parseDatabaseUrl(value) !== null, { error: PROBLEM }),
  })
  .transform((env) => parseDatabaseUrl(env.DATABASE_URL) as DatabaseConfig);

export const databaseSettings = defineSettings('to store subscriptions', databaseSettingsSchema);

/** DATABASE_URL as it may be shown: the password, if any, replaced. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.engine === 'sqlite') return `SQLite file ${config.path}`;
  const url = new URL(config.url);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.host}${url.pathname}`;
}
