export * from './database.js';
export * from './errors.js';
export * from './service-database.module.js';
export * from './insert-many.js';
