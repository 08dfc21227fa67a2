/**
 * Polls until `check` stops throwing (or returns a truthy value), within a bound.
 * Asynchronous outcomes are awaited this way, never with a fixed sleep.
 */
type Falsy = false | null | undefined;

export async function eventually<T>(
  check: () => Promise<T | Falsy> | T | Falsy,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false && result !== undefined && result !== null) return result as T;
      lastError = new Error(`condition returned ${String(result)}`);
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const message = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${options.what ?? 'condition'}: ${message}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
