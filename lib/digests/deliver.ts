import 'server-only';

export async function runDigests(now: Date): Promise<void> {
  void now;
}
