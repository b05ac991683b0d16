/**
 * Polls a URL until it answers 2xx, or throws after `timeoutMs` or once `signal` aborts (so a
 * caller that gave up leaves no polling timer behind).
 */
export async function waitForHttp(url: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    try {
      const response = await fetch(url, { signal: AbortSignal.any([AbortSignal.timeout(2_000), ...(signal ? [signal] : [])]) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
