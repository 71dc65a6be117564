// The CSV form: the DfE header sets, dd/mm/yyyy dates, and reading back by column set (any order).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { inferYear } from './commands.ts';
import { returnToCsvFiles, tablesFromCsv, tableToCsv } from './csv.ts';
import { validReturn } from './fixture.test-support.ts';
import { row } from './model.ts';

describe('writing', () => {
  it('writes the DfE columns in order, dates as dd/mm/yyyy, blanks empty, and quotes what needs it', () => {
    const csv = tableToCsv('header', [row('header', { CHILD: 'A,1', SEX: 'F', DOB: '2015-06-01', ETHNIC: 'WBRI', UPN: 'UN3', MOTHER: '0' })]);
    expect(csv).toBe('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"A,1",F,01/06/2015,WBRI,UN3,0,\r\n');
  });

  it('writes one file per table, eleven in all', () => {
    expect(returnToCsvFiles(validReturn()).map((f) => f.name)).toEqual([
      'header.csv', 'episodes.csv', 'reviews.csv', 'uasc.csv', 'oc2.csv', 'oc3.csv', 'ad1.csv', 'placed_for_adoption.csv', 'previous_permanence.csv', 'missing.csv', 'sw_episodes.csv',
    ]);
  });
});

describe('reading', () => {
  it('reads back what was written', () => {
    const ret = validReturn();
    expect(tablesFromCsv(returnToCsvFiles(ret))).toEqual(ret.tables);
  });

  it('knows a table by its columns in any order, upper-cases values and keeps a date that is not one as written', () => {
    const t = tablesFromCsv([{ name: 'x.csv', content: 'DOB,CHILD,REVIEW_CODE,REVIEW\n01/02/2015,a1,pn1,31/02/2025\n' }]);
    expect(t.reviews).toEqual([{ CHILD: 'A1', DOB: '2015-02-01', REVIEW: '31/02/2025', REVIEW_CODE: 'PN1' }]);
  });

  it('refuses a file whose columns are no table’s, a table given twice, and a short row', () => {
    expect(() => tablesFromCsv([{ name: 'odd.csv', content: 'CHILD,WHATEVER\n1,2\n' }])).toThrow(AppError);
    const h = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n';
    expect(() => tablesFromCsv([{ name: 'a.csv', content: h }, { name: 'b.csv', content: h }])).toThrow(/both the header table/);
    expect(() => tablesFromCsv([{ name: 'a.csv', content: `${h}1,M\n` }])).toThrow(/a.csv line 2/);
  });
});

describe('the collection year of a return read from files', () => {
  it('is the year whose 31 March follows the latest episode date', () => {
    expect(inferYear(validReturn())).toBe(2026);
    const t = validReturn().tables;
    t.episodes[1]!.DEC = '2026-04-01';
    expect(inferYear({ tables: t })).toBe(2027);
    expect(() => inferYear({ tables: { ...t, episodes: [] } })).toThrow(/--year/);
  });
});
