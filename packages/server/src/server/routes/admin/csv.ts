/**
 * One CSV cell. Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return, which some of them
 * strip first) as a formula, so such a cell gets a leading apostrophe (OWASP's advice); cells with a quote, comma
 * or line break are quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV document: a header row, then the rows, CRLF-separated as RFC 4180 asks. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
