'use client';

import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';

/** The button's words, translated on the server (this client component ships no catalog). */
export type CopyLinkWords = { copy: string; copied: string; announcement: string; prompt: string };

/**
 * Copies the page's URL, which holds the whole view. Falls back to a prompt where the Clipboard
 * API is unavailable (plain http on another host, older browsers).
 */
export function CopyLinkButton({ words }: { words: CopyLinkWords }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    const url = window.location.href;
    try {
      await navigator.clipboard.writeText(url);
      setStatus('copied');
    } catch {
      window.prompt(words.prompt, url);
      setStatus('failed');
    }
    window.setTimeout(() => setStatus('idle'), 2500);
  }

  return (
    <>
      <button type="button" className={buttonClass({ variant: 'secondary' })} onClick={copy}>
        {status === 'copied' ? words.copied : words.copy}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {status === 'copied' ? words.announcement : ''}
      </span>
    </>
  );
}
