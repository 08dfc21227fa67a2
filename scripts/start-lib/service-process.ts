import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ServiceDefinition } from './services.js';

const KEPT_LINES = 40;

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One service running as `node dist/apps/<name>/src/main.js`, its output prefixed and its last lines kept. */
export class ServiceProcess {
  readonly exited: Promise<ExitStatus>;
  private readonly recent: string[] = [];
  private exitStatus?: ExitStatus;

  private constructor(
    readonly service: ServiceDefinition,
    private readonly child: ChildProcess,
    prefix: (line: string) => string,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        resolve(this.exitStatus);
      });
      child.once('error', (error) => {
        this.keep(`failed to start: ${error.message}`);
        this.exitStatus = { code: -1, signal: null };
        resolve(this.exitStatus);
      });
    });
    this.relay(child.stdout!, process.stdout, prefix);
    this.relay(child.stderr!, process.stderr, prefix);
  }

  static start(service: ServiceDefinition, root: string, env: NodeJS.ProcessEnv, prefix: (line: string) => string): ServiceProcess {
    const main = path.join(root, 'dist', 'apps', service.name, 'src', 'main.js');
    const child = spawn(process.execPath, [main], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    return new ServiceProcess(service, child, prefix);
  }

  get running(): boolean {
    return this.exitStatus === undefined;
  }

  describeExit(): string {
    const status = this.exitStatus;
    if (!status) return 'running';
    return status.signal ? `killed by ${status.signal}` : `exited with code ${status.code}`;
  }

  lastLines(): string[] {
    return [...this.recent];
  }

  /** SIGTERM, then SIGKILL when it has not exited within `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, graceMs, 'timeout').unref());
    if ((await Promise.race([this.exited, timer])) === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  private relay(from: NodeJS.ReadableStream, to: NodeJS.WritableStream, prefix: (line: string) => string): void {
    createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
      this.keep(line);
      to.write(`${prefix(line)}\n`);
    });
  }

  private keep(line: string): void {
    this.recent.push(line);
    if (this.recent.length > KEPT_LINES) this.recent.shift();
  }
}
