import 'server-only';
import { AppError } from '../errors';
import { openDatabase, type Db } from './connect';
import { migrateToLatest } from './migrate';
import { databaseSettings, describeDatabase, type DatabaseConfig } from './settings';

/**
 * The app's database: what members choose (digest subscriptions) and scheduled work's state.
 *
 *   await prepareDatabase()   // start-up (instrumentation.ts): open + migrate, or throw
 *   const db = await getDb()  // anywhere on the server: the ready Kysely instance
 *
 * One instance per process, kept on globalThis because Next bundles route handlers, pages and
 * instrumentation apart, each with its own copy of this module.
 */

export type { Db } from './connect';
export type { Database } from './schema';
export { databaseSettings } from './settings';

type Holder = { config: DatabaseConfig; ready: Promise<Db> };
const KEY = Symbol.for('callback-stats.database');
const store = globalThis as typeof globalThis & { [KEY]?: Holder };

/** A database that could not be opened or migrated, in words that name DATABASE_URL (never its password). */
export class DatabaseStartupError extends Error {
  constructor(config: DatabaseConfig | null, cause: unknown) {
    const where = config ? ` (${describeDatabase(config)})` : '';
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`DATABASE_URL: the database${where} could not be opened or migrated: ${scrub(reason, config)}`, { cause });
    this.name = 'DatabaseStartupError';
  }
}

function scrub(text: string, config: DatabaseConfig | null): string {
  if (config?.engine !== 'postgres') return text;
  const password = decodeURIComponent(new URL(config.url).password);
  return password ? text.split(password).join('***') : text;
}

async function open(config: DatabaseConfig): Promise<Db> {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    return db;
  } catch (error) {
    await db.destroy().catch(() => {});
    throw new DatabaseStartupError(config, error);
  }
}

/** Opens and migrates the configured database once per process; later calls share the result. */
export function prepareDatabase(): Promise<Db> {
  const existing = store[KEY];
  if (existing) return existing.ready;
  let config: DatabaseConfig;
  try {
    config = databaseSettings.get();
  } catch (error) {
    return Promise.reject(new DatabaseStartupError(null, error));
  }
  const holder: Holder = { config, ready: open(config) };
  // A failed open is not kept: the next call tries again (a database back after an outage).
  holder.ready.catch(() => {
    if (store[KEY] === holder) delete store[KEY];
  });
  store[KEY] = holder;
  return holder.ready;
}

/** The ready database, for request handlers and jobs: a 503 in plain words when it is unavailable. */
export async function getDb(): Promise<Db> {
  try {
    return await prepareDatabase();
  } catch (error) {
    throw new AppError('server_misconfigured', {
      code: 'database_unavailable',
      message: 'The dashboard’s database is unavailable right now. Try again in a few minutes; if it persists, ask an admin.',
      cause: error,
    });
  }
}

/** Tests and the migrate command: close this process's database. */
export async function closeDb(): Promise<void> {
  const holder = store[KEY];
  delete store[KEY];
  if (holder) await (await holder.ready.catch(() => null))?.destroy();
}
