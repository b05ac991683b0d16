import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * next-auth passes only a user or null back from authorize(), so the sign-in route opens a scope
 * where authorize() notes why it refused unchecked, and the route answers 429 or 503.
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
