import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EscalationEntity } from './escalation.entity.js';
import { NotificationDelivery } from './notification-delivery.js';
import type { NotificationEntity } from './notification.entity.js';

const escalation = {
  id: '7d0c5a4e-0000-4000-8000-000000000001',
  subjectKind: 'service_request',
  subjectId: '7d0c5a4e-0000-4000-8000-000000000002',
  customerId: 'C-1007',
  level: 'service_manager',
  target: 'response',
  trigger: 'breached',
  reason: 'Response target of 8 working hours breached at 2027-01-05 10:00 Asia/Kolkata',
  recipient: 'sm@example.test',
  raisedAt: new Date('2027-01-05T05:00:00Z'),
} as EscalationEntity;

const notification = (destination: string) =>
  ({
    id: '7d0c5a4e-0000-4000-8000-000000000003',
    escalationId: escalation.id,
    recipient: 'sm@example.test',
    channel: 'webhook',
    destination,
    subject: '[Escalation to service manager] …',
    body: '…',
    status: 'pending',
    attempts: 0,
  }) as NotificationEntity;

describe('delivering a webhook notification', () => {
  let server: Server;
  let url: string;
  let answer = 204;
  const received: { headers: Record<string, unknown>; body: unknown }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(body) });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('POSTs the notification and the escalation as JSON, keyed for idempotency by the notification id', async () => {
    answer = 204;
    await expect(new NotificationDelivery().deliver(notification(url), escalation)).resolves.toEqual({ ok: true });
    const [call] = received.splice(0);
    expect(call.headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': '7d0c5a4e-0000-4000-8000-000000000003' });
    expect(call.body).toEqual({
      notificationId: '7d0c5a4e-0000-4000-8000-000000000003',
      recipient: 'sm@example.test',
      subject: '[Escalation to service manager] …',
      body: '…',
      escalation: {
        id: escalation.id,
        subject: { kind: 'service_request', id: escalation.subjectId },
        customerId: 'C-1007',
        level: 'service_manager',
        target: 'response',
        trigger: 'breached',
        reason: escalation.reason,
        raisedAt: '2027-01-05T05:00:00.000Z',
      },
    });
  });

  it('reports an error status as a failed attempt', async () => {
    answer = 502;
    await expect(new NotificationDelivery().deliver(notification(url), escalation)).resolves.toEqual({ ok: false, error: 'webhook answered HTTP 502 Bad Gateway' });
  });

  it('reports an unreachable webhook as a failed attempt', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await new NotificationDelivery().deliver(notification(`http://127.0.0.1:${port}/hook`), escalation);
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/^webhook not reached: .*ECONNREFUSED/) });
  });

  it('does not send what is not a webhook', async () => {
    const email = { ...notification('sm@example.test'), channel: 'email' } as NotificationEntity;
    await expect(new NotificationDelivery().deliver(email, escalation)).resolves.toEqual({ ok: false, error: 'email notifications are not sent by this service' });
  });
});
