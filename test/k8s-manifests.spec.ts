/**
 * deploy/k8s must run every service under apps/ the way the code expects: for
 * each, a Deployment with liveness/readiness probes on the paths the platform
 * serves, resource limits, secrets only through Secret references, a Service on
 * the documented port and a HorizontalPodAutoscaler that never outgrows the
 * partitions of the topics the service consumes (kafka-topics.yaml).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { dlqTopicOf, Topics } from '#contracts';
import { SERVICES } from '../scripts/start-lib/services.js';
import { loadEscalationConfig } from '../apps/service-commitments/src/escalations/escalation.config.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const K8S = path.join(ROOT, 'deploy/k8s');

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string> };

const files = readdirSync(K8S).filter((f) => f.endsWith('.yaml'));
const objects: Obj[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(K8S, file), 'utf8')).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    return doc.toJS() as Obj;
  }).filter(Boolean),
);
const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const apps = readdirSync(path.join(ROOT, 'apps'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** topic → partitions, from the kafka-topics ConfigMap the topic Job reads. */
const partitions = new Map(
  (find('ConfigMap', 'serviceloop-kafka-topics')?.data?.['topics.txt'] ?? '')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length === 2)
    .map(([topic, count]) => [topic, Number(count)] as const),
);

/**
 * The topics an app's code subscribes to: `consumes: [Topics.x, ...]` given to
 * MessagingModule, or a `*_TOPICS = [...]` list of its own consumer (analytics).
 */
function consumedInCode(app: string): string[] {
  const sources = readdirSync(path.join(ROOT, 'apps', app, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => readFileSync(path.join(ROOT, 'apps', app, 'src', file), 'utf8'));
  const topics = new Set<string>();
  for (const source of sources) {
    for (const list of source.matchAll(/(?:consumes:\s*\[|_TOPICS\b[^=\n]*=\s*(?:Object\.freeze\()?\[)([^\]]*)\]/g)) {
      for (const ref of list[1].matchAll(/Topics\.(\w+)/g)) topics.add(Topics[ref[1] as keyof typeof Topics]);
    }
  }
  return [...topics].sort();
}

describe('deploy/k8s', () => {
  it('every manifest is in the kustomization and in the serviceloop namespace', () => {
    const kustomization = objects.find((o) => o.kind === 'Kustomization') as unknown as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => f !== 'kustomization.yaml').sort());
    for (const o of objects.filter((o) => o.kind !== 'Kustomization' && o.kind !== 'Namespace')) expect([o.kind, o.metadata.name, o.metadata.namespace]).toEqual([o.kind, o.metadata.name, 'serviceloop']);
  });

  it('has no Secret objects and no literal secret values: secrets only from the environment through Secret refs', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const config = find('ConfigMap', 'serviceloop-config')!;
    expect(Object.keys(config.data!).filter((k) => /SECRET|PASSWORD|USERNAME|DATABASE_URL/.test(k))).toEqual([]);
  });

  it('tells people of escalations: every level goes to a notifier, not only to the record', () => {
    const escalation = loadEscalationConfig(find('ConfigMap', 'serviceloop-config')!.data!);
    expect(Object.values(escalation.channels)).toEqual(['webhook', 'webhook', 'webhook']);
    expect(escalation.webhookUrl).toMatch(/^https?:\/\//);
    expect(Object.values(escalation.recipients).every((r) => !r.endsWith('@serviceloop.local'))).toBe(true);
  });

  it('creates every contract topic and its dead-letter topic with partitions for several instances', () => {
    for (const topic of Object.values(Topics)) {
      expect([topic, partitions.get(topic)]).toEqual([topic, expect.any(Number)]);
      expect([dlqTopicOf(topic), partitions.get(dlqTopicOf(topic))]).toEqual([dlqTopicOf(topic), expect.any(Number)]);
      expect(partitions.get(topic)!).toBeGreaterThanOrEqual(6);
    }
    const job = find('Job', 'serviceloop-kafka-topics')!;
    expect(job.spec.template.spec.volumes).toContainEqual({ name: 'topics', configMap: { name: 'serviceloop-kafka-topics' } });
  });

  describe.each(apps)('%s', (app) => {
    const documented = SERVICES.find((s) => s.name === app);
    const deployment = find('Deployment', app);
    const service = find('Service', app);
    const hpa = find('HorizontalPodAutoscaler', app);
    const container = deployment?.spec.template.spec.containers.find((c: { name: string }) => c.name === app);

    it('has a Deployment, a Service and a HorizontalPodAutoscaler', () => {
      expect(documented).toBeDefined();
      expect(deployment).toBeDefined();
      expect(service).toBeDefined();
      expect(hpa).toBeDefined();
      expect(deployment!.spec.selector.matchLabels).toEqual(service!.spec.selector);
      expect(deployment!.spec.template.metadata.labels).toMatchObject(deployment!.spec.selector.matchLabels);
    });

    it('listens, is served and is probed on its documented port; probes on /health/live and /health/ready', () => {
      const port = documented!.port;
      const named = container.ports.find((p: { name: string }) => p.name === 'http');
      expect(named.containerPort).toBe(port);
      expect(container.env).toContainEqual({ name: 'HTTP_PORT', value: String(port) });
      expect(container.env).toContainEqual({ name: 'HTTP_HOST', value: '0.0.0.0' });
      expect(service!.spec.ports).toEqual([expect.objectContaining({ port, targetPort: 'http' })]);
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(deployment!.spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/port': String(port), 'prometheus.io/path': '/metrics' });
    });

    it('keeps an instance through node drains (PodDisruptionBudget)', () => {
      const budget = find('PodDisruptionBudget', app);
      expect(budget?.spec.selector.matchLabels).toEqual(deployment!.spec.selector.matchLabels);
      expect(budget!.spec.minAvailable).toBeGreaterThanOrEqual(1);
      expect(budget!.spec.minAvailable).toBeLessThan(hpa!.spec.minReplicas);
    });

    it('sets resource requests and limits', () => {
      expect(container.resources.requests).toEqual({ cpu: expect.anything(), memory: expect.anything() });
      expect(container.resources.limits).toEqual({ cpu: expect.anything(), memory: expect.anything() });
    });

    it('takes its database URL and credentials from Secret references only', () => {
      const env = container.env as { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string } } }[];
      for (const variable of env.filter((e) => /SECRET|PASSWORD|USERNAME|DATABASE_URL/.test(e.name))) {
        expect([variable.name, variable.value, variable.valueFrom?.secretKeyRef?.name]).toEqual([variable.name, undefined, 'serviceloop-secrets']);
      }
      expect(env.map((e) => e.name)).toEqual(expect.arrayContaining(['DATABASE_URL', 'AUTH_JWT_SECRET', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']));
      expect(container.envFrom).toContainEqual({ configMapRef: { name: 'serviceloop-config' } });
    });

    it('scales on its own: its HPA targets it and stays within the partitions of every topic it consumes', () => {
      expect(hpa!.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: app });
      expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(1);
      const consumes = (deployment!.metadata.annotations?.['serviceloop.io/consumes'] ?? '').split(',').filter(Boolean);
      expect(consumes.length).toBeGreaterThan(0);
      for (const topic of consumes) {
        expect([topic, partitions.has(topic)]).toEqual([topic, true]);
        expect(hpa!.spec.maxReplicas).toBeLessThanOrEqual(partitions.get(topic)!);
      }
      expect(container.env).toContainEqual({ name: 'KAFKA_CONSUMER_GROUP', value: `serviceloop.${app}` });
    });

    it('consumes, per its annotation, exactly the topics its code subscribes to', () => {
      const annotated = (deployment!.metadata.annotations?.['serviceloop.io/consumes'] ?? '').split(',').filter(Boolean);
      expect([...annotated].sort()).toEqual(consumedInCode(app));
    });
  });
});
