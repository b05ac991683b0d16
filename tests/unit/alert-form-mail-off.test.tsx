import { describe, expect, it } from 'vitest';
import { AlertForm } from '@/components/alerts/alert-form';
import { newFormValues } from '@/lib/alerts/view';
import en from '@/messages/en.json';
import { renderInEnglish } from '../support/render-in-english';

const values = newFormValues(new URLSearchParams(), 'en');

describe('the alert form when the server sends no mail', () => {
  it('says so under the addresses, tied to the field for screen readers', () => {
    const html = renderInEnglish(<AlertForm values={values} error={null} mailOff />);
    expect(html).toContain(en.Alerts.mailOff.split(':')[0]);
    expect(html).toMatch(/<textarea name="emails"[^>]*aria-describedby="emails-hint"/);
    expect(html).toContain('id="emails-hint"');
  });

  it('says nothing of it when mail is on', () => {
    const html = renderInEnglish(<AlertForm values={values} error={null} />);
    expect(html).not.toContain('emails-hint');
  });

  it('points a refused address field at the error and the hint', () => {
    const html = renderInEnglish(<AlertForm values={values} error="emails" mailOff />);
    expect(html).toMatch(/<textarea name="emails"[^>]*aria-describedby="alert-form-error emails-hint"/);
    expect(html).toMatch(/<textarea name="emails"[^>]*aria-invalid="true"/);
  });
});
