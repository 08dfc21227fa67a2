import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BillableWork } from './billable-work.service.js';

const EVERY_MS = 60_000;

/** Makes contract instalments ready on the day they fall due (also done before every invoice request). */
@Injectable()
export class DueInstalments implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DueInstalments.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly work: BillableWork,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.promote(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async promote(): Promise<number> {
    try {
      return await this.dataSource.transaction((tx) => this.work.promoteDue(tx));
    } catch (error) {
      this.logger.warn({ msg: 'could not promote due instalments; will retry', error: (error as Error).message });
      return 0;
    }
  }
}
