import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the sign-in route and authorize() tell each other about one request. next-auth calls
 * authorize() between them and only passes a user or null back, so the route opens a scope
 * with the client's address, and authorize() notes there why it refused without checking the
 * password (throttled, or too many checks at once): the route answers 429 or 503 for it.
 */
export type SignInRefusal = { kind: 'throttled' | 'busy'; retryAfterSeconds: number };
type Scope = { address: string | null; refusal?: SignInRefusal };

const KEY = Symbol.for('callback-stats.sign-in-scope');
type Holder = { [KEY]?: AsyncLocalStorage<Scope> };
const storage = () => ((globalThis as Holder)[KEY] ??= new AsyncLocalStorage<Scope>());

export async function runInSignInScope<T>(address: string | null, run: () => Promise<T>): Promise<{ value: T; refusal?: SignInRefusal }> {
  const scope: Scope = { address };
  const value = await storage().run(scope, run);
  return { value, refusal: scope.refusal };
}

/** The client address of the sign-in in progress (null outside the route, or when unknown). */
export function getSignInAddress(): string | null {
  return storage().getStore()?.address ?? null;
}

export function reportSignInRefusal(refusal: SignInRefusal): void {
  const scope = storage().getStore();
  if (scope) scope.refusal = refusal;
}
