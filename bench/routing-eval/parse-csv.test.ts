import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from './parse-csv.js';

describe('parseCsv', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'subject,prompt,ok\r\nalgebra,"Find x, if:\nA. 1\nB. ""two""\nAnswer:",True\nlaw,plain,False\n';
    expect(parseCsv(text)).toEqual([
      ['subject', 'prompt', 'ok'],
      ['algebra', 'Find x, if:\nA. 1\nB. "two"\nAnswer:', 'True'],
      ['law', 'plain', 'False'],
    ]);
  });

  it('handles empty fields, a byte-order mark, a missing final newline and CRLF inside quotes', () => {
    expect(parseCsv('\uFEFFa,,c\n"x\r\ny",""')).toEqual([
      ['a', '', 'c'],
      ['x\r\ny', ''],
    ]);
  });

  it('reports an unterminated quoted field with its line', () => {
    expect(() => parseCsv('a,b\n1,"never\nclosed')).toThrow(/starting on line 2 is never closed/);
  });
});

describe('parseCsvRecords', () => {
  it('maps records onto the header and checks their width', () => {
    expect(parseCsvRecords('prompt,gpt\n"multi\nline",True\n')).toEqual([{ prompt: 'multi\nline', gpt: 'True' }]);
    expect(() => parseCsvRecords('a,b\n1,2,3\n')).toThrow(/record 1 has 3 fields, the header has 2/);
  });
});
