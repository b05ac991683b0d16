import { requireApiUser } from '@/lib/auth/session';
import { errorResponse, PRIVATE_NO_STORE } from '@/lib/http';
import { getMailSettings } from '@/lib/mail';
import { findDemoMail } from '@/lib/mail/demo-outbox';
import type { NextRequest } from 'next/server';

/**
 * GET /demo/mail/{id}: one caught email's HTML as a mail client would show it, sandboxed (no
 * scripts, no requests). Absent (404) anywhere but the demo.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const mail = getMailSettings().transport === 'demo' ? findDemoMail((await params).id) : undefined;
    if (!mail) return new Response('Not found', { status: 404 });
    await requireApiUser(request);
    return new Response(mail.html, {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': PRIVATE_NO_STORE,
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
