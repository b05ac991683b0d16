'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * ← and → step to the previous and next period, like the links beside the range, except while
 * typing in a form field (where the arrows move the caret) or with a modifier held.
 */
export function PeriodKeys({ previousHref, nextHref }: { previousHref: string; nextHref: string | null }) {
  const router = useRouter();
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const href = event.key === 'ArrowLeft' ? previousHref : event.key === 'ArrowRight' ? nextHref : null;
      if (!href) return;
      event.preventDefault();
      router.push(href);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [previousHref, nextHref, router]);
  return null;
}
