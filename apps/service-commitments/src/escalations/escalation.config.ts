import { ConfigError } from '#platform';
import { ESCALATION_CHAIN, type EscalationLevel } from '../sla/domain/escalation.js';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './domain/escalation-routing.js';

/** Escalation settings, read from the environment once at boot. */
export interface EscalationConfig {
  /** How often the SLA monitor runs in the background; 0 turns the background run off. */
  evaluationIntervalMs: number;
  /** Who is told at each level. The owner level goes to the task's owner when it has one, else to the service desk. */
  recipients: { serviceDesk: string; serviceManager: string; headOfService: string };
  /** How each level is notified. */
  channels: Readonly<Record<EscalationLevel, NotificationChannel>>;
  /** Where 'webhook' notifications are POSTed. */
  webhookUrl: string | null;
  /** Late tasks the overdue sweep reads per query (500 unless set). */
  overdueBatchSize?: number;
}

export const ESCALATION_CONFIG = Symbol('ESCALATION_CONFIG');

export const DEFAULT_EVALUATION_INTERVAL_MS = 60_000;

type Env = Record<string, string | undefined>;

export function loadEscalationConfig(env: Env = process.env): EscalationConfig {
  const channels = parseChannels(env.ESCALATION_CHANNEL);
  const webhookUrl = parseWebhookUrl(env.ESCALATION_WEBHOOK_URL);
  if (!webhookUrl && Object.values(channels).includes('webhook')) {
    throw new ConfigError('ESCALATION_WEBHOOK_URL', 'is required when ESCALATION_CHANNEL uses webhook');
  }
  return {
    evaluationIntervalMs: parseInterval(env.SLA_EVALUATION_INTERVAL_MS),
    recipients: {
      serviceDesk: recipient(env, 'ESCALATION_OWNER_RECIPIENT', 'service-desk@serviceloop.local'),
      serviceManager: recipient(env, 'ESCALATION_SERVICE_MANAGER', 'service-manager@serviceloop.local'),
      headOfService: recipient(env, 'ESCALATION_HEAD_OF_SERVICE', 'head-of-service@serviceloop.local'),
    },
    channels,
    webhookUrl,
  };
}

function parseInterval(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_EVALUATION_INTERVAL_MS;
  if (!/^\d+$/.test(raw)) throw new ConfigError('SLA_EVALUATION_INTERVAL_MS', `must be a whole number of milliseconds (0 = off), got "${raw}"`);
  const value = Number(raw);
  if (value !== 0 && value < 1_000) throw new ConfigError('SLA_EVALUATION_INTERVAL_MS', `must be 0 (off) or at least 1000, got ${value}`);
  return value;
}

function recipient(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (raw.length > 320 || /\s/.test(raw)) throw new ConfigError(name, `must be one address or user id without spaces, got "${raw}"`);
  return raw;
}

/**
 * One channel for every level ("webhook"), or a channel per level
 * ("owner=record,service_manager=email,head_of_service=webhook"; levels not named stay 'record').
 */
function parseChannels(raw: string | undefined): Record<EscalationLevel, NotificationChannel> {
  const channels: Record<EscalationLevel, NotificationChannel> = { owner: 'record', service_manager: 'record', head_of_service: 'record' };
  const value = raw?.trim() ?? '';
  if (value === '') return channels;
  const expected = `one of ${NOTIFICATION_CHANNELS.join(', ')}, or level=channel pairs for ${ESCALATION_CHAIN.join(', ')}`;
  if (!value.includes('=')) {
    if (!isChannel(value)) throw new ConfigError('ESCALATION_CHANNEL', `must be ${expected}, got "${raw}"`);
    return { owner: value, service_manager: value, head_of_service: value };
  }
  for (const pair of value.split(',')) {
    const [level, channel] = pair.split('=').map((s) => s.trim());
    if (!(ESCALATION_CHAIN as readonly string[]).includes(level) || !isChannel(channel)) {
      throw new ConfigError('ESCALATION_CHANNEL', `must be ${expected}, got "${pair}" in "${raw}"`);
    }
    channels[level as EscalationLevel] = channel;
  }
  return channels;
}

function isChannel(value: string | undefined): value is NotificationChannel {
  return (NOTIFICATION_CHANNELS as readonly string[]).includes(value ?? '');
}

function parseWebhookUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  try {
    const url = new URL(raw.trim());
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
  } catch {
    // reported below
  }
  throw new ConfigError('ESCALATION_WEBHOOK_URL', `must be an http(s) URL, got "${raw}"`);
}
