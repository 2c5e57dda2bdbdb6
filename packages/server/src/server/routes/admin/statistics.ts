import {
  WEEKDAYS,
  type Country,
  type MunicipalitySettings,
  type StatsResponse,
  type Weekday,
} from '@kommunechat/protocol';
import type { CountRow } from '../../../store/statistics.repository.ts';

/** Opening hours and statistics days are local time; each country has one time zone. */
export const TIME_ZONES: Record<Country, string> = {
  no: 'Europe/Oslo',
  dk: 'Europe/Copenhagen',
  se: 'Europe/Stockholm',
};

const SUNDAY_FIRST: Weekday[] = ['sun', ...WEEKDAYS.slice(0, 6)];

/** Whether a moment falls within the opening hours (local time of `timeZone`). */
export function isWithinOpeningHours(
  at: Date,
  hours: MunicipalitySettings['contact']['openingHours'],
  timeZone: string,
): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const day = SUNDAY_FIRST[
    ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday as string)
  ] as Weekday;
  const span = hours[day];
  if (!span) return false;
  const [open, close] = span.split('-') as [string, string];
  const now = `${parts.hour}:${parts.minute}`;
  return now >= open && now < close;
}

/** The share of messages (hourly buckets, judged by the start of the hour) outside opening hours; null without data. */
export function outsideOpeningHoursShare(
  perHour: readonly CountRow[],
  hours: MunicipalitySettings['contact']['openingHours'],
  timeZone: string,
): number | null {
  const total = perHour.reduce((n, r) => n + r.count, 0);
  if (total === 0) return null;
  const outside = perHour
    .filter((r) => !isWithinOpeningHours(new Date(r.key), hours, timeZone))
    .reduce((n, r) => n + r.count, 0);
  return outside / total;
}

/** Every local day of the period with its message and conversation counts (days without any included). */
export function dailySeries(
  from: string,
  to: string,
  messages: readonly CountRow[],
  conversations: readonly CountRow[],
): StatsResponse['days'] {
  const m = new Map(messages.map((r) => [r.key, r.count]));
  const c = new Map(conversations.map((r) => [r.key, r.count]));
  const days: StatsResponse['days'] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d = new Date(d.getTime() + 86_400_000)
  ) {
    const day = d.toISOString().slice(0, 10);
    days.push({ day, messages: m.get(day) ?? 0, conversations: c.get(day) ?? 0 });
  }
  return days;
}
