import { composeNotification, initialDelivery, isDeliverable, MAX_DELIVERY_ATTEMPTS, routeEscalation, type RoutingSetup } from './escalation-routing.js';

const setup: RoutingSetup = {
  recipients: { serviceDesk: 'desk@example.test', serviceManager: 'manager@example.test', headOfService: 'head@example.test' },
  channels: { owner: 'record', service_manager: 'email', head_of_service: 'webhook' },
  webhookUrl: 'https://hooks.example.test/escalations',
};

describe('routing an escalation', () => {
  it("warns the work's owner, or the service desk when nobody owns it", () => {
    expect(routeEscalation('owner', 'engineer-17', setup)).toEqual({ recipient: 'engineer-17', channel: 'record', destination: 'engineer-17' });
    expect(routeEscalation('owner', null, setup).recipient).toBe('desk@example.test');
    expect(routeEscalation('owner', '  ', setup).recipient).toBe('desk@example.test');
  });

  it('calls in the managers by their configured addresses and channels', () => {
    expect(routeEscalation('service_manager', 'engineer-17', setup)).toEqual({ recipient: 'manager@example.test', channel: 'email', destination: 'manager@example.test' });
    expect(routeEscalation('head_of_service', null, setup)).toEqual({
      recipient: 'head@example.test',
      channel: 'webhook',
      destination: 'https://hooks.example.test/escalations',
    });
  });
});

describe('delivering a notification', () => {
  it('records at once, leaves e-mail pending without a relay, and sends webhooks after commit', () => {
    expect(initialDelivery('record')).toEqual({ status: 'recorded', lastError: null });
    expect(initialDelivery('email')).toEqual({ status: 'pending', lastError: 'no SMTP relay configured' });
    expect(initialDelivery('webhook')).toEqual({ status: 'pending', lastError: null });
  });

  it('tries a webhook again until it was attempted five times', () => {
    expect(isDeliverable({ channel: 'webhook', status: 'pending', attempts: 0 })).toBe(true);
    expect(isDeliverable({ channel: 'webhook', status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS - 1 })).toBe(true);
    expect(isDeliverable({ channel: 'webhook', status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS })).toBe(false);
    expect(isDeliverable({ channel: 'webhook', status: 'sent', attempts: 1 })).toBe(false);
    expect(isDeliverable({ channel: 'email', status: 'pending', attempts: 0 })).toBe(false);
    expect(isDeliverable({ channel: 'record', status: 'recorded', attempts: 0 })).toBe(false);
  });
});

describe('the words of a notification', () => {
  it('say who is called in, about what, why and when', () => {
    const message = composeNotification({
      level: 'head_of_service',
      target: 'response',
      trigger: 'breach_unresolved',
      reason: 'Response target of 8 working hours breached at 2027-01-05 10:00 Asia/Kolkata and still not met after 12 working hours 30 minutes',
      customerId: 'C-1007',
      raisedAt: new Date('2027-01-05T09:00:00Z'),
      subjectTitle: 'Service request (P2) on INJ250-0009',
    });
    expect(message.subject).toBe('[Escalation to head of service] Service request (P2) on INJ250-0009: response target breached and still not met');
    expect(message.body.split('\n')).toEqual([
      'Service request (P2) on INJ250-0009 for customer C-1007: response target breached and still not met.',
      'Response target of 8 working hours breached at 2027-01-05 10:00 Asia/Kolkata and still not met after 12 working hours 30 minutes',
      'Escalated to the head of service at 2027-01-05T09:00:00.000Z.',
    ]);
  });
});
