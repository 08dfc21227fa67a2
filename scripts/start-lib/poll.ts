/** Polls `attempt` until it returns a value (not undefined) or the time runs out; never a fixed sleep. */
export async function poll<T>(
  attempt: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; abort?: Promise<never> },
): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 500;
  while (Date.now() < deadline) {
    const result = await (options.abort ? Promise.race([attempt(), options.abort]) : attempt());
    if (result !== undefined) return result;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  return undefined;
}

/** GET a JSON document; undefined while the server is not answering (yet). */
export async function getJson(url: string, timeoutMs = 2000, token?: string): Promise<{ status: number; body: unknown } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text, it is still worth showing
    }
    return { status: response.status, body };
  } catch {
    return undefined;
  }
}
