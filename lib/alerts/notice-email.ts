import { noticeWords, type NoticeFacts } from './notice';

/** A notice as an email: the same words as the webhook's text, HTML (escaped, no images) and plain text. */
export function noticeEmail(facts: NoticeFacts): { subject: string; html: string; text: string } {
  const { subject, lines } = noticeWords(facts);
  const [headline, ...rest] = lines.slice(0, -1);
  const html = [
    `<!doctype html><html lang="${facts.locale}"><body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a">`,
    `<p style="font-size:16px;font-weight:bold">${escapeHtml(headline ?? '')}</p>`,
    ...rest.map((line) => `<p style="font-size:14px">${escapeHtml(line)}</p>`),
    `<p style="font-size:14px"><a href="${escapeHtml(facts.url)}">${escapeHtml(facts.url)}</a></p>`,
    '</body></html>',
  ].join('');
  return { subject, html, text: lines.join('\n\n') };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
