/**
 * Who hears of an escalation, how, and what they read. Pure: the channel set-up
 * comes from configuration, the words from the escalation itself.
 */
import type { EscalationLevel } from '../../sla/domain/escalation.js';

export const NOTIFICATION_CHANNELS = ['record', 'email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'recorded'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** A webhook that still fails after this many attempts is left failed for someone to look at. */
export const MAX_DELIVERY_ATTEMPTS = 5;

export const NO_SMTP_RELAY = 'no SMTP relay configured';

export interface RoutingSetup {
  recipients: { serviceDesk: string; serviceManager: string; headOfService: string };
  channels: Readonly<Record<EscalationLevel, NotificationChannel>>;
  webhookUrl: string | null;
}

export interface Route {
  recipient: string;
  channel: NotificationChannel;
  /** The address the channel delivers to: the recipient, or the webhook URL. */
  destination: string;
}

/** The owner of the work is warned first (the service desk when nobody owns it), then the managers. */
export function routeEscalation(level: EscalationLevel, owner: string | null, setup: RoutingSetup): Route {
  const recipient =
    level === 'owner' ? (owner?.trim() || setup.recipients.serviceDesk) : level === 'service_manager' ? setup.recipients.serviceManager : setup.recipients.headOfService;
  const channel = setup.channels[level];
  if (channel === 'webhook' && !setup.webhookUrl) throw new Error('webhook channel without a webhook URL');
  return { recipient, channel, destination: channel === 'webhook' ? setup.webhookUrl! : recipient };
}

/** How a new notification starts: a record is complete at once, an e-mail waits for a relay this service does not have. */
export function initialDelivery(channel: NotificationChannel): { status: NotificationStatus; lastError: string | null } {
  switch (channel) {
    case 'record':
      return { status: 'recorded', lastError: null };
    case 'email':
      return { status: 'pending', lastError: NO_SMTP_RELAY };
    case 'webhook':
      return { status: 'pending', lastError: null };
  }
}

/** Webhooks not yet delivered are tried again on the next evaluation, up to the cap. */
export function isDeliverable(notification: { channel: NotificationChannel; status: NotificationStatus; attempts: number }): boolean {
  return notification.channel === 'webhook' && (notification.status === 'pending' || notification.status === 'failed') && notification.attempts < MAX_DELIVERY_ATTEMPTS;
}

export interface EscalationFacts {
  level: EscalationLevel;
  target: string;
  trigger: string;
  reason: string;
  customerId: string;
  raisedAt: Date;
  /** What is escalated, in words: "Service request 5f0c… (P1) on INJ250-0009" or "Task 'Install…'". */
  subjectTitle: string;
}

const LEVEL_WORDS: Record<EscalationLevel, string> = { owner: 'owner', service_manager: 'service manager', head_of_service: 'head of service' };
const TRIGGER_WORDS: Record<string, string> = {
  at_risk: 'at risk',
  breached: 'breached',
  breach_unresolved: 'breached and still not met',
  overdue: 'overdue',
};
const TARGET_WORDS: Record<string, string> = { response: 'response target', resolution: 'resolution target', due_date: 'due date' };

export function composeNotification(escalation: EscalationFacts): { subject: string; body: string } {
  const what = `${TARGET_WORDS[escalation.target] ?? escalation.target} ${TRIGGER_WORDS[escalation.trigger] ?? escalation.trigger}`;
  return {
    subject: `[Escalation to ${LEVEL_WORDS[escalation.level]}] ${escalation.subjectTitle}: ${what}`,
    body: [
      `${escalation.subjectTitle} for customer ${escalation.customerId}: ${what}.`,
      escalation.reason,
      `Escalated to the ${LEVEL_WORDS[escalation.level]} at ${escalation.raisedAt.toISOString()}.`,
    ].join('\n'),
  };
}
