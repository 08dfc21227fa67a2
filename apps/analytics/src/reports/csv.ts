/** RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function toCsv(columns: string[], rows: Record<string, string>[]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [columns, ...rows.map((row) => columns.map((c) => row[c] ?? ''))].map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n';
}
