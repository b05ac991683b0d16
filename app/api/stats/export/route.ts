import { csvDialectFor, toCsv, type CsvDialectName } from '@/lib/csv';
import { AppError } from '@/lib/errors';
import { PRIVATE_NO_STORE } from '@/lib/http';
import { LOCALE_COOKIE } from '@/i18n/locales';
import { getDefaultLocale } from '@/lib/env';
import { pickLocale } from '@/lib/locale';
import { getCallbackStats } from '@/lib/stats/get-callback-stats';
import { getComparison } from '@/lib/stats/get-comparison';
import { getCallbackSeries } from '@/lib/stats/get-series';
import { exportFileName, toExportRows } from '@/lib/stats/export-rows';
import { viewRoute } from '@/lib/stats/view-route';
import { translatorFor } from '@/i18n/server';

const SEPARATORS: readonly CsvDialectName[] = ['comma', 'semicolon'];

/**
 * GET /api/stats/export?…: the view as a CSV file (totals and comparison, sources, series). Its
 * headers and labels are in the viewer's language (chosen as for the pages: the language menu's
 * cookie, else Accept-Language, else APP_DEFAULT_LOCALE), and so are the separator and decimal
 * mark unless `separator` says otherwise.
 */
export const GET = viewRoute('/api/stats/export', {}, async ({ request, url, view, caller }) => {
  const locale = pickLocale({
    cookie: request.cookies.get(LOCALE_COOKIE)?.value,
    acceptLanguage: request.headers.get('accept-language'),
    fallback: getDefaultLocale(),
  });
  const dialect = csvDialectFor(locale, parseSeparator(url.searchParams.getAll('separator')));
  const t = translatorFor(locale, 'Export');
  const asker = { caller };
  const [stats, comparison, series] = await Promise.all([
    getCallbackStats(view.range, asker),
    getComparison(view.range, view.compare, asker),
    getCallbackSeries(view, asker),
  ]);
  return new Response(toCsv(toExportRows({ view, stats, comparison, series, say: (key, values) => t(key, values) }), dialect), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(view)}"`,
      'Cache-Control': PRIVATE_NO_STORE,
    },
  });
});

function parseSeparator(values: string[]): CsvDialectName | undefined {
  if (values.length > 1) throw new AppError('bad_request', { code: 'repeated_param', message: 'separator was given more than once.' });
  const value = values[0]?.trim() ?? '';
  if (value === '') return undefined;
  if ((SEPARATORS as readonly string[]).includes(value)) return value as CsvDialectName;
  throw new AppError('bad_request', { code: 'invalid_separator', message: 'separator must be comma or semicolon.' });
}
