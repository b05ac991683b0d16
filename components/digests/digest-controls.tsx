'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { buttonClass } from '@/components/ui/button';

export type DigestRow = { id: string; cadence: string; locale: string; lastDelivery: string };
type Option = { value: string; label: string };
export type DigestWords = {
  subscribe: string;
  cadenceLabel: string;
  languageLabel: string;
  caption: string;
  none: string;
  lastDelivery: string;
  sendNow: string;
  sent: string;
  unsubscribe: string;
  actions: string;
  /** With `{message}` where the server's explanation goes. */
  error: string;
};

/**
 * The controls behind "Email me a summary", talking to /api/digests (same-origin fetches carry
 * the session cookie and the Origin the API checks). After each change the server component
 * re-renders the list; the outcome is announced in a live region.
 */
export function DigestControls({
  rows,
  cadences,
  languages,
  currentLocale,
  words,
}: {
  rows: DigestRow[];
  cadences: Option[];
  languages: Option[];
  currentLocale: string;
  words: DigestWords;
}) {
  const router = useRouter();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  async function request(path: string, method: string, body?: unknown, done = '') {
    setBusy(true);
    try {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) {
        const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setStatus(words.error.replace('{message}', answer?.error?.message ?? String(response.status)));
      } else {
        setStatus(done);
      }
      router.refresh();
    } catch {
      setStatus(words.error.replace('{message}', 'network'));
    } finally {
      setBusy(false);
    }
  }

  function subscribe(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void request('/api/digests', 'POST', { cadence: form.get('cadence'), locale: form.get('locale') });
  }

  return (
    <div className="digests">
      <form className="digest-form" onSubmit={subscribe}>
        <label>
          {words.cadenceLabel}{' '}
          <select name="cadence" defaultValue="weekly">
            {cadences.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {words.languageLabel}{' '}
          <select name="locale" defaultValue={currentLocale}>
            {languages.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" className={buttonClass()} disabled={busy}>
          {words.subscribe}
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="muted">{words.none}</p>
      ) : (
        <table className="source-table digest-table">
          <caption className="visually-hidden">{words.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{words.cadenceLabel}</th>
              <th scope="col">{words.languageLabel}</th>
              <th scope="col">{words.lastDelivery}</th>
              <th scope="col">{words.actions}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.cadence}</th>
                <td>
                  <select
                    aria-label={`${words.languageLabel}: ${row.cadence}`}
                    defaultValue={row.locale}
                    disabled={busy}
                    onChange={(event) => void request(`/api/digests/${row.id}`, 'PATCH', { locale: event.currentTarget.value })}
                  >
                    {languages.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{row.lastDelivery}</td>
                <td className="digest-actions">
                  <button
                    type="button"
                    className={buttonClass({ variant: 'secondary' })}
                    disabled={busy}
                    aria-label={`${words.sendNow}: ${row.cadence}`}
                    onClick={() => void request(`/api/digests/${row.id}/send`, 'POST', undefined, words.sent)}
                  >
                    {words.sendNow}
                  </button>{' '}
                  <button
                    type="button"
                    className={buttonClass({ variant: 'secondary' })}
                    disabled={busy}
                    aria-label={`${words.unsubscribe}: ${row.cadence}`}
                    onClick={() => void request(`/api/digests/${row.id}`, 'DELETE')}
                  >
                    {words.unsubscribe}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
