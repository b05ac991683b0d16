import 'server-only';

/**
 * Caps the upstream calls in flight. A call that finds the gate full fails at once (and the
 * cache serves stale data if it has some) instead of queueing behind a hung Talkover.
 */
export class ConcurrencyGate {
  private active = 0;

  constructor(readonly limit: number) {}

  tryEnter(): boolean {
    if (this.active >= this.limit) return false;
    this.active += 1;
    return true;
  }

  leave(): void {
    this.active = Math.max(0, this.active - 1);
  }

  get inFlight(): number {
    return this.active;
  }
}
