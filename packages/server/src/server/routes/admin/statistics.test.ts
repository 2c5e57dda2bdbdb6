import { describe, expect, it } from 'vitest';
import { dailySeries, outsideOpeningHoursShare } from './statistics.ts';
import { isWithinOpeningHours } from '../../../dialogue/handover.hours.ts';

const HOURS = {
  mon: '08:00-15:30',
  tue: '08:00-15:30',
  wed: '08:00-15:30',
  thu: '08:00-18:00',
  fri: '08:00-15:00',
  sat: null,
  sun: null,
};

describe('statistics', () => {
  it('judges opening hours in local time, summer time included', () => {
    // Monday 2 March 2026 07:00 UTC is 08:00 in Oslo (CET); 6 July 2026 06:00 UTC is 08:00 (CEST).
    expect(isWithinOpeningHours(new Date('2026-03-02T07:00:00Z'), HOURS, 'Europe/Oslo')).toBe(true);
    expect(isWithinOpeningHours(new Date('2026-03-02T06:00:00Z'), HOURS, 'Europe/Oslo')).toBe(false);
    expect(isWithinOpeningHours(new Date('2026-07-06T06:00:00Z'), HOURS, 'Europe/Oslo')).toBe(true);
    expect(isWithinOpeningHours(new Date('2026-03-02T14:30:00Z'), HOURS, 'Europe/Oslo')).toBe(false); // 15:30 closes
    expect(isWithinOpeningHours(new Date('2026-03-07T10:00:00Z'), HOURS, 'Europe/Oslo')).toBe(false); // Saturday
  });

  it('computes the share outside opening hours, or null without data', () => {
    const perHour = [
      { key: '2026-03-02T09:00:00Z', count: 3 },
      { key: '2026-03-02T20:00:00Z', count: 1 },
    ];
    expect(outsideOpeningHoursShare(perHour, HOURS, 'Europe/Oslo')).toBe(0.25);
    expect(outsideOpeningHoursShare([], HOURS, 'Europe/Oslo')).toBeNull();
  });

  it('fills every day of the period', () => {
    expect(
      dailySeries('2026-02-27', '2026-03-02', [{ key: '2026-02-28', count: 4 }], [{ key: '2026-03-02', count: 1 }]),
    ).toEqual([
      { day: '2026-02-27', messages: 0, conversations: 0 },
      { day: '2026-02-28', messages: 4, conversations: 0 },
      { day: '2026-03-01', messages: 0, conversations: 0 },
      { day: '2026-03-02', messages: 0, conversations: 1 },
    ]);
  });
});
