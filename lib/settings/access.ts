import 'server-only';
import { z } from 'zod';
import { parseAllowList } from '../auth/allow-list';
import { parseAuthUsers, type UserEntry } from '../auth/users';
import { defineSettings } from './define-settings';

/** AUTH_USERS and the allow-list, parsed once rather than on every session check. */
export const accessSettingsSchema = z
  .object({
    AUTH_USERS: z
      .string()
      .optional()
      .transform((value, context) => {
        if (value === undefined) return new Map<string, UserEntry>();
        const parsed = parseAuthUsers(value);
        if (parsed.ok) return parsed.users;
        context.addIssue({ code: 'custom', message: parsed.problem });
        return z.NEVER;
      }),
    AUTH_ALLOWED_EMAILS: z.string().optional(),
    AUTH_ALLOWED_DOMAINS: z.string().optional(),
  })
  .transform((env) => ({ users: env.AUTH_USERS, allowList: parseAllowList(env) }));

export type AccessSettings = z.infer<typeof accessSettingsSchema>;

export const accessSettings = defineSettings('to know who may sign in', accessSettingsSchema);
export const getAccessSettings = accessSettings.get;
