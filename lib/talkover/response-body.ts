import 'server-only';
import { readCappedBytes } from '../capped-body';

/** A real answer is a few kilobytes; past this (say a decompression bomb) it is refused as unreadable. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The body as text, counted as it streams in: null once past `maxBytes`. */
export async function readCappedText(response: Response, maxBytes = MAX_BODY_BYTES): Promise<string | null> {
  const bytes = await readCappedBytes(response.body, response.headers.get('content-length'), maxBytes);
  // TextDecoder, like response.text(): UTF-8, a leading BOM dropped, bad bytes replaced.
  return bytes === null ? null : new TextDecoder().decode(bytes);
}
