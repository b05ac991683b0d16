// The CSV writer: the exact bytes a spreadsheet gets (BOM, CRLF, quoting, dialects) and the
// neutralisation of text that would run as a formula.
import { describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CSV_DIALECTS, csvDialectFor, neutraliseCell, toCsv, toCsvField } from '@/lib/csv';

const { comma, semicolon } = CSV_DIALECTS;

describe('neutralisation (OWASP CSV injection)', () => {
  test.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['\0cmd', `'\0cmd`],
    ['  =1+1', `'  =1+1`],
    ['\u00a0=1+1', `'\u00a0=1+1`],
    ['\u00a0 \u00a0@x', `'\u00a0 \u00a0@x`],
    ['＝1+1', `'＝1+1`],
    ['＋1', `'＋1`],
    ['－1', `'－1`],
    ['＠SUM(A1)', `'＠SUM(A1)`],
    ['  Vendas', '  Vendas'],
    ['Sales = good', 'Sales = good'],
    ['Vendas', 'Vendas'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(neutraliseCell(text)).toBe(expected);
  });

  test('numbers are never neutralised: a negative change stays a number', () => {
    expect(toCsvField(-5.2, comma)).toBe('-5.2');
    expect(toCsvField(-5.2, semicolon)).toBe('-5,2');
  });
});

describe('fields', () => {
  test.each([
    ['plain', 'plain', 'plain'],
    ['a,b', '"a,b"', '"a,b"'],
    ['a;b', '"a;b"', '"a;b"'],
    ['Acme;=1+1', '"Acme;=1+1"', '"Acme;=1+1"'],
    ['Acme,=1+1', '"Acme,=1+1"', '"Acme,=1+1"'],
    ['cr\ronly', '"cr\ronly"', '"cr\ronly"'],
    ['say "hi"', '"say ""hi"""', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"', '"two\nlines"'],
    ['=1,2', `"'=1,2"`, `"'=1,2"`],
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

describe('files', () => {
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

describe('both dialects read back', () => {
  const hostile = ['Acme;=1+1', 'Acme,=1+1', '  =HYPERLINK("x")', 'Cobrança "VIP"', 'two\nlines', '＝1', 'Vendas Outbound'];

  test.each([
    ['comma', comma],
    ['semicolon', semicolon],
  ])('%s: a spreadsheet parser gets every name back as text (neutralised) and every number as a number', (_name, dialect) => {
    const rows = [['Source', 'Change'], ...hostile.map((name, index) => [name, -12.67 + index])];
    const parsed = parse(toCsv(rows, dialect).slice(1), { delimiter: dialect.separator, record_delimiter: '\r\n' }) as string[][];
    expect(parsed).toHaveLength(rows.length);
    parsed.slice(1).forEach(([name, change], index) => {
      expect(name).toBe(neutraliseCell(hostile[index]!));
      expect(Number(change!.replace(',', '.'))).toBeCloseTo(-12.67 + index);
    });
  });

  test('a file written with one separator, opened with the other, never starts a cell with a formula', () => {
    for (const [written, opened] of [
      [comma, semicolon],
      [semicolon, comma],
    ] as const) {
      const rows = hostile.map((name) => [name, 1]);
      const cells = (
        parse(toCsv(rows, written).slice(1), { delimiter: opened.separator, relax_quotes: true, relax_column_count: true }) as string[][]
      ).flat();
      for (const cell of cells) expect(cell.trimStart()).not.toMatch(/^[=+\-@＝＋－＠]/);
    }
  });
});
