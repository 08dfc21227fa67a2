import { Counter, type Registry } from 'prom-client';

/** The counters of consumed records every service shows under one set of names and labels. */
export interface EventCounters {
  consumed: Counter<'topic' | 'outcome'>;
  failed: Counter<'topic' | 'reason_code'>;
  retried: Counter<'topic'>;
}

/**
 * Registers the event counters: the names and labels are the same in every service
 * (dashboards and deploy/monitoring's alerts read them all alike); the help says
 * what this consumer's outcomes and failures are.
 */
export function eventCounters(registers: Registry[], help: { consumed: string; failed: string }): EventCounters {
  return {
    consumed: new Counter({ name: 'serviceloop_events_consumed_total', help: help.consumed, labelNames: ['topic', 'outcome'], registers }),
    failed: new Counter({ name: 'serviceloop_events_failed_total', help: help.failed, labelNames: ['topic', 'reason_code'], registers }),
    retried: new Counter({
      name: 'serviceloop_events_retried_total',
      help: 'Retries after infrastructure faults (database or broker unreachable)',
      labelNames: ['topic'],
      registers,
    }),
  };
}
