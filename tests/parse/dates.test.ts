// Dutch dates in progress texts.
import { describe, expect, it } from 'vitest';
import { findDates, parseDutchDate } from '../../pipeline/parse/dates.js';

describe('findDates', () => {
  it('finds full dates in order, once each', () => {
    expect(findDates('Op 21 juni 2021 en op 1 juli 2021; later weer op 21 juni 2021.')).toEqual(['2021-06-21', '2021-07-01']);
  });
  it('gives the year to a day that shares it ("15 februari en 22 februari 2022", "15 en 22 februari 2022")', () => {
    expect(findDates('op 15 februari en 22 februari 2022')).toEqual(['2022-02-15', '2022-02-22']);
    expect(findDates('op 15 en 22 februari 2022')).toEqual(['2022-02-15', '2022-02-22']);
    expect(findDates('van 30 november tot 2 december 2021')).toEqual(['2021-11-30', '2021-12-02']);
  });
  it('skips dates without a year and impossible dates', () => {
    expect(findDates('op 29 april, in maart 2021, in het voorjaar van 2021, op 31 februari 2022')).toEqual([]);
  });
  it('reads month names in any case', () => {
    expect(findDates('Op 3 November 2023')).toEqual(['2023-11-03']);
  });
});

describe('parseDutchDate', () => {
  it('parses exactly one date', () => {
    expect(parseDutchDate('21 februari 2022')).toBe('2022-02-21');
    expect(parseDutchDate('6 december 2021')).toBe('2021-12-06');
    expect(parseDutchDate('december 2021')).toBeNull();
    expect(parseDutchDate('29 februari 2021')).toBeNull();
  });
});

describe('dates that span a year end or sit next to other numbers', () => {
  it('gives the first day the year before when its month is later', () => {
    expect(findDates('van 30 december en 2 januari 2022')).toEqual(['2021-12-30', '2022-01-02']);
  });
  it('does not read "artikel 3 - 15 maart 2022" as 3 maart', () => {
    expect(findDates('artikel 3 - 15 maart 2022')).toEqual(['2022-03-15']);
  });
});
