import type { EscalationEntity } from '../escalation.entity.js';
import type { NotificationEntity } from '../notification.entity.js';

export interface EscalationView {
  id: string;
  subject: { kind: string; id: string };
  customerId: string;
  level: string;
  target: string;
  trigger: string;
  reason: string;
  /** Who was called in; left out for customers (internal addresses). */
  recipient?: string;
  raisedAt: string;
}

export interface NotificationView {
  id: string;
  escalationId: string;
  recipient: string;
  channel: string;
  destination: string;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export function toEscalationView(escalation: EscalationEntity, options: { withRecipient: boolean } = { withRecipient: true }): EscalationView {
  return {
    id: escalation.id,
    subject: { kind: escalation.subjectKind, id: escalation.subjectId },
    customerId: escalation.customerId,
    level: escalation.level,
    target: escalation.target,
    trigger: escalation.trigger,
    reason: escalation.reason,
    ...(options.withRecipient ? { recipient: escalation.recipient } : {}),
    raisedAt: escalation.raisedAt.toISOString(),
  };
}

export function toNotificationView(notification: NotificationEntity): NotificationView {
  return {
    id: notification.id,
    escalationId: notification.escalationId,
    recipient: notification.recipient,
    channel: notification.channel,
    destination: notification.destination,
    subject: notification.subject,
    body: notification.body,
    status: notification.status,
    attempts: notification.attempts,
    lastError: notification.lastError,
    createdAt: notification.createdAt.toISOString(),
    sentAt: notification.sentAt?.toISOString() ?? null,
  };
}
