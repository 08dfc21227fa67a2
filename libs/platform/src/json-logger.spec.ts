import { withCorrelationId } from './correlation.js';
import { JsonLogger } from './json-logger.js';

function captured(run: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => {
    lines.push(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    run();
  } finally {
    process.stdout.write = write;
  }
  return lines.map((line) => JSON.parse(line));
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with the correlation id of the work in hand', () => {
    const logger = new JsonLogger('scheduling');
    const [inside, outside] = captured(() => {
      withCorrelationId('corr-42', () => logger.log({ msg: 'booked', taskId: 'T-1' }, 'AssignmentService'));
      logger.warn('no context');
    });
    expect(inside).toMatchObject({ level: 'log', service: 'scheduling', context: 'AssignmentService', correlationId: 'corr-42', msg: 'booked', taskId: 'T-1' });
    expect(outside).toMatchObject({ level: 'warn', msg: 'no context' });
    expect(outside).not.toHaveProperty('correlationId');
  });
});
