import { readCappedForm } from '@/lib/capped-body';
import { unsubscribeByToken } from '@/lib/digests/unsubscribe';
import { errorResponse, seeOther } from '@/lib/http';

/**
 * POST /api/digests/unsubscribe?token=…: the one-click unsubscribe of RFC 8058 (a mail client
 * posts `List-Unsubscribe=One-Click`), and the confirm button of /digests/unsubscribe (which posts
 * the token in the form). No session: the signed token is the authority, and it can only do this.
 * Answers with a redirect to the page that says what happened.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const form = await readCappedForm(request).catch(() => new URLSearchParams());
    const token = url.searchParams.get('token') ?? form.get('token');
    const done = await unsubscribeByToken(token);
    const page = new URL('/digests/unsubscribe', url);
    page.searchParams.set('result', done ? 'done' : 'invalid');
    return seeOther(`${page.pathname}${page.search}`);
  } catch (error) {
    return errorResponse(error);
  }
}
