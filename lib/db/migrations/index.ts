import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m001 from './001-jobs';
import * as m002 from './002-digests';
import * as m003 from './003-alerts';

/**
 * Every migration, listed statically so the bundler ships them with the server (no directory
 * reads at run time). Append new files here; never edit or remove one that has shipped.
 * Names sort in the order they apply.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '001-jobs': m001,
  '002-digests': m002,
  '003-alerts': m003,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
