// The CSV writer: the exact bytes a spreadsheet gets (BOM, CRLF, quoting, dialects) and the
// neutralisation of text that would run as a formula.
import { describe, expect, test } from 'vitest';
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
    ['a,b', '"a,b"', 'a,b'],
    ['a;b', 'a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"', '"two\nlines"'],
    ['=1,2', `"'=1,2"`, `'=1,2`],
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
