import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadEnvConfig } from '@next/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { parseAuthUsers } from '@/lib/auth/users';

const run = promisify(execFile);

/** `npm run hash-password` as a person uses it: password on stdin, hash on the last line. */
async function hashWithCli(input: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'scripts/hash-password.ts'], (error, stdout, stderr) =>
      resolve({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 }),
    );
    child.stdin?.end(input);
  });
}

// Each test starts a tsx process or checks hashes at full scrypt cost (~0.4 s each when idle):
// on a loaded 2-core machine that can pass vitest's 5 s default, which is not what is tested here.
describe('npm run hash-password', { timeout: 60_000 }, () => {
  let hashes: string[] = [];
  let dir = '';

  beforeAll(async () => {
    const results = await Promise.all([hashWithCli('s3cret $HOME, "quoted"\n'), hashWithCli('second-person')]);
    hashes = results.map((result) => result.stdout.trim().split('\n').at(-1) ?? '');
    dir = await mkdtemp(path.join(tmpdir(), 'callback-stats-env-'));
  }, 30_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints a hash of the line read, without its trailing newline', async () => {
    expect(await verifyPassword('s3cret $HOME, "quoted"', hashes[0]!)).toBe(true);
    expect(await verifyPassword('s3cret $HOME, "quoted"\n', hashes[0]!)).toBe(false);
    expect(await verifyPassword('second-person', hashes[1]!)).toBe(true);
  }, 30_000); // three scrypt checks at full cost: seconds each on a busy 2-core machine

  it('refuses an empty password with one clear line', async () => {
    const { code, stdout, stderr } = await hashWithCli('\n');
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trim()).toMatch(/password is empty/);
  });

  it('makes AUTH_USERS entries that survive Next’s .env loading ($ expansion) unquoted', async () => {
    const value = `ana@example.com:${hashes[0]},bruno@example.com:${hashes[1]}`;
    await writeFile(path.join(dir, '.env'), `AUTH_USERS=${value}\n`);
    const { combinedEnv } = loadEnvConfig(dir, false, { info: () => {}, error: () => {} }, true);
    expect(combinedEnv.AUTH_USERS).toBe(value);
    const parsed = parseAuthUsers(combinedEnv.AUTH_USERS);
    expect(parsed.ok && [...parsed.users.keys()]).toEqual(['ana@example.com', 'bruno@example.com']);
  });

  it('makes entries a shell passes through unquoted', async () => {
    const { stdout } = await run('sh', ['-c', `printf '%s' ana@example.com:${hashes[0]}`]);
    expect(stdout).toBe(`ana@example.com:${hashes[0]}`);
  });
});
