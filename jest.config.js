/** One jest project per subgraph (type-graphql keeps its metadata globally), plus unit and end-to-end. */
const project = (displayName, roots, extra = {}) => ({
  displayName,
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots,
  testMatch: ['**/*.test.ts'],
  setupFiles: ['reflect-metadata'],
  ...extra,
});

module.exports = {
  projects: [
    project('kit', ['<rootDir>/subgraphs/kit/test']),
    project('members', ['<rootDir>/subgraphs/members/test']),
    project('resources', ['<rootDir>/subgraphs/resources/test']),
    project('bases', ['<rootDir>/subgraphs/bases/test']),
    project('statistics', ['<rootDir>/subgraphs/statistics/test']),
    // The demo databases are seeded once per run and copied for each test hub (test/template.ts).
    project('e2e', ['<rootDir>/test'], { globalSetup: '<rootDir>/test/setup/global-setup.ts', globalTeardown: '<rootDir>/test/setup/global-teardown.ts' }),
  ],
  testTimeout: 60000,
};
