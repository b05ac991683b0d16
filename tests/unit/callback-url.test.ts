import { describe, expect, test } from 'vitest';
import { toSafeCallbackPath } from '@/lib/auth/callback-url';

describe('toSafeCallbackPath', () => {
  test.each<{ value: string | string[] | undefined | null; path: string }>([
    { value: '/?range=7d', path: '/?range=7d' },
    { value: '/', path: '/' },
    { value: '/?start_date=2026-03-01&end_date=2026-03-10', path: '/?start_date=2026-03-01&end_date=2026-03-10' },
    { value: '/stats/sources#top', path: '/stats/sources#top' },
    { value: '/%2F%2Fevil.com', path: '/%2F%2Fevil.com' },
    { value: '/€', path: '/%E2%82%AC' },
    { value: '/?range=7d&nome=São Paulo#séries', path: '/?range=7d&nome=S%C3%A3o%20Paulo#s%C3%A9ries' },
    { value: '/%E2%82%AC', path: '/%E2%82%AC' },
    { value: ['/?range=7d', '//evil.com'], path: '/?range=7d' },
    { value: `/${'a'.repeat(2047)}`, path: `/${'a'.repeat(2047)}` },
    { value: '//evil.com', path: '/' },
    { value: '///evil.com', path: '/' },
    { value: 'https://evil.com', path: '/' },
    { value: 'http://localhost:3000/', path: '/' },
    { value: '/\\evil.com', path: '/' },
    { value: '/foo\\bar', path: '/' },
    { value: 'javascript:alert(1)', path: '/' },
    { value: 'evil.com', path: '/' },
    { value: '?range=7d', path: '/' },
    { value: ' /?range=7d', path: '/' },
    { value: '', path: '/' },
    { value: undefined, path: '/' },
    { value: null, path: '/' },
    { value: [], path: '/' },
    { value: ['//evil.com', '/?range=7d'], path: '/' },
    { value: '/\t/evil.com', path: '/' },
    { value: '/\n/evil.com', path: '/' },
    { value: '/\r\nSet-Cookie: x=1', path: '/' },
    { value: '/\u0000', path: '/' },
    { value: '/\u007f', path: '/' },
    { value: `/${'a'.repeat(2048)}`, path: '/' },
  ])('$value → $path', ({ value, path }) => {
    expect(toSafeCallbackPath(value)).toBe(path);
  });
});
