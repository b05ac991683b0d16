import 'server-only';
import { getDb } from '../db';
import { deleteSubscription, findSubscription, type Subscription } from './store';
import { readUnsubscribeToken } from './unsubscribe-token';

/** The subscription an unsubscribe token names, or null when it is altered, unknown or used. */
export async function findByUnsubscribeToken(token: unknown): Promise<Subscription | null> {
  const id = readUnsubscribeToken(token);
  if (!id) return null;
  return findSubscription(await getDb(), id);
}

/** Unsubscribes by token; false (nothing changed) when the token is altered, unknown or used. */
export async function unsubscribeByToken(token: unknown): Promise<boolean> {
  const subscription = await findByUnsubscribeToken(token);
  if (!subscription) return false;
  return deleteSubscription(await getDb(), subscription.id);
}
