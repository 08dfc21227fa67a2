// Jest runs TypeScript as native ESM through @swc/jest (Nest 12 ships ESM only).
// `jest.mock` is not hoisted under ESM: tests inject fakes instead.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

const moduleNameMapper = {
  '^#auth$': '<rootDir>/libs/auth/src/index.ts',
  '^#contracts$': '<rootDir>/libs/contracts/src/index.ts',
  '^#messaging$': '<rootDir>/libs/messaging/src/index.ts',
  '^#persistence$': '<rootDir>/libs/persistence/src/index.ts',
  '^#platform$': '<rootDir>/libs/platform/src/index.ts',
  '^#testing$': '<rootDir>/libs/testing/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
};

export default {
  // Integration tests wait on real brokers and processes; their own waits are bounded.
  testTimeout: 180_000,
  // A worker (not --runInBand) is replaced after a test file once it holds more than this: ESM test
  // files' module graphs are not collected, so a long run in one process slows down under GC.
  workerIdleMemoryLimit: '1GB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/jest-global-setup.mjs',
      globalTeardown: '<rootDir>/libs/testing/jest-global-teardown.mjs',
    },
  ],
};
