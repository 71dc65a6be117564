import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, readCsvFile, writeCsvFile } from './csv-files.ts';
import { canonicalJson, Invalid, readDate, readFlag, readId, readInt, readJson, readNumber } from './values.ts';

describe('SSD dates', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024-03-01 00:00:00.000', '2024-03-01'], // SQL Server datetime, as the SSD keeps dates
    ['2024-03-01 14:05:09', '2024-03-01'],
    ['2024-03-01 14:05', '2024-03-01'],
    ['2024-03-01T14:05:09.123Z', '2024-03-01'],
    ['2024-03-01T00:00:00+01:00', '2024-03-01'],
    ['01/03/2024', '2024-03-01'], // day first, as DfE returns write dates
    ['1/3/2024', '2024-03-01'],
    ['01/03/2024 00:00:00', '2024-03-01'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %s as %s', (cell, iso) => {
    expect(readDate(cell)).toBe(iso);
  });

  it.each([
    ['2023-02-29', 'is not a real date: February 2023 has no day 29'],
    ['31/04/2024', 'is not a real date: April 2024 has no day 31'],
    ['2024-13-01', 'is not a real date: there is no month 13'],
    ['2024-02-30 00:00:00.000', 'is not a real date: February 2024 has no day 30'],
    ['2024-03-01 25:00:00', 'has an impossible time of day'],
    ['03/01/24', 'is not a date (accepted: YYYY-MM-DD, DD/MM/YYYY or YYYY-MM-DD HH:MM:SS)'],
    ['1 March 2024', 'is not a date (accepted: YYYY-MM-DD, DD/MM/YYYY or YYYY-MM-DD HH:MM:SS)'],
    ['2024/03/01', 'is not a date (accepted: YYYY-MM-DD, DD/MM/YYYY or YYYY-MM-DD HH:MM:SS)'],
  ])('refuses %s: %s', (cell, reason) => {
    expect(readDate(cell)).toEqual(new Invalid(reason));
  });
});

describe('SSD values', () => {
  it('reads flags as the SSD and spreadsheets write them', () => {
    for (const yes of ['Y', 'y', 'Yes', 'TRUE', '1']) expect(readFlag(yes)).toBe(true);
    for (const no of ['N', 'no', 'False', '0']) expect(readFlag(no)).toBe(false);
    expect(readFlag('maybe')).toBeInstanceOf(Invalid);
  });

  it('keeps Tiller ids to 36 characters of letters, digits, _ and -', () => {
    expect(readId('4391903')).toBe('4391903');
    expect(readId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(readId('x'.repeat(37))).toEqual(new Invalid('is 37 characters long; Tiller keeps ids of at most 36'));
    expect(readId('12 34')).toEqual(new Invalid('has characters Tiller does not allow in an id (only A–Z, a–z, 0–9, _ and -)'));
  });

  it('reads numbers and JSON, and says why not', () => {
    expect(readInt('14')).toBe(14);
    expect(readInt('14.0')).toBe(14);
    expect(readInt('41', { max: 40 })).toEqual(new Invalid('is above 40'));
    expect(readInt('1.5')).toBeInstanceOf(Invalid);
    expect(readNumber('0.80')).toBe(0.8);
    expect(readJson('{"NFA_FLAG":"Y"}', 'object')).toEqual({ NFA_FLAG: 'Y' });
    expect(readJson('["1A"]', 'object')).toEqual(new Invalid('is JSON but not an object'));
    expect(readJson('{"NFA_FLAG":"Y"', 'object')).toEqual(new Invalid('is not valid JSON (cut short?)'));
  });

  it('writes JSON with keys in one order, at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });
});

describe('SSD CSV files', () => {
  const records = (text: string) => {
    const out: Array<[number, string[]]> = [];
    const problem = parseCsv(text, (cells, line) => out.push([line, cells]));
    return { out, problem };
  };

  it('reads quoted values with commas, doubled quotes and line breaks, and counts lines as an editor does', () => {
    const { out, problem } = records('a,b,c\r\n1,"x, ""y""",3\r\n\r\n"two\nlines",5,\n7,8,9');
    expect(problem).toBeNull();
    expect(out).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', 'x, "y"', '3']],
      [4, ['two\nlines', '5', '']],
      [6, ['7', '8', '9']],
    ]);
  });

  it('finds a file cut short inside a quoted value', () => {
    const { out, problem } = records('a,b\n1,2\n3,"{""NFA_FLAG"":');
    expect(out).toHaveLength(2);
    expect(problem).toEqual({ line: 3, reason: 'opens a quoted value that is never closed: the file looks cut short' });
  });

  it('refuses text after a closing quote', () => {
    expect(records('a,b\n"x"y,2\n').problem).toEqual({ line: 2, reason: 'has text after a closing quote: a quote inside a quoted value must be doubled ("")' });
  });

  it('reports a line with too few or too many values, and reads a BOM and CRLF', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-ssd-csv-'));
    const file = path.join(dir, 'ssd_family.csv');
    fs.writeFileSync(file, '\ufeffFAMI_TABLE_ID,fami_family_id,fami_person_id\r\nFAM1,F1,P1\r\nFAM2,F2\r\nFAM3,F3,P3,extra\r\n');
    const seen: Array<[number, string[]]> = [];
    let header: string[] = [];
    const problems = readCsvFile(file, { onHeader: (h) => (header = h), onRecord: (cells, line) => seen.push([line, cells]) });
    expect(header).toEqual(['fami_table_id', 'fami_family_id', 'fami_person_id']);
    expect(seen).toEqual([[2, ['FAM1', 'F1', 'P1']]]);
    expect(problems).toEqual([
      { line: 3, reason: 'has 2 values where the header has 3 (a broken or cut-short line)' },
      { line: 4, reason: 'has 4 values where the header has 3 (a broken or cut-short line)' },
    ]);
    fs.writeFileSync(file, Buffer.from([0x61, 0x2c, 0xff, 0x0a]));
    expect(readCsvFile(file, { onHeader: () => {}, onRecord: () => {} })).toEqual([{ line: 1, reason: 'is not UTF-8 text: save it as CSV UTF-8' }]);
    fs.rmSync(dir, { recursive: true });
  });

  it('writes what it reads', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-ssd-csv-'));
    const file = path.join(dir, 'x.csv');
    const rows = [['1', 'a "quoted" word', 'two\nlines'], ['2', 'comma, here', '']];
    writeCsvFile(file, ['id', 'b', 'c'], rows);
    const back: string[][] = [];
    readCsvFile(file, { onHeader: () => {}, onRecord: (cells) => back.push(cells) });
    expect(back).toEqual(rows);
    fs.rmSync(dir, { recursive: true });
  });
});
