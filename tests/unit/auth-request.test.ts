import { describe, expect, test } from 'vitest';
import { checkAuthPath, isFormContentType, MAX_AUTH_BODY_BYTES, readCappedBody } from '@/lib/auth/auth-request';

/** What the next-auth route lets through to next-auth: paths, content types, body size. */
describe('checkAuthPath', () => {
  test.each<['GET' | 'POST', string, boolean]>([
    ['POST', 'callback/credentials', true],
    ['POST', 'signin/oidc', true],
    ['POST', 'signout', true],
    ['POST', 'callback/credentials/x', false],
    ['POST', 'callback', false],
    ['POST', 'signout/x', false],
    ['POST', 'session', false],
    ['POST', '_log', false],
    ['POST', 'constructor', false],
    ['GET', 'csrf', true],
    ['GET', 'session', true],
    ['GET', 'providers', true],
    ['GET', 'signin', true],
    ['GET', 'callback/oidc', true],
    ['GET', 'callback/oidc/extra', false],
    ['GET', 'csrf/x', false],
    ['GET', 'callback/ OIDC', false],
    ['GET', '', false],
  ])('%s %s → allowed %s', (method, path, allowed) => {
    expect(checkAuthPath(method, path ? path.split('/') : []) === null).toBe(allowed);
  });
});

describe('isFormContentType', () => {
  test.each<[string | null, boolean]>([
    ['application/x-www-form-urlencoded', true],
    ['Application/X-WWW-Form-Urlencoded; charset=UTF-8', true],
    ['application/x-www-form-urlencoded;charset="utf-8"', true],
    ['application/x-www-form-urlencoded; x=application/json', false],
    ['application/x-www-form-urlencoded; charset=latin1', false],
    ['application/json', false],
    ['multipart/form-data; boundary=x', false],
    ['text/plain', false],
    [null, false],
  ])('%s → %s', (value, accepted) => {
    expect(isFormContentType(value)).toBe(accepted);
  });
});

describe('readCappedBody', () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request('http://localhost/api/auth/callback/credentials', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  const stream = (bytes: number) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent < bytes; sent += 1_000) controller.enqueue(new Uint8Array(Math.min(1_000, bytes - sent)).fill(97));
        controller.close();
      },
    });

  test('a body up to the cap is read whole', async () => {
    await expect(readCappedBody(post('a'.repeat(MAX_AUTH_BODY_BYTES)))).resolves.toBe('a'.repeat(MAX_AUTH_BODY_BYTES));
  });

  test.each([
    ['a Content-Length over the cap', () => post('a', { 'content-length': String(MAX_AUTH_BODY_BYTES + 1) })],
    ['a longer body', () => post('a'.repeat(MAX_AUTH_BODY_BYTES + 1))],
    ['a stream without Content-Length', () => post(stream(1_000_000))],
  ])('%s → 413', async (_, request) => {
    const answer = await readCappedBody(request());
    expect(typeof answer === 'object' && answer.status).toBe(413);
  });

  test('bytes that are not UTF-8 → 400', async () => {
    const answer = await readCappedBody(post(new Uint8Array([0xff, 0xfe])));
    expect(typeof answer === 'object' && answer.status).toBe(400);
  });
});
