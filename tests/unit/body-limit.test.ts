// The one body cap: what Next buffers for the proxy (next.config.mjs) and what the app reads
// (lib/capped-body.ts) are the same number, and the capped form reader refuses past it.
import { describe, expect, test } from 'vitest';
import { AppError } from '@/lib/errors';
import { MAX_REQUEST_BODY_BYTES, readCappedForm } from '@/lib/capped-body';
import nextConfig, { PROXY_BODY_LIMIT_BYTES } from '../../next.config.mjs';

const form = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://app.test/api/locale', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the request body cap', () => {
  test("Next's proxy buffer and the app's reader agree, at a few KB", () => {
    expect(PROXY_BODY_LIMIT_BYTES).toBe(MAX_REQUEST_BODY_BYTES);
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe(MAX_REQUEST_BODY_BYTES);
    expect(MAX_REQUEST_BODY_BYTES).toBeLessThanOrEqual(16 * 1024);
  });

  test('a form within the cap is parsed', async () => {
    const parsed = await readCappedForm(form('locale=pt-BR&return_to=%2F%E2%82%AC'));
    expect(Object.fromEntries(parsed)).toEqual({ locale: 'pt-BR', return_to: '/€' });
  });

  test('a declared length over the cap is a 413 without reading', async () => {
    const error = await refusal(readCappedForm(form('x=1', { 'Content-Length': String(10 * 1024 * 1024) })));
    expect(error.kind).toBe('payload_too_large');
  });

  test('a streamed body that grows past the cap is a 413', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const error = await refusal(readCappedForm(form(body)));
    expect(error.kind).toBe('payload_too_large');
    // It stopped reading soon after the cap instead of taking all 64 KB.
    expect(sent).toBeLessThan(16);
  });

  test('not a URL-encoded form, or not UTF-8: 400 invalid_form', async () => {
    expect((await refusal(readCappedForm(form('{}', { 'Content-Type': 'application/json' })))).code).toBe('invalid_form');
    expect((await refusal(readCappedForm(form(new Uint8Array([0x6c, 0x3d, 0xff]))))).code).toBe('invalid_form');
  });
});
