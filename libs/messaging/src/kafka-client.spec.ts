import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, kafkaConfigFromEnv, loadServiceConfig } from '#platform';
import { kafkaClientOptions } from './kafka-client.js';

const DEFAULTS = { serviceName: 'scheduling', httpPort: 3002, databaseName: 'serviceloop_scheduling' };
const caDir = mkdtempSync(join(tmpdir(), 'kafka-ca-'));
const caFile = join(caDir, 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

describe('Kafka SASL/SCRAM and TLS: environment → config → kafkajs options', () => {
  it('plaintext by default: no sasl, no ssl', () => {
    const options = kafkaClientOptions(kafkaConfigFromEnv({ KAFKA_BROKERS: 'k1:9092,k2:9092' }, 'scheduling'));
    expect(options).toMatchObject({ clientId: 'scheduling', brokers: ['k1:9092', 'k2:9092'] });
    expect(options.sasl).toBeUndefined();
    expect(options.ssl).toBeUndefined();
  });

  it('SCRAM-SHA-512 over TLS with a CA file, read at boot by loadServiceConfig', () => {
    const config = loadServiceConfig(DEFAULTS, {
      KAFKA_BROKERS: 'broker-1.example.net:9096',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'serviceloop',
      KAFKA_SASL_PASSWORD: 's3cret',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: caFile,
    });
    expect(config.kafka).toEqual({
      brokers: ['broker-1.example.net:9096'],
      clientId: 'scheduling',
      sasl: { mechanism: 'scram-sha-512', username: 'serviceloop', password: 's3cret' },
      ssl: { caFile, rejectUnauthorized: true },
    });
    const options = kafkaClientOptions(config.kafka);
    expect(options.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'serviceloop', password: 's3cret' });
    expect(options.ssl).toEqual({ rejectUnauthorized: true, ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'] });
  });

  it('TLS without a CA file uses the system CAs; rejectUnauthorized can be turned off explicitly', () => {
    expect(kafkaClientOptions(kafkaConfigFromEnv({ KAFKA_SSL: 'true' }, 'x')).ssl).toEqual({ rejectUnauthorized: true });
    expect(kafkaClientOptions(kafkaConfigFromEnv({ KAFKA_SSL: 'true', KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' }, 'x')).ssl).toEqual({ rejectUnauthorized: false });
    expect(kafkaClientOptions(kafkaConfigFromEnv({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'x')).sasl).toEqual({
      mechanism: 'scram-sha-256',
      username: 'u',
      password: 'p',
    });
  });

  it.each([
    [{ KAFKA_SASL_MECHANISM: 'gssapi' }, 'KAFKA_SASL_MECHANISM'],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_USERNAME'],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' }, 'KAFKA_SASL_PASSWORD'],
    [{ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_USERNAME'],
    [{ KAFKA_SSL: 'yes' }, 'KAFKA_SSL'],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' }, 'KAFKA_SSL_CA_FILE'],
    [{ KAFKA_SSL_CA_FILE: caFile }, 'KAFKA_SSL_CA_FILE'],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_MECHANISM'],
    [{ KAFKA_BROKERS: 'broker-without-port' }, 'KAFKA_BROKERS'],
  ])('refuses %j at boot, naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadServiceConfig(DEFAULTS, env as Record<string, string>);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(new RegExp(`^Configuration error: ${variable} `));
  });
});

describe('HTTP limits from the environment', () => {
  it('defaults to a 1 MiB body limit and 50 requests/s with a burst of 100 per client', () => {
    expect(loadServiceConfig(DEFAULTS, {}).http).toEqual({ bodyLimitBytes: 1024 * 1024, rateLimit: { perSecond: 50, burst: 100 }, trustProxyHops: 0 });
    expect(loadServiceConfig(DEFAULTS, {}).kafkaMaxRecordBytes).toBe(1024 * 1024);
  });

  it('reads sizes and turns rate limiting off with 0', () => {
    expect(loadServiceConfig(DEFAULTS, { HTTP_BODY_LIMIT: '256kb', HTTP_RATE_LIMIT_PER_SECOND: '0', HTTP_TRUST_PROXY: '1' }).http).toEqual({ bodyLimitBytes: 256 * 1024, rateLimit: null, trustProxyHops: 1 });
    expect(loadServiceConfig(DEFAULTS, { HTTP_RATE_LIMIT_PER_SECOND: '5', HTTP_RATE_LIMIT_BURST: '20' }).http.rateLimit).toEqual({ perSecond: 5, burst: 20 });
    expect(() => loadServiceConfig(DEFAULTS, { HTTP_BODY_LIMIT: 'lots' })).toThrow('Configuration error: HTTP_BODY_LIMIT must be a size');
    expect(() => loadServiceConfig(DEFAULTS, { HTTP_RATE_LIMIT_PER_SECOND: '10', HTTP_RATE_LIMIT_BURST: '5' })).toThrow(/HTTP_RATE_LIMIT_BURST/);
    expect(() => loadServiceConfig(DEFAULTS, { KAFKA_MAX_RECORD_BYTES: '1gb' })).toThrow(/KAFKA_MAX_RECORD_BYTES/);
  });
});
