export * from './infrastructure.js';
export * from './eventually.js';
export * from './tcp-proxy.js';
export * from './test-kafka.js';
export * from './test-service.js';
export * from './service-process.js';
export * from './schema-check.js';
export * from './test-auth.js';
