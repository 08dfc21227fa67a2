// The public surface of #contracts: the ERP integration contract and ServiceLoop's internal events.
export * from './topics.js';
export * from './envelope.js';
export * from './money.js';
export * from './dates.js';
export * from './contract-validators.js';
export * from './validation-reason.js';
export * from './event-catalog.js';
export * from './fixtures.js';
export * from './asyncapi.js';

export * from './events/sales-order-snapshot.js';
export * from './events/sales-order-created.v1.js';
export * from './events/sales-order-changed.v1.js';
export * from './events/sales-order-cancelled.v1.js';
export * from './events/machine-dispatched.v1.js';
export * from './events/parts-issued.v1.js';
export * from './events/invoice-requested.v1.js';
export * from './events/invoice-posted.v1.js';
export * from './events/invoice-rejected.v1.js';
export * from './events/invoice-cancelled.v1.js';
export * from './events/service-project-created.v1.js';
export * from './events/service-project-cancelled.v1.js';
export * from './events/commitment-cancelled.v1.js';

export { JSON_SCHEMA_DIALECT, type JsonSchema } from './schemas/schema-parts.js';
export * from './schemas/sales-order-created.v1.schema.js';
export * from './schemas/sales-order-changed.v1.schema.js';
export * from './schemas/sales-order-cancelled.v1.schema.js';
export * from './schemas/machine-dispatched.v1.schema.js';
export * from './schemas/parts-issued.v1.schema.js';
export * from './schemas/invoice-requested.v1.schema.js';
export * from './schemas/invoice-posted.v1.schema.js';
export * from './schemas/invoice-rejected.v1.schema.js';
export * from './schemas/invoice-cancelled.v1.schema.js';
export * from './schemas/service-project-created.v1.schema.js';
export * from './schemas/service-project-cancelled.v1.schema.js';
export * from './schemas/commitment-cancelled.v1.schema.js';
