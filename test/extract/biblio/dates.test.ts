import { describe, expect, it } from 'vitest';
import { parseDate, precisionOf } from '../../../src/extract/biblio/index.js';

describe('parseDate: ISO 8601 at the precision given', () => {
  it.each([
    ['2019', '2019'],
    ['2019-03', '2019-03'],
    ['2019-03-12', '2019-03-12'],
    ['2019/03/12', '2019-03-12'],
    ['20190312', '2019-03-12'],
    ['2019-03-12T10:00:00+01:00', '2019-03-12T10:00:00+01:00'],
    ['2019-03-12T10:00:00+0100', '2019-03-12T10:00:00+01:00'],
    ['2019-03-12T10:00Z', '2019-03-12T10:00:00Z'],
    ['2019-03-12 10:00:00', '2019-03-12T10:00:00'],
    ['2019-03-12T10:00:00.123-05:00', '2019-03-12T10:00:00.123-05:00'],
    ['  2021-06-01T08:30:00 GMT ', '2021-06-01T08:30:00Z'],
  ])('%s -> %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('reads RFC 2822 with its offset', () => {
    expect(parseDate('Tue, 12 Mar 2019 10:00:00 +0100')).toBe('2019-03-12T10:00:00+01:00');
    expect(parseDate('Wed, 01 Jan 2020 00:00:00 GMT')).toBe('2020-01-01T00:00:00Z');
  });

  it('reads French, English and German month names', () => {
    expect(parseDate('12 mars 2021')).toBe('2021-03-12');
    expect(parseDate('1er février 2020')).toBe('2020-02-01');
    expect(parseDate('Publié le 3 août 2018')).toBe('2018-08-03');
    expect(parseDate('mardi 12 mars 2021 à 10h30')).toBe('2021-03-12T10:30:00');
    expect(parseDate('mars 2021')).toBe('2021-03');
    expect(parseDate('Décembre 2019')).toBe('2019-12');
    expect(parseDate('March 2019')).toBe('2019-03');
    expect(parseDate('March 12, 2019')).toBe('2019-03-12');
    expect(parseDate('Sept. 5, 2017')).toBe('2017-09-05');
    expect(parseDate('12. März 2021')).toBe('2021-03-12');
  });

  it('reads day-first numeric dates only when the order can be told', () => {
    expect(parseDate('12.03.2021')).toBe('2021-03-12');
    expect(parseDate('25/12/2020')).toBe('2020-12-25');
    expect(parseDate('12/25/2020')).toBe('2020-12-25');
    expect(parseDate('03/04/2021')).toBeNull();
  });

  it('never invents: impossible, relative, partial or wordy strings are null', () => {
    for (const bad of [
      '2019-02-30',
      '2019-13',
      '31 avril 2020',
      '3 days ago',
      'hier',
      'yesterday',
      'March',
      '12 mars',
      '2019-03-12T25:00',
      '2019-03-12T10:00+15:00',
      'Updated 2019 by the team',
      '0000',
      '',
      '   ',
      'x'.repeat(500),
      'Smarch 12, 2019',
    ]) {
      expect(parseDate(bad), bad).toBeNull();
    }
    expect(parseDate(undefined)).toBeNull();
    expect(parseDate(null)).toBeNull();
  });

  it('tells the precision of what it returns', () => {
    expect(precisionOf('2019')).toBe(1);
    expect(precisionOf('2019-03')).toBe(2);
    expect(precisionOf('2019-03-12T10:00:00Z')).toBe(3);
  });
});
