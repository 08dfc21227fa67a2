import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEV_ONLY_AUTH_JWT_SECRET } from '#auth';
import type { ServiceConfig } from '#platform';
import { REPO_ROOT } from './infrastructure.js';
import { eventually } from './eventually.js';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The environment of a service process for a test: the test config's database,
 * broker, topics and consumer group, a port, a short session timeout (a killed
 * instance's partitions move on quickly), no rate limit, the development secret.
 */
export function serviceProcessEnv(config: ServiceConfig, port: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: config.databaseUrl,
    KAFKA_BROKERS: config.kafka.brokers.join(','),
    KAFKA_TOPIC_PREFIX: config.topicPrefix,
    KAFKA_CONSUMER_GROUP: config.consumerGroup,
    KAFKA_TOPIC_PARTITIONS: String(config.topicPartitions),
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    HTTP_PORT: String(port),
    LOG_LEVEL: 'warn',
    HTTP_RATE_LIMIT_PER_SECOND: '0',
    AUTH_JWT_SECRET: DEV_ONLY_AUTH_JWT_SECRET,
    ...overrides,
  };
}

/**
 * A built service running as its own OS process, so a test can SIGKILL it
 * at an injected point and start it again.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly output: string[] = [];

  constructor(
    private readonly app: string,
    private readonly env: Record<string, string>,
  ) {}

  /** The OS process id while running (for memory readings). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get isRunning(): boolean {
    return !!this.child && this.child.exitCode === null && !this.child.signalCode;
  }

  get mainFile(): string {
    return path.join(REPO_ROOT, 'dist/apps', this.app, 'src/main.js');
  }

  start(extraEnv: Record<string, string> = {}): void {
    if (!existsSync(this.mainFile)) throw new Error(`${this.mainFile} is missing: build first (npm run build)`);
    // SERVICE_NODE_ARGS: extra node flags for the service (e.g. --cpu-prof, which NODE_OPTIONS refuses).
    const nodeArgs = (extraEnv.SERVICE_NODE_ARGS ?? this.env.SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, this.mainFile], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => this.output.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    this.child = child;
  }

  async waitForHealth(port: number, timeoutMs = 60_000): Promise<void> {
    await eventually(
      async () => {
        if (this.child?.exitCode !== null || this.child?.signalCode) throw new Error(`process ended: ${this.output.slice(-20).join('\n')}`);
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        return res.status === 200;
      },
      { timeoutMs, what: `${this.app} healthy` },
    );
  }

  waitForExit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exited ?? Promise.resolve({ code: null, signal: null });
  }

  /** SIGKILL: no shutdown hooks, no flushing; what was not committed is lost as in a crash. */
  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode) return;
    this.child.kill('SIGKILL');
    await this.waitForExit();
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 10_000);
    await this.waitForExit();
    clearTimeout(timer);
  }
}
