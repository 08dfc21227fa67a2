export interface MessagingOptions {
  /** Logical topics this service consumes (the topic prefix is added for the broker). */
  consumes: string[];
  /** Logical topics this service writes through its outbox. */
  produces: string[];
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const KAFKA = Symbol('KAFKA');

export interface FaultInjection {
  /** Kill the process with SIGKILL right after the Nth event's database commit, before its offset commit. */
  crashAfterDbCommit?: number;
}

export function faultInjectionFromEnv(env: Record<string, string | undefined> = process.env): FaultInjection {
  const raw = env.SERVICELOOP_FAULT_CRASH_AFTER_COMMIT;
  return raw && /^\d+$/.test(raw) ? { crashAfterDbCommit: Number(raw) } : {};
}
