import 'server-only';
import type { Provider } from 'next-auth/providers/index';
import { getSignInSettings, type SignInSettings } from '../settings/sign-in';
import { getEnabledProviders } from './sign-in-providers';

/** next-auth providers for the configured methods. */
export function buildProviders(settings: SignInSettings = getSignInSettings()): Provider[] {
  return getEnabledProviders(settings).map((provider) => provider.build(settings.variables));
}
