import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * next-auth passes only a user or null back from authorize(), so the sign-in route opens a scope
 * that carries the request's facts in (client address, cookies) and authorize()'s notes out: why
 * it refused unchecked (the route answers 429 or 503), or who signed in (the route sets their
 * device cookie).
 */
export type SignInRefusal = { kind: 'throttled' | 'busy'; retryAfterSeconds: number };
export type SignInRequest = { address: string | null; cookies?: string | null };
type Scope = SignInRequest & { refusal?: SignInRefusal; signedInEmail?: string };

const KEY = Symbol.for('callback-stats.sign-in-scope');
type Holder = { [KEY]?: AsyncLocalStorage<Scope> };
const storage = () => ((globalThis as Holder)[KEY] ??= new AsyncLocalStorage<Scope>());

export async function runInSignInScope<T>(
  request: SignInRequest,
  run: () => Promise<T>,
): Promise<{ value: T; refusal?: SignInRefusal; signedInEmail?: string }> {
  const scope: Scope = { ...request };
  const value = await storage().run(scope, run);
  return { value, refusal: scope.refusal, signedInEmail: scope.signedInEmail };
}

/** The client address of the sign-in in progress (null outside the route, or when unknown). */
export function getSignInAddress(): string | null {
  return storage().getStore()?.address ?? null;
}

/** The sign-in request's Cookie header (where a device cookie would be). */
export function getSignInCookies(): string | null {
  return storage().getStore()?.cookies ?? null;
}

export function reportSignInRefusal(refusal: SignInRefusal): void {
  const scope = storage().getStore();
  if (scope) scope.refusal = refusal;
}

export function reportSignedIn(email: string): void {
  const scope = storage().getStore();
  if (scope) scope.signedInEmail = email;
}
