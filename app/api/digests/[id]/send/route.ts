import { digestRoute, json, requireMail, requireOwnSubscription } from '@/lib/digests/api';
import { claimDelivery, defaultDigestContext, deliver, queueDigestNow } from '@/lib/digests/deliver';
import { logError } from '@/lib/log';

/**
 * POST /api/digests/{id}/send: sends the last complete period's digest now (202). It is recorded
 * like any delivery, so a failure is retried by the scheduler and shows in the member's list.
 */
export const POST = digestRoute<{ id: string }>(async (request, { id }) => {
  requireMail();
  const subscription = await requireOwnSubscription(request, id);
  const ctx = await defaultDigestContext();
  const now = new Date();
  const deliveryId = await queueDigestNow(ctx, subscription, now);
  // Not awaited: the member gets 202 at once; the delivery row says how it went.
  void (async () => {
    if (await claimDelivery(ctx, deliveryId, now)) await deliver(ctx, deliveryId, now);
  })().catch((error) => logError('digest_send_now_failed', error));
  const row = await request.db
    .selectFrom('digest_deliveries')
    .select(['period_start', 'period_end'])
    .where('id', '=', deliveryId)
    .executeTakeFirstOrThrow();
  return json({ delivery: { id: deliveryId, period: { start: row.period_start, end: row.period_end }, status: 'pending' } }, 202);
});
