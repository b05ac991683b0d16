import 'server-only';
import { prepareDatabase } from '.';

/**
 * Start-up: opens and migrates the database before the server serves. On failure, one line that
 * names DATABASE_URL (never its password); production then refuses to start, a development
 * server carries on without digests. Returns whether the database is ready.
 */
export async function prepareDatabaseAtStartup(production: boolean): Promise<boolean> {
  try {
    await prepareDatabase();
    return true;
  } catch (error) {
    console.error(`callback-stats: refusing to start: ${error instanceof Error ? error.message : String(error)}`);
    if (production) process.exit(1);
    return false;
  }
}
