import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { requireUser } from '@/lib/auth/session';
import { isDemoMode } from '@/lib/env';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <AppHeader email={user.email} demo={isDemoMode()} />
      <main className="page">{children}</main>
    </>
  );
}
