/**
 * A small CSV writer for spreadsheets (RFC 4180 plus what Excel and Google Sheets need).
 *
 * - UTF-8 with a byte-order mark: without it Excel reads UTF-8 as the local code page and
 *   "Cobrança" turns into "CobranÃ§a". Google Sheets ignores the mark.
 * - CRLF line ends. A field is quoted when it holds a quote, a line break, or EITHER separator
 *   (`,` and `;`, whatever this file's separator): a file opened with the other dialect's
 *   separator (a pt-BR spreadsheet splitting a comma file on `;`) must still see one cell, not
 *   a bare `=1+1` starting a new one.
 * - Two dialects: `,` with a decimal point (English settings) and `;` with a decimal comma
 *   (Portuguese, and most of Europe), because Excel splits a double-clicked file on the list
 *   separator of the computer's region. A `sep=` line would pick it too, but only Excel
 *   understands it; Google Sheets would show it as data.
 * - Text cells that a spreadsheet could read as a formula are prefixed with `'` (OWASP's CSV
 *   injection advice): those starting with `=`, `+`, `-`, `@`, tab, CR or NUL, also after leading
 *   spaces or no-break spaces (spreadsheets trim them), and with the fullwidth `＝ ＋ － ＠`
 *   (some spreadsheets fold them to ASCII). Names typed by Talkover users must never run.
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
/**
 * A formula trigger, after any run of spaces and no-break spaces (U+00A0, U+2007, U+202F):
 * ASCII `= + - @`, their fullwidth forms (U+FF1D U+FF0B U+FF0D U+FF20), tab, CR or NUL.
 */
const FORMULA_START = /^[ \u00a0\u2007\u202f]*[=+\-@\uff1d\uff0b\uff0d\uff20\t\r\0]/;
/** Either dialect's separator, a quote or a line break: the field is quoted. */
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

/**
 * Numbers are digits, a minus and the dialect's decimal mark, which is never its separator: they
 * go bare, so every spreadsheet reads them as numbers (a quoted `0,77` is text to some). Text is
 * neutralised, then quoted as above.
 */
export function toCsvField(cell: CsvCell, dialect: CsvDialect): string {
  if (cell === null) return '';
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
