'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

/** Asks the server for the same view again, without a full page reload. */
export function RetryButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button type="button" className="button" disabled={pending} onClick={() => startTransition(() => router.refresh())}>
      {pending ? 'Trying again…' : 'Try again'}
    </button>
  );
}
