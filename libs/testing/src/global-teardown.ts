import { stopTestInfrastructure } from './infrastructure.js';

export default async function globalTeardown(): Promise<void> {
  await stopTestInfrastructure();
}
