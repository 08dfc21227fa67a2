/**
 * Tells infrastructure faults (worth retrying without limit) from permanent ones.
 * PostgreSQL SQLSTATE classes: 08 connection, 53 resources, 57 operator
 * intervention (shutdown), 40001/40P01 serialization and deadlock.
 */
const TRANSIENT_SQLSTATE_PREFIXES = ['08', '53', '57', '58'];
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '55P03']);
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND',
]);
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection (is )?(closed|ended|not open)/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /query read timeout/i,
  /the database system is (starting up|shutting down)/i,
];

export function isTransientInfrastructureError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; retriable?: unknown; name?: unknown; driverError?: unknown; cause?: unknown };
    if (e.retriable === true) return true; // kafkajs marks its own retriable errors
    if (typeof e.name === 'string' && /^Kafka(JS)?/.test(e.name) && e.name !== 'KafkaJSNonRetriableError') return true;
    if (typeof e.code === 'string') {
      if (TRANSIENT_NODE_CODES.has(e.code) || TRANSIENT_SQLSTATES.has(e.code)) return true;
      if (/^[0-9A-Z]{5}$/.test(e.code) && TRANSIENT_SQLSTATE_PREFIXES.some((p) => (e.code as string).startsWith(p))) return true;
    }
    if (typeof e.message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(e.message as string))) return true;
    current = e.driverError ?? e.cause;
  }
  return false;
}
