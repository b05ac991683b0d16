import { describe, expect, it } from 'vitest';
import { alertSettings } from '@/lib/alerts/settings';

describe('alert settings', () => {
  it('check every 300 s by default, and keep webhooks public', () => {
    expect(alertSettings.parse({})).toEqual({ checkEveryMs: 300_000, allowPrivateWebhooks: false });
    expect(alertSettings.parse({ ALERT_CHECK_SECONDS: '10', ALERT_WEBHOOK_ALLOW_PRIVATE: '1' })).toEqual({
      checkEveryMs: 10_000,
      allowPrivateWebhooks: true,
    });
  });

  it('name the variable when a value is refused', () => {
    for (const value of ['5', 'often', '1.5', '-300'])
      expect(alertSettings.findProblem({ ALERT_CHECK_SECONDS: value })).toMatch(/^ALERT_CHECK_SECONDS must be/);
    expect(alertSettings.findProblem({ ALERT_WEBHOOK_ALLOW_PRIVATE: 'yes' })).toMatch(/^ALERT_WEBHOOK_ALLOW_PRIVATE must be/);
  });
});
