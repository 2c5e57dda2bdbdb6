import type { MunicipalitySettings, StatsResponse } from '@kommunechat/protocol';
import type { CountRow } from '../../../store/statistics.repository.ts';
import { isWithinOpeningHours } from '../../../dialogue/handover.hours.ts';

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
