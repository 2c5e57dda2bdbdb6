import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV', () => {
  it('defuses spreadsheet formulas', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(csvCell(evil).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
  });

  it('quotes commas, quotes and line breaks and leaves plain text alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Fjordvik kommune')).toBe('Fjordvik kommune');
    expect(csvCell(null)).toBe('');
  });

  it('writes a header and CRLF-terminated rows', () => {
    expect(toCsv(['month', 'answered'], [['2026-03', 12]])).toBe('month,answered\r\n2026-03,12\r\n');
  });
});
