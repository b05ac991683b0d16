import { AppError } from './errors';

/**
 * The most any request to this app may carry: its largest legitimate body is a sign-in or the
 * language menu's form, well under 4 KB. `proxyClientMaxBodySize` in next.config.mjs buffers no
 * more than this for the proxy (that file cannot import TypeScript; a unit test keeps the two
 * equal), and the proxy refuses a larger declared body with a 413 before anything reads it.
 */
export const MAX_REQUEST_BODY_BYTES = 8 * 1024;

/**
 * A body's bytes, counted as they stream in (after any decompression): null once past
 * `maxBytes`, declared or actual, with the rest of the stream cancelled. Every body the app
 * parses (sign-in posts, the language form) and Talkover's answers are read this way, so none
 * can make the server hold more.
 */
export async function readCappedBytes(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  maxBytes: number,
): Promise<Uint8Array | null> {
  const declared = Number(declaredLength ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel().catch(() => {});
    return null;
  }
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A URL-encoded form (`application/x-www-form-urlencoded`, what a plain HTML form posts), read
 * through the cap: a 413 past `maxBytes`, a 400 when it is not such a form or not UTF-8.
 */
export async function readCappedForm(request: Request, maxBytes = MAX_REQUEST_BODY_BYTES): Promise<URLSearchParams> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    await request.body?.cancel().catch(() => {});
    throw new AppError('bad_request', { code: 'invalid_form', message: 'Send a form (application/x-www-form-urlencoded).' });
  }
  const bytes = await readCappedBytes(request.body, request.headers.get('content-length'), maxBytes);
  if (bytes === null) throw new AppError('payload_too_large');
  try {
    return new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new AppError('bad_request', { code: 'invalid_form', message: 'The form is not valid UTF-8.' });
  }
}
