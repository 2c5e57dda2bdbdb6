import { WEEKDAYS, type Country, type MunicipalitySettings, type Weekday } from '@kommunechat/protocol';

/** The municipality's local time zone: opening hours are written in local time. */
export const TIME_ZONE: Readonly<Record<Country, string>> = {
  no: 'Europe/Oslo',
  dk: 'Europe/Copenhagen',
  se: 'Europe/Stockholm',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Weekday and minutes since local midnight of a moment in a time zone (daylight saving included). */
export function localTime(at: Date, timeZone: string): { day: Weekday; minutes: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const day = WEEKDAYS.find((d) => d === String(parts.weekday).slice(0, 3).toLowerCase());
  if (!day) throw new Error(`unexpected weekday ${String(parts.weekday)}`);
  return { day, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Whether a moment falls within the opening hours: the weekday's "HH:MM-HH:MM" in local time of `timeZone`. */
export function isWithinOpeningHours(
  at: Date,
  hours: MunicipalitySettings['contact']['openingHours'],
  timeZone: string,
): boolean {
  const { day, minutes } = localTime(at, timeZone);
  const span = hours[day];
  if (!span) return false;
  const [from, to] = span.split('-') as [string, string];
  return minutes >= toMinutes(from) && minutes < toMinutes(to);
}

/** Whether the municipality's service is open at `at`, in the country's time zone. */
export function isOpen(hours: MunicipalitySettings['contact']['openingHours'], country: Country, at: Date): boolean {
  return isWithinOpeningHours(at, hours, TIME_ZONE[country]);
}
