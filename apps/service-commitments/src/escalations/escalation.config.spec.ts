import { loadEscalationConfig } from './escalation.config.js';

describe('escalation configuration', () => {
  it('records every level every minute by default, to the service desk and managers', () => {
    expect(loadEscalationConfig({})).toEqual({
      evaluationIntervalMs: 60_000,
      recipients: {
        serviceDesk: 'service-desk@serviceloop.local',
        serviceManager: 'service-manager@serviceloop.local',
        headOfService: 'head-of-service@serviceloop.local',
      },
      channels: { owner: 'record', service_manager: 'record', head_of_service: 'record' },
      webhookUrl: null,
    });
  });

  it('takes one channel for all levels, or one per level', () => {
    const hook = { ESCALATION_WEBHOOK_URL: 'https://hooks.example.test/sla' };
    expect(loadEscalationConfig({ ...hook, ESCALATION_CHANNEL: 'webhook' }).channels).toEqual({ owner: 'webhook', service_manager: 'webhook', head_of_service: 'webhook' });
    expect(loadEscalationConfig({ ...hook, ESCALATION_CHANNEL: 'service_manager=email, head_of_service=webhook' }).channels).toEqual({
      owner: 'record',
      service_manager: 'email',
      head_of_service: 'webhook',
    });
  });

  it('reads recipients and the interval; 0 turns the background run off', () => {
    const config = loadEscalationConfig({ SLA_EVALUATION_INTERVAL_MS: '0', ESCALATION_SERVICE_MANAGER: 'sm@plant.example', ESCALATION_HEAD_OF_SERVICE: 'hos@plant.example' });
    expect(config.evaluationIntervalMs).toBe(0);
    expect(config.recipients).toMatchObject({ serviceManager: 'sm@plant.example', headOfService: 'hos@plant.example' });
  });

  it.each([
    [{ ESCALATION_CHANNEL: 'sms' }, /ESCALATION_CHANNEL must be one of record, email, webhook/],
    [{ ESCALATION_CHANNEL: 'owner=sms' }, /ESCALATION_CHANNEL .*"owner=sms"/],
    [{ ESCALATION_CHANNEL: 'webhook' }, /ESCALATION_WEBHOOK_URL is required when ESCALATION_CHANNEL uses webhook/],
    [{ ESCALATION_WEBHOOK_URL: 'ftp://example.test' }, /ESCALATION_WEBHOOK_URL must be an http\(s\) URL/],
    [{ SLA_EVALUATION_INTERVAL_MS: 'soon' }, /SLA_EVALUATION_INTERVAL_MS must be a whole number/],
    [{ SLA_EVALUATION_INTERVAL_MS: '10' }, /SLA_EVALUATION_INTERVAL_MS must be 0 \(off\) or at least 1000/],
    [{ ESCALATION_HEAD_OF_SERVICE: 'head of service' }, /ESCALATION_HEAD_OF_SERVICE must be one address/],
  ])('stops the service on %j, naming the variable', (env, message) => {
    expect(() => loadEscalationConfig(env)).toThrow(message);
  });
});
