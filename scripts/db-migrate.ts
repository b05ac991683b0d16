/**
 * npm run db:migrate: applies the database's pending migrations (DATABASE_URL, or the SQLite file
 * ./data/callback-stats.db) and exits. The server does the same at start-up; this is for
 * deployments that migrate as a separate step.
 */
import { closeDb, prepareDatabase } from '../lib/db';
import { migrateToLatest } from '../lib/db/migrate';

try {
  const db = await prepareDatabase();
  // prepareDatabase applied everything; asking again lists nothing new and confirms the state.
  await migrateToLatest(db);
  console.log('db:migrate: the database is up to date');
} catch (error) {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
