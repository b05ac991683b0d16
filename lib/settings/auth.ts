import 'server-only';
import { z } from 'zod';
import type { BlockList } from 'node:net';
import { parseTrustedProxyAddresses } from '../net/trusted-proxy-addresses';
import { defineSettings, intSetting } from './define-settings';

export const DEFAULT_SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const MAX_LOCKOUT_SECONDS = 3_600;
export const MAX_TRUSTED_PROXIES = 10;

const SECRET_HINT = '(generate one with: openssl rand -base64 32)';
const TRUSTED_PROXIES_PROBLEM = `AUTH_TRUSTED_PROXIES must be a whole number of proxies between 0 and ${MAX_TRUSTED_PROXIES} (0 when the app is exposed directly)`;
const URL_HINT = 'e.g. https://stats.example.com';

/** Sessions and sign-in protection: next-auth's secret and public URL, lifetimes, proxies. */
export const authSettingsSchema = z
  .object({
    NEXTAUTH_SECRET: z
      .string({ error: `NEXTAUTH_SECRET is not set ${SECRET_HINT}` })
      .trim()
      .refine((secret) => Buffer.byteLength(secret) >= 32, { error: `NEXTAUTH_SECRET is shorter than 32 bytes ${SECRET_HINT}` }),
    NEXTAUTH_URL: z
      .string({ error: `NEXTAUTH_URL is not set (the public URL of this dashboard, ${URL_HINT})` })
      .trim()
      .refine(URL.canParse, { error: `NEXTAUTH_URL is not a URL (${URL_HINT})` }),
    AUTH_SESSION_MAX_AGE_SECONDS: intSetting('AUTH_SESSION_MAX_AGE_SECONDS', 'seconds', 300, 30 * 86_400, DEFAULT_SESSION_MAX_AGE_SECONDS),
    AUTH_LOCKOUT_SECONDS: intSetting('AUTH_LOCKOUT_SECONDS', 'seconds', 1, MAX_LOCKOUT_SECONDS, 60),
    AUTH_TRUSTED_PROXIES: z
      .string()
      .trim()
      .regex(/^\d+$/, { error: TRUSTED_PROXIES_PROBLEM })
      .transform(Number)
      .refine((count) => count <= MAX_TRUSTED_PROXIES, { error: TRUSTED_PROXIES_PROBLEM })
      .default(0),
    AUTH_TRUSTED_PROXY_ADDRESSES: z
      .string()
      .default('')
      .transform((value, context) => {
        const parsed = parseTrustedProxyAddresses(value);
        if (parsed && 'invalid' in parsed) {
          context.addIssue({
            code: 'custom',
            message: `AUTH_TRUSTED_PROXY_ADDRESSES must be comma-separated IP addresses or CIDR ranges (could not read: ${parsed.invalid.slice(0, 3).join(', ')})`,
          });
          return z.NEVER;
        }
        return parsed as BlockList | null;
      }),
  })
  .transform((env) => ({
    secret: env.NEXTAUTH_SECRET,
    /** The dashboard's public URL: the origin state-changing requests must come from. */
    publicUrl: new URL(env.NEXTAUTH_URL),
    sessionMaxAgeSeconds: env.AUTH_SESSION_MAX_AGE_SECONDS,
    lockoutBaseSeconds: env.AUTH_LOCKOUT_SECONDS,
    /** How many proxies in front of the app append to X-Forwarded-For. */
    trustedProxyCount: env.AUTH_TRUSTED_PROXIES,
    /**
     * The proxies, by address, whose X-Forwarded-For entries are believed; when set, it replaces
     * the count, so a client that reaches the app directly cannot choose its own address.
     */
    trustedProxyAddresses: env.AUTH_TRUSTED_PROXY_ADDRESSES,
  }));

export type AuthSettings = z.infer<typeof authSettingsSchema>;

export const authSettings = defineSettings('for sessions', authSettingsSchema);
export const getAuthSettings = authSettings.get;
