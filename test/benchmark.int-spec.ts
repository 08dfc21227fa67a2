import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT, testInfrastructure } from '#testing';

/**
 * The README's benchmark command runs on a fresh clone and prints what the issue asks of it: a small run of
 * `node dist/bench/order-chain.bench.js` (built by `npm test`) on the test run's broker. Its figures are not judged
 * here (speed is the benchmark's to print, never a test's to assert); that every order and visit went through the
 * whole chain, and that each figure is printed, is.
 */
describe('order chain benchmark (README: Faults and load)', () => {
  let output: string;

  beforeAll(async () => {
    const infra = testInfrastructure();
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/bench/order-chain.bench.js', '40', '50', '2', '20', '20'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 170_000,
      maxBuffer: 4 * 1024 * 1024,
      env: {
        ...process.env,
        BENCH_KAFKA_BROKERS: infra.kafkaBrokers,
        BENCH_POSTGRES_URL: infra.postgresUrl,
        BENCH_WARMUP_ORDERS: '0',
        BENCH_DISPATCH_BURST: '10',
      },
    });
    output = stdout;
  }, 180_000);

  const figure = (line: RegExp): number => {
    const match = output.match(line);
    if (!match) throw new Error(`not printed: ${line}\n${output}`);
    return Number(match[1]);
  };

  it('prints the baseline and the intake beside it, with the rows each order became', () => {
    expect(figure(/^baseline: bare kafkajs consumer, batched INSERTs into PostgreSQL: (\d+) orders\/s$/m)).toBeGreaterThan(0);
    expect(figure(/^intake from a backlog of 40 orders: (\d+) orders\/s \([\d.]+% of the baseline; target ≥ 50%\)$/m)).toBeGreaterThan(0);
    // The contract's example order has six service lines: each order became a whole project, copied downstream.
    expect(output).toMatch(/service-commitments +21\.0: order_line 6, commitment 6, task 6, outbox_event 1, processed_event 1, service_project 1/);
    expect(output).toMatch(/field-execution +2\.0: processed_event 1, project_copy 1/);
    expect(output).toMatch(/billing +8\.0: billing_commitment 6, processed_event 1, billing_project 1/);
  });

  it('prints latency percentiles from ERP order to project for every order offered, at both rates', () => {
    const projectVisible = [...output.matchAll(/ERP order → project visible \(psa\.service-project\.created\.v1 on its topic\): p50 \d+ ms, p95 \d+ ms, p99 (\d+) ms, max \d+ ms \(n=(\d+)\)/g)];
    expect(projectVisible.map((m) => Number(m[2]))).toEqual([40, 20]);
    expect(output).toMatch(/^at 50\/s: 40 orders offered at \d+\/s; sustained \d+ orders\/s$/m);
  });

  it('prints visit completed → invoice request for every visit', () => {
    expect(output).toMatch(/visit completed → invoice request emitted \(finance approving at once\): p50 \d+ ms, p95 \d+ ms, p99 \d+ ms, max \d+ ms \(n=2\)/);
    expect(output).toMatch(/the burst applied by every service in [\d.]+ s/);
  });

  it("prints each service's resident memory under load", () => {
    for (const service of ['service-commitments', 'field-execution', 'billing']) {
      expect(figure(new RegExp(`^  ${service} +(\\d+) MiB$`, 'm'))).toBeGreaterThan(0);
    }
  });

  it('prints the rows floor and the chain floor beside the baseline', () => {
    expect(figure(/^rows floor \(one array per column, as the services write\): the chain's 31\.0 rows per order .*: (\d+) orders\/s/m)).toBeGreaterThan(0);
    expect(figure(/^rows floor \(multi-row VALUES, as the baseline writes\): the chain's 31\.0 rows per order .*: (\d+) orders\/s/m)).toBeGreaterThan(0);
    expect(figure(/^chain floor \(.*7 rows per order\): (\d+) orders\/s to the last announcement/m)).toBeGreaterThan(0);
    expect(figure(/^  its first stage alone \(nothing downstream; 3 rows per order\): (\d+) orders\/s/m)).toBeGreaterThan(0);
  });
});
