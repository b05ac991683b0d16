import 'server-only';
import { z } from 'zod';
import { LOCALE_COOKIE, LOCALES, type AppLocale } from '../../i18n/locales';
import { requireApiUser, type SessionUser } from '../auth/session';
import { MAX_REQUEST_BODY_BYTES, readCappedBytes } from '../capped-body';
import { getDb, type Db } from '../db';
import { getDefaultLocale } from '../env';
import { AppError } from '../errors';
import { errorResponse, PRIVATE_NO_STORE } from '../http';
import { pickLocale } from '../locale';
import { isMailEnabled } from '../mail';
import { checkSameOrigin } from '../security/origin';
import { CADENCES } from './periods';
import { findOwnSubscription, type Subscription } from './store';

/** What every /api/digests handler works with: the member, the database, the request. */
export type DigestRequest = { request: Request; user: SessionUser; db: Db };

/**
 * The pipeline of the /api/digests routes: a same-origin Origin (else Referer), a session, the
 * database, and the usual JSON error envelope for anything that goes wrong.
 */
export function digestRoute<P>(handle: (request: DigestRequest, params: P) => Promise<Response>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const refusal = checkSameOrigin(request);
      if (refusal) throw refusal;
      const user = await requireApiUser(requestCookies(request));
      const db = await getDb();
      return await handle({ request, user, db }, await context.params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

function requestCookies(request: Request) {
  const header = request.headers.get('cookie') ?? '';
  const all = header
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const equals = part.indexOf('=');
      return equals < 0 ? { name: part, value: '' } : { name: part.slice(0, equals), value: part.slice(equals + 1) };
    });
  return { cookies: { getAll: () => all } };
}

export const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': PRIVATE_NO_STORE } });

export function requireMail(): void {
  if (!isMailEnabled()) {
    throw new AppError('conflict', {
      code: 'digests_disabled',
      message: 'Email summaries are off on this server: an admin can turn them on by setting SMTP_URL and MAIL_FROM.',
    });
  }
}

/** The member's own subscription, or a 404 (another member's id looks exactly like a missing one). */
export async function requireOwnSubscription({ db, user }: DigestRequest, id: string): Promise<Subscription> {
  const subscription = await findOwnSubscription(db, user.email, id);
  if (!subscription) throw new AppError('not_found', { code: 'digest_not_found', message: 'There is no such email summary.' });
  return subscription;
}

const localeField = z.enum(LOCALES, { error: `locale must be one of: ${LOCALES.join(', ')}.` });
export const createBody = z.object({
  cadence: z.enum(CADENCES, { error: `cadence must be one of: ${CADENCES.join(', ')}.` }),
  locale: localeField.optional(),
});
export const updateBody = z.object({ locale: localeField });

/** A small JSON body validated by `schema`: 400 with the first problem, 413 past the cap, 415 not JSON. */
export async function readJsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    await request.body?.cancel().catch(() => {});
    throw new AppError('unsupported_media_type', { message: 'Send JSON (Content-Type: application/json).' });
  }
  const bytes = await readCappedBytes(request.body, request.headers.get('content-length'), MAX_REQUEST_BODY_BYTES);
  if (bytes === null) throw new AppError('payload_too_large');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new AppError('bad_request', { code: 'invalid_json', message: 'The body is not valid JSON.' });
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('bad_request', { code: 'invalid_digest', message: result.error.issues[0]?.message ?? 'The body is not valid.' });
  }
  return result.data;
}

/** The member's current language: their cookie, else Accept-Language, else APP_DEFAULT_LOCALE. */
export function requestLocale(request: Request): AppLocale {
  const cookie = requestCookies(request)
    .cookies.getAll()
    .find((entry) => entry.name === LOCALE_COOKIE)?.value;
  return pickLocale({ cookie, acceptLanguage: request.headers.get('accept-language'), fallback: getDefaultLocale() });
}
