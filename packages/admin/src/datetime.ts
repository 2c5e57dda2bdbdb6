/**
 * `<input type="datetime-local">` speaks local wall-clock time without an offset; the API speaks ISO-8601 instants.
 * These convert between the two in the browser's time zone (the editor's, which is the municipality's in practice).
 */

/** An ISO-8601 instant as the value of a datetime-local input (`YYYY-MM-DDTHH:mm`, local time); '' for none. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of a datetime-local input as an ISO-8601 instant; null when empty. */
export function fromLocalInput(value: string | undefined): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
