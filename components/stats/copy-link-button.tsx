'use client';

import { useState } from 'react';

/**
 * Copies the page's URL, which holds the whole view. Falls back to a prompt where the Clipboard
 * API is unavailable (plain http on another host, older browsers).
 */
export function CopyLinkButton() {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    const url = window.location.href;
    try {
      await navigator.clipboard.writeText(url);
      setStatus('copied');
    } catch {
      window.prompt('Copy this link:', url);
      setStatus('failed');
    }
    window.setTimeout(() => setStatus('idle'), 2500);
  }

  return (
    <>
      <button type="button" className="button button-secondary" onClick={copy}>
        {status === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {status === 'copied' ? 'Link to this view copied to the clipboard' : ''}
      </span>
    </>
  );
}
