// The CSV writer: the exact bytes a spreadsheet gets (BOM, CRLF, quoting, dialects) and the
// neutralisation of text that would run as a formula.
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { CSV_DIALECTS, csvDialectFor, neutraliseCell, toCsv, toCsvField, type CsvCell, type CsvDialect } from '@/lib/csv';

const { comma, semicolon } = CSV_DIALECTS;

describe('neutralisation (OWASP CSV injection)', () => {
  test.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['\0=cmd', `'\0=cmd`],
    // Spreadsheets trim leading spaces (and no-break spaces) before deciding it is a formula.
    ['  =1+1', `'  =1+1`],
    ['\u00a0=1+1', `'\u00a0=1+1`],
    [' \u00a0 +1', `' \u00a0 +1`],
    ['\u202f-1', `'\u202f-1`],
    ['   @SUM(A1)', `'   @SUM(A1)`],
    [' \tcmd', `' \tcmd`],
    // Fullwidth forms, which some spreadsheets fold to ASCII.
    ['\uff1d1+1', `'\uff1d1+1`],
    ['\uff0b1', `'\uff0b1`],
    ['\uff0d1', `'\uff0d1`],
    ['\uff20SUM(A1)', `'\uff20SUM(A1)`],
    ['  \uff1dcmd', `'  \uff1dcmd`],
    ['Sales = good', 'Sales = good'],
    ['Acme - North', 'Acme - North'],
    ['  Acme', '  Acme'],
    ['Vendas', 'Vendas'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(neutraliseCell(text)).toBe(expected);
  });

  test('numbers are never neutralised nor quoted: a negative change stays a number', () => {
    expect(toCsvField(-5.2, comma)).toBe('-5.2');
    expect(toCsvField(-5.2, semicolon)).toBe('-5,2');
    expect(toCsvField(-12.67, comma)).toBe('-12.67');
    expect(toCsvField(-12.67, semicolon)).toBe('-12,67');
  });
});

describe('fields', () => {
  test.each([
    ['plain', 'plain', 'plain'],
    ['a,b', '"a,b"', '"a,b"'],
    ['a;b', '"a;b"', '"a;b"'],
    ['say "hi"', '"say ""hi"""', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"', '"two\nlines"'],
    ['=1,2', `"'=1,2"`, `"'=1,2"`],
    // Either separator is quoted whatever the file's: opened with the other dialect, the name
    // stays one cell instead of a bare `=1+1` in the next.
    ['Acme;=1+1', '"Acme;=1+1"', '"Acme;=1+1"'],
    ['Acme,=1+1', '"Acme,=1+1"', '"Acme,=1+1"'],
    ['carriage\rreturn', '"carriage\rreturn"', '"carriage\rreturn"'],
  ])('%j is written %j with commas and %j with semicolons', (text, withComma, withSemicolon) => {
    expect(toCsvField(text, comma)).toBe(withComma);
    expect(toCsvField(text, semicolon)).toBe(withSemicolon);
  });

  test.each([
    [1234567, '1234567', '1234567'],
    [0.7717, '0.7717', '0,7717'],
    [77.2, '77.2', '77,2'],
    [1e-7, '0.0000001', '0,0000001'],
    [Number.NaN, '', ''],
    [null, '', ''],
  ])('%s is written %j and %j, without thousands separators', (value, withComma, withSemicolon) => {
    expect(toCsvField(value, comma)).toBe(withComma);
    expect(toCsvField(value, semicolon)).toBe(withSemicolon);
  });
});

/** Opens the file as a spreadsheet would with `delimiter`: BOM dropped, quotes undone. */
const readBack = (text: string, delimiter: string): string[][] => parse(text, { bom: true, delimiter, relax_column_count: true });

/** Every cell of a file split on `separator` and line ends outside quotes, quotes kept. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    if (!quoted && (char === separator || char === '\n')) {
      cells.push(cell.replace(/\r$/, ''));
      cell = '';
    } else cell += char;
  }
  return cells;
}

describe('files', () => {
  // Hostile and ordinary names, every character the writer treats specially, beside numbers.
  const names = ['Cobrança', 'Acme;=1+1', 'Acme,=1+1', '=HYPERLINK("http://evil","x")', 'say "hi"', 'two\r\nlines', '\uff1dcmd', '\u00a0-1', ''];
  const rows: CsvCell[][] = [['Source', 'Received', 'Change'], ...names.map((name, i): CsvCell[] => [name, i * 10, -12.67])];
  const numberText = (value: number, dialect: CsvDialect) => (dialect.decimal === ',' ? String(value).replace('.', ',') : String(value));

  test.each([
    ['comma', comma],
    ['semicolon', semicolon],
  ])('parsed back with csv-parse, the %s file gives the original values (text neutralised)', (_, dialect) => {
    const parsed = readBack(toCsv(rows, dialect), dialect.separator);
    expect(parsed).toEqual(
      rows.map((row) => row.map((cell) => (typeof cell === 'number' ? numberText(cell, dialect) : neutraliseCell(cell ?? '')))),
    );
    // The apostrophe is the only change to a name; numbers come back as written.
    for (const [index, name] of names.entries()) expect(parsed[index + 1]![0]!.replace(/^'/, '')).toBe(name);
    expect(parsed.slice(1).every((row) => row[2] === numberText(-12.67, dialect))).toBe(true);
  });

  test.each([
    ['comma', comma, ';'],
    ['semicolon', semicolon, ','],
  ])('the %s file split on the other separator (%s) starts no cell with a formula', (_, dialect, other) => {
    // csv-parse refuses a quoted field followed by anything but its separator; spreadsheets read
    // on, so split as they do: on the separator outside quotes.
    const cells = splitOutsideQuotes(toCsv(rows, dialect), other);
    // Each name holding a separator stays whole, quoted, at the start of its cell.
    for (const name of names.filter((text) => /[,;]/.test(text))) {
      expect(cells.some((cell) => cell.startsWith(`"${neutraliseCell(name).replace(/"/g, '""')}"`))).toBe(true);
    }
    // No cell starts a formula; a leading minus is only ever a number's (the split -12,67).
    for (const cell of cells) {
      expect(cell).not.toMatch(/^[ \u00a0]*[=+@\uff1d\uff0b\uff0d\uff20\t\0]/);
      if (/^[ \u00a0]*-/.test(cell)) expect(cell).toMatch(/^-[\d.,]+$/);
    }
  });

  test('a UTF-8 BOM, CRLF after every row, the dialect separator', () => {
    const rows = [
      ['Source', 'Received'],
      ['Cobrança', 12],
      ['=cmd', -1],
    ];
    expect(toCsv(rows, comma)).toBe("\uFEFFSource,Received\r\nCobrança,12\r\n'=cmd,-1\r\n");
    expect(toCsv(rows, semicolon)).toBe("\uFEFFSource;Received\r\nCobrança;12\r\n'=cmd;-1\r\n");
    const bytes = Buffer.from(toCsv(rows, comma), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test.each([
    ['en-US', 'comma'],
    ['en-GB', 'comma'],
    ['pt-BR', 'semicolon'],
    ['de-DE', 'semicolon'],
    ['fr-FR', 'semicolon'],
  ])('a viewer in %s gets the %s dialect; an explicit choice wins', (locale, dialect) => {
    expect(csvDialectFor(locale).name).toBe(dialect);
    expect(csvDialectFor(locale, 'comma').name).toBe('comma');
    expect(csvDialectFor(locale, 'semicolon').name).toBe('semicolon');
  });
});
