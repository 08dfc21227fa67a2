/** Text in code-point order, as the database's C collation sorts it. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
