export * from './config.js';
export * from './clock.js';
export * from './json-logger.js';
export * from './health.controller.js';
export * from './http.js';
export * from './platform.module.js';
export * from './bootstrap.js';
export * from './event-transport.js';
