import { expect, it } from 'vitest';
import { DatabaseStartupError } from '@/lib/db';
import { databaseSettings, parseDatabaseUrl } from '@/lib/db/settings';

it('reads DATABASE_URL: unset is the SQLite file under ./data, file: a path, postgres: PostgreSQL', () => {
  expect(parseDatabaseUrl(undefined, '/srv/app')).toEqual({ engine: 'sqlite', path: '/srv/app/data/callback-stats.db' });
  expect(parseDatabaseUrl('file:/var/lib/cs.db')).toEqual({ engine: 'sqlite', path: '/var/lib/cs.db' });
  expect(parseDatabaseUrl('file:///var/lib/cs.db')).toEqual({ engine: 'sqlite', path: '/var/lib/cs.db' });
  expect(parseDatabaseUrl('file:cs.db', '/srv/app')).toEqual({ engine: 'sqlite', path: '/srv/app/cs.db' });
  expect(parseDatabaseUrl('postgresql://u:p@db:5432/stats')).toEqual({ engine: 'postgres', url: 'postgresql://u:p@db:5432/stats' });
});

it('refuses a malformed DATABASE_URL by name, never repeating its password', () => {
  for (const url of ['mysql://u:hunter2@db/stats', 'postgres://u:hunter2@db', 'file:', 'not a url hunter2']) {
    const problem = databaseSettings.findProblem({ DATABASE_URL: url });
    expect(problem).toMatch(/^DATABASE_URL must be/);
    expect(problem).not.toContain('hunter2');
  }
  const error = new DatabaseStartupError(
    { engine: 'postgres', url: 'postgres://u:hunter2@db:5432/stats' },
    new Error('password authentication failed: hunter2'),
  );
  expect(error.message).toMatch(/^DATABASE_URL: /);
  expect(error.message).not.toContain('hunter2');
});
