import { noticeWords, type NoticeFacts } from './notice';
import type { WebhookFormat } from './rule';

/**
 * What a webhook receives. `slack` (the default): `{"text": "…"}`, which Slack, Mattermost,
 * Rocket.Chat, Google Chat and Teams workflows accept. `json`: the event's facts for a program.
 */
export function webhookBody(format: WebhookFormat, facts: NoticeFacts): string {
  if (format === 'json') {
    const { id, name, metric, window, comparator, threshold } = facts.alert;
    return JSON.stringify({
      alert: { id, name, metric, window, comparator, threshold },
      state: facts.state,
      value: facts.value,
      at: facts.at,
      url: facts.url,
      event: facts.kind,
      test: facts.kind === 'test',
    });
  }
  return JSON.stringify({ text: noticeWords(facts).lines.join('\n') });
}
