'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { buttonClass } from '@/components/ui/button';

/** Asks the server for the same view again, without a full page reload. Words come translated as props. */
export function RetryButton({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button type="button" className={buttonClass()} disabled={pending} onClick={() => startTransition(() => router.refresh())}>
      {pending ? pendingLabel : label}
    </button>
  );
}
