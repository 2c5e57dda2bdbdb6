import { describe, expect, it } from 'vitest';
import { isOpen, localTime } from './handover.hours.ts';

const hours = {
  mon: '08:00-15:30',
  tue: '08:00-15:30',
  wed: '08:00-15:30',
  thu: '08:00-18:00',
  fri: '08:00-15:00',
  sat: null,
  sun: '10:00-24:00',
};

describe('opening hours', () => {
  it('reads local time in each country, summer and winter', () => {
    // 2026-01-05 is a Monday; UTC+1 in winter, UTC+2 in summer
    expect(localTime(new Date('2026-01-05T07:30:00Z'), 'Europe/Oslo')).toEqual({ day: 'mon', minutes: 8 * 60 + 30 });
    expect(localTime(new Date('2026-07-06T07:30:00Z'), 'Europe/Stockholm')).toEqual({
      day: 'mon',
      minutes: 9 * 60 + 30,
    });
    expect(localTime(new Date('2026-01-04T23:30:00Z'), 'Europe/Copenhagen')).toEqual({ day: 'mon', minutes: 30 });
  });

  it('is open from the first minute up to, not including, the closing minute', () => {
    expect(isOpen(hours, 'no', new Date('2026-01-05T06:59:00Z'))).toBe(false);
    expect(isOpen(hours, 'no', new Date('2026-01-05T07:00:00Z'))).toBe(true);
    expect(isOpen(hours, 'no', new Date('2026-01-05T14:29:00Z'))).toBe(true);
    expect(isOpen(hours, 'no', new Date('2026-01-05T14:30:00Z'))).toBe(false);
  });

  it('is closed on a day without hours and open until midnight with 24:00', () => {
    expect(isOpen(hours, 'dk', new Date('2026-01-10T11:00:00Z'))).toBe(false);
    expect(isOpen(hours, 'se', new Date('2026-01-11T22:59:00Z'))).toBe(true);
  });
});
