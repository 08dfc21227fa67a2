import { spawn } from 'node:child_process';
import path from 'node:path';
import { KAFKA_PORT } from './services.js';

/**
 * The development broker, through scripts/kafka.sh (a real single-node KRaft
 * Kafka run from Maven Central jars; the first start downloads them).
 */
export class KafkaBroker {
  constructor(private readonly root: string) {}

  async isRunning(): Promise<boolean> {
    return (await this.run('status', 'ignore')) === 0;
  }

  async start(): Promise<void> {
    const code = await this.run('start', 'inherit');
    if (code !== 0) throw new Error(`scripts/kafka.sh start exited with code ${code} (its log: .local/kafka-data/${KAFKA_PORT}/)`);
  }

  async stop(): Promise<void> {
    await this.run('stop', 'inherit');
  }

  private run(command: 'start' | 'stop' | 'status', stdio: 'inherit' | 'ignore'): Promise<number> {
    return new Promise((resolve, reject) => {
      const child = spawn('bash', [path.join(this.root, 'scripts', 'kafka.sh'), command], {
        cwd: this.root,
        env: { ...process.env, KAFKA_PORT: String(KAFKA_PORT) },
        stdio: ['ignore', stdio, stdio],
      });
      child.once('error', reject);
      child.once('exit', (code) => resolve(code ?? 1));
    });
  }
}
