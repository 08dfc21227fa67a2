import { applyLanesFromEnv, applyTogetherMaxFromEnv, commitIntervalFromEnv } from './messaging.options.js';

/** Each variable: its parser, its default, values it takes, values it refuses, and how the refusal reads. */
describe.each([
  {
    variable: 'KAFKA_APPLY_TOGETHER_MAX',
    parse: applyTogetherMaxFromEnv,
    byDefault: 250,
    takes: [['1', 1], ['500', 500]] as [string, number][],
    refuses: ['0', '-3', '2.5', 'many', '100000'],
    reason: /KAFKA_APPLY_TOGETHER_MAX must be a whole number from 1 to 99999/,
  },
  {
    variable: 'KAFKA_APPLY_LANES',
    parse: applyLanesFromEnv,
    byDefault: 2,
    takes: [['1', 1], ['6', 6]] as [string, number][],
    refuses: ['0', '7', '1.5', 'two', '-2'],
    reason: /KAFKA_APPLY_LANES must be a whole number from 1 to 6/,
  },
  {
    variable: 'KAFKA_COMMIT_INTERVAL_MS',
    parse: commitIntervalFromEnv,
    byDefault: 200,
    takes: [['0', 0], ['10000', 10_000]] as [string, number][],
    refuses: ['-1', '10001', '1.5', 'soon', '200ms'],
    reason: /KAFKA_COMMIT_INTERVAL_MS must be a whole number of milliseconds from 0 to 10000/,
  },
])('$variable', ({ variable, parse, byDefault, takes, refuses, reason }) => {
  it(`defaults to ${byDefault} when unset or empty`, () => {
    expect(parse({})).toBe(byDefault);
    expect(parse({ [variable]: '' })).toBe(byDefault);
  });

  it.each(takes)('takes %s', (raw, value) => {
    expect(parse({ [variable]: raw })).toBe(value);
  });

  it.each(refuses)('refuses %s, naming the variable', (raw) => {
    expect(() => parse({ [variable]: raw })).toThrow(reason);
  });
});
