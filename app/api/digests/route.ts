import { createBody, digestRoute, json, readJsonBody, requestLocale, requireMail } from '@/lib/digests/api';
import { createSubscription, listSubscriptions, toDigestJson } from '@/lib/digests/store';
import { AppError } from '@/lib/errors';

/** GET /api/digests: the signed-in member's email summaries, each with its last delivery. */
export const GET = digestRoute(async ({ db, user }) => json({ digests: await listSubscriptions(db, user.email) }));

/**
 * POST /api/digests `{ "cadence": "weekly", "locale"?: "pt-BR" }`: subscribes the member (in their
 * current language unless given): 201 with the digest; 409 `digest_exists` for a second of the
 * same cadence; 409 `digests_disabled` when the server sends no mail.
 */
export const POST = digestRoute(async ({ request, db, user }) => {
  requireMail();
  const body = await readJsonBody(request, createBody);
  const created = await createSubscription(db, user.email, body.cadence, body.locale ?? requestLocale(request));
  if (!created) {
    throw new AppError('conflict', { code: 'digest_exists', message: `You already have a ${body.cadence} email summary.` });
  }
  return json({ digest: toDigestJson(created) }, 201);
});
