import 'server-only';

/** A real answer is a few kilobytes; past this (say a decompression bomb) it is refused as unreadable. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The body as text, counted as it streams in (after decompression): null once past `maxBytes`. */
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
