/**
 * deploy/monitoring must alert on what the services really expose: every alert's
 * expression parses as PromQL, names only metrics the code defines, keeps the
 * labels its annotations print, and has a severity, a summary, a description and
 * its own runbook in deploy/README.md; the PodMonitor scrapes the pods of every
 * Deployment in deploy/k8s on their `http` port, under the job the alerts select.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parseAllDocuments } from 'yaml';
import { alertRules, familyOf, metricsIn, monitoringObjects, promqlSyntaxError, resultLabels } from './monitoring-rules.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rules = alertRules();

/** The metrics the code defines (prom-client `name: 'serviceloop_…'`, the database gauges) and their types. */
async function definedMetrics(): Promise<{ names: Set<string>; histograms: Set<string> }> {
  const names = new Set<string>();
  const histograms = new Set<string>();
  for (const dir of ['apps', 'libs']) {
    for (const file of readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.spec.ts') || file.includes('node_modules')) continue;
      const source = readFileSync(path.join(ROOT, dir, file), 'utf8');
      for (const m of source.matchAll(/new (Counter|Gauge|Histogram|Summary)(?:<[^>]*>)?\(\{\s*name: '(serviceloop_\w+)'/g)) {
        names.add(m[2]);
        if (m[1] === 'Histogram') histograms.add(m[2]);
      }
      for (const m of source.matchAll(/fromDatabase\(\s*'(serviceloop_\w+)'/g)) names.add(m[1]);
    }
  }
  // The process and Node.js metrics every service registers with this prefix (libs/platform/src/metrics.ts).
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'serviceloop_' });
  for (const metric of await registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram') histograms.add(metric.name);
  }
  return { names, histograms };
}

/** GitHub's anchor of a Markdown heading. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');

describe('deploy/monitoring', () => {
  it('has alerts, each named once', () => {
    expect(rules.length).toBeGreaterThanOrEqual(10);
    const names = rules.map((r) => r.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^ServiceLoop[A-Z]\w+$/);
  });

  it.each(rules.map((r) => [r.alert, r] as const))('%s parses as PromQL and says how severe it is, for how long and why', (_name, rule) => {
    expect(promqlSyntaxError(rule.expr)).toBeNull();
    expect(rule.for).toMatch(/^\d+[smh]$/);
    expect(['critical', 'warning']).toContain(rule.labels?.severity);
    expect(rule.annotations?.summary?.length).toBeGreaterThan(10);
    expect(rule.annotations?.description?.length).toBeGreaterThan(20);
  });

  it('names only metrics the services define (or Prometheus’ own `up`)', async () => {
    const { names, histograms } = await definedMetrics();
    const unknown = rules.flatMap((rule) =>
      metricsIn(rule.expr)
        .filter((metric) => metric !== 'up' && !names.has(familyOf(metric, histograms)))
        .map((metric) => `${rule.alert}: ${metric}`),
    );
    expect(unknown).toEqual([]);
    // Each alert selects something (a typo in a name would have shown above, an empty expression here).
    for (const rule of rules) expect(metricsIn(rule.expr).length).toBeGreaterThan(0);
  });

  it('keeps every label its annotations print', () => {
    const missing = rules.flatMap((rule) => {
      const kept = resultLabels(rule.expr);
      if (kept === null) return []; // a bare selector keeps all of the series' labels
      const printed = Object.values(rule.annotations ?? {}).flatMap((text) => [...text.matchAll(/\$labels\.(\w+)/g)].map((m) => m[1]));
      return printed.filter((label) => !kept.has(label)).map((label) => `${rule.alert}: $labels.${label} (keeps ${[...kept].join(', ')})`);
    });
    expect(missing).toEqual([]);
  });

  it('gives every alert its own runbook in deploy/README.md', () => {
    const readme = readFileSync(path.join(ROOT, 'deploy/README.md'), 'utf8');
    const headings = new Map([...readme.matchAll(/^#{2,4} (.+)$/gm)].map((m) => [anchorOf(m[1]), m[1].trim()]));
    for (const rule of rules) {
      const runbook = rule.annotations?.runbook ?? '';
      expect({ alert: rule.alert, runbook }).toEqual({ alert: rule.alert, runbook: `deploy/README.md#${anchorOf(rule.alert)}` });
      expect(headings.get(anchorOf(rule.alert))).toBe(rule.alert);
    }
  });

  it("scrapes every Deployment's pods on their http port, as the job the alerts select", () => {
    const podMonitor = monitoringObjects().find((o) => o.kind === 'PodMonitor')!;
    expect(podMonitor).toBeDefined();
    const deployments = readdirSync(path.join(ROOT, 'deploy/k8s'))
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => parseAllDocuments(readFileSync(path.join(ROOT, 'deploy/k8s', f), 'utf8')).map((d) => d.toJS()))
      .filter((o) => o?.kind === 'Deployment');
    const apps = readdirSync(path.join(ROOT, 'apps'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(apps.sort());
    const selector: Record<string, string> = podMonitor.spec.selector.matchLabels;
    const endpoint = podMonitor.spec.podMetricsEndpoints[0];
    expect(endpoint).toMatchObject({ port: 'http', path: '/metrics' });
    const jobs = new Set<string>();
    for (const deployment of deployments) {
      const pod = deployment.spec.template;
      expect({ deployment: deployment.metadata.name, labels: pod.metadata.labels }).toEqual({ deployment: deployment.metadata.name, labels: expect.objectContaining(selector) });
      expect(pod.spec.containers[0].ports.map((p: { name: string }) => p.name)).toContain('http');
      jobs.add(pod.metadata.labels[podMonitor.spec.jobLabel]);
    }
    // The alert on targets that do not answer selects that job.
    expect([...jobs]).toEqual(['serviceloop']);
    const targetDown = rules.find((r) => r.alert === 'ServiceLoopTargetDown')!;
    expect(targetDown.expr).toContain('up{job="serviceloop"}');
  });
});

describe('the PromQL reading the checks above rely on', () => {
  it('finds the metrics an expression selects, not its functions or labels', () => {
    expect(metricsIn('sum by (topic) (rate(a_total[5m])) > 0 and up{job="x"} == 0 or histogram_quantile(0.9, b_bucket) > time() - c').sort()).toEqual(['a_total', 'b_bucket', 'c', 'up']);
  });

  it('tells a broken expression', () => {
    expect(promqlSyntaxError('max(serviceloop_consumer_lag > 1')).toMatch(/syntax error/);
    expect(promqlSyntaxError('sum by (topic) (rate(x[5m])) > 0')).toBeNull();
  });

  it('tells which labels a result keeps', () => {
    expect(resultLabels('sum by (a, b) (max by (a, b, c) (x)) > 5')).toEqual(new Set(['a', 'b']));
    expect(resultLabels('time() - max by (pod) (y) > 300')).toEqual(new Set(['pod']));
    expect(resultLabels('(sum by (a) (x) > 0) unless (sum by (a, b) (rate(y[5m])) > 0)')).toEqual(new Set(['a']));
    expect(resultLabels('histogram_quantile(0.99, sum by (service, le) (rate(h_bucket[5m]))) > 1')).toEqual(new Set(['service']));
    expect(resultLabels('sum by (a, b) ((x unless (x offset 15m)) or increase(x[15m])) > 0')).toEqual(new Set(['a', 'b']));
    expect(resultLabels('up{job="x"} == 0')).toBeNull();
  });

  it('finds a metric name misspelt in an alert', async () => {
    expect(familyOf('serviceloop_http_request_duration_seconds_bucket', new Set(['serviceloop_http_request_duration_seconds']))).toBe('serviceloop_http_request_duration_seconds');
    expect(familyOf('serviceloop_outbox_backlog_count', new Set(['serviceloop_http_request_duration_seconds']))).toBe('serviceloop_outbox_backlog_count');
  });
});
