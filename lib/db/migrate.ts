import 'server-only';
import { Migrator } from 'kysely/migration';
import type { Db } from './connect';
import { migrationProvider } from './migrations';

/**
 * Applies every migration not yet applied, in name order. Kysely's migrator holds a lock while it
 * runs (a session advisory lock on PostgreSQL, a lock row in SQLite), so instances starting at once
 * migrate one after another. Returns the names applied; throws the first failure.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error;
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
