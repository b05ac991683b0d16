import { digestRoute, json, readJsonBody, requireOwnSubscription, updateBody } from '@/lib/digests/api';
import { deleteSubscription, listSubscriptions, setSubscriptionLocale } from '@/lib/digests/store';
import { PRIVATE_NO_STORE } from '@/lib/http';

type Params = { id: string };

/** DELETE /api/digests/{id}: unsubscribes (204). Another member's id is a 404. */
export const DELETE = digestRoute<Params>(async (request, { id }) => {
  await requireOwnSubscription(request, id);
  await deleteSubscription(request.db, id);
  return new Response(null, { status: 204, headers: { 'Cache-Control': PRIVATE_NO_STORE } });
});

/** PATCH /api/digests/{id} `{ "locale": "pt-BR" }`: changes the digest's language (200 with the digest). */
export const PATCH = digestRoute<Params>(async (request, { id }) => {
  await requireOwnSubscription(request, id);
  const { locale } = await readJsonBody(request.request, updateBody);
  await setSubscriptionLocale(request.db, id, locale);
  const digest = (await listSubscriptions(request.db, request.user.email)).find((entry) => entry.id === id);
  return json({ digest });
});
