import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { Controller, Get, Header, Inject, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { Public } from '#auth';
import { SERVICE_CONFIG, type ServiceConfig } from './config.js';

/**
 * This service's Prometheus registry. One per app (not prom-client's global one),
 * so several services can run in one process, as the tests do.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.registry.setDefaultLabels({ service: config.serviceName });
    collectDefaultMetrics({ register: this.registry, prefix: 'serviceloop_' });
    this.httpDuration = new Histogram({
      name: 'serviceloop_http_request_duration_seconds',
      help: 'HTTP request latency by route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    // What the memory alerts divide by: the heap V8 may grow to before the process dies, and the container's limit.
    // Both are fixed when the process starts: set once, not read again at every scrape.
    new Gauge({
      name: 'serviceloop_nodejs_heap_size_limit_bytes',
      help: "The most V8's heap may hold (heap_size_limit); past it the process ends with an out-of-memory error",
      registers: [this.registry],
    }).set(getHeapStatistics().heap_size_limit);
    const limit = containerMemoryLimit();
    new Gauge({
      name: 'serviceloop_memory_limit_bytes',
      help: "The memory limit of the process's container (cgroup memory.max); 0 when it has none",
      registers: [this.registry],
    }).set(limit ?? 0);
  }
}

/**
 * The memory limit of this process's cgroup (v2 `memory.max`, else v1 `memory.limit_in_bytes`),
 * or null when there is none: "max", a v1 "unlimited" of about 2^63, or no cgroup file at all.
 */
export function containerMemoryLimit(read: (file: string) => string = (file) => readFileSync(file, 'utf8')): number | null {
  for (const file of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    let text: string;
    try {
      text = read(file).trim();
    } catch {
      continue;
    }
    const bytes = Number(text);
    return Number.isSafeInteger(bytes) && bytes > 0 && bytes < 2 ** 60 ? bytes : null;
  }
  return null;
}

@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
