import 'server-only';

/**
 * The most a Talkover answer may weigh. A real stats answer is a few kilobytes; a body past this
 * (a broken proxy, a hostile upstream, a decompression bomb) is refused as unreadable before it
 * can fill the server's memory.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The body as text, read as a stream and counted as it arrives (after decompression): null, with
 * the rest of the body abandoned, as soon as it passes `maxBytes`. A `Content-Length` already
 * past the limit is refused before reading anything.
 */
export async function readCappedText(response: Response, maxBytes = MAX_BODY_BYTES): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return null;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
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
  // TextDecoder, like response.text(): UTF-8, a leading BOM dropped, bad bytes replaced.
  return new TextDecoder().decode(Buffer.concat(chunks));
}
