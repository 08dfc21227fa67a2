import { Injectable } from '@nestjs/common';
import type { EscalationEntity } from './escalation.entity.js';
import type { NotificationEntity } from './notification.entity.js';

/** A webhook that does not answer within this time counts as a failed attempt. */
const WEBHOOK_TIMEOUT_MS = 10_000;

export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

/**
 * Sends a notification over its channel. Only webhooks are sent from here: an
 * e-mail needs an SMTP relay this service does not have, and a record is complete
 * when it is written.
 */
@Injectable()
export class NotificationDelivery {
  async deliver(notification: NotificationEntity, escalation: EscalationEntity): Promise<DeliveryOutcome> {
    if (notification.channel !== 'webhook') return { ok: false, error: `${notification.channel} notifications are not sent by this service` };
    try {
      const response = await fetch(notification.destination, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': notification.id },
        body: JSON.stringify(webhookPayload(notification, escalation)),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        redirect: 'error',
      });
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? { ok: true } : { ok: false, error: `webhook answered HTTP ${response.status} ${response.statusText}`.trim() };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message;
      return { ok: false, error: `webhook not reached: ${(error as Error).message}${detail ? ` (${detail})` : ''}` };
    }
  }
}

/** What the webhook receives: the notification's words and the escalation as data. */
export function webhookPayload(notification: NotificationEntity, escalation: EscalationEntity) {
  return {
    notificationId: notification.id,
    recipient: notification.recipient,
    subject: notification.subject,
    body: notification.body,
    escalation: {
      id: escalation.id,
      subject: { kind: escalation.subjectKind, id: escalation.subjectId },
      customerId: escalation.customerId,
      level: escalation.level,
      target: escalation.target,
      trigger: escalation.trigger,
      reason: escalation.reason,
      raisedAt: escalation.raisedAt.toISOString(),
    },
  };
}
