import 'server-only';
import type { Provider } from 'next-auth/providers/index';
import { getEnabledProviders } from './sign-in-providers';

type Env = Record<string, string | undefined>;

/** next-auth providers for the configured methods. */
export function buildProviders(env: Env = process.env): Provider[] {
  return getEnabledProviders(env).map((provider) => provider.build(env));
}
