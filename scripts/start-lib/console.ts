/** Output of the start script: its own steps, and each child's lines under the child's name. */
const COLOURS = [36, 33, 35, 32, 34, 91, 96];
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;

function paint(code: number, text: string): string {
  return useColour ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export function step(message: string): void {
  process.stdout.write(`${paint(1, '▶')} ${message}\n`);
}

export function info(message: string): void {
  process.stdout.write(`  ${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`${paint(33, 'warning:')} ${message}\n`);
}

export function fail(message: string): void {
  process.stderr.write(`${paint(31, 'error:')} ${message}\n`);
}

/**
 * A fixed-width, coloured `[name]` prefix, so interleaved logs stay readable. The
 * services' pretty logs already start with `[name] `; that copy is dropped.
 */
export function prefixer(name: string, index: number, width: number): (line: string) => string {
  const label = paint(COLOURS[index % COLOURS.length], `[${name.padEnd(width)}]`);
  const own = `[${name}] `;
  return (line) => `${label} ${line.startsWith(own) ? line.slice(own.length) : line}`;
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column])).join('   ')}`.trimEnd()).join('\n');
}
