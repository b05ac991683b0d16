import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { resetSettings } from '@/lib/settings/define-settings';
import {
  chargeMemberBucketMiss,
  chargeMemberMiss,
  createMemoryMissShare,
  memberSeriesShareFor,
  memberShareFor,
  type MissShareStore,
} from '@/lib/talkover/member-fair-share';

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

describe('memberSeriesShareFor', () => {
  test.each([
    [100, 32],
    [1_000, 320],
    [10, 2],
    [5, 1],
    [1, 1],
  ])('at a Talkover limit of %i a minute, trend buckets may take %i of a member’s misses, leaving a view’s two', (limit, series) => {
    expect(memberSeriesShareFor(limit)).toBe(series);
    if (memberShareFor(limit) >= 3) expect(memberShareFor(limit) - series).toBeGreaterThanOrEqual(2);
  });
});

describe('chargeMemberBucketMiss', () => {
  beforeEach(() => {
    vi.stubEnv('NEXTAUTH_SECRET', 'member-share-tests-session-secret-0123456789');
    vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
    resetSettings();
  });
  afterEach(() => vi.unstubAllEnvs());

  test('counts against the series part and the whole share; either one spent refuses', async () => {
    const shares = { all: createMemoryMissShare(3), series: createMemoryMissShare(2) };
    await chargeMemberBucketMiss(shares, 'ana@example.com');
    await chargeMemberBucketMiss(shares, 'ana@example.com');
    await expect(chargeMemberBucketMiss(shares, 'ana@example.com')).rejects.toMatchObject({ kind: 'member_rate_limited' });
    // The buckets took two of the three: one view is left, then the share is spent.
    await chargeMemberMiss(shares.all, 'ana@example.com');
    await expect(chargeMemberMiss(shares.all, 'ana@example.com')).rejects.toMatchObject({ kind: 'member_rate_limited' });
    await expect(chargeMemberBucketMiss(shares, 'bo@example.com')).resolves.toBeUndefined();
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
