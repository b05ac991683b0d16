import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { resetSettings } from '@/lib/settings/define-settings';
import { chargeMemberMiss, createMemoryMissShare, memberShareFor, type MissShareStore } from '@/lib/talkover/member-fair-share';

describe('memberShareFor', () => {
  test.each([
    [100, 40],
    [1_000, 400],
    [10, 4],
    [1, 1],
  ])('a Talkover limit of %i a minute gives each member %i cache misses a minute (half the 80%% budget)', (limit, share) => {
    expect(memberShareFor(limit)).toBe(share);
  });
});

describe('chargeMemberMiss', () => {
  beforeEach(() => {
    vi.stubEnv('NEXTAUTH_SECRET', 'member-share-tests-session-secret-0123456789');
    vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
  });
  afterEach(() => vi.unstubAllEnvs());

  test('refuses past the share with a 429 that says when to try again', async () => {
    const store = createMemoryMissShare(2);
    await chargeMemberMiss(store, 'ana@example.com');
    await chargeMemberMiss(store, 'ana@example.com');
    const refusal = await chargeMemberMiss(store, 'ana@example.com').catch((error: unknown) => error);
    expect(refusal).toMatchObject({ kind: 'member_rate_limited', status: 429 });
    const { retryAfterSeconds, message } = refusal as { retryAfterSeconds: number; message: string };
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(message).toBe(`You have asked for many new date ranges in the last minute; try again in ${retryAfterSeconds} seconds.`);
    // Someone else's share is their own.
    await expect(chargeMemberMiss(store, 'bo@example.com')).resolves.toBeUndefined();
  });

  test('keys by an HMAC under the session secret: another secret, another key', async () => {
    const keys: string[] = [];
    const store: MissShareStore = { pointsPerMinute: 1, take: async (key) => (keys.push(key), { ok: true }) };
    await chargeMemberMiss(store, 'ana@example.com');
    vi.stubEnv('NEXTAUTH_SECRET', 'another-dashboards-session-secret-0123456789');
    resetSettings();
    await chargeMemberMiss(store, 'ana@example.com');
    expect(keys[0]).not.toBe(keys[1]);
  });

  test('stores a hash of the requester, never the requester itself', async () => {
    const keys: string[] = [];
    const store: MissShareStore = { pointsPerMinute: 1, take: async (key) => (keys.push(key), { ok: true }) };
    await chargeMemberMiss(store, 'ana@example.com');
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('ana');
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
