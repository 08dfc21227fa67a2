/** The five services `npm start` runs, with their fixed ports and databases (the same as docker-compose.yml). */
export interface ServiceDefinition {
  name: string;
  port: number;
  database: string;
}

export const SERVICES: readonly ServiceDefinition[] = [
  { name: 'service-commitments', port: 3001, database: 'serviceloop_commitments' },
  { name: 'scheduling', port: 3002, database: 'serviceloop_scheduling' },
  { name: 'field-execution', port: 3003, database: 'serviceloop_field_execution' },
  { name: 'billing', port: 3004, database: 'serviceloop_billing' },
  { name: 'analytics', port: 3005, database: 'serviceloop_analytics' },
];

/** The broker `npm start` runs (integration tests use their own on 19092). */
export const KAFKA_PORT = 9092;
export const KAFKA_BROKERS = `127.0.0.1:${KAFKA_PORT}`;

/** The local PostgreSQL server, without a database name; POSTGRES_URL overrides it (e.g. to add a password). */
export const POSTGRES_URL = (process.env.POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

export function databaseUrl(service: ServiceDefinition): string {
  return `${POSTGRES_URL}/${service.database}`;
}

export function baseUrl(service: ServiceDefinition): string {
  return `http://127.0.0.1:${service.port}`;
}
