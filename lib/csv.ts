/**
 * A small CSV writer for spreadsheets (RFC 4180 plus what Excel and Google Sheets need).
 *
 * - UTF-8 with a byte-order mark: without it Excel reads UTF-8 as the local code page and
 *   "Cobrança" turns into "CobranÃ§a". Google Sheets ignores the mark.
 * - CRLF line ends and fields quoted when they hold a `,` or a `;` (whichever the separator: a
 *   file saved in one dialect may be opened with the other), a quote or a line break.
 * - Two dialects: `,` with a decimal point (English settings) and `;` with a decimal comma
 *   (Portuguese, and most of Europe), because Excel splits a double-clicked file on the list
 *   separator of the computer's region. A `sep=` line would pick it too, but only Excel
 *   understands it; Google Sheets would show it as data.
 * - Text cells starting with `=`, `+`, `-`, `@`, tab, carriage return or NUL, also after leading
 *   spaces or no-break spaces, and their fullwidth forms `＝ ＋ － ＠`, are prefixed with `'`
 *   (OWASP's CSV injection advice): names typed by Talkover users must never run as formulas.
 *   Numbers are written by this code, never neutralised, so a negative change stays a number.
 */
export type CsvCell = string | number | null;
export type CsvDialectName = 'comma' | 'semicolon';
export type CsvDialect = { name: CsvDialectName; separator: ',' | ';'; decimal: '.' | ',' };

export const CSV_DIALECTS: Record<CsvDialectName, CsvDialect> = {
  comma: { name: 'comma', separator: ',', decimal: '.' },
  semicolon: { name: 'semicolon', separator: ';', decimal: ',' },
};

const BOM = '\uFEFF';
/** What a spreadsheet may take for the start of a formula, after any spaces it skips. */
const FORMULA_START = /^[ \u00a0]*[=+\-@\t\r\0\uff1d\uff0b\uff0d\uff20]/;
/** Text is quoted, in both dialects, when it holds either separator, a quote or a line break. */
const NEEDS_QUOTES = /[,;"\r\n]/;

/** Text that a spreadsheet would read as a formula gets a leading apostrophe. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A number without thousands separators or exponent, with the dialect's decimal mark. */
function toNumberText(value: number, dialect: CsvDialect): string {
  if (!Number.isFinite(value)) return '';
  let text = String(value);
  if (/e/i.test(text)) text = value.toFixed(12).replace(/\.?0+$/, '');
  return dialect.decimal === ',' ? text.replace('.', ',') : text;
}

export function toCsvField(cell: CsvCell, dialect: CsvDialect): string {
  if (cell === null) return '';
  // Numbers are ours: digits, a sign and the dialect's decimal mark, never a separator.
  if (typeof cell === 'number') return toNumberText(cell, dialect);
  const text = neutraliseCell(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, one CRLF-terminated line per row. */
export function toCsv(rows: readonly (readonly CsvCell[])[], dialect: CsvDialect): string {
  return BOM + rows.map((row) => row.map((cell) => toCsvField(cell, dialect)).join(dialect.separator) + '\r\n').join('');
}

/**
 * The dialect for a locale: a decimal comma means Excel's list separator is `;` there.
 * An explicit `separator=comma|semicolon` wins, for a spreadsheet set up unlike the browser.
 */
export function csvDialectFor(locale: string, explicit?: CsvDialectName): CsvDialect {
  if (explicit) return CSV_DIALECTS[explicit];
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value;
  return decimal === ',' ? CSV_DIALECTS.semicolon : CSV_DIALECTS.comma;
}
