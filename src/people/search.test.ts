import { describe, expect, it } from 'vitest';
import { dobScore, normaliseName, rankMatches, type PersonCandidate } from './search.ts';

const people: PersonCandidate[] = [
  { id: 'P1', forename: 'William', surname: 'Thompson', preferred_name: null, dob: '2015-03-07' },
  { id: 'P2', forename: 'Katherine', surname: "O'Brien", preferred_name: 'Kate', dob: '2012-11-20' },
  { id: 'P3', forename: 'Mohammed', surname: 'Hussain', preferred_name: null, dob: '2019-01-02' },
  { id: 'P4', forename: 'Wilma', surname: 'Johnson', preferred_name: null, dob: '2015-07-03' },
  { id: 'P5', forename: 'Zoë', surname: 'Stephenson', preferred_name: null, dob: '2010-05-05' },
];
const ids = (q: Parameters<typeof rankMatches>[1]) => rankMatches(people, q).map((m) => m.id);

describe('forgiving person search', () => {
  it('normalises accents and punctuation', () => {
    expect(normaliseName("O'Brien")).toBe('obrien');
    expect(normaliseName('Zoë')).toBe('zoe');
  });
  it('finds an exact name first', () => {
    expect(ids({ name: 'William Thompson' })[0]).toBe('P1');
  });
  it('finds nicknames', () => {
    expect(ids({ name: 'Bill Thompson' })).toEqual(['P1']);
    expect(ids({ name: 'Katie Obrien' })).toEqual(['P2']);
    expect(ids({ name: 'Mo Hussain' })).toEqual(['P3']);
  });
  it('finds typos and sound-alikes', () => {
    expect(ids({ name: 'Wiliam Tompson' })).toEqual(['P1']);
    expect(ids({ name: 'Mohamed Husain' })).toEqual(['P3']);
    expect(ids({ name: 'Zoe Stevenson' })).toEqual(['P5']);
  });
  it('finds date-of-birth slips: day and month swapped, a year out, one digit wrong', () => {
    expect(dobScore('2015-07-03', '2015-03-07').score).toBeGreaterThan(0);
    expect(dobScore('2014-03-07', '2015-03-07').score).toBeGreaterThan(0);
    expect(dobScore('2015-03-08', '2015-03-07').score).toBeGreaterThan(0);
    expect(dobScore('2011-09-09', '2015-03-07').score).toBe(0);
    // Searching by date alone: P1 exactly, and P4 whose date is P1's with day and month swapped.
    expect(ids({ dob: '2015-03-07' })).toEqual(['P1', 'P4']);
  });
  it('ranks a name with the right date above the same name with a wrong one', () => {
    const r = rankMatches(people, { name: 'Will Thompson', dob: '2015-03-07' });
    expect(r[0]).toMatchObject({ id: 'P1' });
    expect(r[0]!.reasons).toContain('“will” may be short for “william”');
  });
  it('does not match unrelated names', () => {
    expect(ids({ name: 'Xavier Quinton' })).toEqual([]);
  });
});
