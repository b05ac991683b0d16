'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';

/** A provider with its button's words, translated on the server ("Continue with Okta"). */
type Method = { id: string; label: string; pendingLabel: string };

/**
 * One button per configured identity provider. next-auth's signIn() posts with its CSRF token
 * and then sends the browser to the provider, which returns to `callbackPath` (a shared link
 * survives the trip).
 */
export function SsoButtons({ methods, callbackPath }: { methods: Method[]; callbackPath: string }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <div className="sso-buttons">
      {methods.map((method) => (
        <button
          key={method.id}
          type="button"
          className={buttonClass({ className: 'sso-button' })}
          disabled={pending !== null}
          onClick={() => {
            setPending(method.id);
            void signIn(method.id, { callbackUrl: callbackPath });
          }}
        >
          {pending === method.id ? method.pendingLabel : method.label}
        </button>
      ))}
    </div>
  );
}
