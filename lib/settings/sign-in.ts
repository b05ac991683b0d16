import 'server-only';
import { z } from 'zod';
import { SIGN_IN_PROVIDERS } from '../auth/sign-in-providers';
import { defineSettings } from './define-settings';

/** Every variable the sign-in table reads, plus the OIDC button's label. */
const SIGN_IN_VARIABLES = [...new Set([...SIGN_IN_PROVIDERS.flatMap((provider) => provider.variables), 'AUTH_OIDC_NAME'])];

/** The provider variables, trimmed ('' when unset); findSignInProblem() judges them together. */
export const signInSettingsSchema = z
  .object(Object.fromEntries(SIGN_IN_VARIABLES.map((name) => [name, z.string().trim().default('')])))
  .transform((variables) => ({ variables: variables as Readonly<Record<string, string>> }));

export type SignInSettings = z.infer<typeof signInSettingsSchema>;

export const signInSettings = defineSettings('for sign-in', signInSettingsSchema);
export const getSignInSettings = signInSettings.get;
