import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Db } from '@/lib/db/connect';
import { migrateToLatest } from '@/lib/db/migrate';
import type { DatabaseConfig } from '@/lib/db/settings';
import { startPostgres, type PostgresServer } from './postgres';

export type Engine = 'sqlite' | 'postgres';
export type TestDatabase = {
  engine: Engine;
  /** The migrated database (set in beforeAll). */
  db: Db;
  /** Its DATABASE_URL, for code that reads the setting. */
  url: string;
  config: DatabaseConfig;
  /** A second connection to the same database: another instance. */
  openAnother(): Db;
  /** Set for PostgreSQL: the server, to kill and restart. */
  postgres?: PostgresServer;
};

/**
 * Runs `suite` twice, against a fresh SQLite file in a temp dir and against a real PostgreSQL
 * started for the file, each migrated to the latest schema:
 *
 *   describeEachEngine('claims', (t) => { it('…', async () => { await t.db.selectFrom(…) }) });
 */
export function describeEachEngine(name: string, suite: (t: TestDatabase) => void): void {
  for (const engine of ['sqlite', 'postgres'] as const) {
    describe(`${name} (${engine})`, () => {
      const t = { engine } as TestDatabase;
      const others: Db[] = [];
      let cleanup = () => {};
      beforeAll(async () => {
        if (engine === 'sqlite') {
          const dir = mkdtempSync(path.join(tmpdir(), 'callback-stats-db-'));
          t.config = { engine, path: path.join(dir, 'test.db') };
          t.url = `file:${t.config.path}`;
          cleanup = () => rmSync(dir, { recursive: true, force: true });
        } else {
          t.postgres = await startPostgres();
          t.url = await t.postgres.createDatabase();
          t.config = { engine, url: t.url };
        }
        t.db = openDatabase(t.config);
        t.openAnother = () => {
          const other = openDatabase(t.config);
          others.push(other);
          return other;
        };
        await migrateToLatest(t.db);
      }, 60_000);
      afterAll(async () => {
        await Promise.all([...others, t.db].map((db) => db?.destroy().catch(() => {})));
        await t.postgres?.stop();
        cleanup();
      });
      suite(t);
    });
  }
}
