import { errorResponse, seeOther } from '@/lib/http';
import { isHttpsRequest, parseLocaleChoice, toLocaleCookie } from '@/lib/locale-choice';

/**
 * POST /api/locale (form: locale, return_to), from the language menu: a plain form post, so it
 * works without JavaScript, signed in or out. Sets the viewer's language cookie and sends them
 * back (303) to the page they were on. Origin-checked like sign-in, so another site cannot
 * switch a viewer's language.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const { locale, returnTo } = await parseLocaleChoice(request);
    return seeOther(returnTo, { 'Set-Cookie': toLocaleCookie(locale, isHttpsRequest(request)) });
  } catch (error) {
    return errorResponse(error);
  }
}
