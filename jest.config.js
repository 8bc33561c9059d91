/**
 * One jest project per subgraph (type-graphql keeps its metadata globally), plus unit and end-to-end.
 * Every project names the same global setup and teardown, which jest runs once per run: a temporary
 * folder for the run, removed at the end, and the demo databases seeded once and copied for each
 * test hub (test/template.ts).
 */
const project = (displayName, roots, extra = {}) => ({
  displayName,
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots,
  testMatch: ['**/*.test.ts'],
  setupFiles: ['reflect-metadata'],
  // The contract and the kit are tested from their sources (ts-jest), one instance each for subgraph code and tests alike.
  moduleNameMapper: {
    '^@zjjt/contract$': '<rootDir>/contract/src',
    '^@zjjt/kit$': '<rootDir>/subgraphs/kit/src',
    '^@zjjt/kit/testing$': '<rootDir>/subgraphs/kit/src/testing',
    '^@zjjt/demo$': '<rootDir>/demo/src',
  },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  ...extra,
});

module.exports = {
  projects: [
    project('contract', ['<rootDir>/contract/test']),
    project('kit', ['<rootDir>/subgraphs/kit/test']),
    project('demo', ['<rootDir>/demo/test']),
    project('members', ['<rootDir>/subgraphs/members/test']),
    project('resources', ['<rootDir>/subgraphs/resources/test']),
    project('bases', ['<rootDir>/subgraphs/bases/test']),
    project('statistics', ['<rootDir>/subgraphs/statistics/test']),
    project('e2e', ['<rootDir>/test']),
  ],
  testTimeout: 60000,
};
