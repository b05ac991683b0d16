import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import Sqlite from 'libsql';
import pg from 'pg';
import { logError } from '../log';
import type { DatabaseConfig } from './settings';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/**
 * A query layer over the configured engine. SQLite: the `libsql` package (better-sqlite3's API,
 * its native binary inside the npm package), in WAL mode and waiting up to 5 s for another
 * process's write lock. PostgreSQL: a small `pg` pool. Nothing is sent until the first query.
 */
export function openDatabase(config: DatabaseConfig): Db {
  if (config.engine === 'sqlite') {
    mkdirSync(path.dirname(config.path), { recursive: true });
    const sqlite = new Sqlite(config.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite as unknown as SqliteDatabase }) });
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 5, connectionTimeoutMillis: 10_000 });
  // A connection the server drops must not crash the process. Idle ones: the pool drops them and
  // says so here. Checked-out ones between queries (inside a transaction, or just handed out) have
  // no listener of the pool's: their error reaches whoever sends the next query on them, and the
  // pool discards them when they come back.
  pool.on('error', (error) => logError('database_connection_lost', error));
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
