'use client';

import { useState } from 'react';
import { LOGIN_PATH } from '@/lib/paths';
import { buttonClass } from '@/components/ui/button';

/**
 * next-auth's client (about 12 KB gzip) is only needed at the moment someone signs out, so it is
 * loaded on click rather than with every page. Its words come translated from the header.
 */
export function SignOutButton({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const [pending, setPending] = useState(false);
  async function signOutNow() {
    setPending(true);
    const { signOut } = await import('next-auth/react');
    await signOut({ callbackUrl: LOGIN_PATH });
  }
  return (
    <button type="button" className={buttonClass({ variant: 'secondary' })} disabled={pending} onClick={signOutNow}>
      {pending ? pendingLabel : label}
    </button>
  );
}
